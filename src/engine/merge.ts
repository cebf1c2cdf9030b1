import type { Resource } from '../resources/resource.js'
import type { SnapshotItem } from '../snapshot/schema.js'

const keyOf = (item: { kind: string; id: string }): string => `${item.kind}\u0000${item.id}`

/**
 * Stop twice: combine the records of the latest un-restored snapshot with this stop's. The
 * earliest recorded pre-halt value wins (the second stop sees a halted workspace and would record
 * "paused" as the value to go back to, which is how the original script lost the way back); the
 * value set last is the one restore will compare against. Records of the earlier stop that this
 * one did not touch are carried over unchanged, so nothing it recorded is ever dropped.
 */
export function mergeRecords(
  earlier: readonly SnapshotItem[],
  now: readonly SnapshotItem[],
  resources: ReadonlyMap<string, Resource>,
): SnapshotItem[] {
  const previous = new Map(earlier.map((item) => [keyOf(item), item]))
  const merged: SnapshotItem[] = []
  const seen = new Set<string>()
  for (const item of now) {
    const key = keyOf(item)
    seen.add(key)
    const old = previous.get(key)
    if (!old) {
      merged.push(item)
      continue
    }
    const resource = resources.get(item.kind)
    const values = resource?.merge
      ? resource.merge(old, item)
      : { before: old.before, after: item.after }
    merged.push({ ...item, ...values, recorded_at: old.recorded_at })
  }
  for (const item of earlier) if (!seen.has(keyOf(item))) merged.push(item)
  return merged
}
