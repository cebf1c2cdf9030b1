import { describe, expect, it } from '@jest/globals'
import { mergeRecords, stillHalted } from '../../src/engine/merge.js'
import { RESOURCES } from '../../src/resources/registry.js'
import type { SnapshotItem } from '../../src/snapshot/schema.js'

/**
 * Stop twice, record by record: the first stop recorded the pre-halt value, the second one saw a
 * halted (or hand-edited) workspace. Two different records of one item are merged here, with the
 * real resource kinds, so a merge that let the later `before` win is caught without a full run.
 */
const kinds = new Map(RESOURCES.map((r) => [r.kind, r]))
const FIRST = '2026-01-05T10:00:00.000Z'
const SECOND = '2026-01-06T10:00:00.000Z'

function record(
  kind: SnapshotItem['kind'],
  id: string,
  before: unknown,
  after: unknown,
  at: string,
): SnapshotItem {
  return { kind, id, name: `${kind} ${id}`, before, after, recorded_at: at }
}

const cron = (expr: string, pause: string) => ({
  quartz_cron_expression: expr,
  timezone_id: 'UTC',
  pause_status: pause,
})

describe('mergeRecords (stop twice)', () => {
  it('keeps the earliest pre-halt value of a default-merged kind and the latest value set', () => {
    const earlier = [
      record('clusters', 'c1', { state: 'RUNNING' }, { state: 'TERMINATED' }, FIRST),
      record('alerts', 'a1', { pause_status: 'UNPAUSED' }, { pause_status: 'PAUSED' }, FIRST),
    ]
    const now = [
      record('clusters', 'c1', { state: 'RESIZING' }, { state: 'TERMINATED', by: 2 }, SECOND),
      record('alerts', 'a1', { pause_status: 'PAUSED' }, { pause_status: 'PAUSED' }, SECOND),
    ]
    expect(mergeRecords(earlier, now, kinds)).toEqual([
      record('clusters', 'c1', { state: 'RUNNING' }, { state: 'TERMINATED', by: 2 }, FIRST),
      record('alerts', 'a1', { pause_status: 'UNPAUSED' }, { pause_status: 'PAUSED' }, FIRST),
    ])
  })

  it('keeps the earliest assignment of a principal re-assigned and removed again', () => {
    const principal = { principal_id: '7', user_name: 'ana@example.com' }
    const earlier = [
      record('permission_assignments', '7', { principal, permissions: ['ADMIN'] }, null, FIRST),
    ]
    const now = [
      record('permission_assignments', '7', { principal, permissions: ['USER'] }, null, SECOND),
    ]
    expect(mergeRecords(earlier, now, kinds)).toEqual([
      record('permission_assignments', '7', { principal, permissions: ['ADMIN'] }, null, FIRST),
    ])
  })

  it('merges jobs per block: an earlier block wins, a block only the later stop paused is added', () => {
    const earlier = [
      record(
        'jobs',
        '11',
        { schedule: cron('0 0 * * * ?', 'UNPAUSED') },
        { schedule: cron('0 0 * * * ?', 'PAUSED') },
        FIRST,
      ),
    ]
    // During the halt someone unpaused the schedule with another cron and added a trigger.
    const trigger = { file_arrival: { url: 's3://in/' }, pause_status: 'UNPAUSED' }
    const now = [
      record(
        'jobs',
        '11',
        { schedule: cron('0 30 * * * ?', 'UNPAUSED'), trigger },
        {
          schedule: cron('0 30 * * * ?', 'PAUSED'),
          trigger: { ...trigger, pause_status: 'PAUSED' },
        },
        SECOND,
      ),
    ]
    expect(mergeRecords(earlier, now, kinds)).toEqual([
      record(
        'jobs',
        '11',
        { schedule: cron('0 0 * * * ?', 'UNPAUSED'), trigger },
        {
          schedule: cron('0 30 * * * ?', 'PAUSED'),
          trigger: { ...trigger, pause_status: 'PAUSED' },
        },
        FIRST,
      ),
    ])
  })

  it('keeps a job block the later stop did not touch with its earlier value set', () => {
    const earlier = [
      record(
        'jobs',
        '12',
        { continuous: { pause_status: 'UNPAUSED' } },
        { continuous: { pause_status: 'PAUSED' } },
        FIRST,
      ),
    ]
    const now = [
      record(
        'jobs',
        '12',
        { schedule: cron('0 0 * * * ?', 'UNPAUSED') },
        { schedule: cron('0 0 * * * ?', 'PAUSED') },
        SECOND,
      ),
    ]
    expect(mergeRecords(earlier, now, kinds)).toEqual([
      record(
        'jobs',
        '12',
        { schedule: cron('0 0 * * * ?', 'UNPAUSED'), continuous: { pause_status: 'UNPAUSED' } },
        { continuous: { pause_status: 'PAUSED' }, schedule: cron('0 0 * * * ?', 'PAUSED') },
        FIRST,
      ),
    ])
  })

  it('carries over records the later stop did not touch, and adds its new ones', () => {
    const kept = record('warehouses', 'w1', { state: 'RUNNING' }, { state: 'STOPPED' }, FIRST)
    const added = record('warehouses', 'w2', { state: 'RUNNING' }, { state: 'STOPPED' }, SECOND)
    expect(mergeRecords([kept], [added], kinds)).toEqual([added, kept])
  })

  it('matches records by kind and id together', () => {
    const job = record(
      'jobs',
      '5',
      { continuous: {} },
      { continuous: { pause_status: 'PAUSED' } },
      FIRST,
    )
    const cluster = record('clusters', '5', { state: 'RUNNING' }, { state: 'TERMINATED' }, SECOND)
    expect(mergeRecords([job], [cluster], kinds)).toEqual([cluster, job])
  })
})

describe('stillHalted (stop twice: what an earlier stop recorded that still holds)', () => {
  const seen = (id: string, state: unknown) => ({ id, name: id, active: true, detail: '', state })
  const assignment = record(
    'permission_assignments',
    '5',
    { principal: { principal_id: '5' }, permissions: ['USER'] },
    null,
    FIRST,
  )
  const cluster = record('clusters', 'c1', { state: 'RUNNING' }, { state: 'TERMINATED' }, FIRST)
  const job = record(
    'jobs',
    'j1',
    { schedule: cron('0 0 5 * * ?', 'UNPAUSED'), trigger: { pause_status: 'UNPAUSED' } },
    { schedule: cron('0 0 5 * * ?', 'PAUSED'), trigger: { pause_status: 'PAUSED' } },
    FIRST,
  )

  it('keeps what is still as the stop left it, and kinds not listed this time', () => {
    const inventory = {
      permission_assignments: [],
      clusters: [seen('c1', { state: 'TERMINATED' })],
      jobs: [seen('j1', job.after)],
    }
    const alerts = record('alerts', 'a1', { x: 1 }, { x: 2 }, FIRST)
    const { kept, dropped } = stillHalted([assignment, cluster, job, alerts], inventory, kinds)
    expect(kept).toEqual([assignment, cluster, job, alerts])
    expect(dropped).toEqual([])
  })

  it('drops what was given back or deleted by hand since, and names it', () => {
    const inventory = {
      permission_assignments: [
        seen('5', { principal: { principal_id: '5' }, permissions: ['USER'] }),
      ],
      clusters: [seen('c1', { state: 'RUNNING' })],
      jobs: [],
    }
    const { kept, dropped } = stillHalted([assignment, cluster, job], inventory, kinds)
    expect(kept).toEqual([])
    expect(dropped).toEqual([assignment, cluster, job])
    // A cluster deleted since is gone too.
    expect(stillHalted([cluster], { clusters: [] }, kinds)).toEqual({
      kept: [],
      dropped: [cluster],
    })
  })

  it('keeps the part still halted and names the record as dropped in part', () => {
    const unpaused = { ...(job.after as object), trigger: { pause_status: 'UNPAUSED' } }
    const { kept, dropped } = stillHalted([job], { jobs: [seen('j1', unpaused)] }, kinds)
    expect(kept).toEqual([
      {
        ...job,
        before: { schedule: cron('0 0 5 * * ?', 'UNPAUSED') },
        after: { schedule: cron('0 0 5 * * ?', 'PAUSED') },
      },
    ])
    expect(dropped).toEqual([job])
  })
})
