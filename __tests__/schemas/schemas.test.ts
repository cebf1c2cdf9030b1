/**
 * schemas/ is what the code reads and writes: the committed JSON Schemas are exactly what the zod
 * schemas generate, and real files the CLI produced against the emulator (reports, an error, a
 * plan, a snapshot) validate against the committed files with a JSON Schema validator (ajv).
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals'
import { spawnSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { Ajv2020 } from 'ajv/dist/2020.js'
import addFormatsModule from 'ajv-formats'
import { generateSchemas, SCHEMA_DIR } from '../../scripts/schemas.js'
import { parseJson } from '../../src/databricks/json.js'
import { ITEM_OUTCOMES } from '../../src/report.js'
import { ReportJsonSchema, type ReportJson } from '../../src/report-json.js'
import { ROOT, snapshotFiles, startWorld, type World } from '../cli/run-cli.js'

// ajv-formats is CommonJS: its default export arrives as the module object or the function.
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ??
  addFormatsModule) as (ajv: Ajv2020) => void

function validator(file: string) {
  const ajv = new Ajv2020({ allErrors: true, strict: true })
  addFormats(ajv)
  return ajv.compile(JSON.parse(readFileSync(join(SCHEMA_DIR, file), 'utf8')) as object)
}

/** Validate the file text as any JSON reader gets it (JSON.parse: int64 ids are numbers). */
function expectValid(file: string, text: string): void {
  const validate = validator(file)
  const ok = validate(JSON.parse(text))
  expect(validate.errors ?? []).toEqual([])
  expect(ok).toBe(true)
}

describe('committed JSON Schemas', () => {
  test('are exactly what the zod schemas generate (npm run schemas)', async () => {
    const generated = await generateSchemas()
    expect(Object.keys(generated).sort()).toEqual([
      'error.schema.json',
      'plan.schema.json',
      'report.schema.json',
      'snapshot.schema.json',
    ])
    for (const [file, text] of Object.entries(generated)) {
      expect(`${file}\n${readFileSync(join(SCHEMA_DIR, file), 'utf8')}`).toBe(`${file}\n${text}`)
    }
  })

  test('reject the old camelCase report and an unknown schema version', () => {
    const validate = validator('report.schema.json')
    const old = {
      mode: 'show',
      dryRun: false,
      workspaceId: '1',
      workspaceUrl: 'https://adb-1.1.azuredatabricks.net',
      startedAt: '2026-12-07T00:00:00.000Z',
      finishedAt: '2026-12-07T00:00:01.000Z',
      items: [],
      warnings: [],
      counts: {},
      exitCode: 0,
    }
    expect(validate(old)).toBe(false)
    const body = {
      tool: 'databricks-halt',
      mode: 'show',
      dry_run: false,
      workspace_id: 1,
      workspace_url: 'https://adb-1.1.azuredatabricks.net',
      started_at: '2026-12-07T00:00:00.000Z',
      finished_at: '2026-12-07T00:00:01.000Z',
      exit_code: 0,
      counts: Object.fromEntries(ITEM_OUTCOMES.map((o) => [o, 0])),
      items: [],
      warnings: [],
    }
    expect(validate({ ...body, schema_version: 1 })).toBe(true)
    expect(validate({ ...body, schema_version: 2 })).toBe(false)
  })
})

describe('real files from the CLI against the emulator', () => {
  let w: World
  const reports: Record<string, string> = {}
  let planText = ''
  let snapshotText = ''
  let errorText = ''

  beforeAll(async () => {
    w = await startWorld()
    const plan = join(w.dir, 'stop.plan.json')
    const json = async (name: string, args: string[]) => {
      const r = await w.cli([...args, '--output', 'json'])
      if (r.code !== 0) throw new Error(`${name} exited ${r.code}: ${r.stderr}`)
      reports[name] = r.stdout
    }
    await json('show', ['show'])
    await json('dry-run', ['stop', '--dry-run', '--plan-out', plan])
    planText = await readFile(plan, 'utf8')
    await json('stop', ['stop'])
    snapshotText = await readFile((await snapshotFiles(w.dir))[0], 'utf8')
    await json('status', ['status'])
    await json('restore-dry-run', ['restore', '--dry-run'])
    await json('restore', ['restore'])
    const bad = await w.cli(['show', '--only', 'nope', '--json'])
    expect(bad.code).toBe(2)
    errorText = bad.stdout
  }, 300_000)

  afterAll(async () => {
    await w?.close()
  })

  test.each(['show', 'dry-run', 'stop', 'status', 'restore-dry-run', 'restore'])(
    '%s report validates against schemas/report.schema.json and the zod schema',
    (name) => {
      expectValid('report.schema.json', reports[name])
      expect(() => ReportJsonSchema.parse(parseJson(reports[name]))).not.toThrow()
    },
  )

  test('a plan, a snapshot and an error validate against their schemas', () => {
    expectValid('plan.schema.json', planText)
    expectValid('snapshot.schema.json', snapshotText)
    expectValid('error.schema.json', errorText)
    expect(JSON.parse(errorText)).toMatchObject({ schema_version: 1, exit_code: 2 })
  })

  // The fleet workflow's summary reads the reports its legs upload with jq: run its very filter.
  const jq = spawnSync('jq', ['--version']).status === 0 ? test : test.skip
  jq('the fleet summary jq filter reads the report (a dry run counts what it would change)', () => {
    const script = readFileSync(join(ROOT, '.github/workflows/fleet.yml'), 'utf8')
    const filter = /jq -r '("\| \\\(\.workspace_url\).*?")'/.exec(script)?.[1]
    expect(filter).toBeDefined()
    const row = (name: string) =>
      spawnSync('jq', ['-r', filter!], { input: reports[name], encoding: 'utf8' }).stdout.trim()
    const stop = parseJson(reports.stop) as ReportJson
    const dry = parseJson(reports['dry-run']) as ReportJson
    expect(row('stop')).toBe(
      `| ${stop.workspace_url} | stop | ${stop.counts.changed} | 0 | 0 | 0 | ${stop.snapshot!.name} |`,
    )
    expect(row('dry-run')).toBe(
      `| ${dry.workspace_url} | stop (dry run) | ${dry.counts.planned} | 0 | 0 | 0 | - |`,
    )
  })

  test('snake_case keys only, with schema_version', () => {
    const report = JSON.parse(reports.stop) as Record<string, unknown>
    expect(report.schema_version).toBe(1)
    const camel: string[] = []
    // Keys of the report itself; `before`/`after` are the Databricks API's own objects.
    const walk = (node: unknown, path: string): void => {
      if (Array.isArray(node)) return node.forEach((n, i) => walk(n, `${path}[${i}]`))
      if (typeof node !== 'object' || node === null) return
      for (const [k, v] of Object.entries(node)) {
        if (/[A-Z]/.test(k)) camel.push(`${path}.${k}`)
        if (k !== 'before' && k !== 'after') walk(v, `${path}.${k}`)
      }
    }
    walk(report, '$')
    expect(camel).toEqual([])
  })

  test('each changed or planned item has a structured before and after', () => {
    const stop = parseJson(reports.stop) as ReportJson
    const dry = parseJson(reports['dry-run']) as ReportJson
    const restore = parseJson(reports.restore) as ReportJson
    for (const report of [stop, dry, restore]) {
      const acted = report.items.filter((i) => ['changed', 'planned'].includes(i.outcome))
      expect(acted.length).toBeGreaterThan(0)
      for (const item of acted) {
        expect(item).toHaveProperty('before')
        expect(item).toHaveProperty('after')
        expect(typeof item.after).toBe('object')
      }
    }
    // A paused job: its schedule's pause_status, as the Jobs API names it, before and after.
    const job = stop.items.find(
      (i) =>
        i.kind === 'jobs' &&
        i.outcome === 'changed' &&
        JSON.stringify(i.before).includes('schedule'),
    )!
    expect(JSON.stringify(job.before)).toContain('"pause_status":"UNPAUSED"')
    expect(JSON.stringify(job.after)).toContain('"pause_status":"PAUSED"')
    // Restore puts back exactly what the stop took away.
    const back = restore.items.find((i) => i.kind === 'jobs' && i.id === job.id)!
    expect(back.after).toEqual(job.before)
  })

  test('a dry run carries the census of the run it plans, and counts planned items', () => {
    const dry = parseJson(reports['dry-run']) as ReportJson
    const stop = parseJson(reports.stop) as ReportJson
    expect(dry.dry_run).toBe(true)
    expect(dry.counts.planned).toBeGreaterThan(0)
    expect(dry.counts.changed).toBe(0)
    expect(dry.census).toEqual(stop.census)
    const restoreDry = parseJson(reports['restore-dry-run']) as ReportJson
    expect(restoreDry.census).toBeDefined()
    expect(restoreDry.census!.permission_assignments!.after).toBeGreaterThan(
      restoreDry.census!.permission_assignments!.before,
    )
  })
})
