import { afterEach, describe, expect, it } from '@jest/globals'
import type { ScenarioJson } from '../../emulator/index.js'
import { api, startHarness, type Harness } from '../engine/harness.js'

let h: Harness | undefined
afterEach(async () => {
  await h?.close()
  h = undefined
})

const pool = {
  instance_pool_id: '0101-120000-pool1',
  instance_pool_name: 'etl-pool',
  node_type_id: 'Standard_DS3_v2',
  min_idle_instances: 2,
  max_capacity: 50,
  idle_instance_autotermination_minutes: 30,
  custom_tags: { team: 'etl' },
  state: 'ACTIVE',
  stats: { used_count: 0, idle_count: 2, pending_used_count: 0, pending_idle_count: 0 },
}
const alert = {
  id: 'a-1',
  display_name: 'late loads',
  warehouse_id: 'wh1',
  lifecycle_state: 'ACTIVE',
  schedule: { quartz_cron_schedule: '0 0 * * * ?', timezone_id: 'UTC', pause_status: 'UNPAUSED' },
}
const dashboard = {
  dashboard_id: 'd-1',
  display_name: 'sales',
  warehouse_id: 'wh1',
  lifecycle_state: 'ACTIVE',
  schedules: [
    {
      schedule_id: 's-1',
      display_name: 'morning',
      cron_schedule: { quartz_cron_expression: '0 0 8 * * ?', timezone_id: 'Europe/Paris' },
      pause_status: 'UNPAUSED',
      warehouse_id: 'wh1',
      etag: '1',
    },
  ],
}
const warehouse = {
  id: 'wh1',
  name: 'bi',
  state: 'STOPPED',
  cluster_size: 'Small',
  auto_stop_mins: 10,
}

const scenario = (): ScenarioJson => ({
  workspaces: [
    { instancePools: [pool], alerts: [alert], dashboards: [dashboard], warehouses: [warehouse] },
  ],
})
const ONLY = { only: ['instance_pools', 'alerts', 'dashboard_schedules', 'warehouses'] as never }

describe('instance pools, alerts and dashboard schedules', () => {
  it('drain pools resending every editable field, pause schedules, and restore all exactly', async () => {
    h = await startHarness({ scenario: scenario() })
    const stopped = await h.run('stop', ONLY)
    expect(stopped.counts.failed).toBe(0)
    const ws = h.emu.ws()
    const p = ws.instancePools.get(pool.instance_pool_id)!
    expect([p.min_idle_instances, p.idle_instance_autotermination_minutes]).toEqual([0, 0])
    expect([p.instance_pool_name, p.node_type_id, p.max_capacity, p.custom_tags]).toEqual([
      'etl-pool',
      'Standard_DS3_v2',
      50,
      { team: 'etl' },
    ])
    expect(ws.alerts.get('a-1')!.schedule).toEqual({ ...alert.schedule, pause_status: 'PAUSED' })
    const s = ws.dashboardSchedules.get('d-1')!.get('s-1')!
    expect([s.pause_status, s.cron_schedule]).toEqual([
      'PAUSED',
      dashboard.schedules[0].cron_schedule,
    ])

    // Paused schedules do not wake the stopped warehouse.
    h.emu.clock.advance(48 * 3600_000)
    expect(h.emu.ws().warehouses.get('wh1')!.state).toBe('STOPPED')

    const restored = await h.run('restore', ONLY)
    expect(restored.exitCode).toBe(0)
    const after = h.emu.ws()
    const q = after.instancePools.get(pool.instance_pool_id)!
    expect([
      q.min_idle_instances,
      q.idle_instance_autotermination_minutes,
      q.max_capacity,
      q.custom_tags,
    ]).toEqual([2, 30, 50, { team: 'etl' }])
    expect(after.alerts.get('a-1')!.schedule).toEqual(alert.schedule)
    const t = after.dashboardSchedules.get('d-1')!.get('s-1')!
    expect([t.pause_status, t.cron_schedule]).toEqual([
      'UNPAUSED',
      dashboard.schedules[0].cron_schedule,
    ])
  })

  it('leaves a pool edited during the halt as edited, and reports it', async () => {
    h = await startHarness({ scenario: scenario() })
    await h.run('stop', ONLY)
    await api(h.emu, 'POST', '/api/2.0/instance-pools/edit', {
      instance_pool_id: pool.instance_pool_id,
      instance_pool_name: pool.instance_pool_name,
      node_type_id: pool.node_type_id,
      min_idle_instances: 0,
      max_capacity: 80,
      idle_instance_autotermination_minutes: 0,
      custom_tags: pool.custom_tags,
    })
    const restored = await h.run('restore', ONLY)
    expect(restored.exitCode).toBe(1)
    expect(restored.items.find((i) => i.kind === 'instance_pools')?.outcome).toBe('conflict')
    const q = h.emu.ws().instancePools.get(pool.instance_pool_id)!
    expect([q.min_idle_instances, q.max_capacity]).toEqual([0, 80])
    expect(restored.items.find((i) => i.kind === 'alerts')?.outcome).toBe('changed')
  })
})
