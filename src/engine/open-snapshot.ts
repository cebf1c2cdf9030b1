import { loadSnapshot } from '../snapshot/codec.js'
import type { Snapshot } from '../snapshot/schema.js'
import type { SnapshotEntry } from '../snapshot/store.js'
import type { Runtime } from './runtime.js'

/**
 * The snapshot a stop merges with and a plain restore applies: the newest snapshot of the
 * workspace, if it is not restored yet. An older un-restored one behind a newer snapshot has been
 * merged into it (stop twice) or superseded, so it is never picked on its own.
 */
export async function openSnapshot(
  rt: Runtime,
): Promise<{ entry: SnapshotEntry; snapshot: Snapshot } | undefined> {
  const [newest] = await rt.store.list(rt.workspaceId)
  if (!newest || newest.restored) return undefined
  return { entry: newest, snapshot: await loadSnapshot(rt.store, newest, rt.workspaceId) }
}
