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

  it('is absent from a dry run and from show', async () => {
    h = await startHarness()
    expect((await h.run('stop', { dryRun: true })).census).toBeUndefined()
    expect((await h.run('show')).census).toBeUndefined()
  })
})
