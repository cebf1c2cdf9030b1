/** Clusters, warehouses, pools, pipelines, apps, alerts, dashboards and endpoints. */
import type { Obj } from '../http/router.js'
import type { Rng } from '../engine/random.js'
import type { Sizes } from './generate.js'

const KEEP = { 'databricks-halt': 'keep' }
const CLUSTER_STATES = [
  'RUNNING',
  'RUNNING',
  'TERMINATED',
  'TERMINATED',
  'PENDING',
  'RESIZING',
  'RESTARTING',
  'TERMINATING',
  'ERROR',
]
const SOURCES = ['UI', 'UI', 'API', 'API', 'JOB', 'PIPELINE']

function clusters(rng: Rng, n: number, creators: string[], now: number, pools: Obj[]): Obj[] {
  const out: Obj[] = []
  for (let i = 0; i < n; i++) {
    const id = `${String(1 + (i % 12)).padStart(2, '0')}${String(10 + (i % 18))}-${String(100000 + i).slice(-6)}-c${rng.hex(7)}`
    // 5 is coprime with 9 states: every state and every source appears within the first 9 clusters.
    const state = CLUSTER_STATES[(i * 5) % CLUSTER_STATES.length]
    const source = SOURCES[i % SOURCES.length]
    const name = `${source.toLowerCase()}-cluster-${i}`
    const creator = rng.pick(creators) ?? 'admin@example.com'
    const c: Obj = {
      cluster_id: id,
      cluster_name: name,
      state,
      state_message: '',
      cluster_source: source,
      creator_user_name: creator,
      spark_version: '15.4.x-scala2.12',
      node_type_id: 'Standard_DS3_v2',
      autotermination_minutes: rng.pick([0, 30, 120]),
      start_time: now - rng.int(1, 96) * 3_600_000,
      default_tags: { ClusterId: id, ClusterName: name, Creator: creator },
      custom_tags: i % 9 === 1 ? { ...KEEP } : rng.chance(0.4) ? { team: 'bi' } : {},
      spec: {
        cluster_name: name,
        spark_version: '15.4.x-scala2.12',
        node_type_id: 'Standard_DS3_v2',
      },
    }
    if (rng.chance(0.5)) c.num_workers = rng.int(1, 8)
    else c.autoscale = { min_workers: 1, max_workers: rng.int(2, 10) }
    if (pools.length && rng.chance(0.25)) c.instance_pool_id = rng.pick(pools).instance_pool_id
    if (state === 'TERMINATED' || state === 'ERROR') {
      c.terminated_time = now - rng.int(1, 48) * 3_600_000
      c.termination_reason = {
        code: rng.pick(['INACTIVITY', 'USER_REQUEST', 'JOB_FINISHED']),
        type: 'SUCCESS',
        parameters: {},
      }
    }
    out.push(c)
  }
  return out
}

const WH_STATES = ['RUNNING', 'STOPPED', 'RUNNING', 'STOPPED', 'STARTING', 'STOPPING']

function warehouses(rng: Rng, n: number, creators: string[]): Obj[] {
  return Array.from({ length: n }, (_, i) => {
    const state = WH_STATES[i % WH_STATES.length]
    return {
      id: rng.hex(16),
      name: `warehouse-${i}`,
      state,
      cluster_size: rng.pick(['2X-Small', 'Small', 'Medium']),
      min_num_clusters: 1,
      max_num_clusters: rng.int(1, 4),
      num_clusters: state === 'RUNNING' ? 1 : 0,
      num_active_sessions: 0,
      auto_stop_mins: rng.pick([0, 10, 45, 120]),
      enable_serverless_compute: i % 3 === 0,
      warehouse_type: i % 3 === 0 ? 'PRO' : rng.pick(['PRO', 'CLASSIC']),
      creator_name: rng.pick(creators) ?? 'admin@example.com',
      health: { status: 'HEALTHY' },
      tags: {
        custom_tags:
          i === 1 ? [{ key: 'databricks-halt', value: 'keep' }] : [{ key: 'team', value: 'bi' }],
      },
    }
  })
}

function pools(rng: Rng, n: number): Obj[] {
  return Array.from({ length: n }, (_, i) => {
    const minIdle = i % 3 === 2 ? 0 : rng.int(1, 4)
    return {
      instance_pool_id: `0101-1200${String(i).padStart(2, '0')}-pool${rng.hex(6)}`,
      instance_pool_name: `pool-${i}`,
      node_type_id: 'Standard_DS3_v2',
      min_idle_instances: minIdle,
      max_capacity: rng.int(10, 50),
      idle_instance_autotermination_minutes: rng.pick([10, 30, 60]),
      custom_tags: { team: 'etl' },
      default_tags: { DatabricksInstancePoolId: `pool-${i}` },
      preloaded_spark_versions: ['15.4.x-scala2.12'],
      state: 'ACTIVE',
      stats: {
        used_count: rng.int(0, 3),
        idle_count: minIdle + rng.int(0, 2),
        pending_used_count: 0,
        pending_idle_count: 0,
      },
      status: {},
    }
  })
}

function pipelines(rng: Rng, n: number, creators: string[], now: number): Obj[] {
  return Array.from({ length: n }, (_, i) => {
    const id = rng.uuid()
    const continuous = i % 2 === 0
    const running = i % 4 !== 3
    const creator = rng.pick(creators) ?? 'admin@example.com'
    const update = {
      update_id: rng.uuid(),
      state: running ? 'RUNNING' : 'COMPLETED',
      creation_time: new Date(now - 3_600_000).toISOString(),
    }
    return {
      pipeline_id: id,
      name: `pipeline-${i}`,
      state: running ? 'RUNNING' : 'IDLE',
      health: 'HEALTHY',
      creator_user_name: creator,
      run_as_user_name: creator,
      latest_updates: [update],
      last_modified: now - 86_400_000,
      spec: {
        id,
        name: `pipeline-${i}`,
        continuous,
        development: false,
        serverless: i % 3 === 0,
        catalog: 'main',
        schema: `p${i}`,
        channel: 'CURRENT',
        edition: 'ADVANCED',
        photon: true,
        libraries: [{ notebook: { path: `/Repos/dlt/p${i}` } }],
        clusters: [],
      },
    }
  })
}

function apps(rng: Rng, n: number, creators: string[]): Obj[] {
  return Array.from({ length: n }, (_, i) => {
    const active = i % 3 !== 2
    const name = `app-${i}`
    return {
      name,
      id: rng.uuid(),
      url: `https://${name}-123.azure.databricksapps.com`,
      creator: rng.pick(creators) ?? 'admin@example.com',
      compute_size: 'MEDIUM',
      compute_status: active
        ? { state: 'ACTIVE', message: 'App compute is running.', active_instances: 1 }
        : { state: 'STOPPED', message: 'App compute is stopped.' },
      app_status: active
        ? { state: 'RUNNING', message: 'App is running.' }
        : { state: 'UNAVAILABLE', message: 'App is stopped.' },
      active_deployment: {
        deployment_id: rng.hex(32),
        source_code_path: `/Workspace/apps/${name}`,
        status: { state: 'SUCCEEDED' },
      },
    }
  })
}

function alerts(rng: Rng, n: number, whs: Obj[], creators: string[], now: number): Obj[] {
  return Array.from({ length: n }, (_, i) => ({
    id: rng.uuid(),
    display_name: `alert-${i}`,
    query_text: 'SELECT count(*) AS c FROM main.ops.errors',
    warehouse_id: whs.length ? whs[i % whs.length].id : undefined,
    owner_user_name: rng.pick(creators) ?? 'admin@example.com',
    lifecycle_state: 'ACTIVE',
    create_time: new Date(now - 86_400_000).toISOString(),
    update_time: new Date(now - 3_600_000).toISOString(),
    condition: {
      op: 'GREATER_THAN',
      operand: { column: { name: 'c' } },
      threshold: { value: { double_value: 0 } },
    },
    schedule: {
      quartz_cron_schedule: i % 2 ? '0 0 * * * ?' : '0 */15 * * * ?',
      timezone_id: 'UTC',
      pause_status: i % 3 === 2 ? 'PAUSED' : 'UNPAUSED',
    },
  }))
}

function dashboards(rng: Rng, n: number, whs: Obj[], now: number): Obj[] {
  return Array.from({ length: n }, (_, i) => {
    const id = rng.hex(32)
    const wh = whs.length ? whs[(i + 1) % whs.length].id : undefined
    return {
      dashboard_id: id,
      display_name: `dashboard-${i}`,
      path: `/Workspace/dashboards/d${i}.lvdash.json`,
      parent_path: '/Workspace/dashboards',
      warehouse_id: wh,
      lifecycle_state: 'ACTIVE',
      etag: String(rng.int(1, 1e6)),
      create_time: new Date(now - 86_400_000).toISOString(),
      update_time: new Date(now - 3_600_000).toISOString(),
      schedules: [0, 1].slice(0, 1 + (i % 2)).map((k) => ({
        schedule_id: rng.hex(32),
        display_name: `daily-${k}`,
        warehouse_id: wh,
        etag: String(rng.int(1, 1e6)),
        cron_schedule: {
          quartz_cron_expression: k ? '0 0 8 * * ?' : '0 */30 * * * ?',
          timezone_id: 'UTC',
        },
        pause_status: (i + k) % 3 === 2 ? 'PAUSED' : 'UNPAUSED',
        create_time: new Date(now - 86_400_000).toISOString(),
        update_time: new Date(now - 3_600_000).toISOString(),
      })),
    }
  })
}

function serving(rng: Rng, n: number, creators: string[]): Obj[] {
  return Array.from({ length: n }, (_, i) => ({
    name: `endpoint-${i}`,
    id: rng.hex(32),
    creator: rng.pick(creators) ?? 'admin@example.com',
    task: 'llm/v1/chat',
    tags: [],
    state: { ready: 'READY', config_update: 'NOT_UPDATING' },
    config: {
      served_entities: [
        {
          name: `model-${i}`,
          entity_name: `main.ml.model${i}`,
          entity_version: '1',
          workload_size: 'Small',
          workload_type: 'CPU',
          scale_to_zero_enabled: i % 2 === 0,
        },
      ],
      traffic_config: { routes: [{ served_model_name: `model-${i}`, traffic_percentage: 100 }] },
    },
  }))
}

function vectorSearch(rng: Rng, n: number, creators: string[]): Obj[] {
  return Array.from({ length: n }, (_, i) => ({
    name: `vs-endpoint-${i}`,
    id: rng.uuid(),
    endpoint_type: i % 2 ? 'STORAGE_OPTIMIZED' : 'STANDARD',
    endpoint_status: { state: 'ONLINE', message: '' },
    num_indexes: rng.int(0, 5),
    creator: rng.pick(creators) ?? 'admin@example.com',
    scaling_info: { requested_target_qps: 0, state: 'SCALING_CHANGE_APPLIED' },
  }))
}

export function generateCompute(
  rng: Rng,
  size: Sizes,
  creators: string[],
  now: number,
  jobs: Obj[],
  jobClusters: Obj[],
) {
  const poolList = pools(rng, size.pools)
  const whs = warehouses(rng, size.warehouses, creators)
  const pipes = pipelines(rng, size.pipelines, creators, now)
  // Triggered pipelines are started by jobs: give a few scheduled jobs a pipeline task.
  const triggered = pipes.filter((p) => !p.spec.continuous)
  jobs
    .filter((j) => j.settings.schedule && !j.settings.continuous)
    .slice(0, triggered.length)
    .forEach((j, i) => {
      j.settings.tasks = [
        ...(j.settings.tasks ?? []),
        {
          task_key: 'refresh',
          pipeline_task: { pipeline_id: triggered[i].pipeline_id, full_refresh: false },
        },
      ]
    })
  return {
    clusters: [...clusters(rng, size.clusters, creators, now, poolList), ...jobClusters],
    warehouses: whs,
    instancePools: poolList,
    pipelines: pipes,
    apps: apps(rng, size.apps, creators),
    alerts: alerts(rng, size.alerts, whs, creators, now),
    dashboards: dashboards(rng, size.dashboards, whs, now),
    servingEndpoints: serving(rng, size.servingEndpoints, creators),
    vectorSearchEndpoints: vectorSearch(rng, size.vectorSearchEndpoints, creators),
  }
}
