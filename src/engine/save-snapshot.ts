import { errorText } from '../errors.js'
import { encodeSnapshot } from '../snapshot/codec.js'
import {
  SNAPSHOT_SCHEMA_VERSION,
  type SnapshotContent,
  type SnapshotItem,
} from '../snapshot/schema.js'
import type { SnapshotEntry } from '../snapshot/store.js'
import type { PlanEntry } from './plan.js'
import { recordViolations } from './record-checks.js'
import type { Runtime } from './runtime.js'

export function toRecord(entry: PlanEntry, now: string): SnapshotItem {
  return {
    kind: entry.resource.kind,
    id: entry.item.id,
    name: entry.item.name,
    before: entry.change!.before,
    after: entry.change!.after,
    recorded_at: now,
  }
}

/**
 * Save a snapshot and resolve once it reads back; the caller changes nothing before that. It
 * covers the snapshots named in `mergedFrom` (an earlier stop, or this stop's first snapshot when
 * the final sweep records more), and restore marks those restored with it.
 */
export async function saveSnapshot(
  rt: Runtime,
  items: SnapshotItem[],
  mergedFrom: readonly string[],
  createdAt: string,
): Promise<SnapshotEntry> {
  const content: SnapshotContent = {
    schema_version: SNAPSHOT_SCHEMA_VERSION,
    tool: 'databricks-halt',
    tool_version: rt.version,
    workspace_id: rt.workspaceId,
    workspace_url: rt.workspaceUrl,
    ...(rt.accountId ? { account_id: rt.accountId } : {}),
    created_at: createdAt,
    caller: {
      id: rt.caller.id,
      user_name: rt.caller.userName,
      ...(rt.caller.displayName ? { display_name: rt.caller.displayName } : {}),
    },
    kept_principals: [...rt.settings.keep],
    merged_from: [...mergedFrom],
    items,
  }
  try {
    refuseUnrestorable(items)
    return await rt.store.save({
      workspaceId: rt.workspaceId,
      createdAt,
      content: encodeSnapshot(content, rt.keys),
    })
  } catch (e) {
    throw new Error(
      `Could not save the snapshot to ${rt.store.description}: ${errorText(e)}. Nothing was changed.`,
      { cause: e },
    )
  }
}

/**
 * A record its own restore would refuse (each kind's checkRecord, as restore runs it) must never be
 * saved: restore refuses such a snapshot whole, so every other record in it could not be given
 * back either. Only a bug in a kind can produce one; refusing here, before the first change of the
 * stop, keeps the workspace as it is.
 */
function refuseUnrestorable(items: readonly SnapshotItem[]): void {
  const [first, ...more] = recordViolations(items)
  if (!first) return
  const { item, problem } = first
  throw new Error(
    `${item.kind} ${item.id} (${item.name}) would be recorded as ${problem}` +
      `${more.length ? ` (and ${more.length} more)` : ''}, which a restore refuses. This is a bug ` +
      'in databricks-halt; please report it',
  )
}
