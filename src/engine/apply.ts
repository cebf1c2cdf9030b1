import { isTargetMissing } from '../databricks/errors.js'
import { errorText } from '../errors.js'
import type { ItemReport } from '../report.js'
import type { Inventory, Observed, Resource } from '../resources/resource.js'
import { STAGES } from '../resources/resource.js'
import { mapLimit } from '../util/limit.js'
import { planItem, type PlanEntry } from './plan.js'
import type { Runtime } from './runtime.js'

/**
 * Apply a saved plan in the safe order: stage 1 (access and starters: assignments, job pauses,
 * scheduled SQL; and pools and apps, which nothing restarts) before stage 2 (runs, pipelines,
 * warehouses, all-purpose clusters) before stage 3 (JOB/PIPELINE clusters their owners left up),
 * so nothing a stage stops can be started again by something an earlier stage has not paused.
 * Kinds of one stage use different rate classes and run side by side. One item failing never
 * stops the others.
 */
export async function applyStop(
  rt: Runtime,
  entries: readonly PlanEntry[],
  inventory: Inventory,
): Promise<ItemReport[]> {
  const reports: ItemReport[] = []
  const changes = entries.filter((e) => e.change)
  for (const stage of STAGES) {
    const inStage = (e: PlanEntry): boolean =>
      (e.resource.stageOf?.(e.item) ?? e.resource.stage) === stage
    const kinds = rt.resources.filter((r) => !r.reportOnly && (r.stage === stage || r.stageOf))
    const results = await Promise.all(
      kinds.map((resource) => {
        const planned = changes.filter((e) => e.resource === resource && inStage(e))
        // Late items (runs fired since the listing) belong to the kind's own stage.
        const relist = resource.relistBeforeHalt === true && resource.stage === stage
        return haltKind(rt, resource, planned, inventory, relist)
      }),
    )
    reports.push(...results.flat())
  }
  return reports
}

/** One item to halt, and the value to set. */
interface Work {
  item: Observed<unknown>
  after: unknown
  /** Appeared after the listing the plan was made from. */
  late: boolean
}

async function haltKind(
  rt: Runtime,
  resource: Resource,
  planned: readonly PlanEntry[],
  inventory: Inventory,
  relist: boolean,
): Promise<ItemReport[]> {
  const work: Work[] = planned.map((e) => ({ item: e.item, after: e.change!.after, late: false }))
  if (relist) work.push(...(await lateItems(rt, resource, inventory)))
  if (work.length === 0) return []
  rt.logger.info(`${resource.kind}: halting ${work.length}`)
  let done = 0
  const reports = await mapLimit(
    work,
    rt.settings.maxConcurrency,
    async ({ item, after, late }) => {
      const base = { kind: resource.kind, id: item.id, name: item.name }
      const detail = `${resource.describe(item.state)} → ${resource.describe(after)}`
      try {
        await resource.halt(rt.resCtx, item, after)
        progress(rt, resource, ++done, work.length)
        return {
          ...base,
          outcome: 'changed' as const,
          detail: late ? `${detail} (appeared during stop)` : detail,
        }
      } catch (e) {
        const error = errorText(e)
        if (targetMissing(resource, e, item.id)) {
          // Deleted since the listing: nothing is left to halt (restore will find it gone). Any
          // other refusal, a 400 about another object included, is a failure (ADR 0010).
          return {
            ...base,
            outcome: 'already_halted' as const,
            detail: `no longer exists (${error})`,
          }
        }
        rt.logger.error(`${resource.kind} ${item.name} (${item.id}): ${error}`)
        return { ...base, outcome: 'failed' as const, detail, error }
      }
    },
  )
  const failed = reports.filter((r) => r.outcome === 'failed').length
  rt.logger.info(`${resource.kind}: ${reports.length - failed} changed, ${failed} failed`)
  return reports
}

/**
 * Items that appeared since the listing (a schedule fired a run before its job was paused). They
 * need nothing restored (runs are not restarted), so they are not in the snapshot.
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
    .filter((i) => !known.has(i.id))
    .map((i) => planItem(resource, i))
    .filter((e) => e.change)
    .map((e) => ({ item: e.item, after: e.change!.after, late: true }))
}

/** Whether a failed write says its own target no longer exists (ADR 0010). */
export function targetMissing(resource: Resource, e: unknown, id: string): boolean {
  return resource.targetMissing?.(e, id) ?? isTargetMissing(e, id)
}

function progress(rt: Runtime, resource: Resource, done: number, total: number): void {
  const step = Math.max(50, Math.ceil(total / 10))
  if (done % step === 0 && done < total) rt.logger.info(`${resource.kind}: ${done}/${total}`)
}
