import type { ItemReport } from '../report.js'
import type { SnapshotEntry } from '../snapshot/store.js'
import { countOutcomes } from './report-builder.js'
import type { Runtime } from './runtime.js'
import { command, option } from '../wording.js'

/** What the person restoring should do next, said once at the end (and logged). */
export function restoreWarnings(
  rt: Runtime,
  entry: SnapshotEntry,
  items: readonly ItemReport[],
): string[] {
  const count = countOutcomes(items)
  const face = rt.settings.face
  const warnings: string[] = []
  if (count.conflict > 0) {
    warnings.push(
      `${count.conflict} item(s) were changed by hand during the halt and were left as edited. ` +
        `To put the pre-halt values back anyway, run ${command(face, 'restore', option(face, 'force'))}; ` +
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
        `changes can take minutes). Check with ${command(face, 'show')}; ` +
        `${command(face, 'restore', option(face, 'snapshot', entry.name))} can be run again safely.`,
    )
  }
  const compute = items.filter((i) => i.outcome === 'left_off' && i.kind !== 'job_runs').length
  if (compute > 0 && !rt.settings.restartCompute) {
    warnings.push(
      `${compute} compute resource(s) that were running before the halt were left off; ` +
        `${command(face, 'restore', option(face, 'restartCompute'))} starts them.`,
    )
  } else if (compute > 0) {
    warnings.push(
      `${compute} compute resource(s) were still stopping and were not started; run ` +
        `${command(face, 'restore', option(face, 'restartCompute'))} again in a few minutes.`,
    )
  }
  for (const w of warnings) rt.logger.warning(w)
  return warnings
}
