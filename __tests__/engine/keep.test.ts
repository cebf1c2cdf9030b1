import { describe, expect, it } from '@jest/globals'
import { SafetyError, UsageError } from '../../src/errors.js'
import { guardCaller, resolveKept, type GroupLookup } from '../../src/engine/keep.js'
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
