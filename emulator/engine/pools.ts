/**
 * Instance pool accounting (reference §7; Databricks "Pool best practices"): a pool-backed cluster
 * holds `used` instances while it exists; when it terminates they go back to the pool as **idle**,
 * VMs and NICs included, and stay until `idle_instance_autotermination_minutes` passes (0 = at
 * once) or an edit lowers what the pool keeps. Idle instances above `min_idle_instances` are the
 * ones autotermination releases; the minimum itself is kept warm.
 */
import type { EmulatorCore } from '../core.js'
import type { Obj } from '../http/router.js'
import type { WorkspaceState } from '../state/workspace.js'
import { transition } from './timers.js'

const LIVE = new Set(['PENDING', 'RUNNING', 'RESTARTING', 'RESIZING', 'TERMINATING'])

export function poolStats(pool: Obj): Obj {
  return (pool.stats ??= {
    used_count: 0,
    idle_count: 0,
    pending_used_count: 0,
    pending_idle_count: 0,
  })
}

/** The instances a pool-backed cluster holds: its driver and workers (the minimum when autoscaling). */
function instancesOf(cluster: Obj): number {
  const workers = cluster.num_workers ?? cluster.autoscale?.min_workers ?? 0
  return 1 + Number(workers)
}

function poolOf(ws: WorkspaceState, cluster: Obj): Obj | undefined {
  return cluster.instance_pool_id ? ws.instancePools.get(cluster.instance_pool_id) : undefined
}

/** At load: `used_count` is at least what the pool's live clusters hold. */
export function countUsed(ws: WorkspaceState): void {
  const used = new Map<string, number>()
  for (const c of ws.clusters.values()) {
    const pool = poolOf(ws, c)
    if (pool && LIVE.has(c.state))
      used.set(c.instance_pool_id, (used.get(c.instance_pool_id) ?? 0) + instancesOf(c))
  }
  for (const [id, n] of used) {
    const stats = poolStats(ws.instancePools.get(id)!)
    stats.used_count = Math.max(Number(stats.used_count ?? 0), n)
  }
}

/** A pool-backed cluster starts: it takes idle instances first (the point of a pool). */
export function takeInstances(ws: WorkspaceState, cluster: Obj): void {
  const pool = poolOf(ws, cluster)
  if (!pool) return
  const stats = poolStats(pool)
  const n = instancesOf(cluster)
  stats.idle_count = Math.max(0, stats.idle_count - n)
  stats.used_count += n
}

/** A pool-backed cluster terminated: its instances return as idle, until autotermination. */
export function returnInstances(core: EmulatorCore, ws: WorkspaceState, cluster: Obj): void {
  const pool = poolOf(ws, cluster)
  if (!pool) return
  const stats = poolStats(pool)
  const n = Math.min(instancesOf(cluster), stats.used_count)
  stats.used_count -= n
  stats.idle_count += n
  scheduleRelease(core, ws, pool)
}

/**
 * Release the idle instances above the minimum after the pool's autotermination (0: at once).
 * One timer per pool, re-armed by every return or edit: an instance is never released earlier
 * than its own idle time allows (the strict reading of a per-instance timer).
 */
export function scheduleRelease(core: EmulatorCore, ws: WorkspaceState, pool: Obj): void {
  const stats = poolStats(pool)
  const min = Number(pool.min_idle_instances ?? 0)
  const minutes = Number(pool.idle_instance_autotermination_minutes ?? 60)
  const release = (): void => {
    stats.idle_count = Math.min(stats.idle_count, min)
    stats.pending_idle_count = Math.min(
      stats.pending_idle_count,
      Math.max(0, min - stats.idle_count),
    )
  }
  if (minutes === 0) {
    // Cancel any older timer of this pool, then release now.
    transition(core, ws, `pool-release:${pool.instance_pool_id}`, () => {}, 0)
    release()
    return
  }
  if (stats.idle_count <= min) return
  transition(core, ws, `pool-release:${pool.instance_pool_id}`, release, minutes * 60_000)
}
