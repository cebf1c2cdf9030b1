import { createHash } from 'node:crypto'
import { parseJson, stringifyJson } from '../databricks/json.js'
import { SafetyError, UsageError, errorText } from '../errors.js'
import {
  SNAPSHOT_SCHEMA_VERSION,
  SnapshotSchema,
  type Snapshot,
  type SnapshotContent,
} from './schema.js'
import type { SnapshotEntry, SnapshotStore } from './store.js'

/**
 * The one place a snapshot's text becomes a trusted object: JSON (int64-exact), schema, checksum
 * and workspace binding. Every store (directory, artifact) goes through here, so they refuse a bad
 * snapshot the same way.
 */

/** Sorted keys at every level, so the checksum does not depend on key order or whitespace. */
function canonicalize(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonicalize)
  if (value === null || typeof value !== 'object') return value
  const out: Record<string, unknown> = {}
  for (const key of Object.keys(value).sort()) {
    const v = (value as Record<string, unknown>)[key]
    if (v !== undefined) out[key] = canonicalize(v)
  }
  return out
}

function checksumOf(content: unknown): string {
  const canonical = stringifyJson(canonicalize(content))
  return `sha256:${createHash('sha256').update(canonical).digest('hex')}`
}

/** Text to store: readable (indented) JSON with the checksum last. */
export function encodeSnapshot(content: SnapshotContent): string {
  const withChecksum = { ...content, checksum: checksumOf(content) }
  // Validate our own output too: a snapshot we could not read back is worse than none.
  SnapshotSchema.parse(withChecksum)
  return `${stringifyJson(withChecksum, 2)}\n`
}

/** Parse and check a snapshot's text. Throws UsageError (exit 2) naming `source` and the fault. */
export function decodeSnapshot(text: string, source: string): Snapshot {
  let raw: unknown
  try {
    raw = parseJson(text)
  } catch (e) {
    const why = errorText(e)
    throw new UsageError(
      `Snapshot ${source} is not valid JSON (truncated or damaged?): ${why}. ` +
        'Use an intact copy of the snapshot; nothing was changed.',
    )
  }
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    throw new UsageError(
      `Snapshot ${source} is not a databricks-halt snapshot (not a JSON object).`,
    )
  }
  const record = raw as Record<string, unknown>
  const version = record.schema_version
  if (typeof version === 'number' && version > SNAPSHOT_SCHEMA_VERSION) {
    throw new UsageError(
      `Snapshot ${source} has schema version ${version}; this databricks-halt reads version ` +
        `${SNAPSHOT_SCHEMA_VERSION}. Restore it with the version of databricks-halt that wrote it.`,
    )
  }
  const parsed = SnapshotSchema.safeParse(raw)
  if (!parsed.success) {
    const issues = parsed.error.issues
      .slice(0, 5)
      .map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`)
      .join('; ')
    throw new UsageError(`Snapshot ${source} does not match the snapshot schema: ${issues}.`)
  }
  const { checksum, ...content } = record
  if (checksumOf(content) !== checksum) {
    throw new UsageError(
      `Snapshot ${source} is corrupt: its checksum does not match its content (edited or ` +
        'damaged). Nothing was changed. Use an intact copy of the snapshot.',
    )
  }
  return parsed.data
}

/** A snapshot must only ever be restored onto the workspace it was taken from. */
export function checkBinding(snapshot: Snapshot, workspaceId: string, source: string): void {
  if (snapshot.workspace_id !== workspaceId) {
    throw new SafetyError(
      `Snapshot ${source} belongs to workspace ${snapshot.workspace_id}, not ${workspaceId}. ` +
        'Refusing to apply it here; nothing was changed. Pick a snapshot of this workspace.',
    )
  }
}

/** Read an entry from a store and return the checked snapshot. */
export async function loadSnapshot(
  store: SnapshotStore,
  entry: SnapshotEntry,
  workspaceId: string,
): Promise<Snapshot> {
  const text = await store.read(entry)
  const snapshot = decodeSnapshot(text, entry.name)
  checkBinding(snapshot, workspaceId, entry.name)
  return snapshot
}
