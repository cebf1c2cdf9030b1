import { LineCounter, parseDocument, isMap, isScalar } from 'yaml'
import { z } from 'zod'
import { UsageError } from '../errors.js'
import { closest } from '../cli/suggest.js'

/**
 * One `halt/<environment>.yml` file: the desired state of one workspace. Strict: an unknown key
 * is a typo (`keep-principal`, `workspace_url`), not something to ignore.
 */
export const DesiredStateSchema = z.strictObject({
  state: z.enum(['halted', 'running']),
  'workspace-url': z.string().trim().min(1),
  /** Comma-separated, or a YAML list. */
  'keep-principals': z.union([z.string(), z.array(z.string())]).nullish(),
  /** Free text for the reader of the pull request; never used. */
  reason: z.string().nullish(),
})
export type DesiredState = z.infer<typeof DesiredStateSchema>
const KEYS = Object.keys(DesiredStateSchema.shape)

/** A desired-state file that is not valid, naming the file, the field and (when known) the line. */
export class DesiredStateError extends UsageError {
  constructor(
    readonly file: string,
    readonly detail: string,
    readonly line?: number,
  ) {
    super(`${file}${line ? ` line ${line}` : ''}: ${detail}`)
  }
}

/** Parses and checks one file's text; `file` is the name errors give (e.g. halt/prod.yml). */
export function parseDesiredState(file: string, text: string): DesiredState {
  const lines = new LineCounter()
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false })
  const syntax = doc.errors[0]
  if (syntax) {
    const line = lines.linePos(syntax.pos[0]).line
    throw new DesiredStateError(file, `not valid YAML: ${syntax.message.split('\n')[0]}`, line)
  }
  const raw: unknown = doc.toJS()
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    throw new DesiredStateError(file, `must be a mapping of keys, e.g. "state: halted"`)
  }
  const result = DesiredStateSchema.safeParse(raw)
  if (result.success) return result.data
  const issue = result.error.issues[0]
  const key = issue.code === 'unrecognized_keys' ? issue.keys[0] : String(issue.path[0])
  const line = lineOf(doc, key, lines)
  throw new DesiredStateError(file, describe(issue, key, raw as Record<string, unknown>), line)
}

function describe(issue: z.core.$ZodIssue, key: string, raw: Record<string, unknown>): string {
  if (issue.code === 'unrecognized_keys') {
    const hint = closest(key, KEYS)
    return (
      `unknown key '${key}'.${hint ? ` Did you mean '${hint}'?` : ''} ` +
      `Keys: ${KEYS.join(', ')}.`
    )
  }
  const value = raw[key]
  if (value === undefined) return `${key} is missing, e.g. ${EXAMPLES[key] ?? `${key}: …`}`
  if (key === 'state') {
    const hint = typeof value === 'string' ? closest(value, ['halted', 'running']) : undefined
    return (
      `state must be 'halted' or 'running', not ${shown(value)}.` +
      (hint ? ` Did you mean '${hint}'?` : '')
    )
  }
  const expected =
    key === 'keep-principals' ? 'a string (comma-separated) or a list of strings' : 'a string'
  return `${key} must be ${expected}, not ${shown(value)}.`
}

const EXAMPLES: Record<string, string> = {
  state: 'state: halted (or running)',
  'workspace-url': 'workspace-url: https://adb-1234567890123456.7.azuredatabricks.net',
}

function shown(value: unknown): string {
  if (typeof value === 'string') return value === '' ? 'empty' : `'${value}'`
  if (value === null) return 'empty'
  if (Array.isArray(value)) return 'a list'
  return typeof value === 'object' ? 'a mapping' : `${typeof value} ${String(value)}`
}

/** The 1-based line of `key` in the document's top-level mapping. */
function lineOf(
  doc: ReturnType<typeof parseDocument>,
  key: string,
  lines: LineCounter,
): number | undefined {
  if (!isMap(doc.contents)) return undefined
  const pair = doc.contents.items.find((p) => isScalar(p.key) && String(p.key.value) === key)
  const offset = isScalar(pair?.key) ? pair.key.range?.[0] : undefined
  return offset === undefined ? undefined : lines.linePos(offset).line
}
