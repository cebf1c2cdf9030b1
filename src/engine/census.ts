import type { Census, ItemReport } from '../report.js'
import type { Inventory } from '../resources/resource.js'
import type { ResourceKind } from '../settings.js'

/**
 * Outcomes after which a stop has turned an active item off (itself, or with what owns it); in a
 * dry run, `planned` is what it would turn off, so the census shows the run that would follow.
 */
const STOPPED = new Set(['changed', 'unchanged', 'planned'])

/**
 * stop: active items per kind as listed, and how many are left active once the halts land (kept,
 * failed, not drained by --wait, cannot be stopped). Items that appeared during the stop (runs
 * fired since the listing) count as active before.
 */
export function stopCensus(inventory: Inventory, items: readonly ItemReport[]): Census {
  const census: Census = {}
  for (const [kind, listed] of entries(inventory)) {
    const mine = items.filter((i) => i.kind === kind && i.id !== '*')
    const outcome = new Map(mine.map((i) => [i.id, i.outcome]))
    const ids = new Set(listed.map((i) => i.id))
    const active = [
      ...listed.filter((i) => i.active).map((i) => i.id),
      ...mine.filter((i) => !ids.has(i.id)).map((i) => i.id),
    ]
    const after = active.filter((id) => !STOPPED.has(outcome.get(id) ?? '')).length
    census[kind] = { before: active.length, after }
  }
  return census
}

/**
 * restore: active items per kind as found, plus those the restore turned back on (a removed
 * assignment is not listed at all until the restore puts it back); in a dry run, would turn on.
 */
const TURNED_ON = new Set(['changed', 'planned'])

export function restoreCensus(inventory: Inventory, items: readonly ItemReport[]): Census {
  const census: Census = {}
  for (const [kind, listed] of entries(inventory)) {
    const active = new Set(listed.filter((i) => i.active).map((i) => i.id))
    const turnedOn = items.filter(
      (i) => i.kind === kind && TURNED_ON.has(i.outcome) && !active.has(i.id),
    ).length
    census[kind] = { before: active.size, after: active.size + turnedOn }
  }
  return census
}

function entries(inventory: Inventory) {
  return Object.entries(inventory) as [ResourceKind, NonNullable<Inventory[ResourceKind]>][]
}
