import { describe, expect, it } from '@jest/globals'
import { recordViolations, refuseForgedRecords } from '../../src/engine/record-checks.js'
import { UsageError } from '../../src/errors.js'
import { alerts } from '../../src/resources/alerts.js'
import { apps } from '../../src/resources/apps.js'
import { clusters } from '../../src/resources/clusters.js'
import { dashboardSchedules } from '../../src/resources/dashboard-schedules.js'
import { checkPoolRecord, instancePools } from '../../src/resources/instance-pools.js'
import { jobRuns } from '../../src/resources/job-runs.js'
import { checkJobRecord } from '../../src/resources/jobs.js'
import { checkAssignmentRecord } from '../../src/resources/permission-assignments.js'
import { pipelines } from '../../src/resources/pipelines.js'
import type { Recorded } from '../../src/resources/resource.js'
import { warehouses } from '../../src/resources/warehouses.js'
import type { Snapshot, SnapshotItem } from '../../src/snapshot/schema.js'

const rec = (before: unknown, after: unknown, id = '1'): Recorded<unknown> => ({
  id,
  name: 'x',
  before,
  after,
})
const check = (kind: { checkRecord?: (r: Recorded<never>) => string | undefined }) => {
  return (r: Recorded<unknown>) => kind.checkRecord!(r as Recorded<never>)
}

describe('permission_assignments records', () => {
  const principal = { principal_id: '7', user_name: 'bob@example.com' }
  it('accepts a removed USER or ADMIN assignment of the principal the record names', () => {
    expect(checkAssignmentRecord(rec({ principal, permissions: ['USER'] }, null, '7'))).toBe(
      undefined,
    )
    expect(checkAssignmentRecord(rec({ principal, permissions: ['ADMIN'] }, null, '7'))).toBe(
      undefined,
    )
  })
  it('refuses another principal, a non-null after, and permissions beyond USER/ADMIN', () => {
    expect(checkAssignmentRecord(rec({ principal, permissions: ['USER'] }, null, '8'))).toBe(
      'before.principal.principal_id: 7 is not the record id',
    )
    expect(
      checkAssignmentRecord(rec({ principal, permissions: ['USER'] }, { principal }, '7')),
    ).toBe('after: must be null (not assigned)')
    expect(
      checkAssignmentRecord(rec({ principal, permissions: ['ADMIN', 'OWNER'] }, null, '7')),
    ).toBe('before.permissions: OWNER is not USER or ADMIN')
    expect(checkAssignmentRecord(rec({ principal, permissions: [] }, null, '7'))).toBe(
      'before.permissions: must list USER or ADMIN',
    )
    expect(checkAssignmentRecord(rec('ADMIN', null, '7'))).toBe('before.principal: missing')
  })
  it('takes principal_active only as a boolean on a user or service principal, and no other field', () => {
    const of = (extra: object, p: object = principal) =>
      checkAssignmentRecord(rec({ principal: p, permissions: ['USER'], ...extra }, null, '7'))
    expect(of({ principal_active: false })).toBe(undefined)
    expect(of({ principal_active: true })).toBe(undefined)
    expect(of({ principal_active: 'false' })).toBe('before.principal_active: must be true or false')
    expect(of({ principal_active: null })).toBe('before.principal_active: must be true or false')
    const group = { principal_id: '7', group_name: 'data-eng' }
    expect(of({}, group)).toBe(undefined)
    expect(of({ principal_active: false }, group)).toBe(
      'before.principal_active: a group has no active flag',
    )
    expect(of({ active_at_stop: false })).toBe('before.active_at_stop: not a field a stop records')
  })
})

describe('instance_pools records', () => {
  const pool = { instance_pool_name: 'p', node_type_id: 'n', max_capacity: 10, custom_tags: {} }
  const halted = { ...pool, min_idle_instances: 0, idle_instance_autotermination_minutes: 0 }
  it('accepts a record that differs only in the idle fields, set to 0', () => {
    const before = { ...pool, min_idle_instances: 2, idle_instance_autotermination_minutes: 30 }
    expect(checkPoolRecord(rec(before, halted))).toBe(undefined)
    // A pool that never had an autotermination value: the halt adds 0, restore leaves it out.
    expect(checkPoolRecord(rec({ ...pool, min_idle_instances: 2 }, halted))).toBe(undefined)
  })
  it('refuses any other field that differs, and idle values the halt never sets', () => {
    const forged = { ...pool, max_capacity: 999, min_idle_instances: 2 }
    expect(checkPoolRecord(rec(forged, halted))).toMatch(/^max_capacity: differs/)
    const tagged = { ...pool, custom_tags: { owner: 'mallory' }, min_idle_instances: 2 }
    expect(checkPoolRecord(rec(tagged, halted))).toMatch(/^custom_tags: differs/)
    expect(
      checkPoolRecord(
        rec({ ...pool, min_idle_instances: 2 }, { ...halted, min_idle_instances: 1 }),
      ),
    ).toBe('after.min_idle_instances: must be 0')
    expect(checkPoolRecord(rec({ ...pool, min_idle_instances: -5 }, halted))).toBe(
      'before.min_idle_instances: not a count',
    )
  })
})

describe('instance_pools restore writes only the idle fields', () => {
  const pool = { instance_pool_name: 'p', node_type_id: 'n', max_capacity: 10, custom_tags: {} }
  const now = { ...pool, min_idle_instances: 0, idle_instance_autotermination_minutes: 0 }
  const current = { id: '1', name: 'p', state: now, active: false, detail: '' }
  it('a forced restore of a record forged alike in before and after puts back no forged field', () => {
    const mallory = { ...pool, custom_tags: { owner: 'mallory' }, max_capacity: 999 }
    const forged = rec(
      { ...mallory, min_idle_instances: 2 },
      { ...mallory, min_idle_instances: 0, idle_instance_autotermination_minutes: 0 },
    ) as Parameters<typeof instancePools.decideRestore>[0]
    expect(checkPoolRecord(forged)).toBe(undefined) // the check alone cannot see it
    const decision = instancePools.decideRestore(forged, current, {
      force: true,
      restartCompute: false,
    })
    // The pool as it is now, with min_idle back and the autotermination the pool never had unset.
    expect(decision.write).toEqual({ ...pool, min_idle_instances: 2 })
  })
  it('an unforced restore writes exactly the pre-halt pool', () => {
    const before = { ...pool, min_idle_instances: 2, idle_instance_autotermination_minutes: 30 }
    const record = rec(before, now) as Parameters<typeof instancePools.decideRestore>[0]
    const decision = instancePools.decideRestore(record, current, {
      force: false,
      restartCompute: false,
    })
    expect(decision.write).toEqual(before)
  })
})

describe('jobs records', () => {
  const cron = { quartz_cron_expression: '0 0 * * * ?', timezone_id: 'UTC' }
  it('accepts blocks that differ only in pause status, after PAUSED', () => {
    expect(
      checkJobRecord(
        rec(
          { schedule: { ...cron, pause_status: 'UNPAUSED' }, continuous: {} },
          { schedule: { ...cron, pause_status: 'PAUSED' }, continuous: { pause_status: 'PAUSED' } },
        ),
      ),
    ).toBe(undefined)
    expect(
      checkJobRecord(
        rec(
          { triggers: [{ periodic: { interval: 1 } }, { pause_status: 'PAUSED', x: 1 }] },
          {
            triggers: [
              { periodic: { interval: 1 }, pause_status: 'PAUSED' },
              { pause_status: 'PAUSED', x: 1 },
            ],
          },
        ),
      ),
    ).toBe(undefined)
  })
  it('refuses another cron, an unknown block, a block on one side only, or a paused before', () => {
    const paused = { schedule: { ...cron, pause_status: 'PAUSED' } }
    expect(
      checkJobRecord(rec({ schedule: { ...cron, quartz_cron_expression: '* * * * * ?' } }, paused)),
    ).toBe(
      'schedule.quartz_cron_expression: differs between before and after (a halt changes only pause_status)',
    )
    expect(checkJobRecord(rec({ schedule: cron, email_notifications: {} }, paused))).toMatch(
      /^email_notifications: not a block a halt pauses/,
    )
    expect(checkJobRecord(rec({ schedule: cron, continuous: {} }, paused))).toBe(
      'continuous: recorded in only one of before and after',
    )
    expect(checkJobRecord(rec(paused, paused))).toBe(
      'schedule.pause_status: before was already PAUSED',
    )
    expect(checkJobRecord(rec({ schedule: cron }, { schedule: cron }))).toBe(
      'schedule.pause_status: after must be PAUSED',
    )
    expect(
      checkJobRecord(
        rec({ triggers: [{ a: 1 }] }, { triggers: [{ a: 2, pause_status: 'PAUSED' }] }),
      ),
    ).toBe('triggers[0]: differs in more than pause_status')
  })
})

describe('compute records', () => {
  it('accepts running → stopped only, per kind', () => {
    expect(check(warehouses)(rec({ state: 'RUNNING' }, { state: 'STOPPED' }))).toBe(undefined)
    expect(check(apps)(rec({ state: 'ACTIVE' }, { state: 'STOPPED' }))).toBe(undefined)
    expect(
      check(pipelines)(
        rec({ state: 'RUNNING', continuous: true }, { state: 'IDLE', continuous: true }),
      ),
    ).toBe(undefined)
    expect(check(clusters)(rec({ state: 'RUNNING' }, { state: 'TERMINATED' }))).toBe(undefined)
    expect(check(clusters)(rec({ state: 'ERROR' }, { state: 'TERMINATED' }))).toBe(undefined)
  })
  it('refuses a stopped before, another after, or another field', () => {
    expect(check(warehouses)(rec({ state: 'STOPPED' }, { state: 'STOPPED' }))).toBe(
      'state: before is STOPPED, not a running state',
    )
    expect(check(clusters)(rec({ state: 'TERMINATED' }, { state: 'TERMINATED' }))).toBe(
      'state: before is TERMINATED, not a running state',
    )
    expect(check(warehouses)(rec({ state: 'RUNNING' }, { state: 'DELETED' }))).toBe(
      'state: after must be STOPPED',
    )
    expect(check(pipelines)(rec({ state: 'RUNNING', continuous: true }, { state: 'IDLE' }))).toBe(
      'continuous: differs between before and after',
    )
    expect(
      check(jobRuns)(rec({ life_cycle_state: 'RUNNING' }, { life_cycle_state: 'TERMINATED' })),
    ).toBe(undefined)
    expect(
      check(jobRuns)(
        rec(
          { life_cycle_state: 'RUNNING', job_id: '1' },
          { life_cycle_state: 'TERMINATED', job_id: '2' },
        ),
      ),
    ).toBe('job_id: differs between before and after')
  })
})

describe('alerts and dashboard schedules records', () => {
  const schedule = { quartz_cron_schedule: '0 0 * * * ?', timezone_id: 'UTC' }
  it('accept a pause, refuse anything else', () => {
    const paused = { schedule: { ...schedule, pause_status: 'PAUSED' } }
    expect(check(alerts)(rec({ schedule }, paused))).toBe(undefined)
    expect(check(alerts)(rec({ schedule: { ...schedule, timezone_id: 'X' } }, paused))).toBe(
      'schedule.timezone_id: differs between before and after (a halt changes only pause_status)',
    )
    expect(check(alerts)(rec({ schedule, owner: 'm' }, paused))).toBe(
      'owner: a halt changes only schedule.pause_status',
    )
    const s = { dashboard_id: 'd1', schedule_id: 's1', cron_schedule: schedule }
    const id = 'd1/s1'
    expect(check(dashboardSchedules)(rec(s, { ...s, pause_status: 'PAUSED' }, id))).toBe(undefined)
    expect(
      check(dashboardSchedules)(
        rec({ ...s, display_name: 'x' }, { ...s, pause_status: 'PAUSED' }, id),
      ),
    ).toBe('display_name: differs between before and after (a halt changes only pause_status)')
    // The write goes where the value points: it must be the record's own schedule.
    const other = { ...s, schedule_id: 's2' }
    expect(check(dashboardSchedules)(rec(other, { ...other, pause_status: 'PAUSED' }, id))).toBe(
      'dashboard_id/schedule_id: d1/s2 is not the record id',
    )
  })
})

describe('recordViolations', () => {
  it('names kinds that never record a change a restore applies, and unreadable records', () => {
    const item = (kind: SnapshotItem['kind'], before: unknown, after: unknown): SnapshotItem => ({
      kind,
      id: '1',
      name: 'x',
      before,
      after,
      recorded_at: '2026-11-26T09:00:00.000Z',
    })
    expect(recordViolations([item('serving_endpoints', {}, {})]).map((v) => v.problem)).toEqual([
      'serving_endpoints never records a change a restore applies',
    ])
    expect(recordViolations([item('jobs', null, null)]).map((v) => v.problem)).toEqual([
      'before/after: not job settings blocks',
    ])
  })
})

describe('recordViolations and refuseForgedRecords', () => {
  const item = (id: string, before: unknown, after: unknown = null): SnapshotItem => ({
    kind: 'jobs',
    id,
    name: `job ${id}`,
    before,
    after,
    recorded_at: '2026-11-26T09:00:00.000Z',
  })

  it('reports a record its kind cannot even read as unreadable, not as accepted', () => {
    // Snapshots are parsed JSON, so a check that throws is a bug's way of failing; it must still
    // count as a violation. A value that throws on every read stands in for that bug here.
    const unreadable = new Proxy(
      {},
      {
        ownKeys() {
          throw new Error('cannot read this')
        },
      },
    )
    expect(recordViolations([item('1', unreadable, unreadable)]).map((v) => v.problem)).toEqual([
      'unreadable record (cannot read this)',
    ])
  })

  it('names at most five refused records and counts the rest', () => {
    const snapshot = { items: ['1', '2', '3', '4', '5', '6', '7'].map((id) => item(id, null)) }
    const problem = 'before/after: not job settings blocks'
    const named = ['1', '2', '3', '4', '5'].map((id) => `jobs ${id} (job ${id}): ${problem}`)
    expect(() => refuseForgedRecords(snapshot as Snapshot, 'snap.json')).toThrow(
      new UsageError(
        'Snapshot snap.json has 7 record(s) that are not a change a stop makes: ' +
          `${named.join('; ')}; and 2 more. Refusing the whole snapshot; nothing was changed.`,
      ),
    )
  })

  it('names all of five refused records, with no count after them', () => {
    const snapshot = { items: ['1', '2', '3', '4', '5'].map((id) => item(id, null)) }
    const problem = 'before/after: not job settings blocks'
    const named = ['1', '2', '3', '4', '5'].map((id) => `jobs ${id} (job ${id}): ${problem}`)
    expect(() => refuseForgedRecords(snapshot as Snapshot, 'snap.json')).toThrow(
      'Snapshot snap.json has 5 record(s) that are not a change a stop makes: ' +
        `${named.join('; ')}. Refusing the whole snapshot; nothing was changed.`,
    )
  })

  it('accepts a snapshot whose every record a stop could have made', () => {
    expect(() => refuseForgedRecords({ items: [] } as unknown as Snapshot, 'x')).not.toThrow()
  })
})
