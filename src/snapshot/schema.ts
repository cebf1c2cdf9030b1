import { z } from 'zod'
import { RESOURCE_KINDS } from '../settings.js'

/**
 * The snapshot a stop writes before its first change. Bump SNAPSHOT_SCHEMA_VERSION on any change a
 * reader of the previous version would misread; a reader refuses versions it does not know rather
 * than guess, because a misread snapshot restores the wrong thing.
 */
export const SNAPSHOT_SCHEMA_VERSION = 1

const decimalId = z.string().regex(/^\d+$/, 'must be a decimal id')

/**
 * One item the stop changes (or planned to). `before` is the pre-halt value (the earliest one
 * recorded, across merged stops); `after` is the value the stop set. Restore compares the item's
 * current state with `after` to tell "as we left it" from "changed by hand". Their shapes belong to
 * the resource kind, which validates them itself.
 */
const SnapshotItemSchema = z.object({
  kind: z.enum(RESOURCE_KINDS),
  id: z.string().min(1),
  name: z.string(),
  before: z.unknown(),
  after: z.unknown(),
  /** When this item's pre-halt value was first recorded (the first stop of a merged series). */
  recorded_at: z.iso.datetime(),
})
export type SnapshotItem = z.infer<typeof SnapshotItemSchema>

const SnapshotCallerSchema = z.object({
  id: z.string(),
  user_name: z.string(),
  display_name: z.string().optional(),
})

const SnapshotContentSchema = z.object({
  schema_version: z.literal(SNAPSHOT_SCHEMA_VERSION),
  tool: z.literal('databricks-halt'),
  tool_version: z.string(),
  workspace_id: decimalId,
  workspace_url: z.string(),
  account_id: z.string().optional(),
  created_at: z.iso.datetime(),
  caller: SnapshotCallerSchema,
  /** The --keep values as given (for the record). */
  kept_principals: z.array(z.string()),
  /** Names of earlier un-restored snapshots this one supersedes (stop twice). */
  merged_from: z.array(z.string()),
  items: z.array(SnapshotItemSchema),
})
export type SnapshotContent = z.infer<typeof SnapshotContentSchema>

export const SnapshotSchema = SnapshotContentSchema.extend({
  /** HMAC-SHA256 of the content (everything but checksum and signature), when a key was set. */
  signature: z.string().optional(),
  /** sha256 of the canonical JSON of everything else in the file (signature included). */
  checksum: z.string().regex(/^sha256:[0-9a-f]{64}$/),
})
export type Snapshot = z.infer<typeof SnapshotSchema>
