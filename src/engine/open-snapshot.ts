import { option } from '../wording.js'
import { SafetyError, UsageError, errorText } from '../errors.js'
import {
  checkBinding,
  decodeMarker,
  decodeSnapshot,
  encodeMarker,
  verifySnapshot,
} from '../snapshot/codec.js'
import type { Snapshot } from '../snapshot/schema.js'
import type { SnapshotEntry } from '../snapshot/store.js'
import { refuseForgedRecords } from './record-checks.js'
import type { Runtime } from './runtime.js'

/**
 * The snapshot a stop merges with and a plain restore applies: the newest snapshot of the
 * workspace, if no marker closes it. An older un-restored one behind a newer snapshot has been
 * merged into it (stop twice) or superseded, so it is never picked on its own.
 *
 * Closed means: a marker that decodes (and, with a key, is signed) names the snapshot's checksum.
 * Without a key the store's own "restored" (a marker by name) also counts, as before keys existed.
 */
export async function openSnapshot(
  rt: Runtime,
): Promise<{ entry: SnapshotEntry; snapshot: Snapshot } | undefined> {
  const [newest] = await rt.store.list(rt.workspaceId)
  if (!newest) return noIgnore(rt, undefined)
  if (newest.restored && !rt.keys) return noIgnore(rt, undefined)
  let snapshot: Snapshot
  let closed: boolean
  try {
    snapshot = decodeSnapshot(await rt.store.read(newest), newest.name)
    // A checked marker closes it whatever key signed it (it may predate a key rotation).
    closed = await isClosed(rt, snapshot)
    if (!closed) {
      if (rt.keys) verifySnapshot(snapshot, newest.name, rt.keys)
      checkBinding(snapshot, rt.workspaceId, newest.name)
      refuseForgedRecords(snapshot, newest.name)
    }
  } catch (e) {
    if (!(e instanceof UsageError || e instanceof SafetyError) || rt.settings.mode !== 'stop')
      throw e
    return unreadableForStop(rt, newest, e)
  }
  // Outside the try: noIgnore's refusal of the option is not a fault of the snapshot.
  return noIgnore(rt, closed ? undefined : { entry: newest, snapshot })
}

/**
 * A stop must merge with an open snapshot, or its pre-halt values would be lost for good: refuse,
 * naming the snapshot and the explicit way out. Never skipped silently.
 */
function unreadableForStop(rt: Runtime, entry: SnapshotEntry, e: Error): undefined {
  if (rt.settings.ignoreOpenSnapshot === entry.name) {
    rt.logger.warning(
      `Ignoring the newest snapshot ${entry.name} as asked (${errorText(e)}). This stop starts ` +
        'afresh; whatever that snapshot recorded is not merged.',
      'Snapshot ignored',
    )
    return undefined
  }
  const Refusal = e instanceof SafetyError ? SafetyError : UsageError
  throw new Refusal(
    `${e.message} It is the newest snapshot of workspace ${rt.workspaceId} and not restored, ` +
      'so this stop would have to merge with it. Put an intact copy back (or restore it), or, if ' +
      // The option last, with nothing after it: a period would be copied with the name.
      'you are sure it is not needed, run the stop again with this option: ' +
      option(rt.settings.face, 'ignoreOpenSnapshot', entry.name),
  )
}

/** --ignore-open-snapshot names only an unreadable newest snapshot; anything else is a mistake. */
function noIgnore<T>(rt: Runtime, result: T): T {
  const name = rt.settings.ignoreOpenSnapshot
  if (name === undefined) return result
  throw new UsageError(
    `${option(rt.settings.face, 'ignoreOpenSnapshot', name)}: that is not an unreadable or untrusted open snapshot of ` +
      `workspace ${rt.workspaceId} (it only skips the newest snapshot when that cannot be used). ` +
      'Leave the option out. Nothing was changed.',
  )
}

/** Whether a checked marker closes `snapshot`. Refused markers are named in a warning. */
async function isClosed(rt: Runtime, snapshot: Snapshot): Promise<boolean> {
  for (const { name, text } of await rt.store.markers(rt.workspaceId)) {
    try {
      const marker = decodeMarker(text, name, rt.keys)
      if (marker.snapshot_checksum === snapshot.checksum) return true
    } catch (e) {
      rt.logger.warning(`Ignoring marker ${name}: ${errorText(e)}`, 'Marker ignored')
    }
  }
  return false
}

/** Close a restored snapshot with a marker naming its checksum (signed with the key, if any). */
export async function markRestored(
  rt: Runtime,
  entry: SnapshotEntry,
  snapshot: Snapshot,
): Promise<void> {
  const text = encodeMarker(snapshot, entry.name, new Date().toISOString(), rt.keys)
  await rt.store.markRestored(entry, {
    workspaceId: snapshot.workspace_id,
    checksum: snapshot.checksum,
    text,
  })
}
