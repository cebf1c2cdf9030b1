import type { ItemReport } from '../report.js'
import type { SnapshotEntry } from '../snapshot/store.js'
import { countOutcomes } from './report-builder.js'
import type { Runtime } from './runtime.js'

/** What the person restoring should do next, said once at the end (and logged). */
export function restoreWarnings(
  rt: Runtime,
  entry: SnapshotEntry,
  items: readonly ItemReport[],
): string[] {
  const count = countOutcomes(items)
  const warnings: string[] = []
  if (count.conflict > 0) {
    warnings.push(
      `${count.conflict} item(s) were changed by hand during the halt and were left as edited. ` +
        'To put the pre-halt values back anyway, run restore --force (Action: force: true); ' +
        `it acts on ${entry.name}.`,
    )
  }
  if (count.gone > 0) {
    warnings.push(
      `${count.gone} item(s) were deleted during the halt; nothing to restore for them.`,
    )
  }
  if (count.not_converged > 0) {
    warnings.push(
      `${count.not_converged} restored value(s) did not show before the deadline (permission ` +
        `changes can take minutes). Check with show; restore --snapshot ${entry.name} ` +
        `(Action: restore-from: ${entry.name}) can be run again safely.`,
    )
  }
  const compute = items.filter((i) => i.outcome === 'left_off' && i.kind !== 'job_runs').length
  if (compute > 0 && !rt.settings.restartCompute) {
    warnings.push(
      `${compute} compute resource(s) that were running before the halt were left off; ` +
        'restore --restart-compute (Action: restart-compute: true) starts them.',
    )
  } else if (compute > 0) {
    warnings.push(
      `${compute} compute resource(s) were still stopping and were not started; run ` +
        'restore --restart-compute (Action: restart-compute: true) again in a few minutes.',
    )
  }
  for (const w of warnings) rt.logger.warning(w)
  return warnings
}
