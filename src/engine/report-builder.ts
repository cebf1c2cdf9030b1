import {
  FAILING_OUTCOMES,
  ITEM_OUTCOMES,
  type ItemOutcome,
  type ItemReport,
  type Report,
} from '../report.js'
import type { Runtime } from './runtime.js'

export function countOutcomes(items: readonly ItemReport[]): Record<ItemOutcome, number> {
  const counts = Object.fromEntries(ITEM_OUTCOMES.map((o) => [o, 0])) as Record<ItemOutcome, number>
  for (const item of items) counts[item.outcome]++
  return counts
}

export function finishReport(base: Omit<Report, 'finishedAt' | 'counts' | 'exitCode'>): Report {
  const counts = countOutcomes(base.items)
  const failing = base.items.some((i) => FAILING_OUTCOMES.has(i.outcome))
  return { ...base, finishedAt: new Date().toISOString(), counts, exitCode: failing ? 1 : 0 }
}

/** The fields every report shares: what ran, where, as whom, since when. */
export function reportHeader(rt: Runtime, mode: Report['mode'], startedAt: string) {
  return {
    mode,
    dryRun: rt.settings.dryRun,
    workspaceId: rt.workspaceId,
    workspaceUrl: rt.workspaceUrl,
    ...(rt.accountId ? { accountId: rt.accountId } : {}),
    caller: rt.caller,
    startedAt,
  }
}
