/**
 * Generates the JSON Schemas in schemas/ from the zod schemas the code validates with (zod 4's
 * z.toJSONSchema), so the published file formats cannot drift from what the tool reads and writes:
 * - report.schema.json: the JSON report (`--output json`, the Action's `report` file);
 * - error.schema.json: what `--output json` prints when a run fails before its report;
 * - snapshot.schema.json: the snapshot a stop writes (and restore reads);
 * - plan.schema.json: a saved plan (`--plan-out`).
 *
 * Refresh:  npm run schemas
 * Check:    npm run schemas -- --check   (exit 1 when a committed schema is stale)
 * The test __tests__/schemas/schemas.test.ts runs the same check and validates real files.
 */
import { readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { format, resolveConfig } from 'prettier'
import { z } from 'zod'
import { INT64_ID_KEYS } from '../src/databricks/json.js'
import { PlanSchema } from '../src/plan/schema.js'
import { ErrorJsonSchema, ReportJsonSchema } from '../src/report-json.js'
import { SnapshotSchema } from '../src/snapshot/schema.js'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
export const SCHEMA_DIR = path.join(root, 'schemas')

const SOURCES: Record<string, { schema: z.ZodType; title: string; description: string }> = {
  'report.schema.json': {
    schema: ReportJsonSchema,
    title: 'databricks-halt report',
    description:
      'What a show, stop, restore, status or network run did, item by item: `--output json` ' +
      "and the Action's `report` file. Generated from src/report-json.ts.",
  },
  'error.schema.json': {
    schema: ErrorJsonSchema,
    title: 'databricks-halt error',
    description:
      'What `--output json` prints when a run stops before its report (exit code 2 or 3). ' +
      'Generated from src/report-json.ts.',
  },
  'snapshot.schema.json': {
    schema: SnapshotSchema,
    title: 'databricks-halt snapshot',
    description:
      'The pre-halt values a stop records and restore puts back. `before`/`after` belong to the ' +
      'resource kind. Generated from src/snapshot/schema.ts.',
  },
  'plan.schema.json': {
    schema: PlanSchema,
    title: 'databricks-halt plan',
    description:
      'A saved plan (`--plan-out`): what a dry run decided, for `--plan` to apply. Generated ' +
      'from src/plan/schema.ts.',
  },
}

/**
 * In memory an int64 id is a decimal string; in a file it is a JSON number written from that string
 * digit for digit (src/databricks/json.ts, chosen by the key's name), so the file schema says so.
 */
function int64AsNumber(node: unknown): void {
  if (Array.isArray(node)) return node.forEach(int64AsNumber)
  if (typeof node !== 'object' || node === null) return
  const record = node as Record<string, unknown>
  const properties = record.properties as Record<string, unknown> | undefined
  for (const key of Object.keys(properties ?? {})) {
    if (INT64_ID_KEYS.has(key)) {
      properties![key] = {
        type: 'integer',
        minimum: 0,
        description: 'An int64 id: parse it without rounding (it may exceed 2^53).',
      }
    }
  }
  Object.values(record).forEach(int64AsNumber)
}

/** Each schema file's JSON text, formatted as Prettier formats the repository. */
export async function generateSchemas(): Promise<Record<string, string>> {
  const options = (await resolveConfig(path.join(SCHEMA_DIR, 'x.json'))) ?? {}
  const out: Record<string, string> = {}
  for (const [file, { schema, title, description }] of Object.entries(SOURCES)) {
    // `output`: what the tool writes (and so what a reader of its files gets).
    const json = z.toJSONSchema(schema, { io: 'output', unrepresentable: 'throw' })
    int64AsNumber(json)
    const text = JSON.stringify({ ...json, title, description })
    out[file] = await format(text, { ...options, parser: 'json' })
  }
  return out
}

async function main(args: string[]): Promise<void> {
  const check = args.includes('--check')
  let stale = 0
  for (const [file, text] of Object.entries(await generateSchemas())) {
    const target = path.join(SCHEMA_DIR, file)
    let current = ''
    try {
      current = readFileSync(target, 'utf8')
    } catch {
      // missing: stale
    }
    if (current === text) continue
    stale++
    if (check) console.error(`schemas/${file} is stale`)
    else {
      writeFileSync(target, text)
      console.log(`schemas/${file} written`)
    }
  }
  if (check && stale > 0) {
    console.error("Run 'npm run schemas' and commit schemas/.")
    process.exitCode = 1
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await main(process.argv.slice(2))
}
