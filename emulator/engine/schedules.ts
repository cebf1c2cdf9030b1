/** What the clock fires: job schedules and periodic triggers, alert and dashboard schedules. */
import type { EmulatorCore } from '../core.js'
import type { Obj } from '../http/router.js'
import type { WorkspaceState } from '../state/workspace.js'
import { nextFire, parseQuartz } from './cron.js'
import { activeRunCount, isPaused, keepContinuousAlive, startRun } from './runs.js'
import { arm, bump } from './timers.js'
import { wakeWarehouse } from './warehouses.js'

type Next = (t: number) => number | undefined

function cronNext(expression: string | undefined, timeZone: string | undefined): Next | undefined {
  if (!expression) return undefined
  try {
    const cron = parseQuartz(expression)
    return (t) => nextFire(cron, t, timeZone || 'UTC')
  } catch {
    return undefined
  }
}

/** Periodic trigger units, in ms (the API's valid units). */
export const UNIT_MS: Record<string, number> = {
  MINUTES: 60_000,
  HOURS: 3_600_000,
  DAYS: 86_400_000,
  WEEKS: 604_800_000,
}

function periodicNext(periodic: Obj | undefined): Next | undefined {
  const ms = periodic ? UNIT_MS[periodic.unit] * Number(periodic.interval) : NaN
  return ms > 0 ? (t) => t + ms : undefined
}

/** The self-starting sources of a job whose pause_status is not PAUSED. */
function jobSources(settings: Obj): Next[] {
  const out: Array<Next | undefined> = []
  const s = settings.schedule
  if (s && !isPaused(s)) out.push(cronNext(s.quartz_cron_expression, s.timezone_id))
  const t = settings.trigger
  if (t && !isPaused(t)) out.push(periodicNext(t.periodic))
  for (const entry of settings.triggers ?? []) {
    if (isPaused(entry)) continue
    const sched = entry.schedule
    if (sched) out.push(cronNext(sched.quartz_cron_expression, sched.timezone_id))
    out.push(periodicNext(entry.periodic))
  }
  return out.filter((n): n is Next => !!n)
}

/** (Re)plan a job's timers after it is created or its settings change. */
export function planJob(core: EmulatorCore, ws: WorkspaceState, job: Obj): void {
  const jobId = String(job.job_id)
  const key = `job:${jobId}`
  const version = bump(ws, key)
  for (const next of jobSources(job.settings ?? {})) {
    arm(core, ws, key, version, next, () => {
      const current = ws.jobs.get(jobId)
      if (!current) return
      const max = current.settings?.max_concurrent_runs ?? 1
      if (activeRunCount(ws, jobId) < max) startRun(core, ws, current, 'PERIODIC')
    })
  }
  keepContinuousAlive(core, ws, job)
}

export function unplanJob(ws: WorkspaceState, jobId: string): void {
  bump(ws, `job:${jobId}`)
}

export function planAlert(core: EmulatorCore, ws: WorkspaceState, alert: Obj): void {
  const key = `alert:${alert.id}`
  const version = bump(ws, key)
  const s = alert.schedule
  if (!s || isPaused(s) || alert.lifecycle_state === 'DELETED') return
  const next = cronNext(s.quartz_cron_schedule, s.timezone_id)
  if (!next) return
  arm(core, ws, key, version, next, () => wakeWarehouse(core, ws, alert.warehouse_id))
}

export function planDashboardSchedule(
  core: EmulatorCore,
  ws: WorkspaceState,
  dashboard: Obj,
  schedule: Obj,
): void {
  const key = `dashboard:${dashboard.dashboard_id}:${schedule.schedule_id}`
  const version = bump(ws, key)
  if (isPaused(schedule)) return
  const cron = schedule.cron_schedule ?? {}
  const next = cronNext(cron.quartz_cron_expression, cron.timezone_id)
  if (!next) return
  arm(core, ws, key, version, next, () =>
    wakeWarehouse(core, ws, schedule.warehouse_id ?? dashboard.warehouse_id),
  )
}
