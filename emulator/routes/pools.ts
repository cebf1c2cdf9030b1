/** Instance pools: list (unpaged), get, edit (required fields; omitted optionals revert). */
import type { Ctx, Obj, Router } from '../http/router.js'
import { invalidParam, notFound } from '../http/errors.js'
import { poolStats, scheduleRelease } from '../engine/pools.js'
import { transition } from '../engine/timers.js'

function poolOrFail(ctx: Ctx, raw: unknown): Obj {
  const id = raw ? String(raw) : ''
  const pool = ctx.ws!.instancePools.get(id)
  if (!pool) throw notFound(`Instance pool ${id || '<missing>'} does not exist.`)
  return pool
}

function num(body: Obj, key: string, min: number, max: number): number | undefined {
  const v = body[key]
  if (v === undefined) return undefined
  if (!Number.isInteger(v) || v < min || v > max) throw invalidParam(`Invalid ${key}: ${v}`)
  return v
}

/**
 * Strict reading of the unconfirmed bits: optional fields that are omitted revert to their
 * defaults (min_idle 0, autotermination 60, no max_capacity, no custom tags, no
 * remote_disk_throughput or total_initial_remote_disk_size) and the node type cannot change. The
 * editable fields are those of databricks-sdk-go `compute.EditInstancePool`. After an edit, idle
 * instances above the (new) minimum are released once the (new) autotermination has passed:
 * at once with 0 (engine/pools.ts).
 */
function edit(ctx: Ctx): Obj {
  const b = ctx.body
  for (const f of ['instance_pool_id', 'instance_pool_name', 'node_type_id']) {
    if (!b[f]) throw invalidParam(`Missing required field: ${f}`)
  }
  const pool = poolOrFail(ctx, b.instance_pool_id)
  if (b.node_type_id !== pool.node_type_id)
    throw invalidParam('Changing node_type_id is not supported.')
  const minIdle = num(b, 'min_idle_instances', 0, 10000) ?? 0
  const maxCap = num(b, 'max_capacity', 1, 100000)
  const autoTerm = num(b, 'idle_instance_autotermination_minutes', 0, 10000) ?? 60
  pool.instance_pool_name = b.instance_pool_name
  pool.min_idle_instances = minIdle
  pool.idle_instance_autotermination_minutes = autoTerm
  if (maxCap === undefined) delete pool.max_capacity
  else pool.max_capacity = maxCap
  if (b.custom_tags) pool.custom_tags = b.custom_tags
  else delete pool.custom_tags
  for (const key of ['remote_disk_throughput', 'total_initial_remote_disk_size']) {
    const v = num(b, key, 0, 1_000_000)
    if (v === undefined) delete pool[key]
    else pool[key] = v
  }
  resize(ctx, pool)
  return {}
}

function resize(ctx: Ctx, pool: Obj): void {
  const stats = poolStats(pool)
  const min = pool.min_idle_instances
  scheduleRelease(ctx.core, ctx.ws!, pool)
  const missing = min - stats.idle_count - stats.pending_idle_count
  if (missing > 0) {
    stats.pending_idle_count += missing
    transition(ctx.core, ctx.ws!, `pool:${pool.instance_pool_id}`, () => {
      stats.idle_count += stats.pending_idle_count
      stats.pending_idle_count = 0
    })
  }
}

export function poolRoutes(r: Router): void {
  const p = '/api/2.0/instance-pools'
  r.add('GET', `${p}/list`, 'pools', 'workspace-member', (ctx) => ({
    instance_pools: [...ctx.ws!.instancePools.values()],
  }))
  r.add('GET', `${p}/get`, 'pools', 'workspace-member', (ctx) =>
    structuredClone(poolOrFail(ctx, ctx.query.get('instance_pool_id'))),
  )
  r.add('POST', `${p}/edit`, 'pools', 'workspace-member', edit)
}
