import type { ItemReport } from '../report.js'
import type { Inventory, Observed, Resource } from '../resources/resource.js'
import { clone } from '../resources/compare.js'

/** What stop decided for one listed item. */
export interface PlanEntry {
  resource: Resource
  item: Observed<unknown>
  /** Present when stop changes the item: the pre-halt value and the value it sets. */
  change?: { before: unknown; after: unknown }
  /** The outcome when nothing is changed (kept, already halted, report only…). */
  report: ItemReport
}

/** Decide per item, from the listings alone. Pure: nothing is written here. */
export function planStop(resources: readonly Resource[], inventory: Inventory): PlanEntry[] {
  const entries: PlanEntry[] = []
  for (const resource of resources) {
    for (const item of inventory[resource.kind] ?? []) entries.push(planItem(resource, item))
  }
  return entries
}

/** The decision for one item: also used for items that appear during a stop. */
export function planItem(resource: Resource, item: Observed<unknown>): PlanEntry {
  const base = { kind: resource.kind, id: item.id, name: item.name }
  if (resource.reportOnly) {
    const outcome = item.active ? 'report_only' : 'inactive'
    return { resource, item, report: { ...base, outcome, detail: item.detail } }
  }
  if (item.kept) {
    return { resource, item, report: { ...base, outcome: 'kept', detail: item.kept } }
  }
  if (item.handledBy) {
    return { resource, item, report: { ...base, outcome: 'unchanged', detail: item.handledBy } }
  }
  const after = resource.halted(item)
  if (after === undefined) {
    return { resource, item, report: { ...base, outcome: 'already_halted', detail: item.detail } }
  }
  const before = resource.recordedBefore ? resource.recordedBefore(item.state, after) : item.state
  const change = { before: clone(before), after: clone(after) }
  const detail = `${resource.describe(change.before)} → ${resource.describe(change.after)}`
  const report = { ...base, outcome: 'planned' as const, ...change, detail }
  return { resource, item, change, report }
}
