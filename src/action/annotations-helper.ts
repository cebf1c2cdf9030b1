import type { ItemOutcome, ItemReport, Report } from '../report.js'
import type { Logger } from '../logger.js'

/**
 * Annotations for what needs a person after the run. Failures are annotated by the engine as they
 * happen (through the logger); conflicts, deleted items and unconverged values are only known at
 * the end. The logger caps each kind (src/action/core-logger.ts).
 */

const TITLES: Partial<Record<ItemOutcome, string>> = {
  conflict: 'Changed by hand during the halt: left as it is',
  gone: 'Deleted during the halt',
  not_converged: 'Did not show the restored value before the deadline',
}

export function annotate(report: Report, logger: Logger): void {
  for (const [outcome, title] of Object.entries(TITLES) as [ItemOutcome, string][]) {
    for (const item of report.items.filter((i) => i.outcome === outcome))
      logger.warning(describe(item), title)
  }
}

function describe(item: ItemReport): string {
  const extra = [item.detail, item.error].filter(Boolean).join('; ')
  return `${item.kind} ${item.name} (${item.id})${extra ? `: ${extra}` : ''}`
}
