import { mkdir, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Report } from '../report.js'
import { reportJsonChunks } from '../report-json.js'
import type { SnapshotLink } from './snapshot-link.js'

/**
 * The whole report as JSON for later steps (its path is the `report` output), in the CLI's
 * `--output json` format (src/report-json.ts) plus the snapshot artifact. In RUNNER_TEMP, which
 * the runner empties after the job, so it never lands in the checkout by accident.
 */
export async function writeReportFile(report: Report, snapshot?: SnapshotLink): Promise<string> {
  const dir = process.env.RUNNER_TEMP || tmpdir()
  await mkdir(dir, { recursive: true })
  const stamp = report.finishedAt.replace(/[:.]/g, '-')
  const path = join(dir, `databricks-halt-${report.mode}-${report.workspaceId}-${stamp}.json`)
  await writeFile(path, reportJsonChunks(report, snapshot), 'utf8')
  return path
}
