/**
 * `npm run mutation [-- --mutate 'src/snapshot/**\/*.ts']`: Stryker over the safety-critical code
 * (stryker.config.mjs), then the score over ALL of it from the accumulated results.
 * `npm run mutation -- --score` only prints that score, without running Stryker.
 *
 * Stryker runs in incremental mode: reports/stryker-incremental.json (committed) keeps every
 * mutant's result, and a run, scoped or not, reuses each result whose code and covering tests
 * did not change. So the score here is over every mutant of src/snapshot, src/engine and
 * src/resources as they are now: each is instrumented afresh and looked up in that file. A mutant
 * with no result there (never run, ignored as static, or its file changed since) is counted as
 * not yet measured, never as killed. The score is Stryker's: killed and timed-out mutants over
 * all valid measured ones (survived and uncovered included; mutants that do not compile are
 * dropped). The last line is `mutation score N%`.
 * `npm run mutation -- --survivors` also lists each surviving and uncovered mutant first, as
 * `file:line:column Mutator: replacement`, for writing the test that kills it.
 * `npm run mutation -- --list src/engine/apply.ts` lists every mutant of one file with its result
 * (or `not measured`), for writing tests before a run.
 * `npm run mutation -- --by-file` also prints the score line of each file, for choosing what to run
 * next (`not yet measured` per file).
 */
import { spawnSync } from 'node:child_process'
import { existsSync, globSync, readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { Instrumenter } from '@stryker-mutator/instrumenter'

const { default: config } = (await import(pathToFileURL(resolve('stryker.config.mjs')).href)) as {
  default: { mutate: string[]; incrementalFile: string }
}
const INCREMENTAL = config.incrementalFile
const SCOPES = ['src/snapshot/', 'src/engine/', 'src/resources/']

interface Position {
  line: number
  column: number
}
interface ReportMutant {
  mutatorName: string
  replacement?: string
  status: string
  location: { start: Position; end: Position }
}
interface Report {
  files: Record<string, { source: string; mutants: ReportMutant[] }>
}

type Tally = Record<
  'detected' | 'timeout' | 'survived' | 'noCoverage' | 'invalid' | 'unmeasured',
  number
>

function keyOf(m: { mutatorName: string; replacement?: string }, start: Position, end: Position) {
  return `${start.line}:${start.column}-${end.line}:${end.column} ${m.mutatorName} ${m.replacement ?? ''}`
}

function classify(status: string | undefined): keyof Tally {
  switch (status) {
    case 'Killed':
      return 'detected'
    case 'Timeout':
      return 'timeout'
    case 'Survived':
      return 'survived'
    case 'NoCoverage':
      return 'noCoverage'
    case 'CompileError':
    case 'RuntimeError':
      return 'invalid'
    default: // no result, or Ignored (a static mutant, see stryker.config.mjs)
      return 'unmeasured'
  }
}

function loadReport(): Report {
  if (!existsSync(INCREMENTAL)) return { files: {} }
  return JSON.parse(readFileSync(INCREMENTAL, 'utf8')) as Report
}

/** A surviving or uncovered mutant, as `file:line:column Mutator: replacement`. */
const survivors: string[] = []
/** `--list <file>`: every mutant of that file, as `file:line:column Mutator [status]: replacement`. */
const listed: string[] = []
const args = process.argv.slice(2)
const listFile = args.includes('--list') ? args[args.indexOf('--list') + 1] : undefined

/** Every mutant Stryker would make now, each with its result if one still applies. */
async function tally(): Promise<Map<string, Tally>> {
  const report = loadReport()
  const files = config.mutate.flatMap((g) => globSync(g)).sort()
  const silent = { isDebugEnabled: () => false, debug() {}, info() {} }
  const instrumenter = new Instrumenter(silent as never)
  const byFile = new Map<string, Tally>()
  for (const name of files) {
    const content = readFileSync(name, 'utf8')
    const { mutants } = await instrumenter.instrument([{ name, content, mutate: true }], {
      plugins: null,
      excludedMutations: [],
      ignorers: [],
    })
    const measured = report.files[name]
    // A changed file's old results may not fit its code any more: none counts until rerun.
    const results = new Map<string, string>()
    if (measured?.source === content)
      for (const m of measured.mutants)
        results.set(keyOf(m, m.location.start, m.location.end), m.status)
    const t: Tally = {
      detected: 0,
      timeout: 0,
      survived: 0,
      noCoverage: 0,
      invalid: 0,
      unmeasured: 0,
    }
    for (const m of mutants) {
      const [start, end] = [m.location.start, m.location.end].map((p) => ({
        line: p.line + 1,
        column: p.column + 1,
      }))
      const status = results.get(keyOf(m, start, end))
      const kind = classify(status)
      t[kind]++
      if (name === listFile)
        listed.push(
          `${name}:${start.line}:${start.column} ${m.mutatorName} [${status ?? 'not measured'}]: ` +
            oneLine(m.replacement),
        )
      if (kind === 'survived' || kind === 'noCoverage')
        survivors.push(
          `${name}:${start.line}:${start.column} ${m.mutatorName}` +
            `${kind === 'noCoverage' ? ' (no coverage)' : ''}: ${oneLine(m.replacement)}`,
        )
    }
    byFile.set(name, t)
  }
  return byFile
}

/** A replacement on one line, cut short: enough to find the mutant in the source. */
function oneLine(text: string | undefined): string {
  const flat = (text ?? '').replace(/\s+/g, ' ')
  return flat.length > 100 ? `${flat.slice(0, 97)}...` : flat
}

function sum(tallies: Tally[]): Tally {
  const total: Tally = {
    detected: 0,
    timeout: 0,
    survived: 0,
    noCoverage: 0,
    invalid: 0,
    unmeasured: 0,
  }
  for (const t of tallies) for (const k of Object.keys(total) as (keyof Tally)[]) total[k] += t[k]
  return total
}

const validOf = (t: Tally) => t.detected + t.timeout + t.survived + t.noCoverage

/** Stryker's score: killed and timed out over all valid mutants. */
function score(t: Tally): string {
  const valid = validOf(t)
  return `${valid ? Math.floor((1000 * (t.detected + t.timeout)) / valid) / 10 : 0}%`
}

function line(label: string, t: Tally, width = 15): string {
  return (
    `${label.padEnd(width)} ${score(t).padStart(6)}  valid ${validOf(t)}, killed ${t.detected}, ` +
    `timed out ${t.timeout}, survived ${t.survived}, no coverage ${t.noCoverage}, not yet measured ${t.unmeasured}`
  )
}

if (listFile !== undefined && !config.mutate.flatMap((g) => globSync(g)).includes(listFile)) {
  console.error(`--list ${listFile}: not a file npm run mutation mutates (stryker.config.mjs)`)
  process.exit(2)
}
const onlyReport = ['--score', '--survivors', '--by-file'].some((a) => args.includes(a))
if (!onlyReport && listFile === undefined) {
  const stryker = spawnSync(
    process.execPath,
    ['node_modules/@stryker-mutator/core/bin/stryker.js', 'run', ...args],
    { stdio: 'inherit' },
  )
  if (stryker.status !== 0) process.exit(stryker.status ?? 1)
}

const byFile = await tally()
if (args.includes('--survivors')) for (const s of survivors) console.log(s)
for (const m of listed) console.log(m)
if (args.includes('--by-file')) {
  const width = Math.max(...[...byFile.keys()].map((f) => f.length))
  for (const [f, t] of byFile) console.log(line(f, t, width))
}
const total = sum([...byFile.values()])
for (const scope of SCOPES)
  console.log(line(scope, sum([...byFile].filter(([f]) => f.startsWith(scope)).map(([, t]) => t))))
console.log(line('all', total))
if (total.unmeasured > 0)
  console.log(
    `${total.unmeasured} of ${total.unmeasured + validOf(total)} ` +
      `mutants not yet measured: the score is over the measured ones (docs/mutation.md)`,
  )
console.log(`mutation score ${score(total)}`)
