import type { ItemReport } from '../report.js'
import { errorText } from '../errors.js'
import type { Inventory, Observed, Resource } from '../resources/resource.js'
import { pollDelays, tally } from '../util/limit.js'
import { withProgress } from './progress.js'
import type { Runtime } from './runtime.js'

/**
 * stop --wait: re-read compute until clusters are TERMINATED, warehouses STOPPED, pools without
 * idle instances, pipelines and apps stopped and runs finished (kept items aside), printing
 * progress. What is still up at the deadline is reported not_converged, so a runbook gate fails.
 */
export async function waitForDrain(
  rt: Runtime,
  items: ItemReport[],
  inventory: Inventory,
  timeoutMs: number,
): Promise<void> {
  const kinds = rt.resources.filter((r) => r.drained && !r.reportOnly)
  // The engine's clock (real in use; tests pass one they move), as verify's deadline is.
  const clock = rt.timing.clock
  const nextDelay = pollDelays(rt.timing.pollIntervalMs)
  const deadline = clock.now() + timeoutMs
  const pending = await withProgress(rt.logger, rt.clock, 'Wait', async (progress) => {
    let pending = await undrained(rt, kinds, inventory, [])
    const first = pending.length
    let said = ''
    while (pending.length > 0 && clock.now() < deadline) {
      progress.set('stopped', first - pending.length, first)
      // A progress line when something changed, not on every poll.
      const line = `waiting for ${summary(pending)}`
      if (line !== said) rt.logger.info((said = line))
      await clock.sleep(Math.min(nextDelay(), Math.max(0, deadline - clock.now())))
      pending = await undrained(rt, kinds, inventory, pending)
    }
    progress.set('stopped', first - pending.length, first)
    return pending
  })
  if (pending.length === 0) {
    rt.logger.info('all compute is stopped')
    return
  }
  const minutes = Math.round(timeoutMs / 6000) / 10
  rt.logger.error(`still running after ${minutes} min: ${summary(pending)}`)
  const reported = new Map(items.map((i) => [`${i.kind}/${i.id}`, i]))
  for (const { resource, item } of pending) {
    // item.detail, not describe(state): a kind that could not be listed has no state to describe.
    const detail = `still ${item.detail} after waiting ${minutes} min`
    const existing = reported.get(`${resource.kind}/${item.id}`)
    if (existing) Object.assign(existing, { outcome: 'not_converged', detail })
    else
      items.push({
        kind: resource.kind,
        id: item.id,
        name: item.name,
        outcome: 'not_converged',
        detail,
      })
  }
}

interface Pending {
  resource: Resource
  item: Observed<unknown>
}

/** A kind that cannot be listed keeps its previous pending items: unknown is not drained. */
async function undrained(
  rt: Runtime,
  kinds: readonly Resource[],
  inventory: Inventory,
  previous: readonly Pending[],
): Promise<Pending[]> {
  const lists = await Promise.all(
    kinds.map(async (resource) => {
      try {
        const listed = await resource.list(rt.resCtx)
        resource.refine?.(listed, inventory) // runs and clusters of kept jobs stay kept
        return listed
          .filter((item) => !item.kept && !resource.drained!(item))
          .map((item) => ({ resource, item }))
      } catch (e) {
        rt.logger.warning(`${resource.kind}: cannot list while waiting: ${errorText(e)}`)
        const before = previous.filter((p) => p.resource === resource)
        return before.length > 0 ? before : [{ resource, item: unknownItem(resource) }]
      }
    }),
  )
  return lists.flat()
}

function summary(pending: readonly Pending[]): string {
  return tally(pending, (p) => p.resource.kind)
}

function unknownItem(resource: Resource): Observed<unknown> {
  return {
    id: '*',
    name: `(${resource.kind} list)`,
    state: { state: 'UNKNOWN' },
    active: true,
    detail: 'UNKNOWN',
  }
}
