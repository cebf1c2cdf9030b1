/**
 * fleet.yml applies exactly what each workspace's plan leg planned: every plan leg records the
 * ids of its saved plan and resolved snapshot, the pins job gathers them into one map keyed by
 * the entry's name (matrix legs share one set of job outputs, so an output would be the last
 * leg's), and each apply leg passes its own ids as `plan` and, for restore, `restore-from`.
 * The steps run as the runner runs them (bash, jq); the apply leg's expressions are resolved
 * against the map, so a leg that stops pinning, or pins another leg's ids, fails here.
 */
import { describe, expect, test } from '@jest/globals'
import { spawnSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { parse } from 'yaml'

interface Step {
  id?: string
  name?: string
  uses?: string
  if?: string
  run?: string
  env?: Record<string, string>
  with?: Record<string, unknown>
}
interface Job {
  needs?: string[] | string
  if?: string
  outputs?: Record<string, string>
  steps: Step[]
}
const workflow = parse(
  readFileSync(path.join(process.cwd(), '.github/workflows/fleet.yml'), 'utf8'),
) as { jobs: Record<string, Job> }
const { fleet, plan, pins, apply } = workflow.jobs

/** Runs a step's script with bash, its env and the runner's files; cwd is `dir`. */
function runStep(step: Step, env: Record<string, string>, dir: string) {
  const output = path.join(dir, 'github-output')
  writeFileSync(output, '')
  const child = spawnSync('bash', ['-e', '-c', step.run!], {
    cwd: dir,
    env: { PATH: process.env.PATH ?? '', GITHUB_OUTPUT: output, RUNNER_TEMP: dir, ...env },
    encoding: 'utf8',
  })
  const outputs = Object.fromEntries(
    readFileSync(output, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((l) => l.split(/=(.*)/s).slice(0, 2)),
  ) as Record<string, string>
  return { status: child.status, stdout: child.stdout + child.stderr, outputs }
}

/**
 * Resolves the one expression form the apply leg may use for an id:
 * `fromJSON(needs.pins.outputs.pins)[matrix.name].<field>`. Anything else (a job output that
 * the legs overwrite, a name-based lookup, nothing at all) resolves to undefined.
 */
function resolve(value: unknown, pinsJson: string, name: string): string | undefined {
  const m = /^\$\{\{ fromJSON\(needs\.pins\.outputs\.pins\)\[matrix\.name\]\.(\w+) \}\}$/.exec(
    String(value),
  )
  if (!m) return undefined
  const map = JSON.parse(pinsJson) as Record<string, Record<string, string> | undefined>
  return map[name]?.[m[1]] ?? ''
}

/** Plans two legs: writes each leg's record as the plan leg does, then runs the pins job. */
function planLegs(legs: Array<{ name: string; plan: string; snapshot: string }>) {
  const dir = mkdtempSync(path.join(tmpdir(), 'fleet-pin-'))
  const record = plan.steps.find((s) => /Record the plan/.test(s.name ?? ''))!
  legs.forEach((leg, index) => {
    const legDir = path.join(dir, `leg-${index}`)
    mkdirSync(legDir)
    const result = runStep(
      record,
      { NAME: leg.name, PLAN: leg.plan, SNAPSHOT: leg.snapshot },
      legDir,
    )
    expect(result.status).toBe(0)
    // download-artifact with a pattern puts each artifact in a folder of its name.
    const artifact = path.join(dir, 'pins', `databricks-halt-fleet-1-pin-${index}`)
    mkdirSync(artifact, { recursive: true })
    writeFileSync(path.join(artifact, 'pin.json'), readFileSync(path.join(legDir, 'pin.json')))
  })
  return runStep(
    pins.steps.find((s) => s.id === 'collect')!,
    {},
    dir,
  )
}

describe('fleet.yml: each apply leg applies its own plan leg’s saved plan', () => {
  const legs = [
    { name: 'prod-weu', plan: '1001', snapshot: '2001' },
    { name: 'prod-neu', plan: '1002', snapshot: '2002' },
  ]

  test('the plan leg records its ids, uploaded under a name the pins job downloads', () => {
    const record = plan.steps.find((s) => /Record the plan/.test(s.name ?? ''))!
    expect(record.env).toEqual({
      NAME: '${{ matrix.name }}',
      PLAN: '${{ steps.halt.outputs.plan-artifact-id }}',
      SNAPSHOT: '${{ steps.halt.outputs.snapshot-artifact-id }}',
    })
    const upload = plan.steps.find(
      (s) => s.uses?.startsWith('actions/upload-artifact') && /pin/.test(String(s.with?.name)),
    )!
    const download = pins.steps.find((s) => s.uses?.startsWith('actions/download-artifact'))!
    expect(String(upload.with!.name)).toBe(
      'databricks-halt-fleet-${{ github.run_attempt }}-pin-${{ strategy.job-index }}',
    )
    expect(download.with!.pattern).toBe('databricks-halt-fleet-${{ github.run_attempt }}-pin-*')
    expect(apply.needs).toEqual(expect.arrayContaining(['pins']))
    expect(pins.needs).toBe('plan')
  })

  test.each(['stop', 'restore'])(
    '%s: every leg passes exactly its own plan id (and snapshot id) to the Action',
    (mode) => {
      const collected = planLegs(legs)
      expect(collected.status).toBe(0)
      const map = collected.outputs.pins
      expect(JSON.parse(map)).toEqual({
        'prod-weu': { plan: '1001', snapshot: '2001' },
        'prod-neu': { plan: '1002', snapshot: '2002' },
      })
      const halt = apply.steps.find((s) => s.id === 'halt')!.with!
      for (const leg of legs) {
        expect(resolve(halt.plan, map, leg.name)).toBe(leg.plan)
        // restore-from: `mode == 'restore' && <pinned> || inputs.restore-from`.
        const restoreFrom = String(halt['restore-from'])
        const pinned =
          /^\$\{\{ inputs\.mode == 'restore' && (.+) \|\| inputs\.restore-from \}\}$/.exec(
            restoreFrom,
          )
        expect(pinned).not.toBeNull()
        if (mode === 'restore')
          expect(resolve(`\${{ ${pinned![1]} }}`, map, leg.name)).toBe(leg.snapshot)
      }
    },
  )

  test('an apply leg whose plan leg saved no plan (or pinned no snapshot) stops before the Action', () => {
    const guard = apply.steps[0]
    expect(apply.steps.findIndex((s) => s.id === 'halt')).toBeGreaterThan(0)
    const map = JSON.stringify({ a: { plan: '1', snapshot: '' }, b: { plan: '', snapshot: '9' } })
    const env = (name: string, mode: string) => ({
      MODE: mode,
      PLAN: resolve(guard.env!.PLAN, map, name) ?? 'not pinned',
      SNAPSHOT: resolve(guard.env!.SNAPSHOT, map, name) ?? 'not pinned',
    })
    const dir = mkdtempSync(path.join(tmpdir(), 'fleet-guard-'))
    expect(runStep(guard, env('a', 'stop'), dir).status).toBe(0)
    const noSnapshot = runStep(guard, env('a', 'restore'), dir)
    expect(noSnapshot.status).not.toBe(0)
    expect(noSnapshot.stdout).toContain('resolved no snapshot')
    const noPlan = runStep(guard, env('b', 'stop'), dir)
    expect(noPlan.status).not.toBe(0)
    expect(noPlan.stdout).toContain('saved no plan')
    // A leg missing from the map (its plan leg recorded nothing) is refused too.
    expect(runStep(guard, env('c', 'stop'), dir).status).not.toBe(0)
  })

  test('two entries with one name (they would share a pin) are refused before any plan', () => {
    const check = fleet.steps.find((s) => s.id === 'check')!
    const dir = mkdtempSync(path.join(tmpdir(), 'fleet-dup-'))
    const url = (n: number) => `https://adb-${n}.${n}.azuredatabricks.net`
    const twice = [
      { name: 'prod', 'workspace-url': url(1) },
      { name: 'prod', 'workspace-url': url(2) },
    ]
    const refused = runStep(check, { WORKSPACES: JSON.stringify(twice) }, dir)
    expect(refused.status).not.toBe(0)
    expect(refused.stdout).toContain('two entries with the same name: prod')
    const fine = runStep(
      check,
      { WORKSPACES: JSON.stringify([twice[0], { ...twice[1], name: 'prod-2' }]) },
      dir,
    )
    expect(fine.status).toBe(0)
  })

  test('the pins job refuses two records of one name rather than pick one', () => {
    const collected = planLegs([legs[0], { ...legs[1], name: legs[0].name }])
    expect(collected.status).not.toBe(0)
    expect(collected.stdout).toContain('two plan legs recorded the same name')
    expect(collected.outputs.pins).toBeUndefined()
  })

  test('plan-max-age and on-drift reach both legs (a bad on-drift fails the plan legs)', () => {
    for (const job of [plan, apply]) {
      const halt = job.steps.find((s) => s.id === 'halt')!.with!
      expect(halt['plan-max-age']).toBe('${{ inputs.plan-max-age }}')
      expect(halt['on-drift']).toBe('${{ inputs.on-drift }}')
    }
  })
})
