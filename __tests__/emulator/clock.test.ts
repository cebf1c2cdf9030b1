import { afterEach, describe, expect, it } from '@jest/globals'
import {
  quietStartTime,
  startEmulator,
  type Emulator,
  type ScenarioJson,
} from '../../emulator/index.js'
import { EmulatorClock } from '../../emulator/engine/clock.js'
import { call } from './helpers.js'

const START = Date.UTC(2026, 0, 5, 9, 0, 30) // a Monday, 30 s past the hour
const MIN = 60_000
const jobCluster = {
  job_clusters: [{ job_cluster_key: 'jc', new_cluster: { num_workers: 1 } }],
  tasks: [{ task_key: 't', job_cluster_key: 'jc' }],
}

function scenario(): ScenarioJson {
  return {
    workspaces: [
      {
        jobs: [
          {
            job_id: '1',
            settings: {
              name: 'every-15',
              schedule: {
                quartz_cron_expression: '0 */15 * * * ?',
                timezone_id: 'UTC',
                pause_status: 'UNPAUSED',
              },
              ...jobCluster,
            },
          },
          {
            job_id: '2',
            settings: {
              name: 'paused',
              schedule: {
                quartz_cron_expression: '0 * * * * ?',
                timezone_id: 'UTC',
                pause_status: 'PAUSED',
              },
            },
          },
          {
            job_id: '3',
            settings: {
              name: 'periodic',
              trigger: { pause_status: 'UNPAUSED', periodic: { interval: 30, unit: 'MINUTES' } },
            },
          },
          {
            job_id: '4',
            settings: {
              name: 'continuous',
              continuous: { pause_status: 'UNPAUSED' },
              ...jobCluster,
            },
          },
          {
            job_id: '5',
            settings: {
              name: 'file',
              trigger: { pause_status: 'UNPAUSED', file_arrival: { url: 's3://x/' } },
            },
          },
        ],
        clusters: [
          { cluster_id: 'c-ui', cluster_name: 'ui', state: 'RUNNING', cluster_source: 'UI' },
        ],
        warehouses: [
          { id: 'wh1', name: 'wh', state: 'STOPPED' },
          { id: 'wh2', name: 'wh2', state: 'RUNNING' },
        ],
        apps: [{ name: 'app', compute_status: { state: 'ACTIVE' } }],
        pipelines: [
          {
            pipeline_id: 'p1',
            name: 'p',
            state: 'IDLE',
            spec: { continuous: true },
            latest_updates: [],
          },
        ],
        instancePools: [
          {
            instance_pool_id: 'pool1',
            instance_pool_name: 'pool',
            node_type_id: 'n1',
            min_idle_instances: 2,
            idle_instance_autotermination_minutes: 30,
            max_capacity: 10,
            stats: { used_count: 1, idle_count: 3, pending_used_count: 0, pending_idle_count: 0 },
          },
        ],
        alerts: [
          {
            id: 'a1',
            display_name: 'alert',
            warehouse_id: 'wh1',
            lifecycle_state: 'ACTIVE',
            schedule: {
              quartz_cron_schedule: '0 0 10 * * ?',
              timezone_id: 'UTC',
              pause_status: 'PAUSED',
            },
          },
        ],
        dashboards: [
          {
            dashboard_id: 'd1',
            display_name: 'dash',
            warehouse_id: 'wh1',
            schedules: [
              {
                schedule_id: 's1',
                etag: '1',
                pause_status: 'PAUSED',
                cron_schedule: { quartz_cron_expression: '0 30 9 * * ?', timezone_id: 'UTC' },
              },
            ],
          },
        ],
      },
    ],
  }
}

let emu: Emulator
const start = async () => {
  emu = await startEmulator({
    scenario: scenario(),
    clockSpeed: 0,
    startTime: START,
    rateLimits: 'off',
    transitionMs: 3000,
    runDurationMs: 10 * MIN,
  })
  return emu
}
afterEach(() => emu.close())

const post = (path: string, body: object = {}) =>
  call(emu.workspace.url, path, { token: emu.adminToken, body })
const runsOf = (jobId: string) => [...emu.ws().runs.values()].filter((r) => r.job_id === jobId)

describe('emulator clock', () => {
  it('fires UNPAUSED schedules and periodic triggers, never PAUSED ones or file triggers', async () => {
    await start()
    expect(runsOf('1')).toHaveLength(0)
    emu.clock.advance(14 * MIN + 29_000) // 09:14:59
    expect(runsOf('1')).toHaveLength(0)
    emu.clock.advance(1000) // 09:15:00
    const [run] = runsOf('1')
    expect(run.trigger).toBe('PERIODIC')
    expect(run.start_time).toBe(Date.UTC(2026, 0, 5, 9, 15))
    const cluster = emu.ws().clusters.get(run.cluster_instance.cluster_id)!
    expect(cluster.cluster_source).toBe('JOB')
    emu.clock.advance(3000)
    expect(run.state.life_cycle_state).toBe('RUNNING')
    expect(cluster.state).toBe('RUNNING')
    emu.clock.advance(10 * MIN)
    expect(run.state.result_state).toBe('SUCCESS')
    emu.clock.advance(3000)
    expect(cluster.state).toBe('TERMINATED')
    emu.clock.advance(2 * 60 * MIN)
    expect(runsOf('1').length).toBeGreaterThanOrEqual(2)
    expect(runsOf('2')).toHaveLength(0)
    expect(runsOf('3').length).toBeGreaterThanOrEqual(1)
    expect(runsOf('5')).toHaveLength(0)
  })

  it('pausing a schedule over the API stops further runs', async () => {
    await start()
    await post('/api/2.2/jobs/update', {
      job_id: 1,
      new_settings: {
        schedule: {
          quartz_cron_expression: '0 */15 * * * ?',
          timezone_id: 'UTC',
          pause_status: 'PAUSED',
        },
      },
    })
    await post('/api/2.2/jobs/update', {
      job_id: 3,
      new_settings: {
        trigger: { pause_status: 'PAUSED', periodic: { interval: 30, unit: 'MINUTES' } },
      },
    })
    emu.clock.advance(24 * 60 * MIN)
    expect(runsOf('1')).toHaveLength(0)
    expect(runsOf('3')).toHaveLength(0)
  })

  it('keeps a live run for an UNPAUSED continuous job and replaces a cancelled one', async () => {
    await start()
    const [first] = runsOf('4')
    expect(first.trigger).toBe('CONTINUOUS')
    expect((await post('/api/2.2/jobs/runs/cancel', { run_id: first.run_id })).status).toBe(200)
    expect(first.state.life_cycle_state).toBe('TERMINATING')
    emu.clock.advance(3000)
    expect(first.state).toMatchObject({ life_cycle_state: 'TERMINATED', result_state: 'CANCELED' })
    const replacement = runsOf('4').find((r) => r.run_id !== first.run_id)!
    expect(replacement.trigger).toBe('CONTINUOUS_RESTART')
    // Pausing keeps the live run (the hazard the halt tool must handle); cancel-all then ends it.
    await post('/api/2.2/jobs/update', {
      job_id: 4,
      new_settings: { continuous: { pause_status: 'PAUSED' } },
    })
    emu.clock.advance(60 * MIN)
    expect(replacement.state.life_cycle_state).toBe('RUNNING')
    await post('/api/2.1/jobs/runs/cancel-all', { job_id: 4 })
    emu.clock.advance(3000)
    expect(replacement.state.result_state).toBe('CANCELED')
    emu.clock.advance(60 * MIN)
    expect(runsOf('4')).toHaveLength(2)
  })

  it('asynchronous cluster, warehouse, app, pipeline and pool transitions', async () => {
    await start()
    await post('/api/2.1/clusters/delete', { cluster_id: 'c-ui' })
    await post('/api/2.0/sql/warehouses/wh2/stop')
    const app = await post('/api/2.0/apps/app/stop')
    expect(app.json.compute_status.state).toBe('STOPPING')
    await post('/api/2.0/pipelines/p1/updates', { full_refresh: false })
    const ws = emu.ws()
    expect(ws.clusters.get('c-ui')!.state).toBe('TERMINATING')
    expect(ws.warehouses.get('wh2')!.state).toBe('STOPPING')
    emu.clock.advance(2999)
    expect(ws.clusters.get('c-ui')!.state).toBe('TERMINATING')
    emu.clock.advance(1)
    expect(ws.clusters.get('c-ui')).toMatchObject({
      state: 'TERMINATED',
      termination_reason: { code: 'USER_REQUEST' },
    })
    expect(ws.warehouses.get('wh2')!.state).toBe('STOPPED')
    expect(ws.apps.get('app')!.compute_status.state).toBe('STOPPED')
    expect(ws.pipelines.get('p1')!.state).toBe('RUNNING')
    expect((await post('/api/2.0/pipelines/p1/updates')).status).toBe(409)
    await post('/api/2.0/pipelines/p1/stop')
    expect(ws.pipelines.get('p1')!.state).toBe('STOPPING')
    emu.clock.advance(3000)
    expect(ws.pipelines.get('p1')!.state).toBe('IDLE')
    expect(ws.pipelines.get('p1')!.latest_updates[0].state).toBe('CANCELED')
    expect((await post('/api/2.0/pipelines/p1/stop')).status).toBe(200)
    // start again: TERMINATED → PENDING → RUNNING; start on a non-terminated cluster is INVALID_STATE
    expect((await post('/api/2.1/clusters/start', { cluster_id: 'c-ui' })).status).toBe(200)
    expect(ws.clusters.get('c-ui')!.state).toBe('PENDING')
    expect((await post('/api/2.1/clusters/start', { cluster_id: 'c-ui' })).json.error_code).toBe(
      'INVALID_STATE',
    )
    emu.clock.advance(3000)
    expect(ws.clusters.get('c-ui')!.state).toBe('RUNNING')
  })

  it('pool edit with autotermination 0 drops idle instances above the minimum; required fields', async () => {
    await start()
    const missing = await post('/api/2.0/instance-pools/edit', {
      instance_pool_id: 'pool1',
      min_idle_instances: 0,
    })
    expect(missing.status).toBe(400)
    const res = await post('/api/2.0/instance-pools/edit', {
      instance_pool_id: 'pool1',
      instance_pool_name: 'pool',
      node_type_id: 'n1',
      min_idle_instances: 0,
      max_capacity: 10,
      idle_instance_autotermination_minutes: 0,
    })
    expect(res.status).toBe(200)
    expect(emu.ws().instancePools.get('pool1')!.stats).toMatchObject({
      idle_count: 0,
      pending_idle_count: 0,
      used_count: 1,
    })
    await post('/api/2.0/instance-pools/edit', {
      instance_pool_id: 'pool1',
      instance_pool_name: 'pool',
      node_type_id: 'n1',
      min_idle_instances: 2,
      max_capacity: 10,
      idle_instance_autotermination_minutes: 30,
    })
    expect(emu.ws().instancePools.get('pool1')!.stats.pending_idle_count).toBe(2)
    emu.clock.advance(3000)
    expect(emu.ws().instancePools.get('pool1')!.stats.idle_count).toBe(2)
  })

  it('an unpaused alert or dashboard schedule wakes its stopped warehouse; paused ones do not', async () => {
    await start()
    emu.clock.advance(2 * 60 * MIN)
    expect(emu.ws().warehouses.get('wh1')!.state).toBe('STOPPED')
    const patch = await call(emu.workspace.url, '/api/2.0/alerts/a1?update_mask=schedule', {
      token: emu.adminToken,
      method: 'PATCH',
      body: {
        schedule: {
          quartz_cron_schedule: '0 0 10 * * ?',
          timezone_id: 'UTC',
          pause_status: 'UNPAUSED',
        },
      },
    })
    expect(patch.status).toBe(200)
    expect(patch.json.schedule).toEqual({
      quartz_cron_schedule: '0 0 10 * * ?',
      timezone_id: 'UTC',
      pause_status: 'UNPAUSED',
    })
    emu.clock.advance(24 * 60 * MIN)
    expect(['STARTING', 'RUNNING']).toContain(emu.ws().warehouses.get('wh1')!.state)
  })

  it('dashboard schedule PUT needs the current etag (409 when stale) and its firing wakes the warehouse', async () => {
    await start()
    const path = '/api/2.0/lakeview/dashboards/d1/schedules/s1'
    const current = (await call(emu.workspace.url, path, { token: emu.adminToken })).json
    const body = { cron_schedule: current.cron_schedule, pause_status: 'UNPAUSED', etag: 'stale' }
    const stale = await call(emu.workspace.url, path, {
      token: emu.adminToken,
      method: 'PUT',
      body,
    })
    expect(stale.status).toBe(409)
    const ok = await call(emu.workspace.url, path, {
      token: emu.adminToken,
      method: 'PUT',
      body: { ...body, etag: current.etag },
    })
    expect(ok.status).toBe(200)
    expect(ok.json.etag).not.toBe(current.etag)
    emu.clock.advance(24 * 60 * MIN)
    expect(['STARTING', 'RUNNING']).toContain(emu.ws().warehouses.get('wh1')!.state)
  })

  it('accelerated clock: clockSpeed multiplies real time (an injected real-time source)', () => {
    let real = 500
    const clock = new EmulatorClock(START, 1000, () => real)
    expect(clock.now()).toBe(START)
    // 20 real ms at speed 1000 are 20 emulator seconds; manual advances add on top.
    real += 20
    expect(clock.now()).toBe(START + 20_000)
    clock.advance(5)
    expect(clock.now()).toBe(START + 20_005)
    // Speed 0 stops it: real time no longer moves it, advances still do.
    clock.setSpeed(0)
    real += 60_000
    expect(clock.now()).toBe(START + 20_005)
    clock.advance(MIN)
    expect(clock.now()).toBe(START + 20_005 + MIN)
  })

  it('clockSpeed 0 holds the emulator still until it is advanced', async () => {
    emu = await startEmulator({ scenario: 'empty', clockSpeed: 0, startTime: START })
    await call(emu.workspace.url, '/api/2.1/clusters/list', { token: emu.adminToken })
    expect(emu.clock.now()).toBe(START)
    emu.clock.advance(5)
    expect(emu.clock.now()).toBe(START + 5)
  })
})

describe('quietStartTime', () => {
  it('is one minute past the latest whole hour, never after now', () => {
    expect(quietStartTime(Date.UTC(2026, 0, 5, 9, 40))).toBe(Date.UTC(2026, 0, 5, 9, 1))
    expect(quietStartTime(Date.UTC(2026, 0, 5, 9, 0, 30))).toBe(Date.UTC(2026, 0, 5, 8, 1))
    expect(quietStartTime(Date.UTC(2026, 0, 5, 9, 1))).toBe(Date.UTC(2026, 0, 5, 9, 1))
  })

  it('gives the generated scenario 13 quiet minutes before an alert or dashboard schedule wakes a warehouse', async () => {
    emu = await startEmulator({
      scenario: 'small',
      seed: 7,
      clockSpeed: 0,
      startTime: quietStartTime(START),
      transitionMs: 0,
      rateLimits: 'off',
    })
    const warehouses = [...emu.ws().warehouses.values()]
    for (const w of warehouses) {
      w.state = 'STOPPED'
      w.num_clusters = 0
    }
    emu.clock.advance(13 * MIN)
    expect(warehouses.filter((w) => w.state !== 'STOPPED')).toEqual([])
    emu.clock.advance(2 * MIN) // the quarter-hour alerts fire
    expect(warehouses.filter((w) => w.state !== 'STOPPED').length).toBeGreaterThan(0)
  })
})

describe('job clusters', () => {
  it("terminating a continuous job's cluster fails its run, and the job starts a new one", async () => {
    await start()
    const [run] = runsOf('4')
    emu.clock.advance(3000)
    await post('/api/2.1/clusters/delete', { cluster_id: run.cluster_instance.cluster_id })
    emu.clock.advance(3000)
    expect(run.state.result_state).toBe('FAILED')
    const next = runsOf('4').find((r) => r.run_id !== run.run_id)!
    expect(next.trigger).toBe('CONTINUOUS_RESTART')
    expect(next.cluster_instance.cluster_id).not.toBe(run.cluster_instance.cluster_id)
  })
})
