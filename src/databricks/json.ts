/**
 * Lossless JSON for Databricks payloads.
 *
 * Principal, job, run and workspace ids are int64 and real ones exceed 2^53, where JSON.parse
 * silently rounds them (and the tool would then delete or restore the wrong principal). Inside
 * databricks-halt these ids are decimal strings; on the wire they are JSON numbers. Node 24's
 * reviver receives each number's source text, and JSON.rawJSON writes it back unchanged.
 */

/** Keys whose integer values are int64 ids: parsed to decimal strings, written as JSON numbers. */
export const INT64_ID_KEYS: ReadonlySet<string> = new Set([
  'job_id',
  'run_id',
  'parent_run_id',
  'original_attempt_run_id',
  'task_run_id',
  'principal_id',
  'workspace_id',
])

const INTEGER = /^-?\d+$/

type RawJson = (text: string) => unknown
const rawJSON = (JSON as unknown as { rawJSON?: RawJson }).rawJSON

function reviver(key: string, value: unknown, context?: { source?: string }): unknown {
  if (typeof value !== 'number' || context?.source === undefined) return value
  const source = context.source
  if (!INTEGER.test(source)) return value
  // Ids become strings always (one type everywhere); any other integer only when it would round.
  if (INT64_ID_KEYS.has(key) || !Number.isSafeInteger(value)) return source
  return value
}

export function parseJson(text: string): unknown {
  if (!rawJSON)
    throw new Error('databricks-halt needs Node.js 24 or later (JSON source text access).')
  return JSON.parse(text, reviver as (this: unknown, key: string, value: unknown) => unknown)
}

function replacer(key: string, value: unknown): unknown {
  if (typeof value === 'bigint') return rawJSON!(value.toString())
  if (typeof value === 'string' && INT64_ID_KEYS.has(key) && INTEGER.test(value)) {
    return rawJSON!(value)
  }
  return value
}

export function stringifyJson(value: unknown, space?: number): string {
  if (!rawJSON) throw new Error('databricks-halt needs Node.js 24 or later (JSON.rawJSON).')
  return JSON.stringify(value, replacer, space)
}
