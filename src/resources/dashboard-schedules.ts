import {
  listDashboards,
  listSchedules,
  updateSchedule,
  type Schedule,
} from '../databricks/lakeview.js'
import { collect } from '../databricks/pagination.js'
import { mapLimit } from '../util/limit.js'
import {
  checkPausedOnly,
  clone,
  decideWholeRestore,
  deepEqual,
  matchesWhole,
  pauseOf,
  withPauseStatus,
  type WholeValue,
} from './compare.js'
import type { Observed, Resource } from './resource.js'

/** A schedule without its server-managed fields (etag, times), as recorded and compared. */
export interface ScheduleState {
  dashboard_id: string
  schedule_id: string
  cron_schedule: Schedule['cron_schedule']
  pause_status?: Schedule['pause_status']
  [field: string]: unknown
}

const whole: WholeValue<ScheduleState> = {
  noun: 'dashboard schedule',
  edited: 'changed',
  same: (a, b) => deepEqual(withPauseStatus(a), withPauseStatus(b)),
  show: pauseOf,
}

function observe(dashboardId: string, dashboardName: string, s: Schedule): Observed<ScheduleState> {
  const { etag, create_time: _c, update_time: _u, ...rest } = s
  const state = { ...clone(rest), dashboard_id: dashboardId } as ScheduleState
  return {
    id: `${dashboardId}/${s.schedule_id}`,
    name: `${dashboardName}: ${s.display_name ?? s.schedule_id}`,
    state,
    active: pauseOf(state) !== 'PAUSED',
    detail: `schedule ${pauseOf(state)}`,
    raw: { etag },
  }
}

const etagOf = (item: Observed<ScheduleState> | undefined): string | undefined =>
  (item?.raw as { etag?: string } | undefined)?.etag

/** AI/BI (Lakeview) dashboard schedules: paused like job schedules; writes carry a fresh etag. */
export const dashboardSchedules: Resource<ScheduleState> = {
  kind: 'dashboard_schedules',
  optionalFeature: true,
  startedBy: [],

  async list(ctx) {
    const dashboards = await collect(listDashboards(ctx.clients.workspace))
    const perDashboard = await mapLimit(dashboards, ctx.settings.maxConcurrency, async (d) => {
      const schedules = await collect(listSchedules(ctx.clients.workspace, d.dashboard_id))
      return schedules.map((s) => observe(d.dashboard_id, d.display_name ?? d.dashboard_id, s))
    })
    return perDashboard.flat()
  },

  halted: (item) => (item.active ? { ...clone(item.state), pause_status: 'PAUSED' } : undefined),

  async halt(ctx, item, after) {
    await put(ctx.clients.workspace, after, etagOf(item))
  },

  describe: (state) => `schedule ${pauseOf(state)}`,

  checkRecord(record) {
    const problem = checkPausedOnly(record.before, record.after)
    if (problem) return problem
    // The write goes to the dashboard and schedule named in the value: they must be the record's.
    const { dashboard_id: dashboard, schedule_id: schedule } = record.before
    if (`${String(dashboard)}/${String(schedule)}` !== record.id)
      return `dashboard_id/schedule_id: ${String(dashboard)}/${String(schedule)} is not the record id`
    return undefined
  },

  decideRestore: (record, current, options) => decideWholeRestore(whole, record, current, options),

  async write(ctx, _record, value, current) {
    await put(ctx.clients.workspace, value, etagOf(current))
  },

  matches: matchesWhole(whole),
}

function put(workspace: Parameters<typeof updateSchedule>[0], state: ScheduleState, etag?: string) {
  const { dashboard_id: dashboardId, ...schedule } = state
  return updateSchedule(workspace, dashboardId, {
    ...(schedule as Schedule),
    ...(etag ? { etag } : {}),
  })
}
