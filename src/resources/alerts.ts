import {
  listAlerts,
  updateAlertPauseStatus,
  type AlertV2,
  type CronSchedule,
} from '../databricks/alerts.js'
import { collect } from '../databricks/pagination.js'
import { clone, deepEqual, pauseOf, withPauseStatus } from './compare.js'
import type { Observed, Resource } from './resource.js'

export interface AlertState {
  schedule: CronSchedule
}

function observe(alert: AlertV2): Observed<AlertState> | undefined {
  if (!alert.schedule || alert.lifecycle_state === 'DELETED') return undefined
  const schedule = clone(alert.schedule)
  return {
    id: alert.id,
    name: alert.display_name ?? alert.id,
    state: { schedule },
    active: pauseOf(schedule) !== 'PAUSED',
    detail: `schedule ${pauseOf(schedule)}`,
  }
}

/** SQL alerts (v2): their schedules wake warehouses, so they are paused like job schedules. */
export const alerts: Resource<AlertState> = {
  kind: 'alerts',
  stage: 1,

  list: async (ctx) =>
    (await collect(listAlerts(ctx.clients.workspace))).map(observe).filter((i) => i !== undefined),

  halted: (item) =>
    item.active
      ? { schedule: { ...clone(item.state.schedule), pause_status: 'PAUSED' } }
      : undefined,

  async halt(ctx, item, after) {
    await updateAlertPauseStatus(ctx.clients.workspace, item.id, after.schedule)
  },

  describe: (state) => `schedule ${pauseOf(state.schedule)}`,

  decideRestore(record, current, options) {
    if (!current) return { outcome: 'gone', detail: 'alert no longer exists' }
    const now = withPauseStatus(current.state.schedule)
    if (deepEqual(now, withPauseStatus(record.before.schedule))) {
      return { outcome: 'unchanged', detail: `already ${alerts.describe(record.before)}` }
    }
    if (!options.force && !deepEqual(now, withPauseStatus(record.after.schedule))) {
      return {
        outcome: 'conflict',
        detail: `schedule changed during the halt (now ${pauseOf(now)}); left as edited`,
      }
    }
    return {
      outcome: 'changed',
      detail: `${alerts.describe(current.state)} → ${alerts.describe(record.before)}`,
      write: record.before,
      expect: record.before,
    }
  },

  async write(ctx, record, value) {
    await updateAlertPauseStatus(ctx.clients.workspace, record.id, {
      ...value.schedule,
      pause_status: pauseOf(value.schedule) as CronSchedule['pause_status'],
    })
  },

  matches: (current, expected) =>
    current !== undefined &&
    deepEqual(withPauseStatus(current.state.schedule), withPauseStatus(expected.schedule)),
}
