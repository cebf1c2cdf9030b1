import { afterEach, describe, expect, it } from '@jest/globals'
import type { ScenarioJson } from '../../emulator/index.js'
import { startHarness, type Harness } from '../engine/harness.js'

let h: Harness | undefined
afterEach(async () => {
  await h?.close()
  h = undefined
})

const POOL = '0101-120000-pool1'
/** A pool with no minimum and no idle instance, used by two running clusters (as in the issue). */
const pool = {
  instance_pool_id: POOL,
  instance_pool_name: 'etl-pool',
  node_type_id: 'Standard_DS3_v2',
  min_idle_instances: 0,
  max_capacity: 50,
  idle_instance_autotermination_minutes: 60,
  custom_tags: { team: 'etl' },
  remote_disk_throughput: 250,
  total_initial_remote_disk_size: 500,
  state: 'ACTIVE',
  stats: { used_count: 0, idle_count: 0, pending_used_count: 0, pending_idle_count: 0 },
}
const cluster = (id: string, workers: number) => ({
  cluster_id: id,
  cluster_name: id,
  state: 'RUNNING',
  cluster_source: 'UI',
  spark_version: '15.4.x-scala2.12',
  node_type_id: 'Standard_DS3_v2',
  instance_pool_id: POOL,
  num_workers: workers,
  autotermination_minutes: 0,
})
const scenario = (): ScenarioJson => ({
  workspaces: [
    { instancePools: [pool], clusters: [cluster('0101-a-c1', 6), cluster('0101-a-c2', 5)] },
  ],
})
const ONLY = { only: ['instance_pools', 'clusters'] as never }
const stats = () => h!.emu.ws().instancePools.get(POOL)!.stats

describe('instance pools are really drained', () => {
  it('emulator: terminated clusters return their instances as idle until autotermination', async () => {
    h = await startHarness({ scenario: scenario() })
    expect([stats().used_count, stats().idle_count]).toEqual([13, 0])
    await h.run('stop', { only: ['clusters'] as never })
    h.emu.clock.advance(60_000)
    expect([stats().used_count, stats().idle_count]).toEqual([0, 13])
    h.emu.clock.advance(58 * 60_000)
    expect(stats().idle_count).toBe(13) // still there just before the 60 minutes
    h.emu.clock.advance(2 * 60_000)
    expect(stats().idle_count).toBe(0)
  })

  it('a pool with used instances is active; stop zeroes minimum and autotermination, --wait ends with 0 idle', async () => {
    h = await startHarness({ scenario: scenario() })
    const shown = await h.run('show', ONLY)
    expect(shown.items.find((i) => i.id === POOL)?.outcome).toBe('active')
    const stopped = await h.run(
      'stop',
      { ...ONLY, waitMinutes: 0.2 },
      {
        timing: { verifyTimeoutMs: 5_000, pollIntervalMs: 20 },
      },
    )
    expect(stopped.items.find((i) => i.id === POOL)?.outcome).toBe('changed')
    expect(stopped.counts.not_converged).toBe(0)
    expect(stopped.exitCode).toBe(0)
    const p = h.emu.ws().instancePools.get(POOL)!
    expect([p.min_idle_instances, p.idle_instance_autotermination_minutes]).toEqual([0, 0])
    // Every other editable field was resent as read (GCP disk fields included).
    expect([
      p.max_capacity,
      p.custom_tags,
      p.remote_disk_throughput,
      p.total_initial_remote_disk_size,
    ]).toEqual([50, { team: 'etl' }, 250, 500])
    expect([stats().used_count, stats().idle_count]).toEqual([0, 0])

    const restored = await h.run('restore', ONLY)
    expect(restored.exitCode).toBe(0)
    const q = h.emu.ws().instancePools.get(POOL)!
    const editable = (o: Record<string, unknown>) =>
      Object.fromEntries(
        Object.keys(pool)
          .filter((k) => !['state', 'stats'].includes(k))
          .map((k) => [k, o[k]]),
      )
    expect(editable(q)).toEqual(editable(pool))
  })
})
