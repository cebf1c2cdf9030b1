import { describe, expect, it } from '@jest/globals'
import { SafetyError, UsageError } from '../../src/errors.js'
import {
  guardCaller,
  principalMatches,
  resolveKept,
  type GroupLookup,
} from '../../src/engine/keep.js'
import type { AssignmentState, Principal } from '../../src/resources/permission-assignments.js'
import type { Observed } from '../../src/resources/resource.js'

function assignment(principal: Principal, permissions: string[]): Observed<AssignmentState> {
  return {
    id: principal.principal_id,
    name: principal.display_name ?? '',
    state: { principal, permissions },
    active: true,
    detail: '',
  }
}

const BIG = '9223372036854775001'
const assignments = [
  assignment({ principal_id: BIG, user_name: 'Ada@Example.com', display_name: 'Ada L' }, ['ADMIN']),
  assignment({ principal_id: '2', group_name: 'data-eng', display_name: 'data-eng' }, ['USER']),
  assignment({ principal_id: '3', service_principal_name: '9f0c-app', display_name: 'ci-bot' }, [
    'ADMIN',
  ]),
  assignment({ principal_id: '4', user_name: 'bob@example.com', display_name: 'Bob' }, ['USER']),
]
const noLookup: GroupLookup = async () => undefined

describe('lockout guard', () => {
  it('finds the caller by user name even when the SCIM id differs from the principal id', () => {
    const mine = guardCaller({ id: '999', userName: 'ada@example.com' }, assignments, '7')
    expect(mine.id).toBe(BIG)
  })

  it('finds a service principal caller by its application id', () => {
    expect(guardCaller({ id: '555', userName: '9F0C-APP' }, assignments, '7').id).toBe('3')
  })

  it('refuses a caller reaching the workspace only through a group, saying how to fix it', () => {
    expect(() =>
      guardCaller({ id: '77', userName: 'carol@example.com' }, assignments, '7'),
    ).toThrow(SafetyError)
    expect(() =>
      guardCaller({ id: '77', userName: 'carol@example.com' }, assignments, '7'),
    ).toThrow(/not directly assigned.*Assign carol@example.com directly to workspace 7 with ADMIN/)
  })

  it('refuses a caller assigned without ADMIN', () => {
    expect(() => guardCaller({ id: '4', userName: 'bob@example.com' }, assignments, '7')).toThrow(
      /without ADMIN/,
    )
  })
})

describe('kept principals', () => {
  it('match by id, user name (any case), group name, SP application id and display name', async () => {
    const { kept } = await resolveKept(
      [BIG, 'BOB@example.com', 'data-eng', '9f0c-app'],
      assignments,
      noLookup,
    )
    expect([...kept.keys()].sort()).toEqual(['2', '3', '4', BIG].sort())
    const byDisplay = await resolveKept(['ci-bot'], assignments, noLookup)
    expect([...byDisplay.kept.keys()]).toEqual(['3'])
  })

  it('refuses a value matching nobody, naming it', async () => {
    await expect(resolveKept(['bob@example.com', 'nobody'], assignments, noLookup)).rejects.toThrow(
      UsageError,
    )
    await expect(resolveKept(['nobody'], assignments, noLookup)).rejects.toThrow(
      /"nobody" matches no principal/,
    )
  })

  it('warns about a principal reaching the workspace only through an assigned group', async () => {
    const lookup: GroupLookup = async (value, groups) =>
      value === 'carol@example.com'
        ? { name: value, groupIds: groups.filter((g) => g === '2') }
        : undefined
    const { kept, warnings } = await resolveKept(['carol@example.com'], assignments, lookup)
    expect(kept.size).toBe(0)
    expect(warnings).toHaveLength(1)
    expect(warnings[0]).toMatch(/carol@example.com .* only through group\(s\) data-eng/)
  })

  it('refuses a principal that exists but reaches the workspace through no assigned group', async () => {
    const lookup: GroupLookup = async (value) => ({ name: value, groupIds: ['not-assigned'] })
    await expect(resolveKept(['dave@example.com'], assignments, lookup)).rejects.toThrow(UsageError)
  })
})

describe('principalMatches', () => {
  const user: Principal = { principal_id: '10', user_name: 'Ada@Example.com', display_name: 'Ada' }
  const group: Principal = { principal_id: '20', group_name: 'Data-Eng', display_name: 'Data Eng' }
  const sp: Principal = { principal_id: '30', service_principal_name: '9F0C-App' }

  it('matches each field on its own, trimming the value', () => {
    expect(principalMatches(user, ' 10 ')).toBe(true)
    expect(principalMatches(user, ' ada@example.com ')).toBe(true)
    expect(principalMatches(user, 'ADA@EXAMPLE.COM')).toBe(true)
    expect(principalMatches(sp, '9f0c-app')).toBe(true)
    expect(principalMatches(sp, ' 9F0C-APP')).toBe(true)
    expect(principalMatches(group, 'Data-Eng ')).toBe(true)
    expect(principalMatches(group, ' Data Eng')).toBe(true)
    expect(principalMatches(user, 'Ada')).toBe(true)
  })

  it('matches nothing else: group and display names are case-sensitive', () => {
    expect(principalMatches(user, '1')).toBe(false)
    expect(principalMatches(user, 'ada')).toBe(false)
    expect(principalMatches(user, 'ada@example')).toBe(false)
    expect(principalMatches(group, 'data-eng')).toBe(false)
    expect(principalMatches(group, 'data eng')).toBe(false)
    expect(principalMatches(group, '9f0c-app')).toBe(false)
    expect(principalMatches(sp, 'ada@example.com')).toBe(false)
    expect(principalMatches(sp, '')).toBe(false)
  })
})

describe('lockout guard, exactly', () => {
  const stateless: Observed<AssignmentState> = {
    id: '0',
    name: 'gone',
    state: null,
    active: false,
    detail: '',
  }
  const group = assignment({ principal_id: '2', group_name: 'admins' }, ['ADMIN'])
  const user = assignment({ principal_id: '4', user_name: 'bob@example.com' }, ['ADMIN'])
  const sp = assignment({ principal_id: '3', service_principal_name: '9f0c-app' }, ['ADMIN'])
  const fix = (who: string) =>
    `Assign ${who} directly to workspace 7 with ADMIN (account console → Workspaces → ` +
    'Permissions → Add, or PUT /api/2.0/accounts/<account-id>/workspaces/7/' +
    'permissionassignments/principals/<principal-id> {"permissions":["ADMIN"]}) and run stop ' +
    'again. Nothing was changed.'

  it('finds the caller by id, by user name or by application id, past other assignments', () => {
    const list = [stateless, group, sp, user]
    expect(guardCaller({ id: '4', userName: 'someone' }, list, '7')).toBe(user)
    expect(guardCaller({ id: '99', userName: 'BOB@example.com' }, list, '7')).toBe(user)
    expect(guardCaller({ id: '99', userName: '9F0C-app' }, [stateless, group, user, sp], '7')).toBe(
      sp,
    )
    expect(guardCaller({ id: '3', userName: 'x' }, [stateless, group, user, sp], '7')).toBe(sp)
  })

  it('refuses a caller assigned to nothing directly, with the whole message', () => {
    const run = () =>
      guardCaller({ id: '77', userName: 'carol@example.com' }, [stateless, group], '7')
    expect(run).toThrow(SafetyError)
    expect(run).toThrow(
      'The caller carol@example.com is not directly assigned to workspace 7: its access comes ' +
        'through a group (or account admin rights) that stop would remove, locking it out ' +
        `half-way. ${fix('carol@example.com')}`,
    )
  })

  it('refuses a caller without ADMIN, listing its permissions', () => {
    const userOnly = assignment({ principal_id: '4', user_name: 'bob@example.com' }, [
      'USER',
      'UNKNOWN',
    ])
    const run = () => guardCaller({ id: '4', userName: 'bob@example.com' }, [userOnly], '7')
    expect(run).toThrow(SafetyError)
    expect(run).toThrow(
      'The caller bob@example.com is assigned to workspace 7 without ADMIN (USER, UNKNOWN); it ' +
        `could not pause other users' jobs or stop their compute. ${fix('bob@example.com')}`,
    )
    const none = assignment({ principal_id: '4', user_name: 'bob@example.com' }, [])
    expect(() => guardCaller({ id: '4', userName: 'bob@example.com' }, [none], '7')).toThrow(
      'The caller bob@example.com is assigned to workspace 7 without ADMIN (no permissions); it ' +
        "could not pause other users' jobs",
    )
  })
})

describe('resolveKept, exactly', () => {
  const stateless: Observed<AssignmentState> = {
    id: '0',
    name: 'gone',
    state: null,
    active: false,
    detail: '',
  }
  const all = [stateless, ...assignments]
  const groupsA = assignment({ principal_id: '5', group_name: 'ops', display_name: 'Ops' }, [
    'USER',
  ])
  const idle = assignment({ principal_id: '6', group_name: 'idle' }, ['USER'])
  const withGroups = [...all, groupsA, idle]

  it('keeps every matching assignment, saying why (CLI, Action, inherited)', async () => {
    const calls: unknown[] = []
    const lookup: GroupLookup = async (...args) => {
      calls.push(args)
      return undefined
    }
    const cli = await resolveKept(['bob@example.com', 'data-eng'], all, lookup, ['data-eng'])
    expect(cli).toEqual({
      kept: new Map([
        ['4', 'kept principal (--keep bob@example.com)'],
        ['2', 'kept principal (data-eng, kept by the open snapshot)'],
      ]),
      warnings: [],
    })
    const action = await resolveKept(['ci-bot'], all, lookup, [], 'action')
    expect(action).toEqual({
      kept: new Map([['3', 'kept principal (keep-principals: ci-bot)']]),
      warnings: [],
    })
    expect(calls).toEqual([])
  })

  it('looks up a value matching no assignment among the assigned groups only', async () => {
    const calls: unknown[] = []
    const lookup: GroupLookup = async (value, groupIds) => {
      calls.push([value, groupIds])
      return { name: 'Carol', groupIds: ['5', '2', 'elsewhere'] }
    }
    const { kept, warnings } = await resolveKept(['carol@example.com'], withGroups, lookup)
    expect(calls).toEqual([['carol@example.com', ['2', '5', '6']]])
    expect(kept).toEqual(new Map())
    expect(warnings).toEqual([
      'Kept principal Carol is not assigned to the workspace directly; it reaches it only ' +
        'through group(s) data-eng, Ops, whose assignment stop removes. Keep the group too, or ' +
        'assign Carol directly, if it must keep access.',
    ])
  })

  it('only warns about an inherited value that no longer matches anybody', async () => {
    const lookup: GroupLookup = async () => ({ name: 'Eve', groupIds: ['elsewhere'] })
    for (const found of [noLookup, lookup]) {
      await expect(resolveKept(['eve', 'bob@example.com'], all, found, ['eve'])).resolves.toEqual({
        kept: new Map([['4', 'kept principal (--keep bob@example.com)']]),
        warnings: [
          'Kept principal "eve" (from the open snapshot\'s keep list) is no longer assigned to ' +
            'the workspace; nothing to keep.',
        ],
      })
    }
  })

  it('refuses every given value that matches nobody, naming them all', async () => {
    const lookup: GroupLookup = async (value) =>
      value === 'dave' ? { name: 'Dave', groupIds: ['elsewhere'] } : undefined
    const run = resolveKept(['nobody', 'bob@example.com', 'dave', 'eve'], all, lookup, ['eve'])
    await expect(run).rejects.toThrow(UsageError)
    await expect(run).rejects.toThrow(
      '--keep "nobody", "dave" matches no principal assigned to this workspace (by id, user ' +
        'name, group name, service principal application id or display name). Check the ' +
        'spelling; nothing was changed.',
    )
    await expect(resolveKept(['nobody'], all, noLookup, [], 'action')).rejects.toThrow(
      'keep-principals "nobody" matches no principal assigned to this workspace (by id,',
    )
  })
})
