/**
 * Saved plans through the CLI: `--dry-run --plan-out FILE`, then `--plan FILE` applies exactly
 * that, and a plan that is not what was approved (other mode, too old by the workspace's clock,
 * edited, snapshot gone) is exit 2 with nothing changed.
 */
import { afterEach, describe, expect, test } from '@jest/globals'
import { readFile, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { parseJson } from '../../src/databricks/json.js'
import type { ReportJson } from '../../src/report-json.js'
import { api } from '../engine/harness.js'
import { isMutation, snapshotFiles, startWorld, type World } from './run-cli.js'

let world: World | undefined

afterEach(async () => {
  await world?.close()
  world = undefined
})

const LONG = 240_000
const mutationsSince = (w: World, first: number) => w.emu.requests.slice(first).filter(isMutation)

/** The `databricks-halt … --plan FILE` command the dry run printed, as arguments. */
function printedApply(stdout: string): string[] {
  const m = /apply exactly this plan: databricks-halt (\S+ --plan \S+)/.exec(stdout)
  if (!m) throw new Error(`no apply hint in:\n${stdout}`)
  return m[1].split(' ')
}

/** A terminated all-purpose cluster, started by hand: active now, not in an earlier plan. */
async function startIdleCluster(w: World): Promise<string> {
  const idle = [...w.emu.ws().clusters.values()].find(
    (c) =>
      ['UI', 'API'].includes(c.cluster_source) &&
      c.state === 'TERMINATED' &&
      c.custom_tags?.['databricks-halt'] !== 'keep',
  )
  if (!idle) throw new Error('the scenario has no idle cluster')
  await api(w.emu, 'POST', '/api/2.1/clusters/start', { cluster_id: idle.cluster_id })
  w.emu.clock.advance(5_000)
  return String(idle.cluster_id)
}

describe('stop with a saved plan', () => {
  test(
    'plan, drift, apply as printed: planned items halted, the new one too and reported as not in the approved plan',
    async () => {
      const w = (world = await startWorld())
      const file = join(w.dir, 'stop.plan.json')
      const first = w.emu.requests.length
      const dry = await w.cli(['stop', '--dry-run', '--plan-out', file])
      expect(dry.code).toBe(0)
      expect(mutationsSince(w, first)).toEqual([])
      const plan = parseJson(await readFile(file, 'utf8')) as {
        mode: string
        items: { kind: string; id: string }[]
        checksum: string
      }
      expect(plan.mode).toBe('stop')
      expect(plan.checksum).toMatch(/^sha256:/)
      const clusterId = await startIdleCluster(w)
      expect(plan.items.some((i) => i.id === clusterId)).toBe(false)

      const applied = await w.cli([...printedApply(dry.stdout), '--json'])
      expect(applied.code).toBe(0)
      const report = parseJson(applied.stdout) as ReportJson
      const extra = report.items.find((i) => i.id === clusterId)!
      expect(extra.outcome).toBe('changed')
      expect(extra.unplanned).toBe(true)
      expect(extra.detail).toContain('not in the approved plan')
      expect(report.plan?.unplanned).toBe(1)
      expect(report.warnings.join('\n')).toMatch(/1 item\(s\) not in the approved plan/)
      expect(w.emu.ws().clusters.get(clusterId)!.state).toMatch(/TERMINAT/)
      for (const item of plan.items.filter((i) => i.kind === 'jobs'))
        expect(report.items.find((i) => i.id === item.id)?.outcome).toBe('changed')
    },
    LONG,
  )

  test(
    '--on-drift fail refuses drift; a restore plan for stop, an old plan and an edited plan are refused; nothing changed',
    async () => {
      const w = (world = await startWorld())
      const file = join(w.dir, 'stop.plan.json')
      expect((await w.cli(['stop', '--dry-run', '--plan-out', file])).code).toBe(0)
      await startIdleCluster(w)
      const first = w.emu.requests.length

      const drift = await w.cli(['stop', '--plan', file, '--on-drift', 'fail'])
      expect(drift.code).toBe(2)
      expect(drift.stderr).toMatch(/1 item\(s\) are active now but not in the approved plan/)

      const mode = await w.cli(['restore', '--plan', file])
      expect(mode.code).toBe(2)
      expect(mode.stderr).toContain('is a stop plan, not a restore plan')

      const text = await readFile(file, 'utf8')
      const edited = join(w.dir, 'edited.plan.json')
      await writeFile(edited, text.replace(/"kinds": \[/, '"kinds": [\n"alerts",'))
      const tampered = await w.cli(['stop', '--plan', edited])
      expect(tampered.code).toBe(2)
      expect(tampered.stderr).toMatch(/checksum does not match/)

      w.emu.clock.advance(25 * 3_600_000) // the workspace's clock, not this machine's
      const old = await w.cli(['stop', '--plan', file])
      expect(old.code).toBe(2)
      expect(old.stderr).toMatch(/--plan-max-age is 24 h/)
      expect(mutationsSince(w, first)).toEqual([])
      expect((await w.cli(['stop', '--plan', file, '--plan-max-age', '2d'])).code).toBe(0)
    },
    LONG,
  )
})

describe('restore with a saved plan', () => {
  test(
    'uses exactly the planned snapshot even when a newer one exists; a gone or changed snapshot is refused',
    async () => {
      const w = (world = await startWorld())
      expect((await w.cli(['stop'])).code).toBe(0)
      const file = join(w.dir, 'restore.plan.json')
      expect((await w.cli(['restore', '--dry-run', '--plan-out', file])).code).toBe(0)
      const plan = parseJson(await readFile(file, 'utf8')) as {
        snapshot: { name: string; checksum: string }
      }
      await startIdleCluster(w)
      expect((await w.cli(['stop'])).code).toBe(0) // a newer (merged) snapshot

      const applied = await w.cli(['restore', '--plan', file, '--json'])
      expect(applied.code).toBe(0)
      expect((parseJson(applied.stdout) as ReportJson).snapshot?.name).toBe(plan.snapshot.name)

      // Gone: the planned snapshot file removed.
      const snapshotPath = (parseJson(applied.stdout) as ReportJson).snapshot!.ref
      const saved = await readFile(snapshotPath, 'utf8')
      await rm(snapshotPath)
      const first = w.emu.requests.length
      const gone = await w.cli(['restore', '--plan', file])
      expect(gone.code).toBe(2)
      expect(gone.stderr).toContain(`${plan.snapshot.name}, is gone`)
      // Changed: another intact snapshot of the workspace under the planned name.
      const newer = (await snapshotFiles(w.dir)).find((f) => f !== snapshotPath)!
      await writeFile(snapshotPath, await readFile(newer, 'utf8'))
      const changed = await w.cli(['restore', '--plan', file])
      expect(changed.code).toBe(2)
      expect(changed.stderr).toContain('has changed since the plan was made')
      expect(saved).toContain(plan.snapshot.checksum)
      expect(mutationsSince(w, first)).toEqual([])
    },
    LONG,
  )
})
