/** Lakeview dashboards and their schedules; schedule PUT needs the current etag. */
import type { Ctx, Obj, Router } from '../http/router.js'
import { ApiError, invalidParam, notFound } from '../http/errors.js'
import { tokenList } from '../http/paging.js'
import { planDashboardSchedule } from '../engine/schedules.js'

function dashboardOrFail(ctx: Ctx): Obj {
  const d = ctx.ws!.dashboards.get(ctx.params.id)
  if (!d || d.lifecycle_state === 'TRASHED')
    throw notFound(`Dashboard ${ctx.params.id} does not exist.`)
  return d
}

function schedules(ctx: Ctx): Map<string, Obj> {
  dashboardOrFail(ctx)
  const ws = ctx.ws!
  let map = ws.dashboardSchedules.get(ctx.params.id)
  if (!map) ws.dashboardSchedules.set(ctx.params.id, (map = new Map()))
  return map
}

function scheduleOrFail(ctx: Ctx): Obj {
  const s = schedules(ctx).get(ctx.params.sid)
  if (!s) throw notFound(`Schedule ${ctx.params.sid} does not exist.`)
  return s
}

let etagSeq = 1000

/** Accepts the schedule as the body or wrapped as `{schedule: …}` (both client styles exist). */
function putSchedule(ctx: Ctx): Obj {
  const current = scheduleOrFail(ctx)
  const body: Obj =
    ctx.body.schedule && typeof ctx.body.schedule === 'object' ? ctx.body.schedule : ctx.body
  if (!body.etag) throw invalidParam('etag is required to update a schedule')
  if (body.etag !== current.etag) {
    throw new ApiError(409, 'ABORTED', 'The schedule was modified concurrently: the etag is stale.')
  }
  const cron = body.cron_schedule
  if (!cron?.quartz_cron_expression || !cron?.timezone_id) {
    throw invalidParam('cron_schedule.quartz_cron_expression and timezone_id are required')
  }
  if (body.pause_status !== undefined && !['PAUSED', 'UNPAUSED'].includes(body.pause_status)) {
    throw invalidParam(`Invalid pause_status: ${body.pause_status}`)
  }
  current.cron_schedule = structuredClone(cron)
  current.pause_status = body.pause_status ?? 'UNPAUSED'
  if (body.display_name !== undefined) current.display_name = body.display_name
  if (body.warehouse_id !== undefined) current.warehouse_id = body.warehouse_id
  current.etag = String(++etagSeq)
  current.update_time = new Date(ctx.core.now()).toISOString()
  planDashboardSchedule(ctx.core, ctx.ws!, dashboardOrFail(ctx), current)
  return structuredClone(current)
}

export function dashboardRoutes(r: Router): void {
  const p = '/api/2.0/lakeview/dashboards'
  r.add('GET', p, 'other', 'workspace-member', (ctx) => {
    const live = [...ctx.ws!.dashboards.values()].filter((d) => d.lifecycle_state !== 'TRASHED')
    return tokenList(ctx, live, (d) => d.dashboard_id, 'dashboards', 100)
  })
  r.add('GET', `${p}/:id`, 'other', 'workspace-member', (ctx) =>
    structuredClone(dashboardOrFail(ctx)),
  )
  r.add('GET', `${p}/:id/schedules`, 'other', 'workspace-member', (ctx) =>
    tokenList(ctx, schedules(ctx).values(), (s) => s.schedule_id, 'schedules', 100),
  )
  r.add('GET', `${p}/:id/schedules/:sid`, 'other', 'workspace-member', (ctx) =>
    structuredClone(scheduleOrFail(ctx)),
  )
  r.add('PUT', `${p}/:id/schedules/:sid`, 'other', 'workspace-member', putSchedule)
}
