import type { SnapshotEntry } from '../snapshot/store.js'

/** Where a snapshot lives, as outputs and the summary show it. */
export interface SnapshotLink {
  /** Artifact id (artifact store) or file path (directory store, local runs). */
  ref: string
  name: string
  runId?: string
  /** The run's page on GitHub, where the artifact can be downloaded. */
  url?: string
}

export function snapshotLink(
  entry: SnapshotEntry,
  runIdOf: (e: SnapshotEntry) => string | undefined,
): SnapshotLink {
  const runId = runIdOf(entry)
  const server = process.env.GITHUB_SERVER_URL || 'https://github.com'
  const repository = process.env.GITHUB_REPOSITORY
  const url = runId && repository ? `${server}/${repository}/actions/runs/${runId}` : undefined
  return { ref: entry.ref, name: entry.name, runId, url }
}
