import { errorText } from '../errors.js'
import type { ItemReport } from '../report.js'
import type { Inventory } from '../resources/resource.js'
import type { SnapshotItem } from '../snapshot/schema.js'
import type { SnapshotEntry } from '../snapshot/store.js'
import { applyStop } from './apply.js'
import { listAll } from './inventory.js'
import { mergeRecords } from './merge.js'
import { planStop } from './plan.js'
import { withProgress } from './progress.js'
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
  /** The snapshot covering the whole stop: the first one, or the one the sweep saved over it. */
  entry: SnapshotEntry
}

/**
 * The final sweep (docs/adr/0012-order-by-dependency.md): compute is stopped while access is still
 * being removed, so a user who is still assigned can start a cluster, a warehouse or a run in the
 * meantime. Once access removal has ended, list compute again and halt whatever runs now. What it
 * finds is recorded first, in a snapshot that supersedes this stop's first one (it carries every
 * record and names the first in `merged_from`, so restore marks both restored); if that save fails,
 * nothing more is halted.
 */
export async function finalSweep(
  rt: Runtime,
  inventory: Inventory,
  recording: Recording,
): Promise<SweepResult> {
  const kinds = rt.resources.filter((r) => r.sweep === true && !r.reportOnly)
  const { inventory: fresh, failures } = await listAll(rt, kinds, inventory)
  const warnings = failures.map((f) => `${f.kind}: not swept, cannot list (${f.error ?? ''}).`)
  const plan = planStop(kinds, fresh).filter((e) => e.change)
  if (plan.length === 0) {
    rt.logger.info('Final sweep: nothing was started during the stop.')
    return { items: [], warnings, entry: recording.entry }
  }
  const now = new Date().toISOString()
  const records = mergeRecords(
    recording.records,
    plan.map((e) => toRecord(e, now)),
    new Map(rt.resources.map((r) => [r.kind, r])),
  )
  let entry: SnapshotEntry
  try {
    entry = await saveSnapshot(rt, records, [...recording.mergedFrom, recording.entry.name], now)
  } catch (e) {
    const error = `not halted: ${errorText(e)}`
    rt.logger.error(`Final sweep: ${error}`)
    const items = plan.map((p) => ({ ...p.report, outcome: 'failed' as const, error }))
    return { items, warnings, entry: recording.entry }
  }
  const names = plan.slice(0, 5).map((e) => `${e.resource.kind} ${e.item.name}`)
  if (plan.length > 5) names.push(`${plan.length - 5} more`)
  const message =
    `Final sweep: ${plan.length} started during the stop (${names.join(', ')}); ` +
    `recorded in ${entry.name} (${records.length} items, supersedes ${recording.entry.name}) and halted.`
  rt.logger.info(`Snapshot saved: ${entry.ref}. ${message}`)
  const items = await withProgress(rt.logger, rt.clock, 'Sweep', (progress) =>
    applyStop({ ...rt, resources: kinds }, plan, { ...inventory, ...fresh }, progress, {
      relist: false,
      note: '(started during stop)',
    }),
  )
  return { items, warnings: [...warnings, message], entry }
}
