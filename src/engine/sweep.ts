import { errorText } from '../errors.js'
import type { ItemReport } from '../report.js'
import type { Inventory } from '../resources/resource.js'
import type { SnapshotItem } from '../snapshot/schema.js'
import type { SnapshotEntry } from '../snapshot/store.js'
import { firstFew } from '../util/limit.js'
import { applyStop } from './apply.js'
import { listAll } from './inventory.js'
import { mergeRecords } from './merge.js'
import { planStop, type PlanEntry } from './plan.js'
import { withProgress, type Progress } from './progress.js'
import type { Runtime } from './runtime.js'
import { saveSnapshot, toRecord } from './save-snapshot.js'

/** What this stop has recorded so far. */
export interface Recording {
  entry: SnapshotEntry
  records: SnapshotItem[]
  /** The snapshots the entry covers (an earlier stop it merged with). */
  mergedFrom: readonly string[]
}

export interface SweepResult {
  items: ItemReport[]
  warnings: string[]
  /** What covers the whole stop now: the recording given, or the snapshot the sweep saved over it. */
  recording: Recording
}

export interface HaltResult {
  /** The items of the plan, in the order of the kinds. */
  applied: ItemReport[]
  /** The compute sweep, when access removal was still running once compute was stopped. */
  swept?: SweepResult
}

/**
 * The halt (docs/adr/0021-compute-sweep.md): access removal runs beside everything else. When
 * everything else is done (starters paused, compute stopped), the compute sweep lists compute
 * again and halts what a starter started before its pause (a run fired after the listing starts
 * its pipeline, an all-purpose cluster, a warehouse), so compute is quiet then, not only once
 * access removal (5 requests a second) has ended. If access removal ended first, the final sweep
 * comes at once and the compute sweep is left out. Without access removal there is nothing to wait
 * for and no sweep, as before.
 */
export async function haltAndSweep(
  rt: Runtime,
  plan: readonly PlanEntry[],
  inventory: Inventory,
  progress: Progress,
  recording: Recording,
): Promise<HaltResult> {
  const access = rt.resources.filter((r) => r.access)
  if (access.length === 0) return { applied: await applyStop(rt, plan, inventory, progress) }
  const others = rt.resources.filter((r) => !r.access)
  let accessRemoved = false
  const removing = applyStop({ ...rt, resources: access }, plan, inventory, progress).finally(
    () => (accessRemoved = true),
  )
  const computeThenSweep = async () => {
    const applied = await applyStop({ ...rt, resources: others }, plan, inventory, progress)
    // Access removal already over: the final sweep, right after, lists once for both.
    if (accessRemoved) return { applied }
    return { applied, swept: await sweep(rt, inventory, recording, 'Compute sweep') }
  }
  const [compute, removed] = await Promise.all([computeThenSweep(), removing])
  const order = new Map(rt.resources.map((r, i) => [r.kind, i]))
  const applied = [...removed, ...compute.applied].sort(
    (a, b) => (order.get(a.kind) ?? 0) - (order.get(b.kind) ?? 0),
  )
  return { applied, swept: compute.swept }
}

/**
 * A sweep (docs/adr/0012-order-by-dependency.md, 0021): list the compute kinds again and halt
 * whatever runs now. The compute sweep runs once compute is stopped, for what a starter started
 * before its pause; the final sweep once access removal has ended, for what a user who was still
 * assigned started meanwhile. What a sweep finds is recorded first, in a snapshot that supersedes
 * the stop's latest one (it carries every record and names the ones it covers in `merged_from`,
 * so restore marks them all restored); if that save fails, nothing more is halted.
 */
export async function sweep(
  rt: Runtime,
  inventory: Inventory,
  recording: Recording,
  name: 'Compute sweep' | 'Final sweep',
): Promise<SweepResult> {
  const kinds = rt.resources.filter((r) => r.sweep === true && !r.reportOnly)
  const { inventory: fresh, failures } = await listAll(rt, kinds, inventory)
  const warnings = failures.map((f) => `${f.kind}: not swept, cannot list (${f.error ?? ''}).`)
  const plan = planStop(kinds, fresh).filter((e) => e.change)
  if (plan.length === 0) {
    rt.logger.info(`${name}: nothing was started during the stop.`)
    return { items: [], warnings, recording }
  }
  const now = new Date().toISOString()
  const records = mergeRecords(
    recording.records,
    plan.map((e) => toRecord(e, now)),
    new Map(rt.resources.map((r) => [r.kind, r])),
  )
  const mergedFrom = [...recording.mergedFrom, recording.entry.name]
  let entry: SnapshotEntry
  try {
    entry = await saveSnapshot(rt, records, mergedFrom, now)
  } catch (e) {
    const error = `not halted: ${errorText(e)}`
    rt.logger.error(`${name}: ${error}`)
    const items = plan.map((p) => ({ ...p.report, outcome: 'failed' as const, error }))
    return { items, warnings, recording }
  }
  const names = firstFew(plan.map((e) => `${e.resource.kind} ${e.item.name}`))
  const message =
    `${name}: ${plan.length} started during the stop (${names.join(', ')}); ` +
    `recorded in ${entry.name} (${records.length} items, supersedes ${recording.entry.name}) and halted.`
  rt.logger.info(`Snapshot saved: ${entry.ref}. ${message}`)
  const items = await withProgress(rt.logger, rt.clock, 'Sweep', (progress) =>
    applyStop({ ...rt, resources: kinds }, plan, { ...inventory, ...fresh }, progress, {
      relist: false,
      note: '(started during stop)',
    }),
  )
  return { items, warnings: [...warnings, message], recording: { entry, records, mergedFrom } }
}
