/**
 * Every hint a restore prints is a command that works as printed: the test reads the hint from the
 * CLI's output and runs exactly that (with the same connection options), without --snapshot.
 * docs/adr/0011-restore-follow-ups.md.
 */
import { afterEach, describe, expect, test } from '@jest/globals'
import { api, haltableState, pauseOf } from '../engine/harness.js'
import { startWorld, type World } from './run-cli.js'

let world: World | undefined

afterEach(async () => {
  await world?.close()
  world = undefined
})

/** The `restore --flag` named in a printed hint, as arguments. */
function hint(output: string, flag: string): string[] {
  const match = new RegExp(`\\b(restore ${flag})\\b`).exec(output)
  if (!match) throw new Error(`no hint "restore ${flag}" in:\n${output}`)
  return match[1].split(' ')
}

describe('restore follow-up hints', () => {
  test('after a conflict and compute left off, the printed hints work on the last snapshot', async () => {
    const w = (world = await startWorld())
    const before = haltableState(w.emu)
    expect((await w.cli(['stop'])).code).toBe(0)
    const [jobId, job] = [...w.emu.ws().jobs].find(
      ([id]) => before.jobs[id].schedule && pauseOf(before.jobs[id].schedule) === 'UNPAUSED',
    )!
    // Paused again by hand with another cron during the halt: a conflict.
    const edited = { ...job.settings.schedule, quartz_cron_expression: '0 0 3 * * ?' }
    await api(w.emu, 'POST', '/api/2.2/jobs/update', {
      job_id: jobId,
      new_settings: { schedule: edited },
    })
    const first = await w.cli(['restore'])
    expect(first.code).toBe(1)
    const output = first.stdout + first.stderr
    expect(pauseOf(w.emu.ws().jobs.get(jobId)!.settings.schedule)).toBe('PAUSED')

    w.emu.clock.advance(60_000) // compute finishes stopping before it can be started
    const force = await w.cli(hint(output, '--force'))
    expect(force.code).toBe(0)
    expect(w.emu.ws().jobs.get(jobId)!.settings.schedule).toEqual(before.jobs[jobId].schedule)

    const restart = await w.cli(hint(output, '--restart-compute'))
    expect(restart.stderr).toContain(
      'No open halt: applying --restart-compute to the last snapshot',
    )
    expect(restart.code).toBe(0)
    const states = [...w.emu.ws().warehouses.values()].map((wh) => wh.state)
    expect(states.some((s) => s === 'STARTING' || s === 'RUNNING')).toBe(true)

    // A plain restore has nothing open and says which follow-ups exist.
    const plain = await w.cli(['restore'])
    expect(plain.code).toBe(2)
    expect(plain.stderr).toMatch(/already restored: restore --force or restore --restart-compute/)
  }, 240_000)
})
