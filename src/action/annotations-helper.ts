import * as core from '@actions/core'
import type { ItemOutcome, ItemReport, Report } from '../report.js'

/**
 * Annotations for what needs a person after the run. Failures are annotated by the engine as they
 * happen (through the logger); conflicts, deleted items and unconverged values are only known at
 * the end. The UI shows about ten per step, so each kind is capped and the rest summarised.
 */

const LIMIT = 8
const TITLES: Partial<Record<ItemOutcome, string>> = {
  conflict: 'Changed by hand during the halt: left as it is',
  gone: 'Deleted during the halt',
  not_converged: 'Did not show the restored value before the deadline',
}

export function annotate(report: Report): void {
  for (const [outcome, title] of Object.entries(TITLES) as [ItemOutcome, string][]) {
    const items = report.items.filter((i) => i.outcome === outcome)
    for (const item of items.slice(0, LIMIT)) core.warning(describe(item), { title })
    if (items.length > LIMIT) {
      core.warning(`${items.length - LIMIT} more; see the job summary or the report output.`, {
        title,
      })
    }
  }
}

function describe(item: ItemReport): string {
  const extra = [item.detail, item.error].filter(Boolean).join('; ')
  return `${item.kind} ${item.name} (${item.id})${extra ? `: ${extra}` : ''}`
}
