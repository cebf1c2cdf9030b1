import {
  listAlerts,
  updateAlertPauseStatus,
  type AlertV2,
  type CronSchedule,
} from '../databricks/alerts.js'
import { collect } from '../databricks/pagination.js'
import {
  checkPausedOnly,
  clone,
  decideWholeRestore,
  differingKeys,
  isObject,
  deepEqual,
  matchesWhole,
  pauseOf,
  withPauseStatus,
  type WholeValue,
} from './compare.js'
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

const describe = (state: AlertState): string => `schedule ${pauseOf(state.schedule)}`

const whole: WholeValue<AlertState> = {
  noun: 'alert',
  edited: 'schedule changed',
  same: (a, b) => deepEqual(withPauseStatus(a.schedule), withPauseStatus(b.schedule)),
  show: describe,
  showNow: (state) => pauseOf(state.schedule),
}

/** SQL alerts (v2): their schedules wake warehouses, so they are paused like job schedules. */
export const alerts: Resource<AlertState> = {
  kind: 'alerts',
  optionalFeature: true,
  startedBy: [],

  list: async (ctx) =>
    (await collect(listAlerts(ctx.clients.workspace))).map(observe).filter((i) => i !== undefined),

  halted: (item) =>
    item.active
      ? { schedule: { ...clone(item.state.schedule), pause_status: 'PAUSED' } }
      : undefined,

  async halt(ctx, item, after) {
    await updateAlertPauseStatus(ctx.clients.workspace, item.id, after.schedule)
  },

  describe,

  checkRecord({ before, after }) {
    if (!isObject(before) || !isObject(after)) return 'before/after: not an alert schedule'
    const other = differingKeys(before, after, ['schedule'])
    if (other.length > 0) return `${other[0]}: a halt changes only schedule.pause_status`
    return checkPausedOnly(before.schedule, after.schedule, 'schedule.')
  },

  decideRestore: (record, current, options) => decideWholeRestore(whole, record, current, options),

  async write(ctx, record, value) {
    await updateAlertPauseStatus(ctx.clients.workspace, record.id, {
      ...value.schedule,
      pause_status: pauseOf(value.schedule) as CronSchedule['pause_status'],
    })
  },

  matches: matchesWhole(whole),
}
