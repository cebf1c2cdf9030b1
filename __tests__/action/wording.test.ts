/**
 * One vocabulary, two faces: a stop and a restore against the emulator, run as the Action and as
 * the CLI. What the person is told to do next (kept principals, compute left off) names the
 * Action's inputs in the Action's report and job summary, and the CLI's flags in the CLI's text.
 */
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { writeSummary } from '../../src/action/summary-helper.js'
import { renderReport } from '../../src/cli/report-text.js'
import type { Report } from '../../src/report.js'
import { startHarness, type Harness } from '../engine/harness.js'

let h: Harness | undefined
const saved = { ...process.env }

// A fresh workspace for each face: its compute running, so restore leaves some off.
beforeEach(async () => {
  h = await startHarness({ transitionMs: 50 })
})
afterEach(async () => {
  process.env = { ...saved }
  await h?.close()
  h = undefined
})

/** A user assigned to the workspace directly (not the caller): one to keep. */
function assignedUser(): string {
  const { emu } = h!
  const id = [...emu.ws().assignments.keys()].find(
    (i) => i !== emu.adminPrincipalId && emu.account.users.has(i),
  )!
  return emu.account.users.get(id)!.userName
}

/** Everything a run tells a person: warnings and each item's detail. */
const told = (...reports: Report[]) =>
  reports.flatMap((r) => [...r.warnings, ...r.items.map((i) => i.detail ?? '')]).join('\n')

/** A CLI flag: `--keep`, `--restart-compute` (not an em dash or a `-->`). */
const CLI_FLAG = /(^|[\s(`'"])--[a-z][a-z-]+/m

async function stopAndRestore(face: 'action' | 'cli') {
  const keep = assignedUser()
  const stop = await h!.run('stop', { keep: [keep], face })
  expect(stop.exitCode).toBe(0)
  const restore = await h!.run('restore', { face })
  expect(restore.exitCode).toBe(0)
  return { keep, stop, restore }
}

describe('the Action names its inputs, the CLI its flags', () => {
  it('the Action: report and job summary say keep-principals and restart-compute: true, never a flag', async () => {
    const { keep, stop, restore } = await stopAndRestore('action')
    const text = told(stop, restore)
    expect(text).toContain(`keep-principals: ${keep}`)
    expect(text).toContain('mode: restore with restart-compute: true')
    expect(text).toContain('the input snapshot-key is not set')
    expect(text).not.toMatch(CLI_FLAG)
    expect(text).not.toContain('DATABRICKS_HALT_SNAPSHOT_KEY')

    const dir = mkdtempSync(join(tmpdir(), 'wording-'))
    process.env.GITHUB_STEP_SUMMARY = join(dir, 'summary.md')
    let summary = ''
    for (const report of [stop, restore]) {
      writeFileSync(process.env.GITHUB_STEP_SUMMARY, '')
      await writeSummary(report)
      summary += readFileSync(process.env.GITHUB_STEP_SUMMARY, 'utf8')
    }
    expect(summary).toContain(`keep-principals: ${keep}`)
    expect(summary).toContain('restart-compute: true')
    expect(summary).not.toMatch(CLI_FLAG)
  })

  it('the CLI: its text says --keep and restore --restart-compute, never an input', async () => {
    const { keep, stop, restore } = await stopAndRestore('cli')
    const text = [renderReport(stop), renderReport(restore)].join('\n')
    expect(text).toContain(`--keep ${keep}`)
    expect(text).toContain('restore --restart-compute starts them')
    expect(text).toContain('DATABRICKS_HALT_SNAPSHOT_KEY is not set')
    expect(text).not.toMatch(/keep-principals:|restart-compute: true|mode: restore|snapshot-key/)
  })
})

/** The message a refused run throws (exit 2/3 reach the face as errors, not reports). */
async function refusal(run: Promise<Report>): Promise<string> {
  try {
    await run
  } catch (e) {
    return (e as Error).message
  }
  throw new Error('expected the run to be refused')
}

describe('refusals name the options as the face does', () => {
  // Each refused as the Action and as the CLI: a keep typo, an unkeep typo, nothing to restore,
  // and no kind in scope.
  const refusals = (face: 'action' | 'cli') => [
    refusal(h!.run('stop', { keep: ['no-such-principal@example.com'], face })),
    refusal(h!.run('restore', { face })),
    refusal(h!.run('stop', { only: ['jobs'], skip: ['jobs'], face })),
  ]

  it('the Action: inputs, never a flag', async () => {
    const [keep, restore, none] = await Promise.all(refusals('action'))
    expect(keep).toContain('keep-principals "no-such-principal@example.com" matches no principal')
    expect(restore).toContain('Name another one with restore-from.')
    expect(none).toContain('The resources input leaves no resource kind')
    for (const message of [keep, restore, none]) expect(message).not.toMatch(CLI_FLAG)
  })

  it('the CLI: flags, never an input', async () => {
    const [keep, restore, none] = await Promise.all(refusals('cli'))
    expect(keep).toContain('--keep "no-such-principal@example.com" matches no principal')
    expect(restore).toContain('Name another one with --snapshot, or check --snapshot-dir.')
    expect(none).toContain('--only/--skip leave no resource kind')
  })
})
