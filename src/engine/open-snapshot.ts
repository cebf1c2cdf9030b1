import { UsageError } from '../errors.js'
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
  try {
    return { entry: newest, snapshot: await loadSnapshot(rt.store, newest, rt.workspaceId) }
  } catch (e) {
    if (!(e instanceof UsageError) || rt.settings.mode !== 'stop') throw e
    // A stop must merge with an open snapshot, or its pre-halt values would be lost for good.
    throw new UsageError(
      `${e.message} It is the newest snapshot of workspace ${rt.workspaceId} and not restored, ` +
        'so this stop would have to merge with it. Put an intact copy back (or restore it), or ' +
        'move it out of the snapshot directory if you are sure it is not needed.',
    )
  }
}
