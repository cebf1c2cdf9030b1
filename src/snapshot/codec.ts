import { z } from 'zod'
import { parseJson, stringifyJson } from '../databricks/json.js'
import { SafetyError, UsageError, errorText } from '../errors.js'
import {
  SNAPSHOT_SCHEMA_VERSION,
  SnapshotSchema,
  type Snapshot,
  type SnapshotContent,
} from './schema.js'
import { checksumOf, type SigningKeys } from './signing.js'
import type { SnapshotEntry, SnapshotStore } from './store.js'

export {
  SigningKeys,
  SNAPSHOT_KEY_ENV,
  UNAUTHENTICATED_WARNING,
  canonicalJson,
  type Verdict,
} from './signing.js'

/** Larger than any real snapshot (a 20 000-item workspace is ~15 MB): refused before parsing. */
export const MAX_SNAPSHOT_BYTES = 50 * 1024 * 1024

/**
 * The one place a snapshot's text becomes a trusted object: JSON (int64-exact), schema, checksum
 * and workspace binding. Every store (directory, artifact) goes through here, so they refuse a bad
 * snapshot the same way.
 */

/**
 * Text to store: readable (indented) JSON with the checksum last. With keys, `signature` (HMAC of
 * the content without checksum and signature) is added and the checksum covers it too, so a
 * reader without the key still checks the file whole.
 */
export function encodeSnapshot(content: SnapshotContent, keys?: SigningKeys): string {
  const signed = keys ? { ...content, signature: keys.sign(content) } : content
  const withChecksum = { ...signed, checksum: checksumOf(signed) }
  // Validate our own output too: a snapshot we could not read back is worse than none.
  SnapshotSchema.parse(withChecksum)
  return `${stringifyJson(withChecksum, 2)}\n`
}

/**
 * Parse and check a snapshot's text. Throws UsageError (exit 2) naming `source` and the fault
 * (too large, not JSON, schema, checksum), or SafetyError (exit 3) when keys are given and the
 * snapshot is not signed with one of them.
 */
export function decodeSnapshot(text: string, source: string, keys?: SigningKeys): Snapshot {
  checkSize(text.length, source)
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
  if (keys) verifySnapshot(parsed.data, source, keys)
  return parsed.data
}

/** SafetyError (exit 3) unless the snapshot is signed with one of the keys. */
export function verifySnapshot(snapshot: Snapshot, source: string, keys: SigningKeys): void {
  const { checksum: _checksum, signature, ...content } = snapshot
  keys.require(content, signature, `Snapshot ${source}`)
}

/**
 * The size cap, checked by the stores before they read or download (and here again): a huge file
 * of small objects would exhaust memory while being parsed.
 */
export function checkSize(bytes: number, source: string): void {
  if (bytes <= MAX_SNAPSHOT_BYTES) return
  throw new UsageError(
    `Snapshot ${source} is ${(bytes / 1024 / 1024).toFixed(1)} MB, more than the ` +
      `${MAX_SNAPSHOT_BYTES / 1024 / 1024} MB a databricks-halt snapshot can be: not reading it. ` +
      'Nothing was changed.',
  )
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
  keys?: SigningKeys,
): Promise<Snapshot> {
  const text = await store.read(entry)
  const snapshot = decodeSnapshot(text, entry.name, keys)
  checkBinding(snapshot, workspaceId, entry.name)
  return snapshot
}

/** A marker is tiny; anything bigger is not one (and is not read). */
export const MAX_MARKER_BYTES = 64 * 1024

const MarkerSchema = z.object({
  tool: z.literal('databricks-halt'),
  marker: z.literal('restored'),
  workspace_id: z.string().regex(/^\d+$/),
  /** The snapshot's own name where it was restored from (for people; not used to match). */
  snapshot: z.string(),
  /** What identifies the snapshot: its checksum, so a copy or a symlink closes the same one. */
  snapshot_checksum: z.string().regex(/^sha256:[0-9a-f]{64}$/),
  restored_at: z.iso.datetime(),
  signature: z.string().optional(),
})
export type Marker = z.infer<typeof MarkerSchema>

/** The text of a "restored" marker for `snapshot`, signed when keys are given. */
export function encodeMarker(
  snapshot: Pick<Snapshot, 'workspace_id' | 'checksum'>,
  name: string,
  restoredAt: string,
  keys?: SigningKeys,
): string {
  const content = {
    tool: 'databricks-halt' as const,
    marker: 'restored' as const,
    workspace_id: snapshot.workspace_id,
    snapshot: name,
    snapshot_checksum: snapshot.checksum,
    restored_at: restoredAt,
  }
  const marker = keys ? { ...content, signature: keys.sign(content) } : content
  return `${stringifyJson(marker, 2)}\n`
}

/**
 * Parse and check a marker. Throws UsageError for junk and SafetyError when keys are given and
 * it is not signed with one of them: a forged marker must not close (hide) a genuine snapshot.
 */
export function decodeMarker(text: string, source: string, keys?: SigningKeys): Marker {
  if (text.length > MAX_MARKER_BYTES) throw new UsageError(`Marker ${source} is too large.`)
  let raw: unknown
  try {
    raw = parseJson(text)
  } catch (e) {
    throw new UsageError(`Marker ${source} is not valid JSON: ${errorText(e)}.`)
  }
  const parsed = MarkerSchema.safeParse(raw)
  if (!parsed.success) throw new UsageError(`Marker ${source} is not a databricks-halt marker.`)
  if (keys) {
    const { signature, ...content } = parsed.data
    keys.require(content, signature, `Marker ${source}`)
  }
  return parsed.data
}

/**
 * The embedded created_at and checksum, for the stores' ordering and marker matching. Unchecked:
 * the engine decodes and (with a key) verifies the snapshot it uses, so a forged created_at that
 * makes a snapshot "newest" only makes it the one refused. A text that does not parse gives neither (the
 * stores then order it by their own time: file modification, artifact creation).
 */
export function peekSnapshot(text: string): { createdAt?: string; checksum?: string } {
  try {
    const raw = JSON.parse(text) as { created_at?: unknown; checksum?: unknown } | null
    const at = typeof raw?.created_at === 'string' ? Date.parse(raw.created_at) : NaN
    return {
      ...(Number.isFinite(at) ? { createdAt: new Date(at).toISOString() } : {}),
      ...(typeof raw?.checksum === 'string' ? { checksum: raw.checksum } : {}),
    }
  } catch {
    return {}
  }
}
