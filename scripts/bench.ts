/**
 * `npm run bench`: how fast stop and restore go on the `large` preset, against what the rate
 * limits allow. The emulator runs in this process; each command runs the shipped CLI bundle
 * (dist/cli/index.js, built by `npm run build`) in a child process, so its wall time and peak
 * memory are the tool's own, not the emulator's.
 *
 *   npm run bench                      both scenarios on `large`, and the quiet line from (a)'s stop
 *   npm run bench -- --part b          only the unthrottled run
 *   npm run bench -- --part quiet      only the stop of (a): how soon compute is quiet
 *   npm run bench -- --preset small    a quick try
 *
 * BENCH_NODE_OPTIONS is passed to the CLI child as NODE_OPTIONS, to try V8 settings, e.g.
 * BENCH_NODE_OPTIONS=--trace-gc.
 */
import { spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { cpus, loadavg, tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { parseArgs } from 'node:util'
import type { Emulator, RateLimitOption, RateSpec, RequestLogEntry } from '../emulator/index.js'
import { renderTable } from '../src/cli/table.js'

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..')
const TARGETS = { ratio: 1.3, stopUnthrottledS: 10, rssMb: 200 }

interface ToolResult {
  code: number
  ms: number
  maxRssKb: number
  /** Peak RSS of a bare Node before the CLI bundle loads. */
  loadedRssKb: number
}

interface Measured extends ToolResult {
  requests: RequestLogEntry[]
  /** Emulator-clock time the CLI was started (the request log is on that clock). */
  startedAt: number
}

const CLI = join(ROOT, 'dist', 'cli', 'index.js')
const PROBE = join(ROOT, 'scripts', 'rss-probe.mjs')

/** Run the shipped CLI bundle (what `databricks-halt` is) once; wall time and its own peak RSS. */
async function runTool(emu: Emulator, dir: string, args: string[]): Promise<Measured> {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run 'npm run build' first.`)
  const first = emu.requests.length
  const startedAt = emu.clock.now()
  const started = performance.now()
  // The bundle is executed as installed, through its shebang (and the V8 flags it sets), with this
  // Node first on PATH; the probe comes in through NODE_OPTIONS.
  const child = spawn(
    CLI,
    [
      ...args,
      `--workspace-url=${emu.workspace.url}`,
      `--account-host=${emu.accountUrl}`,
      `--account-id=${emu.accountId}`,
      `--snapshot-dir=${dir}`,
      '--auth=token',
      '--json',
    ],
    {
      cwd: ROOT,
      env: {
        PATH: `${dirname(process.execPath)}:${process.env.PATH ?? ''}`,
        HOME: dir,
        DATABRICKS_TOKEN: emu.adminToken,
        NODE_OPTIONS: `--import=${pathToFileURL(PROBE).href} ${process.env.BENCH_NODE_OPTIONS ?? ''}`,
      },
      // The JSON report is not printed: the bench prints figures.
      stdio: ['ignore', 'ignore', 'pipe'],
    },
  )
  let err = ''
  child.stderr.on('data', (d: Buffer) => (err += d.toString()))
  const code = await new Promise<number>((resolve, reject) => {
    child.on('error', reject)
    child.on('close', (c) => resolve(c ?? 1))
  })
  const ms = performance.now() - started
  const probe = /BENCH_RSS (\{.*\})/.exec(err)
  if (!probe) throw new Error(`CLI ${args[0]} failed:\n${err.slice(-3000)}`)
  const rss = JSON.parse(probe[1]) as { loadedRssKb: number; maxRssKb: number }
  if (code !== 0) process.stderr.write(`${args[0]} exited ${code}:\n${err.slice(-2000)}\n`)
  return { code, ms, ...rss, startedAt, requests: emu.requests.slice(first) }
}

/**
 * The fastest any client could go: a token bucket of rate r and burst b serves n requests in no
 * less than (n − b) / r seconds. Only requests that took a token count (429s did not).
 */
async function lowerBound(
  requests: RequestLogEntry[],
  limits: Record<string, RateSpec>,
  onlyClasses?: ReadonlySet<string>,
) {
  const { accountRouter, workspaceRouter } = await import('../emulator/routes/index.js')
  const routers = { account: accountRouter(), workspace: workspaceRouter() }
  const perClass = new Map<string, { rateClass: string; n: number }>()
  for (const r of requests) {
    if (r.status === 429 || r.status === 401 || r.status <= 0) continue
    const router = r.target === 'account' ? routers.account : routers.workspace
    const found = router.match(r.method, r.path)
    if (!found || typeof found === 'string') continue
    if (onlyClasses && !onlyClasses.has(found.route.rateClass)) continue
    const key = `${r.target}/${found.route.rateClass}`
    const entry = perClass.get(key) ?? { rateClass: found.route.rateClass, n: 0 }
    entry.n++
    perClass.set(key, entry)
  }
  let bound = { seconds: 0, why: 'no class saturated' }
  for (const [key, { rateClass, n }] of perClass) {
    const spec = limits[rateClass]
    if (!spec) continue
    const seconds = Math.max(0, (n - (spec.burst ?? spec.perSecond)) / spec.perSecond)
    if (seconds > bound.seconds) {
      bound = { seconds, why: `${key}: ${n} requests at ${spec.perSecond}/s, burst ${spec.burst}` }
    }
  }
  return bound
}

async function scenario(
  preset: string,
  latencyMs: number,
  rateLimits: RateLimitOption,
  commands: readonly string[] = ['stop', 'restore'],
) {
  const { startEmulator, DEFAULT_RATE_LIMITS } = await import('../emulator/index.js')
  const emu = await startEmulator({
    scenario: preset as 'large',
    seed: 1,
    latencyMs,
    rateLimits,
  })
  const dir = await mkdtemp(join(tmpdir(), 'databricks-halt-bench-'))
  try {
    const stop = await runTool(emu, dir, ['stop'])
    const restore = commands.includes('restore') ? await runTool(emu, dir, ['restore']) : undefined
    const limits = rateLimits === 'default' ? DEFAULT_RATE_LIMITS : {}
    return { stop, restore, limits: limits as Record<string, RateSpec> }
  } finally {
    await emu.close()
    await rm(dir, { recursive: true, force: true })
  }
}

const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`
const mark = (ok: boolean) => (ok ? '✔' : '✘')

/** The calls that stop compute: a run cancelled, a cluster terminated, a warehouse, pipeline or app stopped. */
const COMPUTE_STOP =
  /\/runs\/cancel$|\/clusters\/delete$|\/warehouses\/[^/]+\/stop$|\/pipelines\/[^/]+\/stop$|\/apps\/[^/]+\/stop$/
/**
 * The rate classes compute and what restarts it use: listing and pausing jobs, alerts and
 * dashboard schedules (other), and the compute kinds' own. Access (account_*, scim) and pools are
 * not among them: compute need not wait for them (docs/adr/0012-order-by-dependency.md).
 */
const COMPUTE_CLASSES = new Set([
  'jobs_read',
  'jobs_write',
  'runs',
  'clusters',
  'warehouses',
  'pipelines',
  'apps',
  'other',
])

/**
 * `quiet compute: X s, bound Y s, ratio R`: X from the start of stop to the moment the last
 * compute stop, cancel or terminate call was accepted; Y the least time the compute-relevant rate
 * classes alone allow for the requests of theirs sent until then.
 */
async function quietLine(stop: Measured, limits: Record<string, RateSpec>): Promise<string> {
  const accepted = stop.requests.filter(
    (r) => r.method === 'POST' && r.status >= 200 && r.status < 300 && COMPUTE_STOP.test(r.path),
  )
  if (accepted.length === 0) return 'quiet compute: no compute was running'
  const last = Math.max(...accepted.map((r) => r.at))
  const x = (last - stop.startedAt) / 1000
  const upTo = stop.requests.filter((r) => r.at <= last)
  const y = (await lowerBound(upTo, limits, COMPUTE_CLASSES)).seconds
  const ratio = y > 0 ? `${(x / y).toFixed(2)} ${mark(x / y <= TARGETS.ratio)}` : 'n/a'
  return `quiet compute: ${x.toFixed(1)} s, bound ${y.toFixed(1)} s, ratio ${ratio}`
}

async function partQuiet(preset: string): Promise<ToolResult[]> {
  const { stop, limits } = await scenario(preset, 100, 'default', ['stop'])
  console.log(await quietLine(stop, limits))
  return [stop]
}

async function partA(preset: string): Promise<ToolResult[]> {
  console.log(`\n(a) ${preset}: 100 ms latency, the emulator's default per-class rate limits`)
  const scenarioA = await scenario(preset, 100, 'default')
  const { stop, limits } = scenarioA
  const restore = scenarioA.restore!
  const rows: string[][] = [['', 'wall', 'lower bound', 'ratio', 'requests', "429's", 'exit']]
  const explanations: string[] = []
  for (const [name, m] of [
    ['stop', stop],
    ['restore', restore],
  ] as const) {
    const bound = await lowerBound(m.requests, limits)
    const ratio = bound.seconds > 0 ? m.ms / 1000 / bound.seconds : Number.NaN
    const ok = ratio <= TARGETS.ratio
    const ratioText = Number.isNaN(ratio) ? 'n/a' : `${ratio.toFixed(2)} ${mark(ok)}`
    const throttled = m.requests.filter((r) => r.status === 429).length
    rows.push([
      name,
      s(m.ms),
      `${bound.seconds.toFixed(1)} s`,
      ratioText,
      String(m.requests.length),
      String(throttled),
      String(m.code),
    ])
    explanations.push(`  ${name} bound set by ${bound.why}`)
  }
  printTable(rows)
  console.log(explanations.join('\n'))
  console.log(`  target: ratio ≤ ${TARGETS.ratio}`)
  console.log(await quietLine(stop, limits))
  return [stop, restore]
}

async function partB(preset: string): Promise<ToolResult[]> {
  console.log(`\n(b) ${preset}: 20 ms latency, no rate limits`)
  const { stop, restore: measured } = await scenario(preset, 20, 'off')
  const restore = measured!
  printTable([
    ['', 'wall', 'target', 'requests', 'exit'],
    [
      'stop',
      s(stop.ms),
      `≤ ${TARGETS.stopUnthrottledS} s ${mark(stop.ms <= TARGETS.stopUnthrottledS * 1000)}`,
      String(stop.requests.length),
      String(stop.code),
    ],
    ['restore', s(restore.ms), '', String(restore.requests.length), String(restore.code)],
  ])
  return [stop, restore]
}

function printTable([headers, ...rows]: string[][]): void {
  console.log(renderTable(headers, rows))
}

async function bench(): Promise<void> {
  const { values } = parseArgs({
    options: { preset: { type: 'string', default: 'large' }, part: { type: 'string' } },
  })
  const preset = values.preset!
  const load = loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')
  console.log(
    `databricks-halt bench · preset ${preset} · Node ${process.version} · ` +
      `${cpus().length} CPUs, load average ${load} (other work on the machine slows every figure)`,
  )
  const runs: ToolResult[] = []
  if (values.part === 'quiet') runs.push(...(await partQuiet(preset)))
  if (values.part === undefined || values.part === 'a') runs.push(...(await partA(preset)))
  if (values.part === undefined || values.part === 'b') runs.push(...(await partB(preset)))
  if (runs.length === 0) throw new Error(`Unknown --part ${values.part}: a, b or quiet.`)
  // --part quiet prints its one line only.
  if (values.part === 'quiet') return
  const peakMb = Math.max(...runs.map((r) => r.maxRssKb)) / 1024
  const loadedMb = Math.max(...runs.map((r) => r.loadedRssKb)) / 1024
  console.log(
    `\npeak RSS of the CLI process: ${peakMb.toFixed(0)} MB (target < ${TARGETS.rssMb} MB) ` +
      `${mark(peakMb < TARGETS.rssMb)}; of which ${loadedMb.toFixed(0)} MB before the run ` +
      '(a bare Node)',
  )
}

await bench()
