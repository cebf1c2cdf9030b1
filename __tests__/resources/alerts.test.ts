import { describe, expect, it } from '@jest/globals'
import { alerts, type AlertState } from '../../src/resources/alerts.js'
import type { Observed, RestoreOptions } from '../../src/resources/resource.js'
import { useKindApi } from './kind-api.js'

const api = useKindApi()

const cron = { quartz_cron_schedule: '0 0 * * * ?', timezone_id: 'UTC' }
const unpaused = { ...cron, pause_status: 'UNPAUSED' as const }
const paused = { ...cron, pause_status: 'PAUSED' as const }
const item = (schedule: AlertState['schedule'], active = true): Observed<AlertState> => ({
  id: 'a1',
  name: 'late loads',
  state: { schedule },
  active,
  detail: '',
})
const options = (o: Partial<RestoreOptions> = {}): RestoreOptions => ({
  force: false,
  restartCompute: false,
  ...o,
})

describe('alerts: listing', () => {
  it('lists the scheduled alerts that are not deleted, active unless paused', async () => {
    api.routes.set('GET /api/2.0/alerts', {
      alerts: [
        { id: 'a1', display_name: 'late loads', lifecycle_state: 'ACTIVE', schedule: unpaused },
        { id: 'a2', schedule: cron },
        { id: 'a3', display_name: 'quiet', schedule: paused },
        { id: 'a4', display_name: 'no schedule', lifecycle_state: 'ACTIVE' },
        { id: 'a5', display_name: 'trashed', lifecycle_state: 'DELETED', schedule: unpaused },
      ],
    })
    expect(await alerts.list(api.ctx)).toStrictEqual([
      {
        id: 'a1',
        name: 'late loads',
        state: { schedule: unpaused },
        active: true,
        detail: 'schedule UNPAUSED',
      },
      {
        id: 'a2',
        name: 'a2',
        state: { schedule: cron },
        active: true,
        detail: 'schedule UNPAUSED',
      },
      {
        id: 'a3',
        name: 'quiet',
        state: { schedule: paused },
        active: false,
        detail: 'schedule PAUSED',
      },
    ])
    expect(api.requests.map((r) => [r.path, r.query])).toEqual([
      ['/api/2.0/alerts', { page_size: '100' }],
    ])
  })
})

describe('alerts: stop', () => {
  it('pauses an active schedule, keeping the rest of it', () => {
    expect(alerts.halted(item(cron))).toStrictEqual({ schedule: paused })
    expect(alerts.halted(item(paused, false))).toBeUndefined()
    expect([alerts.kind, alerts.startedBy, alerts.optionalFeature]).toEqual(['alerts', [], true])
    expect(alerts.describe({ schedule: cron })).toBe('schedule UNPAUSED')
  })

  it('writes the whole schedule, pause status spelled out, with a schedule update mask', async () => {
    api.routes.set('PATCH /api/2.0/alerts/a1', {})
    await alerts.halt(api.ctx, item(unpaused), { schedule: paused })
    const rec = { id: 'a1', name: 'x', before: { schedule: cron }, after: { schedule: paused } }
    await alerts.write(api.ctx, rec, { schedule: cron }, undefined)
    expect(api.writes().map((r) => [r.method, r.path, r.query, r.body])).toEqual([
      ['PATCH', '/api/2.0/alerts/a1', { update_mask: 'schedule' }, { schedule: paused }],
      ['PATCH', '/api/2.0/alerts/a1', { update_mask: 'schedule' }, { schedule: unpaused }],
    ])
  })
})

describe('alerts: restore', () => {
  const rec = { id: 'a1', name: 'x', before: { schedule: cron }, after: { schedule: paused } }

  it('unpauses a schedule as the stop left it; an omitted status counts as UNPAUSED', () => {
    expect(alerts.decideRestore(rec, item(paused), options())).toStrictEqual({
      outcome: 'changed',
      detail: 'schedule PAUSED → schedule UNPAUSED',
      write: { schedule: cron },
    })
    expect(alerts.decideRestore(rec, item(unpaused), options())).toStrictEqual({
      outcome: 'unchanged',
      detail: 'already schedule UNPAUSED',
    })
    expect(alerts.decideRestore(rec, undefined, options())).toStrictEqual({
      outcome: 'gone',
      detail: 'alert no longer exists',
    })
  })

  it('calls a schedule changed during the halt a conflict, naming its status now', () => {
    const moved = { ...paused, quartz_cron_schedule: '0 30 * * * ?' }
    expect(alerts.decideRestore(rec, item(moved), options())).toStrictEqual({
      outcome: 'conflict',
      detail: 'schedule changed during the halt (now PAUSED); left as edited',
    })
    expect(alerts.matches!(item(unpaused), { schedule: cron })).toBe(true)
    expect(alerts.matches!(item(paused), { schedule: cron })).toBe(false)
  })

  it('checks a record: only schedule.pause_status changed, to PAUSED', () => {
    const check = (before: unknown, after: unknown) =>
      alerts.checkRecord!({ id: 'a1', name: 'x', before, after } as never)
    expect(check({ schedule: cron }, { schedule: paused })).toBeUndefined()
    expect(check(null, { schedule: paused })).toBe('before/after: not an alert schedule')
    expect(check({ schedule: cron }, 'x')).toBe('before/after: not an alert schedule')
    expect(check({ schedule: cron, display_name: 'a' }, { schedule: paused })).toBe(
      'display_name: a halt changes only schedule.pause_status',
    )
    expect(check({ schedule: cron }, { schedule: unpaused })).toBe(
      'schedule.pause_status: after must be PAUSED',
    )
  })
})
