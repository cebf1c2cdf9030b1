import type { ItemReport } from '../report.js'
import { errorText } from '../errors.js'
import type { Resource } from '../resources/resource.js'
import { pollDelays } from '../util/limit.js'
import { withProgress, type Progress } from './progress.js'
import type { Runtime } from './runtime.js'

export interface Expectation {
  resource: Resource
  id: string
  expected: unknown
  /** The item's report line: turned into not_converged if the deadline passes. */
  report: ItemReport
}

/**
 * Re-read until every restored value shows. Permission assignments appear after a propagation
 * delay (minutes on large accounts), so the first read proving nothing is normal; only the
 * deadline turns a missing value into not_converged.
 */
export async function verifyRestore(rt: Runtime, expectations: Expectation[]): Promise<void> {
  await withProgress(rt.logger, rt.clock, 'Verify', (progress) =>
    verifyAll(rt, expectations, progress),
  )
}

async function verifyAll(rt: Runtime, expectations: Expectation[], progress: Progress) {
  const clock = rt.timing.clock
  const nextDelay = pollDelays(rt.timing.pollIntervalMs)
  const deadline = clock.now() + rt.timing.verifyTimeoutMs
  let pending = expectations
  let said = 0
  for (;;) {
    pending = await stillPending(rt, pending)
    progress.set('values', expectations.length - pending.length, expectations.length)
    if (pending.length === 0) {
      rt.logger.info(`verified: ${expectations.length} restored values show`)
      return
    }
    if (clock.now() >= deadline) break
    if (pending.length !== said)
      rt.logger.info(`waiting for ${(said = pending.length)} restored values to show`)
    await clock.sleep(Math.min(nextDelay(), Math.max(0, deadline - clock.now())))
  }
  for (const p of pending) {
    p.report.outcome = 'not_converged'
    p.report.detail = `${p.report.detail ?? ''}; not visible after ${Math.round(rt.timing.verifyTimeoutMs / 1000)} s`
  }
  rt.logger.error(`${pending.length} restored values did not show before the deadline`)
}

async function stillPending(rt: Runtime, pending: Expectation[]): Promise<Expectation[]> {
  const kinds = [...new Set(pending.map((p) => p.resource))]
  const lists = await Promise.all(
    kinds.map(async (resource) => {
      try {
        return [resource, new Map((await resource.list(rt.resCtx)).map((i) => [i.id, i]))] as const
      } catch (e) {
        rt.logger.warning(`${resource.kind}: cannot re-read for verify: ${errorText(e)}`)
        return [resource, undefined] as const
      }
    }),
  )
  const byKind = new Map(lists)
  return pending.filter((p) => {
    const current = byKind.get(p.resource)
    return !current || !p.resource.matches!(current.get(p.id), p.expected)
  })
}
