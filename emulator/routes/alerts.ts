/** SQL alerts v2: list, get, PATCH with update_mask (top-level fields, e.g. `schedule`). */
import type { Ctx, Obj, Router } from '../http/router.js'
import { invalidParam, notFound } from '../http/errors.js'
import { tokenList } from '../http/paging.js'
import { planAlert } from '../engine/schedules.js'

function alertOrFail(ctx: Ctx): Obj {
  const a = ctx.ws!.alerts.get(ctx.params.id)
  if (!a || a.lifecycle_state === 'DELETED')
    throw notFound(`Alert ${ctx.params.id} does not exist.`)
  return a
}

/**
 * The fields an update may name in `update_mask`: the writable top-level fields of AlertV2
 * (databricks-sdk-go service/sql/model.go: output-only and create-only ones excluded). The SDKs and
 * Terraform send top-level masks (`schedule`) with the whole block; a nested path such as
 * `schedule.pause_status` is not documented, so it is refused (the strict reading).
 */
const MASKABLE = new Set([
  'custom_description',
  'custom_summary',
  'display_name',
  'evaluation',
  'parameters',
  'query_text',
  'run_as',
  'run_as_user_name',
  'schedule',
  'warehouse_id',
])

function patch(ctx: Ctx): Obj {
  const alert = alertOrFail(ctx)
  const mask = ctx.query.get('update_mask')
  if (!mask) throw invalidParam('update_mask is required')
  const paths =
    mask === '*' ? Object.keys(ctx.body).filter((k) => MASKABLE.has(k)) : mask.split(',')
  const next = structuredClone(alert)
  for (const p of paths.map((s) => s.trim())) {
    if (!MASKABLE.has(p)) throw invalidParam(`Invalid update_mask path: ${p}`)
    next[p] = structuredClone(ctx.body[p])
    if (next[p] === undefined) delete next[p]
  }
  const s = next.schedule
  if (s?.pause_status !== undefined && !['PAUSED', 'UNPAUSED'].includes(s.pause_status)) {
    throw invalidParam(`Invalid schedule.pause_status: ${s.pause_status}`)
  }
  if (s && !s.quartz_cron_schedule) throw invalidParam('schedule.quartz_cron_schedule is required')
  next.update_time = new Date(ctx.core.now()).toISOString()
  Object.assign(alert, next)
  planAlert(ctx.core, ctx.ws!, alert)
  return structuredClone(alert)
}

export function alertRoutes(r: Router): void {
  const p = '/api/2.0/alerts'
  r.add('GET', p, 'other', 'workspace-member', (ctx) => {
    const live = [...ctx.ws!.alerts.values()].filter((a) => a.lifecycle_state !== 'DELETED')
    return tokenList(ctx, live, (a) => a.id, 'alerts', 100)
  })
  r.add('GET', `${p}/:id`, 'other', 'workspace-member', (ctx) => structuredClone(alertOrFail(ctx)))
  r.add('PATCH', `${p}/:id`, 'other', 'workspace-member', patch)
}
