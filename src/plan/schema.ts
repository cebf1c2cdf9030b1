import { z } from 'zod'
import { RESOURCE_KINDS } from '../settings.js'

/**
 * A saved plan (`--plan-out`): what a dry run decided, for `--plan` to apply later, like
 * `terraform plan -out` / `apply`. Bump PLAN_SCHEMA_VERSION on any change an older reader would
 * misread; readers refuse versions they do not know. docs/adr/0011-restore-follow-ups.md.
 */
export const PLAN_SCHEMA_VERSION = 1

const PlanItemSchema = z.object({
  kind: z.enum(RESOURCE_KINDS),
  id: z.string().min(1),
  name: z.string(),
  /** What the dry run said would happen, e.g. "schedule UNPAUSED → PAUSED". */
  detail: z.string().optional(),
})
export type PlanItem = z.infer<typeof PlanItemSchema>

export const PlanContentSchema = z.object({
  schema_version: z.literal(PLAN_SCHEMA_VERSION),
  tool: z.literal('databricks-halt'),
  type: z.literal('plan'),
  tool_version: z.string(),
  mode: z.enum(['stop', 'restore']),
  workspace_id: z.string().regex(/^\d+$/),
  workspace_url: z.string(),
  /** The workspace's clock when the plan was made (its age is judged by the same clock). */
  created_at: z.iso.datetime(),
  created_by: z.string(),
  /** The options the plan was made with; applying it uses these, not new ones. */
  options: z.object({
    kinds: z.array(z.enum(RESOURCE_KINDS)),
    keep: z.array(z.string()),
    force: z.boolean(),
    restart_compute: z.boolean(),
  }),
  /** restore: exactly the snapshot the plan was made from. */
  snapshot: z
    .object({ name: z.string().min(1), checksum: z.string().regex(/^sha256:[0-9a-f]{64}$/) })
    .optional(),
  /** The items the plan changes. */
  items: z.array(PlanItemSchema),
})
export type PlanContent = z.infer<typeof PlanContentSchema>

export const PlanSchema = PlanContentSchema.extend({
  /** HMAC of the content, when a snapshot key is set (src/snapshot/signing.ts). */
  signature: z.string().optional(),
  /** sha256 over the canonical JSON of everything else (signature included). */
  checksum: z.string().regex(/^sha256:[0-9a-f]{64}$/),
}).strict()
export type SavedPlan = z.infer<typeof PlanSchema>
