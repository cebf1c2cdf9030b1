/** SQL alerts v2: list, get, PATCH with update_mask (schedule.pause_status and friends). */
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

function getPath(obj: Obj | undefined, path: string[]): unknown {
  return path.reduce<unknown>(
    (o, k) => (o && typeof o === 'object' ? (o as Obj)[k] : undefined),
    obj,
  )
}

function setPath(obj: Obj, path: string[], value: unknown): void {
  let o = obj
  for (const k of path.slice(0, -1)) o = o[k] && typeof o[k] === 'object' ? o[k] : (o[k] = {})
  const last = path[path.length - 1]
  if (value === undefined) delete o[last]
  else o[last] = structuredClone(value)
}

const IMMUTABLE = new Set([
  'id',
  'create_time',
  'update_time',
  'lifecycle_state',
  'owner_user_name',
])

function patch(ctx: Ctx): Obj {
  const alert = alertOrFail(ctx)
  const mask = ctx.query.get('update_mask')
  if (!mask) throw invalidParam('update_mask is required')
  const paths =
    mask === '*' ? Object.keys(ctx.body).filter((k) => !IMMUTABLE.has(k)) : mask.split(',')
  const next = structuredClone(alert)
  for (const p of paths.map((s) => s.trim())) {
    if (!p || IMMUTABLE.has(p)) throw invalidParam(`Invalid update_mask path: ${p}`)
    setPath(next, p.split('.'), getPath(ctx.body, p.split('.')))
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
