import { afterEach, describe, expect, it } from '@jest/globals'
import type { ScenarioJson } from '../../emulator/index.js'
import {
  checkAssignmentRecord,
  permissionAssignments as pa,
  type AssignmentState,
} from '../../src/resources/permission-assignments.js'
import type { Observed, Recorded } from '../../src/resources/resource.js'
import { startHarness, type Harness } from '../engine/harness.js'

let h: Harness | undefined
afterEach(async () => {
  await h?.close()
  h = undefined
})

const ada = { principal_id: '11', user_name: 'ada@example.com', display_name: 'Ada' }
const record = (before: AssignmentState): Recorded<AssignmentState> => ({
  id: '11',
  name: 'ada@example.com',
  before,
  after: null,
})
/** The assignment as listed now; null: not assigned. */
const observed = (state: AssignmentState): Observed<AssignmentState> => ({
  id: '11',
  name: 'ada@example.com',
  active: true,
  detail: '',
  state,
})
const decide = (before: AssignmentState, now: string[] | null, force = false) =>
  pa.decideRestore(
    record(before),
    now === null ? undefined : observed({ principal: ada, permissions: now }),
    { force } as Parameters<typeof pa.decideRestore>[2],
  )

describe('permission assignments: what restore decides', () => {
  it('puts back exactly the writable permissions of a removed assignment', () => {
    expect(decide({ principal: ada, permissions: ['ADMIN', 'UNKNOWN'] }, null)).toEqual({
      outcome: 'changed',
      detail: 'not assigned → ADMIN',
      write: { principal: ada, permissions: ['ADMIN'] },
    })
  })

  it('leaves a principal re-assigned with other permissions during the halt, unless forced', () => {
    expect(decide({ principal: ada, permissions: ['USER'] }, ['ADMIN'])).toEqual({
      outcome: 'conflict',
      detail: 'assigned ADMIN during the halt (was USER); left as is',
    })
    expect(decide({ principal: ada, permissions: ['USER'] }, ['ADMIN'], true)).toEqual({
      outcome: 'changed',
      detail: 'ADMIN → USER',
      write: { principal: ada, permissions: ['USER'] },
    })
  })

  it('names every permission in a conflict and in a change', () => {
    const before = { principal: ada, permissions: ['ADMIN', 'USER'] }
    expect(decide(before, ['USER'])).toEqual({
      outcome: 'conflict',
      detail: 'assigned USER during the halt (was ADMIN,USER); left as is',
    })
    expect(decide(before, ['UNKNOWN', 'USER'], true)).toMatchObject({
      detail: 'UNKNOWN,USER → ADMIN,USER',
    })
    expect(decide(before, null)).toMatchObject({ detail: 'not assigned → ADMIN,USER' })
    // Several permissions on the other side too: each list is joined with commas.
    expect(decide({ principal: ada, permissions: ['USER'] }, ['ADMIN', 'USER'])).toEqual({
      outcome: 'conflict',
      detail: 'assigned ADMIN,USER during the halt (was USER); left as is',
    })
    expect(decide(before, ['ADMIN', 'UNKNOWN', 'USER'])).toEqual({
      outcome: 'unchanged',
      detail: 'already ADMIN,USER',
    })
  })

  it('calls an assignment already as recorded unchanged, ignoring what cannot be written', () => {
    expect(decide({ principal: ada, permissions: ['USER'] }, ['UNKNOWN', 'USER'])).toEqual({
      outcome: 'unchanged',
      detail: 'already USER',
    })
    expect(decide(null, ['USER'])).toEqual({ outcome: 'unchanged', detail: 'nothing recorded' })
  })

  it('says out loud that a principal inactive at stop gets its assignment back', () => {
    const before = { principal: ada, permissions: ['USER'], principal_active: false }
    expect(decide(before, null)).toMatchObject({
      outcome: 'changed',
      detail: 'not assigned → USER (deactivated before the halt)',
    })
    expect(decide({ ...before, principal_active: true }, null)).toMatchObject({
      detail: 'not assigned → USER',
    })
  })

  it('verifies a removal as gone and a restore as the writable permissions', () => {
    const now = (permissions: string[]) => observed({ principal: ada, permissions })
    const matches = pa.matches!
    expect(matches(undefined, null)).toBe(true)
    expect(matches(now(['USER']), null)).toBe(false)
    expect(matches(now(['UNKNOWN', 'USER']), { principal: ada, permissions: ['USER'] })).toBe(true)
    expect(matches(now(['ADMIN']), { principal: ada, permissions: ['USER'] })).toBe(false)
    expect(matches(undefined, { principal: ada, permissions: ['USER'] })).toBe(false)
  })

  it('records only what a PUT can write, and names the halted state', () => {
    expect(pa.recordedBefore!({ principal: ada, permissions: ['UNKNOWN', 'USER'] }, null)).toEqual({
      principal: ada,
      permissions: ['USER'],
    })
    expect(pa.recordedBefore!(null, null)).toBeNull()
    expect(pa.halted(observed(null))).toBeUndefined()
    expect(pa.halted(observed({ principal: ada, permissions: ['USER'] }))).toBeNull()
    expect(pa.describe(null)).toBe('not assigned')
    expect(pa.describe({ principal: ada, permissions: ['ADMIN', 'USER'] })).toBe(
      'assigned ADMIN,USER',
    )
  })
})

describe('permission assignments: what a snapshot record may hold', () => {
  const check = (before: unknown, after: unknown = null, id = '11') =>
    checkAssignmentRecord({ id, name: 'x', before, after })

  it('accepts a removal of USER or ADMIN, with or without the active flag on a user', () => {
    expect(check({ principal: ada, permissions: ['USER', 'ADMIN'] })).toBeUndefined()
    expect(
      check({ principal: ada, permissions: ['USER'], principal_active: false }),
    ).toBeUndefined()
    const sp = { principal_id: '12', service_principal_name: 'app' }
    expect(
      check({ principal: sp, permissions: ['USER'], principal_active: true }, null, '12'),
    ).toBeUndefined()
  })

  it('refuses each way a forged record could restore more than stop took away', () => {
    expect(
      check({ principal: ada, permissions: ['USER'] }, { principal: ada, permissions: [] }),
    ).toBe('after: must be null (not assigned)')
    expect(check({ permissions: ['USER'] })).toBe('before.principal: missing')
    expect(check(null)).toBe('before.principal: missing')
    expect(check({ principal: ada, permissions: ['USER'] }, null, '99')).toBe(
      'before.principal.principal_id: 11 is not the record id',
    )
    expect(check({ principal: ada, permissions: [] })).toBe(
      'before.permissions: must list USER or ADMIN',
    )
    expect(check({ principal: ada, permissions: 'ADMIN' })).toBe(
      'before.permissions: must list USER or ADMIN',
    )
    expect(check({ principal: ada, permissions: ['USER', 'OWNER', 7] })).toBe(
      'before.permissions: OWNER,7 is not USER or ADMIN',
    )
    expect(check({ principal: ada, permissions: ['USER'], groups: ['admins'] })).toBe(
      'before.groups: not a field a stop records',
    )
    expect(check({ principal: ada, permissions: ['USER'], principal_active: 'yes' })).toBe(
      'before.principal_active: must be true or false',
    )
    const group = { principal_id: '11', group_name: 'admins' }
    expect(check({ principal: group, permissions: ['USER'], principal_active: true })).toBe(
      'before.principal_active: a group has no active flag',
    )
  })
})

function scenario(): ScenarioJson {
  return {
    users: [
      { id: '21', userName: 'ada@example.com', displayName: 'Ada' },
      { id: '22', userName: 'bob@example.com', displayName: 'Bob' },
      { id: '23', userName: 'cy@example.com', displayName: 'Cy' },
      { id: '24', userName: 'dee@example.com', displayName: 'Dee' },
      { id: '25', userName: 'eve@example.com', displayName: 'Eve', active: false },
      { id: '26', userName: 'fay@example.com', displayName: 'Fay' },
    ],
    servicePrincipals: [{ id: '31', applicationId: 'app-31', displayName: 'etl' }],
    groups: [{ id: '41', displayName: 'analysts' }],
    workspaces: [
      {
        assignments: [
          { principalId: '21', permissions: ['USER'] },
          { principalId: '22', permissions: ['UNKNOWN'] },
          { principalId: '23', permissions: ['USER', 'UNKNOWN'] },
          { principalId: '24', permissions: ['USER'], error: 'PRINCIPAL_DELETED' },
          { principalId: '31', permissions: ['ADMIN'] },
          { principalId: '41', permissions: ['USER'] },
          { principalId: '25', permissions: ['USER'] },
          { principalId: '26', permissions: [] },
        ],
      },
    ],
  }
}

describe('permission assignments on the emulator', () => {
  it('names each principal kind and leaves what it could never give back', async () => {
    h = await startHarness({ scenario: scenario() })
    const shown = await h.run('show', { only: ['permission_assignments'] })
    const item = (id: string) => {
      const i = shown.items.find((x) => x.id === id)!
      return { outcome: i.outcome, detail: i.detail }
    }
    expect(item('21')).toEqual({ outcome: 'active', detail: 'user USER' })
    expect(item('31')).toEqual({ outcome: 'active', detail: 'service principal ADMIN' })
    expect(item('41')).toEqual({ outcome: 'active', detail: 'group USER' })
    expect(item('22')).toEqual({
      outcome: 'kept',
      detail: 'user UNKNOWN; not changed: permission UNKNOWN cannot be written back',
    })
    expect(item('26')).toEqual({
      outcome: 'kept',
      detail:
        'user (none); not changed: it lists no permission, so there would be nothing to write back',
    })
    expect(item('24')).toEqual({
      outcome: 'kept',
      detail: 'user USER; not changed: the service reports an error on it (PRINCIPAL_DELETED)',
    })
  })

  it('removes a mixed assignment, records its writable part, and gives exactly that back', async () => {
    h = await startHarness({ scenario: scenario() })
    const stopped = await h.run('stop', { only: ['permission_assignments'] })
    expect(stopped.counts.failed).toBe(0)
    const assigned = () => [...h!.emu.ws().assignments.keys()].sort()
    // The caller's own admin assignment is kept by the lockout guard; 22 and 24 are left alone.
    expect(assigned()).toEqual(expect.arrayContaining(['22', '24']))
    expect(assigned()).not.toEqual(expect.arrayContaining(['21']))
    expect(assigned()).not.toEqual(expect.arrayContaining(['23']))
    expect(stopped.items.find((i) => i.id === '23')!.before).toMatchObject({
      permissions: ['USER'],
    })
    const restored = await h.run('restore', { only: ['permission_assignments'] })
    expect(restored.exitCode).toBe(0)
    expect(h.emu.ws().assignments.get('23')!.permissions).toEqual(['USER'])
    expect(h.emu.ws().assignments.get('22')!.permissions).toEqual(['UNKNOWN'])
    expect(h.emu.ws().assignments.get('26')!.permissions).toEqual([])
  })

  it('lists permissions sorted, and marks who was deactivated when the stop listed them', async () => {
    const s = scenario()
    // Listed unsorted: the record keeps them sorted.
    for (const a of s.workspaces![0]!.assignments!)
      if (a.principalId === '23') a.permissions = ['USER', 'ADMIN']
    h = await startHarness({ scenario: s })
    const stopped = await h.run('stop', { only: ['permission_assignments'] })
    const before = (id: string) => stopped.items.find((i) => i.id === id)!.before
    expect(before('23')).toEqual({
      principal: { principal_id: '23', user_name: 'cy@example.com', display_name: 'Cy' },
      permissions: ['ADMIN', 'USER'],
      principal_active: true,
    })
    expect(before('25')).toMatchObject({ permissions: ['USER'], principal_active: false })
    expect(before('41')).not.toHaveProperty('principal_active')
    const shown = (await h.run('show', { only: ['permission_assignments'] })).items
    expect(shown.find((i) => i.id === '26')?.detail).toMatch(/^user \(none\); /)
  })

  it('warns, and records no active flag, when the deactivated principals cannot be listed', async () => {
    h = await startHarness({ scenario: scenario() })
    h.emu.faults.add({
      method: 'GET',
      path: /scim\/v2\/ServicePrincipals$/,
      status: 403,
      errorCode: 'PERMISSION_DENIED',
      times: 1,
    })
    const stopped = await h.run('stop', { only: ['permission_assignments'] })
    expect(stopped.counts.failed).toBe(0)
    expect(stopped.items.find((i) => i.id === '21')!.before).not.toHaveProperty('principal_active')
    const warning = h.logger.lines.find((l) => /deactivated principals/.test(l))
    expect(warning).toMatch(
      /^warning: Cannot list the account's deactivated principals \(403 PERMISSION_DENIED: .+\); a restore will not re-assign principals that are inactive then, even those already inactive now\.$/,
    )
  })
})
