/** Pipelines: list (max_results ≤ 100), get (with spec), stop, start update, list updates. */
import type { Ctx, Obj, Router } from '../http/router.js'
import { conflict, invalidParam, notFound } from '../http/errors.js'
import { cursorPage, intParam } from '../http/paging.js'
import { startPipelineUpdate, stopPipeline } from '../engine/pipelines.js'

function pipelineOrFail(ctx: Ctx): Obj {
  const p = ctx.ws!.pipelines.get(ctx.params.id)
  if (!p) throw notFound(`Pipeline ${ctx.params.id} does not exist.`)
  return p
}

function status(p: Obj): Obj {
  const out: Obj = {}
  for (const k of [
    'pipeline_id',
    'name',
    'state',
    'health',
    'cluster_id',
    'creator_user_name',
    'run_as_user_name',
  ]) {
    if (p[k] !== undefined) out[k] = p[k]
  }
  out.latest_updates = structuredClone(p.latest_updates ?? [])
  return out
}

function likeFilter(filter: string | null): (p: Obj) => boolean {
  if (!filter) return () => true
  const m = /^\s*name\s+LIKE\s+'(.*)'\s*$/i.exec(filter)
  if (!m) throw invalidParam(`Unsupported filter: ${filter}`)
  const re = new RegExp(`^${m[1].replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/%/g, '.*')}$`, 'i')
  return (p) => re.test(p.name)
}

function list(ctx: Ctx): Obj {
  const max = intParam(ctx.query, 'max_results') || 25
  if (max > 100) throw invalidParam(`max_results must be at most 100; got ${max}.`)
  const byName = (ctx.query.get('order_by') ?? '').startsWith('name')
  const all = [...ctx.ws!.pipelines.values()].filter(likeFilter(ctx.query.get('filter')))
  const key = (p: Obj) => (byName ? `${p.name}\u0000${p.pipeline_id}` : p.pipeline_id)
  const page = cursorPage(all, key, max, ctx.query.get('page_token'))
  const out: Obj = { statuses: page.items.map(status) }
  if (page.next) out.next_page_token = page.next
  return out
}

function startUpdate(ctx: Ctx): Obj {
  const p = pipelineOrFail(ctx)
  const update = startPipelineUpdate(ctx.core, ctx.ws!, p)
  if (!update)
    throw conflict('RESOURCE_CONFLICT', `Pipeline ${p.pipeline_id} already has an active update.`)
  return { update_id: update.update_id }
}

export function pipelineRoutes(r: Router): void {
  const p = '/api/2.0/pipelines'
  r.add('GET', p, 'pipelines', 'workspace-member', list)
  r.add('GET', `${p}/:id`, 'pipelines', 'workspace-member', (ctx) =>
    structuredClone(pipelineOrFail(ctx)),
  )
  r.add('POST', `${p}/:id/stop`, 'pipelines', 'workspace-member', (ctx) => {
    stopPipeline(ctx.core, ctx.ws!, pipelineOrFail(ctx))
    return {}
  })
  r.add('POST', `${p}/:id/updates`, 'pipelines', 'workspace-member', startUpdate)
  r.add('GET', `${p}/:id/updates`, 'pipelines', 'workspace-member', (ctx) => ({
    updates: structuredClone(pipelineOrFail(ctx).latest_updates ?? []),
  }))
}
