import { describe, expect, it } from '@jest/globals'
import {
  dashboardSchedules as schedules,
  type ScheduleState,
} from '../../src/resources/dashboard-schedules.js'
import type { Observed, RestoreOptions } from '../../src/resources/resource.js'
import { useKindApi } from './kind-api.js'

const api = useKindApi()

const cron = { quartz_cron_expression: '0 0 8 * * ?', timezone_id: 'Europe/Paris' }
const state = (pause?: 'PAUSED' | 'UNPAUSED', extra: Record<string, unknown> = {}) =>
  ({
    dashboard_id: 'd1',
    schedule_id: 's1',
    cron_schedule: cron,
    warehouse_id: 'wh1',
    ...(pause ? { pause_status: pause } : {}),
    ...extra,
  }) as ScheduleState
const item = (s: ScheduleState, raw: unknown = { etag: 'e7' }): Observed<ScheduleState> => ({
  id: 'd1/s1',
  name: 'sales: morning',
  state: s,
  active: s.pause_status !== 'PAUSED',
  detail: '',
  raw,
})
const options = (o: Partial<RestoreOptions> = {}): RestoreOptions => ({
  force: false,
  restartCompute: false,
  ...o,
})
const PUT = 'PUT /api/2.0/lakeview/dashboards/d1/schedules/s1'

describe('dashboard schedules: listing', () => {
  it('lists every dashboard’s schedules, without the server’s etag and times', async () => {
    api.routes.set('GET /api/2.0/lakeview/dashboards', {
      dashboards: [{ dashboard_id: 'd1', display_name: 'sales' }, { dashboard_id: 'd2' }],
    })
    api.routes.set('GET /api/2.0/lakeview/dashboards/d1/schedules', {
      schedules: [
        {
          schedule_id: 's1',
          display_name: 'morning',
          cron_schedule: cron,
          pause_status: 'UNPAUSED',
          etag: 'e1',
          create_time: '2026-01-01T00:00:00Z',
          update_time: '2026-01-02T00:00:00Z',
        },
        { schedule_id: 's2', cron_schedule: cron, pause_status: 'PAUSED', etag: 'e2' },
      ],
    })
    api.routes.set('GET /api/2.0/lakeview/dashboards/d2/schedules', {
      schedules: [{ schedule_id: 's3', cron_schedule: cron }],
    })
    expect(await schedules.list(api.ctx)).toStrictEqual([
      {
        id: 'd1/s1',
        name: 'sales: morning',
        state: {
          schedule_id: 's1',
          display_name: 'morning',
          cron_schedule: cron,
          pause_status: 'UNPAUSED',
          dashboard_id: 'd1',
        },
        active: true,
        detail: 'schedule UNPAUSED',
        raw: { etag: 'e1' },
      },
      {
        id: 'd1/s2',
        name: 'sales: s2',
        state: {
          schedule_id: 's2',
          cron_schedule: cron,
          pause_status: 'PAUSED',
          dashboard_id: 'd1',
        },
        active: false,
        detail: 'schedule PAUSED',
        raw: { etag: 'e2' },
      },
      {
        id: 'd2/s3',
        name: 'd2: s3',
        state: { schedule_id: 's3', cron_schedule: cron, dashboard_id: 'd2' },
        active: true,
        detail: 'schedule UNPAUSED',
        raw: { etag: undefined },
      },
    ])
  })
})

describe('dashboard schedules: stop', () => {
  it('pauses an active schedule; an optional feature started by nothing', () => {
    expect(schedules.halted(item(state('UNPAUSED')))).toStrictEqual(state('PAUSED'))
    expect(schedules.halted(item(state()))).toStrictEqual(state('PAUSED'))
    expect(schedules.halted(item(state('PAUSED')))).toBeUndefined()
    expect([schedules.kind, schedules.startedBy, schedules.optionalFeature]).toEqual([
      'dashboard_schedules',
      [],
      true,
    ])
    expect(schedules.describe(state())).toBe('schedule UNPAUSED')
    expect(schedules.describe(state('PAUSED'))).toBe('schedule PAUSED')
  })

  it('writes the whole schedule to its own dashboard, with the etag it was listed with', async () => {
    api.routes.set(PUT, {})
    const { dashboard_id: _, ...sent } = state('PAUSED')
    await schedules.halt(api.ctx, item(state('UNPAUSED')), state('PAUSED'))
    const rec = { id: 'd1/s1', name: 'x', before: state('UNPAUSED'), after: state('PAUSED') }
    await schedules.write(api.ctx, rec, state('UNPAUSED'), item(state('PAUSED'), { etag: 'e9' }))
    await schedules.write(api.ctx, rec, state('UNPAUSED'), {
      ...item(state('PAUSED')),
      raw: undefined,
    })
    await schedules.write(api.ctx, rec, state('UNPAUSED'), undefined)
    const unpaused = { ...sent, pause_status: 'UNPAUSED' }
    expect(api.writes().map((r) => [r.method, r.path, r.body])).toEqual([
      ['PUT', '/api/2.0/lakeview/dashboards/d1/schedules/s1', { ...sent, etag: 'e7' }],
      ['PUT', '/api/2.0/lakeview/dashboards/d1/schedules/s1', { ...unpaused, etag: 'e9' }],
      ['PUT', '/api/2.0/lakeview/dashboards/d1/schedules/s1', unpaused],
      ['PUT', '/api/2.0/lakeview/dashboards/d1/schedules/s1', unpaused],
    ])
  })
})

describe('dashboard schedules: restore', () => {
  const rec = { id: 'd1/s1', name: 'x', before: state(), after: state('PAUSED') }

  it('unpauses a schedule as the stop left it, and only that', () => {
    expect(schedules.decideRestore(rec, item(state('PAUSED')), options())).toStrictEqual({
      outcome: 'changed',
      detail: 'PAUSED → UNPAUSED',
      write: state(),
    })
    expect(schedules.decideRestore(rec, item(state('UNPAUSED')), options())).toStrictEqual({
      outcome: 'unchanged',
      detail: 'already UNPAUSED',
    })
    expect(
      schedules.decideRestore(rec, item(state('PAUSED', { warehouse_id: 'wh2' })), options()),
    ).toStrictEqual({
      outcome: 'conflict',
      detail: 'changed during the halt (now PAUSED); left as edited',
    })
    expect(schedules.decideRestore(rec, undefined, options())).toStrictEqual({
      outcome: 'gone',
      detail: 'dashboard schedule no longer exists',
    })
    expect(schedules.matches!(item(state('UNPAUSED')), state())).toBe(true)
    expect(schedules.matches!(item(state('PAUSED')), state())).toBe(false)
  })

  it('checks a record: only paused, and its value names the record’s own schedule', () => {
    const check = (before: unknown, after: unknown, id = 'd1/s1') =>
      schedules.checkRecord!({ id, name: 'x', before, after } as never)
    expect(check(state('UNPAUSED'), state('PAUSED'))).toBeUndefined()
    expect(check(state('PAUSED'), state('PAUSED'))).toBe('pause_status: before was already PAUSED')
    expect(check(state('PAUSED'), state('PAUSED'), 'd9/s9')).toBe(
      'pause_status: before was already PAUSED',
    )
    expect(check(state(), state('PAUSED'), 'd1/s9')).toBe(
      'dashboard_id/schedule_id: d1/s1 is not the record id',
    )
    expect(check(state(), state('PAUSED'), 'd9/s1')).toBe(
      'dashboard_id/schedule_id: d1/s1 is not the record id',
    )
  })
})
