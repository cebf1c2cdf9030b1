import type { SnapshotArtifact } from '../report-json.js'
import type { SnapshotEntry } from '../snapshot/store.js'

/** Where a snapshot lives, as outputs, the summary and the JSON report show it. */
export type SnapshotLink = SnapshotArtifact

/**
 * `runUrl` is the run's page; `url` the artifact's own download page, the address GitHub gives an
 * uploaded artifact (as actions/upload-artifact's `artifact-url` output): only for an artifact id
 * of a known run, never for a local file path.
 */
export function snapshotLink(
  entry: SnapshotEntry,
  runIdOf: (e: SnapshotEntry) => string | undefined,
): SnapshotLink {
  const runId = runIdOf(entry)
  const server = process.env.GITHUB_SERVER_URL || 'https://github.com'
  const repository = process.env.GITHUB_REPOSITORY
  const runUrl = runId && repository ? `${server}/${repository}/actions/runs/${runId}` : undefined
  const url = runUrl && /^\d+$/.test(entry.ref) ? `${runUrl}/artifacts/${entry.ref}` : undefined
  return {
    ref: entry.ref,
    name: entry.name,
    ...(runId ? { runId } : {}),
    ...(runUrl ? { runUrl } : {}),
    ...(url ? { url } : {}),
  }
}
