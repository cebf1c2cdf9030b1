import * as core from '@actions/core'
import type { Report } from '../report.js'
import type { SnapshotLink } from './snapshot-link.js'

/** The step outputs a workflow branches on (counts as decimal strings, as outputs always are). */
export function setOutputs(
  report: Report,
  snapshot: SnapshotLink | undefined,
  reportPath: string,
): void {
  core.setOutput('snapshot-artifact-id', snapshot?.ref ?? '')
  core.setOutput('snapshot-artifact-name', snapshot?.name ?? '')
  core.setOutput('snapshot-run-id', snapshot?.runId ?? '')
  core.setOutput('snapshot-artifact-url', snapshot?.url ?? '')
  // A dry run changes nothing: `changed` is what it would change, as the real run would count it.
  core.setOutput('changed', String(report.dryRun ? report.counts.planned : report.counts.changed))
  core.setOutput('failed', String(report.counts.failed))
  core.setOutput('conflicts', String(report.counts.conflict))
  core.setOutput('active', String(report.counts.active))
  if (report.mode === 'status') {
    core.setOutput('halted', String(report.status?.halted ?? false))
    core.setOutput('drift', String(report.status?.drift ?? 0))
  }
  core.setOutput('report', reportPath)
}
