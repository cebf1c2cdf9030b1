import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { readFile } from 'node:fs/promises'
import { inDependencyOrder } from '../../src/engine/order.js'
import type { Report } from '../../src/report.js'
import { RESOURCES } from '../../src/resources/registry.js'
import { api, haltableState, startHarness, type Harness } from './harness.js'

/**
 * Order by dependency (docs/adr/0012): access removal is slowed to 2 requests a second (the
 * account API's write class), so on this workspace it is the long pole, as on a large one.
 */
let h: Harness
let before: ReturnType<typeof haltableState>
let stopped: Report
let startedDuringStop: string
let stopLines: { line: string; at: number }[]
const ok = (status: number) => status >= 200 && status < 300

function requestsOfStop() {
  const log = h.emu.requests.filter((r) => ok(r.status))
  const at = (method: string, pattern: RegExp) =>
    log.flatMap((r, i) => (r.method === method && pattern.test(r.path) ? [i] : []))
  return {
    removals: at('DELETE', /permissionassignments\/principals/),
    jobPauses: at('POST', /\/jobs\/update$/),
    alertPauses: at('PATCH', /\/alerts\/[^/]+$/),
    dashboardPauses: at('PUT', /\/schedules\/[^/]+$/),
    cancels: at('POST', /\/runs\/cancel$/),
    clusterDeletes: at('POST', /\/clusters\/delete$/),
    warehouseStops: at('POST', /\/warehouses\/[^/]+\/stop$/),
    pipelineStops: at('POST', /\/pipelines\/[^/]+\/stop$/),
    clusterLists: at('GET', /\/clusters\/list$/),
  }
}

describe('stop orders by dependency', () => {
  beforeAll(async () => {
    h = await startHarness({ rateLimits: { account_write: { perSecond: 2, burst: 1 } } })
    before = haltableState(h.emu)
    const idle = [...h.emu.ws().clusters.values()].find(
      (c) =>
        c.state === 'TERMINATED' &&
        ['UI', 'API'].includes(c.cluster_source ?? '') &&
        !c.custom_tags?.['databricks-halt'],
    )
    startedDuringStop = idle!.cluster_id
    const first = h.emu.requests.length
    const stopping = h.run('stop')
    // A user who still has access starts a cluster once compute is stopped and swept, while
    // assignments are still being removed.
    while (!h.logger.lines.some((l) => /Compute sweep: /.test(l))) {
      await new Promise((r) => setTimeout(r, 20))
    }
    expect(h.emu.requests.slice(first).some((r) => r.path.endsWith('/clusters/delete'))).toBe(true)
    await api(h.emu, 'POST', '/api/2.1/clusters/start', { cluster_id: startedDuringStop })
    stopped = await stopping
    stopLines = h.logger.lines.map((line, i) => ({ line, at: h.logger.times[i] }))
  }, 60_000)

  afterAll(async () => {
    await h.close()
  })

  it('pauses every starter of a compute kind before stopping that kind', () => {
    expect(stopped.exitCode).toBe(0)
    const r = requestsOfStop()
    for (const list of Object.values(r)) expect(list.length).toBeGreaterThan(0)
    const lastPause = Math.max(...r.jobPauses)
    // Nothing a job can start is stopped before every job is paused.
    expect(lastPause).toBeLessThan(Math.min(...r.cancels))
    expect(lastPause).toBeLessThan(Math.min(...r.clusterDeletes))
    expect(lastPause).toBeLessThan(Math.min(...r.pipelineStops))
    // Warehouses wait for jobs (SQL tasks), alerts and dashboard schedules.
    const lastWaker = Math.max(lastPause, ...r.alertPauses, ...r.dashboardPauses)
    expect(lastWaker).toBeLessThan(Math.min(...r.warehouseStops))
    // JOB/PIPELINE clusters still up are terminated once their runs and pipelines are done.
    const line = (pattern: RegExp) => h.logger.lines.findIndex((l) => pattern.test(l))
    const ownedHalt = h.logger.lines.findLastIndex((l) => /^info: clusters: halting/.test(l))
    expect(line(/^info: job_runs: \d+ changed/)).toBeGreaterThan(-1)
    expect(line(/^info: pipelines: \d+ changed/)).toBeGreaterThan(-1)
    expect(ownedHalt).toBeGreaterThan(line(/^info: job_runs: \d+ changed/))
    expect(ownedHalt).toBeGreaterThan(line(/^info: pipelines: \d+ changed/))
  })

  it('does not hold compute back until access removal ends', () => {
    const r = requestsOfStop()
    const lastRemoval = Math.max(...r.removals)
    // Every kind of compute was stopped while assignments were still being removed.
    for (const stops of [r.cancels, r.warehouseStops, r.pipelineStops, r.clusterDeletes]) {
      expect(Math.min(...stops)).toBeLessThan(lastRemoval)
    }
    // The snapshot still came first: nothing was written before it was saved.
    const saved = h.logger.lines.findIndex((l) => /^info: Snapshot saved/.test(l))
    expect(saved).toBeGreaterThan(-1)
    expect(h.logger.lines.slice(0, saved).some((l) => /halting/.test(l))).toBe(false)
  })

  it('sweeps compute once access removal ended, and records what it halts in the snapshot', async () => {
    const r = requestsOfStop()
    const lastRemoval = Math.max(...r.removals)
    expect(r.clusterLists.some((i) => i > lastRemoval)).toBe(true)
    expect(r.clusterDeletes.some((i) => i > lastRemoval)).toBe(true)
    // Listed TERMINATED (nothing to do), then halted by the sweep.
    const rows = stopped.items.filter((i) => i.id === startedDuringStop)
    expect(rows.map((i) => i.outcome)).toEqual(['already_halted', 'changed'])
    expect(rows[1].detail).toMatch(/started during stop/)
    expect(stopped.warnings.join('\n')).toMatch(
      /Final sweep: 1 started during the stop \(clusters /,
    )
    expect(['TERMINATING', 'TERMINATED']).toContain(
      h.emu.ws().clusters.get(startedDuringStop)!.state,
    )
    // One snapshot covers the whole stop: the newest, naming the first one it supersedes.
    const [newest, first] = await h.store.list(h.emu.workspace.workspaceId)
    expect(newest.name).toBe(stopped.snapshot!.name)
    const content = JSON.parse(await readFile(newest.ref, 'utf8')) as {
      merged_from: string[]
      items: { kind: string; id: string; before: { state: string } }[]
    }
    expect(content.merged_from).toEqual([first.name])
    const record = content.items.find((i) => i.id === startedDuringStop)
    expect(record?.kind).toBe('clusters')
    expect(['PENDING', 'RUNNING']).toContain(record!.before.state)
    const firstContent = JSON.parse(await readFile(first.ref, 'utf8')) as { items: unknown[] }
    expect(content.items.length).toBe(firstContent.items.length + 1)
  })

  it('prints N/total and an ETA at least every 5 s of the clock in every phase of the stop', () => {
    expectProgress(stopLines, ['List', 'Halt'])
  })

  it('restores everything, marks both snapshots restored, with progress throughout', async () => {
    const from = h.logger.lines.length
    const restored = await h.run('restore')
    expect(restored.exitCode).toBe(0)
    expect(haltableState(h.emu)).toEqual(before)
    const all = await h.store.list(h.emu.workspace.workspaceId)
    expect(all.map((e) => e.restored)).toEqual([true, true])
    const lines = h.logger.lines.map((line, i) => ({ line, at: h.logger.times[i] })).slice(from)
    expectProgress(lines, ['List', 'Restore', 'Verify'])
  }, 60_000)
})

/**
 * In each named group: progress lines "Phase: N/total, ETA …" no more than 5 s apart by the
 * emulator's clock, from the group's start to its end, the last one complete.
 */
function expectProgress(lines: { line: string; at: number }[], phases: string[]): void {
  for (const phase of phases) {
    const start = lines.findIndex((l) => l.line === `group: ${phase}`)
    const end = lines.findIndex((l, i) => i > start && l.line === `endgroup: ${phase}`)
    expect([phase, start]).not.toEqual([phase, -1])
    const inGroup = lines.slice(start, end + 1)
    const progress = inGroup.filter((l) => l.line.startsWith(`info: ${phase}: `))
    expect(progress.length).toBeGreaterThan(0)
    for (const p of progress) expect(p.line).toMatch(/: \d+\/\d+, (ETA [^(]+|done) \(/)
    expect(progress.at(-1)!.line).toMatch(/: (\d+)\/\1, done/)
    const times = [inGroup[0].at, ...progress.map((p) => p.at), inGroup.at(-1)!.at]
    const gaps = times.slice(1).map((t, i) => t - times[i])
    expect(Math.max(...gaps)).toBeLessThanOrEqual(5_000)
  }
}

describe('inDependencyOrder', () => {
  it('starts a task as soon as the kinds it waits for are done, not after a whole wave', async () => {
    const events: string[] = []
    let releaseSlow!: () => void
    const slow = new Promise<void>((resolve) => (releaseSlow = resolve))
    const done = inDependencyOrder([
      { kind: 'permission_assignments', after: [], run: async () => (await slow, 'access') },
      { kind: 'jobs', after: [], run: async () => (events.push('jobs'), 'jobs') },
      {
        kind: 'job_runs',
        after: ['jobs'],
        run: async () => {
          events.push('runs')
          releaseSlow()
          return 'runs'
        },
      },
      // Waits for a kind with no task here: not waited for.
      { kind: 'warehouses', after: ['alerts'], run: async () => 'warehouses' },
    ])
    expect(await done).toEqual(['access', 'jobs', 'runs', 'warehouses'])
    expect(events).toEqual(['jobs', 'runs'])
  })

  it('refuses a cycle before running anything', async () => {
    let ran = false
    const run = async () => void (ran = true)
    await expect(
      inDependencyOrder([
        { kind: 'jobs', after: ['clusters'], run },
        { kind: 'clusters', after: ['job_runs'], run },
        { kind: 'job_runs', after: ['jobs'], run },
      ]),
    ).rejects.toThrow(/cycle: jobs → clusters → job_runs → jobs/)
    expect(ran).toBe(false)
  })

  it('the registry has no cycle and every starter is a kind', async () => {
    const kinds = new Set(RESOURCES.map((r) => r.kind))
    for (const r of RESOURCES) for (const k of r.startedBy) expect(kinds).toContain(k)
    const tasks = RESOURCES.map((r) => ({ kind: r.kind, after: r.startedBy, run: async () => 0 }))
    await expect(inDependencyOrder(tasks)).resolves.toHaveLength(RESOURCES.length)
  })
})

describe('items that appear during the stop', () => {
  it('a run fired after the listing is cancelled and its JOB cluster terminated, unrecorded', async () => {
    const late = await startHarness({ transitionMs: 2_000 })
    try {
      const job = [...late.emu.ws().jobs.values()].find(
        (j) =>
          !j.settings.tags?.['databricks-halt'] &&
          (j.settings.tasks as { job_cluster_key?: string }[] | undefined)?.some(
            (t) => t.job_cluster_key,
          ),
      )!
      // The first pause is throttled for a second: time for a run to fire after the listing.
      late.emu.faults.add({
        method: 'POST',
        path: '/api/2.2/jobs/update',
        status: 429,
        errorCode: 'REQUEST_LIMIT_EXCEEDED',
        retryAfterSeconds: 1,
        times: 1,
      })
      const stopping = late.run('stop')
      while (!late.emu.requests.some((r) => r.status === 429)) {
        await new Promise((r) => setTimeout(r, 10))
      }
      const fired = (await api(late.emu, 'POST', '/api/2.2/jobs/run-now', {
        job_id: job.job_id,
      })) as { run_id: string }
      const report = await stopping
      expect(report.exitCode).toBe(0)
      const run = report.items.find((i) => i.kind === 'job_runs' && i.id === String(fired.run_id))
      expect(run).toMatchObject({ outcome: 'changed' })
      expect(run!.detail).toMatch(/appeared during stop/)
      const clusterId = late.emu.ws().runs.get(String(fired.run_id))?.cluster_instance?.cluster_id
      expect(clusterId).toBeDefined()
      const cluster = report.items.find((i) => i.kind === 'clusters' && i.id === clusterId)
      expect(cluster).toMatchObject({ outcome: 'changed' })
      expect(cluster!.detail).toMatch(/appeared during stop/)
      // Restore would leave both alone: not recorded, so the sweep had nothing to add either.
      const [only, ...others] = await late.store.list(late.emu.workspace.workspaceId)
      expect(others).toEqual([])
      const text = await readFile(only.ref, 'utf8')
      expect(text).not.toContain(String(clusterId))
    } finally {
      await late.close()
    }
  }, 60_000)
})

describe('compute goes quiet before access removal ends', () => {
  it('halts what a run fired before its job was paused started, with assignments still being removed', async () => {
    // Access removal is the long pole (2 a second), as on a large workspace.
    const q = await startHarness({
      transitionMs: 2_000,
      rateLimits: { account_write: { perSecond: 2, burst: 1 } },
    })
    try {
      const ws = q.emu.ws()
      // A scheduled job is given a pipeline task on an idle triggered pipeline: a run of the job
      // starts the pipeline.
      const pipelineId = [...ws.pipelines.values()].find(
        (p) => p.state === 'IDLE' && !p.spec?.continuous,
      )!.pipeline_id as string
      const job = [...ws.jobs.values()].find(
        (j) =>
          j.settings.schedule?.pause_status === 'UNPAUSED' &&
          !j.settings.continuous &&
          !j.settings.tags?.['databricks-halt'] &&
          (ws.activeRuns.get(String(j.job_id))?.size ?? 0) === 0,
      )!
      await api(q.emu, 'POST', '/api/2.2/jobs/update', {
        job_id: job.job_id,
        new_settings: {
          tasks: [{ task_key: 'refresh', pipeline_task: { pipeline_id: pipelineId } }],
        },
      })
      // The first pause is throttled for a second: time for a run to fire after the listing.
      q.emu.faults.add({
        method: 'POST',
        path: '/api/2.2/jobs/update',
        status: 429,
        errorCode: 'REQUEST_LIMIT_EXCEEDED',
        retryAfterSeconds: 1,
        times: 1,
      })
      const first = q.emu.requests.length
      const stopping = q.run('stop')
      while (!q.emu.requests.some((r) => r.status === 429)) {
        await new Promise((r) => setTimeout(r, 10))
      }
      await api(q.emu, 'POST', '/api/2.2/jobs/run-now', { job_id: job.job_id })
      expect(ws.pipelines.get(pipelineId)!.state).not.toBe('IDLE')
      const report = await stopping
      expect(report.exitCode).toBe(0)

      // Found by the compute sweep, recorded, then halted.
      const rows = report.items.filter((i) => i.kind === 'pipelines' && i.id === pipelineId)
      expect(rows.map((i) => i.outcome)).toEqual(['already_halted', 'changed'])
      expect(rows[1].detail).toMatch(/started during stop/)
      expect(report.warnings.join('\n')).toMatch(/Compute sweep: 1 started during the stop/)

      // The request log (in arrival order, the emulator's): every compute stop, cancel and
      // terminate was accepted before the last assignment was removed, the sweep's included.
      const log = q.emu.requests.slice(first).filter((r) => ok(r.status))
      const removals = log.flatMap((r, i) =>
        /permissionassignments\/principals/.test(r.path) ? [i] : [],
      )
      const computeStops = log.flatMap((r, i) =>
        r.method === 'POST' && COMPUTE_STOP.test(r.path) ? [i] : [],
      )
      const pipelineStop = log.findIndex((r) => r.path.endsWith(`/pipelines/${pipelineId}/stop`))
      expect(pipelineStop).toBeGreaterThan(-1)
      expect(computeStops.length).toBeGreaterThan(0)
      expect(Math.max(...computeStops)).toBeLessThan(Math.max(...removals))
      // And by the emulator's clock, compute was quiet well before access removal ended.
      const at = (i: number) => log[i].at
      expect(at(Math.max(...removals)) - at(Math.max(...computeStops))).toBeGreaterThan(1_000)

      // The snapshot covering the stop records it, and names the first one.
      const [newest, older] = await q.store.list(q.emu.workspace.workspaceId)
      expect(newest.name).toBe(report.snapshot!.name)
      const content = JSON.parse(await readFile(newest.ref, 'utf8')) as {
        merged_from: string[]
        items: { kind: string; id: string; before: { state: string } }[]
      }
      expect(content.merged_from).toEqual([older.name])
      const record = content.items.find((i) => i.kind === 'pipelines' && i.id === pipelineId)
      expect(['STARTING', 'RUNNING']).toContain(record?.before.state)
      // A restore marks both restored and leaves the triggered pipeline to its (restored) job.
      const restored = await q.run('restore')
      expect(restored.exitCode).toBe(0)
      const all = await q.store.list(q.emu.workspace.workspaceId)
      expect(all.map((e) => e.restored)).toEqual([true, true])
    } finally {
      await q.close()
    }
  }, 60_000)
})

/** The calls that stop compute (as the bench's quiet line counts them). */
const COMPUTE_STOP =
  /\/runs\/cancel$|\/clusters\/delete$|\/warehouses\/[^/]+\/stop$|\/pipelines\/[^/]+\/stop$|\/apps\/[^/]+\/stop$/
