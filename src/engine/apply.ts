import { isTargetMissing } from '../databricks/errors.js'
import { errorText } from '../errors.js'
import type { ItemReport } from '../report.js'
import type { Inventory, Observed, Resource } from '../resources/resource.js'
import type { ResourceKind } from '../settings.js'
import { mapLimit } from '../util/limit.js'
import { inDependencyOrder, type OrderedTask } from './order.js'
import { planItem, type PlanEntry } from './plan.js'
import type { Progress } from './progress.js'
import type { Runtime } from './runtime.js'

export interface ApplyOptions {
  /** Kinds with `late` list again for items that appeared since the listing (off for the sweep). */
  relist: boolean
  /** Added to each item's detail, e.g. "(started during stop)". */
  note?: string
}

/**
 * Apply a saved plan by dependency (docs/adr/0012-order-by-dependency.md): what restarts compute
 * (job schedules and triggers, alert and dashboard schedules) is paused first; each compute kind
 * is stopped as soon as the kinds that start it are done (runs and all-purpose clusters after the
 * jobs, warehouses after jobs, alerts and dashboard schedules, JOB/PIPELINE clusters after the runs
 * and pipelines); access removal, pools and apps start at once and hold nothing back. Kinds that
 * do not wait for each other run side by side in their own rate classes. One item failing never
 * stops the others.
 */
export async function applyStop(
  rt: Runtime,
  entries: readonly PlanEntry[],
  inventory: Inventory,
  progress: Progress,
  options: ApplyOptions = { relist: true },
): Promise<ItemReport[]> {
  const changes = entries.filter((e) => e.change)
  const run = { progress, options }
  const tasks: OrderedTask<ItemReport[]>[] = []
  for (const resource of rt.resources.filter((r) => !r.reportOnly)) {
    const mine = changes.filter((e) => e.resource === resource)
    for (const [after, planned] of byStarters(resource, mine)) {
      progress.add(resource.kind, planned.length)
      const work = planned.map((e) => ({ item: e.item, ...e.change!, late: false }))
      tasks.push({ kind: resource.kind, after, run: () => haltKind(rt, resource, work, run) })
    }
    const late = resource.late
    if (late && options.relist) {
      tasks.push({
        kind: resource.kind,
        after: late.after,
        run: async () => {
          const work = await lateItems(rt, resource, inventory)
          progress.add(resource.kind, work.length)
          return haltKind(rt, resource, work, run)
        },
      })
    }
  }
  return (await inDependencyOrder(tasks)).flat()
}

/** A kind's planned items, grouped by the kinds that must be done first (the kind's own first). */
function byStarters(
  resource: Resource,
  planned: readonly PlanEntry[],
): Map<readonly ResourceKind[], PlanEntry[]> {
  const groups = new Map<string, { after: readonly ResourceKind[]; entries: PlanEntry[] }>()
  const key = (after: readonly ResourceKind[]) => [...after].sort().join(',')
  groups.set(key(resource.startedBy), { after: resource.startedBy, entries: [] })
  for (const e of planned) {
    const after = resource.startedByOf?.(e.item) ?? resource.startedBy
    const group = groups.get(key(after)) ?? { after, entries: [] }
    group.entries.push(e)
    groups.set(key(after), group)
  }
  return new Map([...groups.values()].map((g) => [g.after, g.entries]))
}

/** One item to halt, and the value to set. */
interface Work {
  item: Observed<unknown>
  /** The pre-halt value recorded, and the value to set. */
  before: unknown
  after: unknown
  /** Appeared after the listing the plan was made from. */
  late: boolean
}

async function haltKind(
  rt: Runtime,
  resource: Resource,
  work: readonly Work[],
  { progress, options }: { progress: Progress; options: ApplyOptions },
): Promise<ItemReport[]> {
  if (work.length === 0) return []
  progress.start(resource.kind)
  rt.logger.info(`${resource.kind}: halting ${work.length}`)
  const reports = await mapLimit(
    work,
    rt.settings.maxConcurrency,
    async ({ item, before, after, late }): Promise<ItemReport> => {
      const base = { kind: resource.kind, id: item.id, name: item.name, before, after }
      const change = `${resource.describe(item.state)} → ${resource.describe(after)}`
      const detail = [change, late ? '(appeared during stop)' : '', options.note ?? '']
        .filter(Boolean)
        .join(' ')
      try {
        await resource.halt(rt.resCtx, item, after)
        return { ...base, outcome: 'changed', detail }
      } catch (e) {
        const error = errorText(e)
        if (targetMissing(resource, e, item.id)) {
          // Deleted since the listing: nothing is left to halt (restore will find it gone). Any
          // other refusal, a 400 about another object included, is a failure (ADR 0010).
          const gone = { kind: base.kind, id: base.id, name: base.name }
          return { ...gone, outcome: 'already_halted', detail: `no longer exists (${error})` }
        }
        rt.logger.error(`${resource.kind} ${item.name} (${item.id}): ${error}`)
        return { ...base, outcome: 'failed', detail, error }
      } finally {
        progress.tick(resource.kind)
      }
    },
  )
  const failed = reports.filter((r) => r.outcome === 'failed').length
  rt.logger.info(`${resource.kind}: ${reports.length - failed} changed, ${failed} failed`)
  return reports
}

/**
 * Items that appeared since the listing (a schedule fired a run before its job was paused, and
 * the run's JOB cluster). Restore leaves them alone (runs and JOB clusters are not started again),
 * so they are not in the snapshot; anything else new is for the final sweep, which records it.
 */
async function lateItems(rt: Runtime, resource: Resource, inventory: Inventory): Promise<Work[]> {
  let fresh: Observed<unknown>[]
  try {
    fresh = await resource.list(rt.resCtx)
  } catch (e) {
    rt.logger.warning(`${resource.kind}: could not list again before halting: ${errorText(e)}`)
    return []
  }
  resource.refine?.(fresh, inventory)
  // The plan was made from the first listing: anything in it is already planned or left alone.
  const known = new Set((inventory[resource.kind] ?? []).map((i) => i.id))
  return fresh
    .filter((i) => !known.has(i.id) && resource.late!.accept(i))
    .map((i) => planItem(resource, i))
    .filter((e) => e.change)
    .map((e) => ({ item: e.item, ...e.change!, late: true }))
}

/** Whether a failed write says its own target no longer exists (ADR 0010). */
export function targetMissing(resource: Resource, e: unknown, id: string): boolean {
  return resource.targetMissing?.(e, id) ?? isTargetMissing(e, id)
}
