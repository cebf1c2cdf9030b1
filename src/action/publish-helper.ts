import * as core from '@actions/core'
import type { Report } from '../report.js'
import { networkHeadline, probeLines } from '../network-table.js'
import { annotate } from './annotations-helper.js'
import type { CoreLogger } from './core-logger.js'
import { setOutputs } from './outputs-helper.js'
import { writeReportFile } from './report-file.js'
import type { ActionStore } from './store-helper.js'
import { snapshotLink } from './snapshot-link.js'
import { writeSummary } from './summary-helper.js'

/** Everything a finished run leaves for people and later steps: outputs, annotations, summary. */
export async function publish(
  report: Report,
  store: ActionStore,
  logger: CoreLogger,
): Promise<void> {
  const snapshot = report.snapshot ? snapshotLink(report.snapshot, store.runIdOf) : undefined
  const reportPath = await writeReportFile(report, snapshot)
  setOutputs(report, snapshot, reportPath)
  annotate(report, logger)
  logger.flush()
  await writeSummary(report, snapshot)
  const c = report.counts
  core.info(
    `${report.mode}: ${c.changed} changed, ${c.failed} failed, ${c.conflict} conflicts, ${c.active} active` +
      (snapshot
        ? `; snapshot ${snapshot.name} (artifact ${snapshot.ref}${snapshot.runId ? `, run ${snapshot.runId}` : ''})`
        : ''),
  )
}

/** The step's failure message when the engine finished but not cleanly. */
export function failureMessage(report: Report): string {
  const c = report.counts
  if (report.mode === 'status')
    return `${report.status?.drift ?? 0} items came back or are new since the halt (fail-on-drift), or listing failed.`
  if (report.mode === 'network' && report.network) {
    const n = report.network
    return n.probe ? probeLines(n)[0] : networkHeadline(n)
  }
  if (report.mode === 'show')
    return `${c.active} items are still active (fail-if-active), or listing failed.`
  return (
    `${report.mode} finished with ${c.failed} failed, ${c.conflict} conflicts, ${c.gone} gone and ` +
    `${c.not_converged} not converged items; see the job summary.`
  )
}
