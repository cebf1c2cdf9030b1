import { afterEach, describe, expect, it } from '@jest/globals'
import type { Emulator } from '../../emulator/index.js'
import { startHarness, type Harness } from './harness.js'

let h: Harness | undefined
afterEach(async () => {
  await h?.close()
  h = undefined
})

type Block = { pause_status?: string } | undefined
const unpaused = (b: Block) => b !== undefined && (b.pause_status ?? 'UNPAUSED') !== 'PAUSED'

/** Counted from the emulator's own state, the way a person would count in the UI. */
function activeNow(emu: Emulator) {
  const ws = emu.ws()
  return {
    permission_assignments: ws.assignments.size,
    jobs: [...ws.jobs.values()].filter((j) => {
      const s = j.settings ?? {}
      const triggers: Block[] = s.triggers ?? []
      return [s.schedule, s.trigger, s.continuous].some(unpaused) || triggers.some(unpaused)
    }).length,
    warehouses: [...ws.warehouses.values()].filter((w) => ['STARTING', 'RUNNING'].includes(w.state))
      .length,
  }
}

const pick = (census: Record<string, { before: number; after: number }> | undefined) => ({
  permission_assignments: census?.permission_assignments,
  jobs: census?.jobs,
  warehouses: census?.warehouses,
})

describe('census: active items per kind before and after', () => {
  it('matches the workspace before and after a stop, and after a restore', async () => {
    h = await startHarness({ transitionMs: 100 })
    const before = activeNow(h.emu)

    const stop = await h.run('stop', { waitMinutes: 0.2 })
    expect(stop.exitCode).toBe(0)
    const halted = activeNow(h.emu)
    expect(halted.permission_assignments).toBeLessThan(before.permission_assignments)
    expect(halted.jobs).toBeLessThan(before.jobs)
    expect(halted.warehouses).toBe(0)
    expect(pick(stop.census)).toEqual({
      permission_assignments: {
        before: before.permission_assignments,
        after: halted.permission_assignments,
      },
      jobs: { before: before.jobs, after: halted.jobs },
      warehouses: { before: before.warehouses, after: 0 },
    })

    const restore = await h.run('restore', { restartCompute: true })
    expect(restore.exitCode).toBe(0)
    const back = activeNow(h.emu)
    expect(back).toEqual(before)
    expect(pick(restore.census)).toEqual({
      permission_assignments: {
        before: halted.permission_assignments,
        after: back.permission_assignments,
      },
      jobs: { before: halted.jobs, after: back.jobs },
      warehouses: { before: 0, after: back.warehouses },
    })
  })

  it('a dry run shows the census the real run then has; show has none', async () => {
    h = await startHarness({ transitionMs: 100 })
    expect((await h.run('show')).census).toBeUndefined()
    const before = activeNow(h.emu)
    const dry = await h.run('stop', { dryRun: true })
    expect(activeNow(h.emu)).toEqual(before)
    expect(dry.counts.planned).toBeGreaterThan(0)
    const stop = await h.run('stop', { waitMinutes: 0.2 })
    const halted = activeNow(h.emu)
    expect(pick(dry.census)).toEqual(pick(stop.census))
    expect(pick(dry.census).jobs).toEqual({ before: before.jobs, after: halted.jobs })
    const restoreDry = await h.run('restore', { dryRun: true, restartCompute: true })
    expect(activeNow(h.emu)).toEqual(halted)
    const restore = await h.run('restore', { restartCompute: true })
    expect(pick(restoreDry.census)).toEqual(pick(restore.census))
    expect(pick(restoreDry.census).permission_assignments).toEqual({
      before: halted.permission_assignments,
      after: before.permission_assignments,
    })
  })
})
