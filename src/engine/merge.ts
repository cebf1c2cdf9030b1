import type { Inventory, Observed, Recorded, Resource } from '../resources/resource.js'
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

/**
 * Stop twice: the earlier records whose items are still as that stop left them. A record whose
 * item was changed by hand (access re-granted, a schedule unpaused or edited) or deleted since is
 * left out and named in `dropped`: merging it blindly would give back at the next restore what
 * someone took away on purpose. Kinds not listed this time (out of scope, listing failed) are
 * carried over unchanged: there is nothing to judge them by.
 */
export function stillHalted(
  records: readonly SnapshotItem[],
  inventory: Inventory,
  resources: ReadonlyMap<string, Resource>,
): { kept: SnapshotItem[]; dropped: SnapshotItem[] } {
  const kept: SnapshotItem[] = []
  const dropped: SnapshotItem[] = []
  for (const record of records) {
    const listed = inventory[record.kind]
    const resource = resources.get(record.kind)
    if (!listed || !resource) {
      kept.push(record)
      continue
    }
    const current = listed.find((i) => i.id === record.id)
    const still = haltedPart(resource, record, current)
    if (still) kept.push({ ...record, before: still.before, after: still.after })
    if (!still || !deepEqualRecord(still, record)) dropped.push(record)
  }
  return { kept, dropped }
}

function haltedPart(
  resource: Resource,
  record: SnapshotItem,
  current: Observed<unknown> | undefined,
): Recorded<unknown> | undefined {
  if (resource.stillHalted) return resource.stillHalted(record, current)
  if (resource.matches) return resource.matches(current, record.after) ? record : undefined
  return current && resource.halted(current) === undefined ? record : undefined
}

const deepEqualRecord = (a: Recorded<unknown>, b: Recorded<unknown>): boolean =>
  JSON.stringify(a.before) === JSON.stringify(b.before) &&
  JSON.stringify(a.after) === JSON.stringify(b.after)
