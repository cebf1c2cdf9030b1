import { workspaceIdFromUrl } from '../config.js'
import type { ArtifactInputs } from '../input-helper.js'
import type { Logger } from '../logger.js'
import type { Settings } from '../settings.js'
import { ArtifactSnapshotStore } from '../snapshot/artifact-store.js'
import { DirectoryStore } from '../snapshot/directory-store.js'
import type { SnapshotEntry, SnapshotStore } from '../snapshot/store.js'

export interface ActionStore {
  store: SnapshotStore
  /** The workflow run holding a snapshot, for outputs and links; undefined for local files. */
  runIdOf(entry: SnapshotEntry): string | undefined
}

/**
 * Workflow artifacts on a runner. A local trial (INPUT_* variables, no runner) has no artifact
 * service, so it keeps snapshots in the CLI's directory store instead of failing the stop.
 */
export function createStore(
  settings: Settings,
  inputs: ArtifactInputs,
  logger: Logger,
): ActionStore {
  if (!process.env.ACTIONS_RUNTIME_TOKEN || !process.env.ACTIONS_RESULTS_URL) {
    const store = new DirectoryStore('.databricks-halt')
    logger.info(`Not on a GitHub runner (no ACTIONS_RUNTIME_TOKEN): snapshots go to ${store.root}.`)
    return { store, runIdOf: () => undefined }
  }
  const store = new ArtifactSnapshotStore({
    logger,
    retentionDays: inputs.retentionDays,
    githubToken: inputs.githubToken,
    repository: process.env.GITHUB_REPOSITORY,
    runId: process.env.GITHUB_RUN_ID ?? '0',
    runAttempt: process.env.GITHUB_RUN_ATTEMPT ?? '1',
    workspaceIdHint: settings.workspaceId ?? workspaceIdFromUrl(settings.workspaceUrl),
    tempDir: process.env.RUNNER_TEMP,
    trustedRefs: inputs.trustedRefs,
    workflowRef: process.env.GITHUB_WORKFLOW_REF,
  })
  return { store, runIdOf: (entry) => store.runIdOf(entry) }
}
