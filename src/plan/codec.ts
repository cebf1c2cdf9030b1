import { parseJson, stringifyJson } from '../databricks/json.js'
import { UsageError, errorText } from '../errors.js'
import { checksumOf, type SigningKeys } from '../snapshot/signing.js'
import { PLAN_SCHEMA_VERSION, PlanSchema, type PlanContent, type SavedPlan } from './schema.js'

/** A plan is small (item ids and names); anything far larger is not one. */
const MAX_PLAN_BYTES = 20 * 1024 * 1024

/** Text of a plan file: signed like snapshots when keys are given, checksum last. */
export function encodePlan(content: PlanContent, keys?: SigningKeys): string {
  const signed = keys ? { ...content, signature: keys.sign(content) } : content
  const plan = { ...signed, checksum: checksumOf(signed) }
  PlanSchema.parse(plan)
  return `${stringifyJson(plan, 2)}\n`
}

/**
 * Parse and check a plan's text: size, JSON, version, schema, checksum and, with keys, signature.
 * Every fault is a UsageError (exit 2): a plan that is not exactly what was approved runs nothing.
 */
export function decodePlan(text: string, source: string, keys?: SigningKeys): SavedPlan {
  const refuse = (why: string) =>
    new UsageError(`Plan ${source} ${why} Nothing was changed; make a new plan with --plan-out.`)
  if (text.length > MAX_PLAN_BYTES) throw refuse('is too large to be a databricks-halt plan.')
  let raw: unknown
  try {
    raw = parseJson(text)
  } catch (e) {
    throw refuse(`is not valid JSON (${errorText(e)}).`)
  }
  const version = (raw as { schema_version?: unknown } | null)?.schema_version
  if (typeof version === 'number' && version !== PLAN_SCHEMA_VERSION) {
    throw refuse(
      `has schema version ${version}; this databricks-halt reads version ${PLAN_SCHEMA_VERSION}.`,
    )
  }
  const parsed = PlanSchema.safeParse(raw)
  if (!parsed.success) {
    const issues = parsed.error.issues
      .slice(0, 5)
      .map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`)
      .join('; ')
    throw refuse(`is not a databricks-halt plan (${issues}).`)
  }
  const { checksum, ...signed } = parsed.data
  if (checksumOf(signed) !== checksum) {
    throw refuse('is corrupt: its checksum does not match its content (edited or damaged).')
  }
  if (keys) {
    const { signature, ...content } = signed
    const verdict = keys.verify(content, signature)
    if (!verdict.ok) throw refuse(`is not authenticated (${verdict.reason}).`)
  }
  return parsed.data
}
