import { afterEach, describe, expect, it } from '@jest/globals'
import { readFile } from 'node:fs/promises'
import { haltableState, pauseOf, startHarness, writes, type Harness } from './harness.js'

let h: Harness | undefined
afterEach(async () => {
  await h?.close()
  h = undefined
})

describe('stop then restore', () => {
  it('halts a mixed workspace and restores it exactly', async () => {
    h = await startHarness({ propagationDelayMs: 300 })
    const { emu } = h
    const before = haltableState(emu)

    const stopped = await h.run('stop')
    expect(stopped.exitCode).toBe(0)
    expect(stopped.counts.failed).toBe(0)
    expect(stopped.snapshot?.name).toMatch(/snapshot.*\.json$/)

    const ws = emu.ws()
    // Only the caller keeps access.
    expect([...ws.assignments.keys()]).toEqual([emu.adminPrincipalId])
    for (const [id, job] of ws.jobs) {
      const s = job.settings
      const kept = s.tags?.['databricks-halt'] === 'keep'
      for (const block of ['schedule', 'trigger', 'continuous'] as const) {
        if (!s[block]) continue
        if (!kept) expect([id, block, pauseOf(s[block])]).toEqual([id, block, 'PAUSED'])
        // The block was resent whole: its config is still there.
        const original = before.jobs[id][block] as Record<string, unknown>
        expect({ ...s[block], pause_status: undefined }).toEqual({
          ...original,
          pause_status: undefined,
        })
      }
      if (s.triggers && !kept)
        expect(s.triggers.map(pauseOf)).toEqual(s.triggers.map(() => 'PAUSED'))
    }
    for (const pool of ws.instancePools.values()) {
      if (pool.custom_tags?.['databricks-halt'] === 'keep') continue
      expect([
        pool.min_idle_instances ?? 0,
        pool.idle_instance_autotermination_minutes ?? 0,
      ]).toEqual([0, 0])
    }
    for (const c of ws.clusters.values()) {
      if (
        ['UI', 'API'].includes(c.cluster_source) &&
        c.custom_tags?.['databricks-halt'] !== 'keep'
      ) {
        expect([c.cluster_id, c.state]).toEqual([c.cluster_id, expect.stringMatching(/TERMINAT/)])
      }
    }
    for (const w of ws.warehouses.values()) expect(['STOPPED', 'STOPPING']).toContain(w.state)

    const restored = await h.run('restore')
    expect(restored.counts.failed).toBe(0)
    expect(restored.counts.not_converged).toBe(0)
    expect(restored.exitCode).toBe(0) // compute left off by design is not a failure
    expect(restored.counts.left_off).toBeGreaterThan(0)
    expect(haltableState(emu)).toEqual(before)
    expect((await h.store.list(emu.workspace.workspaceId))[0].restored).toBe(true)
  })

  it('stop twice then restore gives back the first pre-halt state', async () => {
    h = await startHarness()
    const before = haltableState(h.emu)
    expect((await h.run('stop')).exitCode).toBe(0)
    const second = await h.run('stop')
    expect(second.exitCode).toBe(0)
    expect(second.counts.changed).toBe(0)
    expect(second.warnings.join('\n')).toMatch(/already halted by .*snapshot.*merges/)
    expect(await h.store.list(h.emu.workspace.workspaceId)).toHaveLength(2)
    const restored = await h.run('restore')
    expect(restored.exitCode).toBe(0)
    expect(haltableState(h.emu)).toEqual(before)
    // Both are closed: a third stop starts afresh instead of merging a stale record.
    expect((await h.store.list(h.emu.workspace.workspaceId)).map((e) => e.restored)).toEqual([
      true,
      true,
    ])
  })

  it('stop, restore, stop, restore', async () => {
    h = await startHarness()
    const before = haltableState(h.emu)
    for (let i = 0; i < 2; i++) {
      expect((await h.run('stop')).exitCode).toBe(0)
      const restored = await h.run('restore')
      expect(restored.exitCode).toBe(0)
      expect(haltableState(h.emu)).toEqual(before)
    }
  })

  it('dry runs change nothing and write nothing', async () => {
    h = await startHarness()
    const before = haltableState(h.emu)
    const plan = await h.run('stop', { dryRun: true })
    expect(plan.counts.planned).toBeGreaterThan(0)
    expect(plan.counts.changed).toBe(0)
    expect(writes(h.emu)).toBe(0)
    expect(await h.store.list(h.emu.workspace.workspaceId)).toEqual([])
    await h.run('stop')
    const halted = haltableState(h.emu)
    const writesAfterStop = writes(h.emu)
    const restorePlan = await h.run('restore', { dryRun: true })
    expect(restorePlan.counts.planned).toBeGreaterThan(0)
    expect(writes(h.emu)).toBe(writesAfterStop)
    expect(haltableState(h.emu)).toEqual(halted)
    expect((await h.store.list(h.emu.workspace.workspaceId))[0].restored).toBe(false)
    expect(before).not.toEqual(halted)
  })

  it('keeps ids above 2^53 exact in the snapshot', async () => {
    h = await startHarness()
    // Ids a double cannot hold (the caller's 2^62 can).
    const big = [...h.emu.ws().assignments.keys()].filter((id) => BigInt(Number(id)) !== BigInt(id))
    expect(big.length).toBeGreaterThan(0)
    const report = await h.run('stop')
    const text = await readFile(report.snapshot!.ref, 'utf8')
    for (const id of big) {
      expect(text).toContain(`"principal_id": ${id}`)
    }
    await h.run('restore')
    for (const id of big) expect(h.emu.ws().assignments.has(id)).toBe(true)
  })

  it('a restore of some kinds leaves the snapshot open for the rest', async () => {
    h = await startHarness()
    const before = haltableState(h.emu)
    await h.run('stop')
    const partial = await h.run('restore', { only: ['jobs'] })
    expect(partial.exitCode).toBe(0)
    expect(partial.snapshot?.restored).toBe(false)
    expect(haltableState(h.emu).jobs).toEqual(before.jobs)
    expect(Object.keys(haltableState(h.emu).assignments)).toEqual([h.emu.adminPrincipalId])
    const rest = await h.run('restore')
    expect(rest.exitCode).toBe(0)
    const jobItems = rest.items.filter((i) => i.kind === 'jobs')
    expect(jobItems.length).toBeGreaterThan(0)
    expect(jobItems.every((i) => i.outcome === 'unchanged')).toBe(true)
    expect(haltableState(h.emu)).toEqual(before)
    expect(rest.snapshot?.restored).toBe(true)
  })
})
