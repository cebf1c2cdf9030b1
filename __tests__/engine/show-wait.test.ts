import { afterEach, describe, expect, it } from '@jest/globals'
import { startHarness, type Harness } from './harness.js'

let h: Harness | undefined
afterEach(async () => {
  await h?.close()
  h = undefined
})

describe('show', () => {
  it('is a gate: --fail-if-active fails before a stop and passes once drained', async () => {
    h = await startHarness({ transitionMs: 100 })
    const before = await h.run('show', { active: true, failIfActive: true })
    expect(before.exitCode).toBe(1)
    expect(before.counts.active).toBeGreaterThan(0)
    expect(before.items.every((i) => ['active', 'report_only'].includes(i.outcome))).toBe(true)
    // Report-only kinds are listed but do not fail the gate: nothing can stop them.
    expect(before.items.some((i) => i.kind === 'serving_endpoints')).toBe(true)

    const stopped = await h.run('stop', { waitMinutes: 0.2 })
    expect(stopped.exitCode).toBe(0)
    expect(stopped.warnings.some((w) => /cannot be stopped/.test(w))).toBe(true)
    expect(stopped.items.some((i) => i.outcome === 'report_only')).toBe(true)
    expect(h.logger.lines.some((l) => /all compute is stopped/.test(l))).toBe(true)

    const after = await h.run('show', { active: true, failIfActive: true })
    expect(after.items.filter((i) => i.outcome === 'active')).toEqual([])
    expect(after.exitCode).toBe(0)
    // Without --active everything is listed, the caller's assignment as kept.
    const all = await h.run('show')
    expect(all.items.find((i) => i.id === h!.emu.adminPrincipalId)?.outcome).toBe('kept')
    expect(all.exitCode).toBe(0)
  })
})

describe('stop --wait', () => {
  it('waits until compute is down, and nothing starts again while halted', async () => {
    // Compute takes 3 s (the emulator's clock runs at real speed here) to stop, far longer than
    // the stop's own calls even on a loaded machine: 200 ms let everything finish before the
    // wait began, and then there was nothing to wait for.
    h = await startHarness({ transitionMs: 3_000 })
    const report = await h.run('stop', { waitMinutes: 0.5 })
    expect(report.exitCode).toBe(0)
    expect(h.logger.lines.some((l) => /waiting for \d+ /.test(l))).toBe(true)
    const ws = h.emu.ws()
    const kept = (c: { custom_tags?: Record<string, string> }) =>
      c.custom_tags?.['databricks-halt'] === 'keep'
    for (const c of ws.clusters.values())
      if (!kept(c)) expect([c.cluster_id, c.state]).toEqual([c.cluster_id, 'TERMINATED'])
    for (const w of ws.warehouses.values()) expect(w.state).toBe('STOPPED')
    const keptJobs = new Set(
      [...ws.jobs.values()]
        .filter((j) => j.settings.tags?.['databricks-halt'] === 'keep')
        .map((j) => j.job_id),
    )
    const runsBefore = new Set(ws.runs.keys())
    // A day passes: schedules, periodic triggers and continuous jobs are all paused.
    h.emu.clock.advance(24 * 3600_000)
    const newRuns = [...h.emu.ws().runs.values()].filter((r) => !runsBefore.has(r.run_id))
    expect(newRuns.filter((r) => !keptJobs.has(r.job_id))).toEqual([])
    for (const w of h.emu.ws().warehouses.values()) expect(w.state).toBe('STOPPED')
  })

  it('times out with a clear report when compute does not stop', async () => {
    h = await startHarness({ transitionMs: 3600_000 })
    const report = await h.run('stop', { waitMinutes: 0.005 })
    expect(report.exitCode).toBe(1)
    const stuck = report.items.filter((i) => i.outcome === 'not_converged')
    expect(stuck.length).toBeGreaterThan(0)
    expect(stuck[0].detail).toMatch(/still .* after waiting/)
    expect(h.logger.lines.some((l) => /^error: still running after/.test(l))).toBe(true)
  })
})

describe('restore --restart-compute', () => {
  it('starts exactly the compute stop found running', async () => {
    h = await startHarness({ transitionMs: 100 })
    const running = new Set(
      [...h.emu.ws().clusters.values()]
        .filter(
          (c) =>
            ['UI', 'API'].includes(c.cluster_source) && ['RUNNING', 'PENDING'].includes(c.state),
        )
        .filter((c) => c.custom_tags?.['databricks-halt'] !== 'keep')
        .map((c) => c.cluster_id as string),
    )
    expect(running.size).toBeGreaterThan(0)
    const ws0 = h.emu.ws()
    const ids = (
      m: Map<string, Record<string, unknown>>,
      on: (o: Record<string, unknown>) => boolean,
    ) => new Set([...m].filter(([, o]) => on(o)).map(([id]) => id))
    const warehouses = ids(ws0.warehouses, (w) =>
      ['RUNNING', 'STARTING'].includes(w.state as string),
    )
    const apps = ids(ws0.apps, (a) => (a.compute_status as { state: string }).state === 'ACTIVE')
    const continuous = ids(
      ws0.pipelines,
      (p) => p.state === 'RUNNING' && (p.spec as { continuous?: boolean }).continuous === true,
    )
    expect([warehouses.size, apps.size, continuous.size].every((n) => n > 0)).toBe(true)
    await h.run('stop', { waitMinutes: 0.2 })
    const restored = await h.run('restore', { restartCompute: true })
    expect(restored.exitCode).toBe(0)
    expect(restored.counts.left_off).toBe(
      restored.items.filter((i) => i.kind === 'job_runs').length,
    )
    const started = restored.items
      .filter((i) => i.kind === 'clusters' && i.outcome === 'changed')
      .map((i) => i.id)
    expect(new Set(started)).toEqual(running)
    for (const id of running)
      expect(['PENDING', 'RUNNING']).toContain(h.emu.ws().clusters.get(id)!.state)
    const startedIds = (kind: string) =>
      new Set(
        restored.items.filter((i) => i.kind === kind && i.outcome === 'changed').map((i) => i.id),
      )
    expect(startedIds('warehouses')).toEqual(warehouses)
    expect(startedIds('apps')).toEqual(apps)
    expect(startedIds('pipelines')).toEqual(continuous)
    const ws = h.emu.ws()
    for (const id of warehouses)
      expect(['STARTING', 'RUNNING']).toContain(ws.warehouses.get(id)!.state)
    for (const id of apps)
      expect(['STARTING', 'ACTIVE']).toContain(ws.apps.get(id)!.compute_status.state)
  })

  it('reports assignments that do not show before the deadline as not_converged', async () => {
    h = await startHarness({ propagationDelayMs: 3600_000 })
    await h.run('stop')
    const restored = await h.run('restore', {}, { timing: { verifyTimeoutMs: 200 } })
    expect(restored.exitCode).toBe(1)
    const late = restored.items.filter((i) => i.outcome === 'not_converged')
    expect(late.length).toBeGreaterThan(0)
    expect(late.every((i) => i.kind === 'permission_assignments')).toBe(true)
    // Not a failure to retry: the writes were made, so the snapshot is closed.
    expect((await h.store.list(h.emu.workspace.workspaceId))[0].restored).toBe(true)
  })
})
