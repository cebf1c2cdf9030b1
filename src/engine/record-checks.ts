import { errorText, UsageError } from '../errors.js'
import { RESOURCES } from '../resources/registry.js'
import type { Recorded } from '../resources/resource.js'
import type { Snapshot, SnapshotItem } from '../snapshot/schema.js'

/** One record that is not a change a stop could have made. */
export interface RecordViolation {
  item: SnapshotItem
  problem: string
}

/** Every record that fails its kind's checkRecord (pure; nothing is read or written). */
export function recordViolations(items: readonly SnapshotItem[]): RecordViolation[] {
  const byKind = new Map(RESOURCES.map((r) => [r.kind, r]))
  const violations: RecordViolation[] = []
  for (const item of items) {
    const resource = byKind.get(item.kind)
    let problem: string | undefined
    try {
      problem = resource?.checkRecord
        ? resource.checkRecord(item as Recorded<unknown>)
        : `${item.kind} never records a change a restore applies`
    } catch (e) {
      problem = `unreadable record (${errorText(e)})`
    }
    if (problem) violations.push({ item, problem })
  }
  return violations
}

/**
 * Refuse a snapshot with any record that gives more than a stop took away (exit 2, before any
 * write), naming the records and fields. Restore refuses it whole, and stop will not merge it.
 */
export function refuseForgedRecords(snapshot: Snapshot, source: string): void {
  const violations = recordViolations(snapshot.items)
  if (violations.length === 0) return
  const shown = violations
    .slice(0, 5)
    .map((v) => `${v.item.kind} ${v.item.id} (${v.item.name}): ${v.problem}`)
  const more = violations.length > 5 ? `; and ${violations.length - 5} more` : ''
  throw new UsageError(
    `Snapshot ${source} has ${violations.length} record(s) that are not a change a stop makes: ` +
      `${shown.join('; ')}${more}. Refusing the whole snapshot; nothing was changed.`,
  )
}
