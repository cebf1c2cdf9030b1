/** Jobs in every pause-state combination, their active and finished runs and job clusters. */
import type { Obj } from '../http/router.js'
import type { Rng } from '../engine/random.js'
import type { Sizes } from './generate.js'

const MAX_SAFE = 9007199254740991n
const KEEP_TAG = { 'databricks-halt': 'keep' }
const CRONS = [
  '0 */15 * * * ?',
  '0 0 * * * ?',
  '0 30 2 * * ?',
  '0 0 8 ? * MON-FRI',
  '0 0/5 * * * ?',
]
const ZONES = ['UTC', 'Europe/Amsterdam', 'America/New_York']

type Variant = (rng: Rng) => Obj
const schedule = (rng: Rng, pause?: string): Obj => ({
  quartz_cron_expression: rng.pick(CRONS),
  timezone_id: rng.pick(ZONES),
  ...(pause ? { pause_status: pause } : {}),
})
const fileArrival = (rng: Rng, pause: string): Obj => ({
  pause_status: pause,
  file_arrival: {
    url: `abfss://landing@acct${rng.int(1, 9)}.dfs.core.windows.net/in/`,
    min_time_between_triggers_seconds: 60,
  },
})
const periodic = (rng: Rng, pause: string): Obj => ({
  pause_status: pause,
  periodic: { interval: rng.pick([30, 1, 4]), unit: rng.pick(['MINUTES', 'HOURS']) },
})

/** Each entry is one combination of self-starting settings; jobs cycle through them. */
const VARIANTS: Variant[] = [
  () => ({}),
  (r) => ({ schedule: schedule(r, 'UNPAUSED') }),
  (r) => ({ schedule: schedule(r, 'PAUSED') }),
  (r) => ({ schedule: schedule(r) }),
  (r) => ({ trigger: fileArrival(r, 'UNPAUSED') }),
  (r) => ({ trigger: fileArrival(r, 'PAUSED') }),
  () => ({
    trigger: {
      pause_status: 'UNPAUSED',
      table_update: { table_names: ['main.sales.orders'], condition: 'ANY_UPDATED' },
    },
  }),
  (r) => ({ trigger: periodic(r, 'UNPAUSED') }),
  (r) => ({ trigger: periodic(r, 'PAUSED') }),
  () => ({ continuous: { pause_status: 'UNPAUSED', task_retry_mode: 'ON_FAILURE' } }),
  () => ({ continuous: { pause_status: 'PAUSED' } }),
  (r) => ({ schedule: schedule(r, 'UNPAUSED'), trigger: fileArrival(r, 'PAUSED') }),
  (r) => ({ schedule: schedule(r, 'PAUSED'), trigger: periodic(r, 'UNPAUSED') }),
  (r) => ({
    triggers: [
      { pause_status: 'UNPAUSED', schedule: schedule(r) },
      { pause_status: 'PAUSED', ...periodic(r, 'PAUSED') },
    ],
  }),
]

/** Continuous jobs always hold a live run: keep them to a third of their share. */
function variant(rng: Rng, i: number): Obj {
  const settings = VARIANTS[i % VARIANTS.length](rng)
  return settings.continuous && Math.floor(i / VARIANTS.length) % 3 !== 0 ? {} : settings
}

export function jobId(i: number, w: number): string {
  // Odd above 2^53: a double cannot hold it.
  if (i % 7 === 5) return String(MAX_SAFE + 2n + 2n * (BigInt(w) * 1_000_000n + BigInt(i) * 13n))
  return String(100_000_000_000n + BigInt(w) * 10_000_000n + BigInt(i) * 17n)
}

function tasks(rng: Rng, i: number): Obj {
  if (i % 5 === 4) {
    return {
      tasks: [
        {
          task_key: 'main',
          notebook_task: { notebook_path: `/Repos/etl/job${i}` },
          existing_cluster_id: 'shared',
        },
      ],
    }
  }
  return {
    job_clusters: [
      {
        job_cluster_key: 'jc',
        new_cluster: {
          spark_version: '15.4.x-scala2.12',
          node_type_id: 'Standard_DS3_v2',
          num_workers: rng.int(1, 8),
        },
      },
    ],
    tasks: [
      {
        task_key: 'ingest',
        job_cluster_key: 'jc',
        notebook_task: { notebook_path: `/Repos/etl/ingest${i}` },
      },
      {
        task_key: 'transform',
        depends_on: [{ task_key: 'ingest' }],
        job_cluster_key: 'jc',
        spark_python_task: { python_file: 'dbfs:/jobs/t.py' },
      },
    ],
  }
}

export function generateJobs(rng: Rng, size: Sizes, creators: string[], w: number, now: number) {
  const jobs: Obj[] = []
  for (let i = 0; i < size.jobs; i++) {
    const creator = rng.pick(creators) ?? 'admin@example.com'
    const settings: Obj = {
      name: `job-${w}-${i}`,
      format: 'MULTI_TASK',
      max_concurrent_runs: 1,
      email_notifications: {},
      ...tasks(rng, i),
      ...variant(rng, i),
    }
    if (i % 11 === 2) settings.tags = { ...KEEP_TAG, team: 'platform' }
    else if (rng.chance(0.5)) settings.tags = { team: rng.pick(['etl', 'bi', 'ml']) }
    jobs.push({
      job_id: jobId(i, w),
      creator_user_name: creator,
      run_as_user_name: creator,
      created_time: now - rng.int(1, 400) * 86_400_000,
      settings,
    })
  }
  return { jobs, ...generateRuns(rng, size, jobs, now, w) }
}

/** Run ids: one in six above 2^53. */
function runIds(w: number): () => string {
  let serial = 0
  return () => {
    serial++
    if (serial % 6 === 1) return String(MAX_SAFE + 1000n + 2n * (BigInt(serial) * 7n + BigInt(w)))
    return String(500_000_000_000n + BigInt(serial) * 3n + BigInt(w))
  }
}

function run(
  job: Obj,
  id: string,
  start: number,
  state: string,
  result: string | undefined,
  n: number,
): Obj {
  const terminal = state === 'TERMINATED'
  return {
    job_id: job.job_id,
    run_id: id,
    number_in_job: n,
    run_name: job.settings.name,
    run_type: 'JOB_RUN',
    trigger: job.settings.continuous
      ? 'CONTINUOUS'
      : job.settings.schedule
        ? 'PERIODIC'
        : 'ONE_TIME',
    creator_user_name: job.creator_user_name,
    start_time: start,
    ...(terminal ? { end_time: start + 600_000 } : {}),
    state: {
      life_cycle_state: state,
      state_message: '',
      ...(result ? { result_state: result } : {}),
    },
    status: {
      state,
      ...(terminal
        ? {
            termination_details: {
              code: result === 'SUCCESS' ? 'SUCCESS' : 'RUN_EXECUTION_ERROR',
              type: result === 'SUCCESS' ? 'SUCCESS' : 'CLIENT_ERROR',
              message: '',
            },
          }
        : {}),
    },
  }
}

function jobCluster(rng: Rng, job: Obj, r: Obj, now: number): Obj {
  const id = `${String(rng.int(1, 12)).padStart(2, '0')}${String(rng.int(10, 28))}-${rng.int(100000, 235959)}-j${rng.hex(7)}`
  r.cluster_instance = { cluster_id: id }
  return {
    cluster_id: id,
    cluster_name: `job-${job.job_id}-run-${r.run_id}`,
    state: 'RUNNING',
    state_message: '',
    cluster_source: 'JOB',
    creator_user_name: job.creator_user_name,
    spark_version: '15.4.x-scala2.12',
    node_type_id: 'Standard_DS3_v2',
    num_workers: 2,
    autotermination_minutes: 0,
    start_time: now - 600_000,
    default_tags: { ClusterId: id, JobId: job.job_id, RunName: job.settings.name },
    custom_tags: {},
  }
}

function generateRuns(rng: Rng, size: Sizes, jobs: Obj[], now: number, w: number) {
  const runId = runIds(w)
  const runs: Obj[] = []
  const jobClusters: Obj[] = []
  const busy = new Set<string>()
  const numbers = new Map<string, number>()
  const next = (job: Obj) => {
    const n = (numbers.get(job.job_id) ?? 0) + 1
    numbers.set(job.job_id, n)
    return n
  }
  for (const job of jobs) {
    for (
      let k = 0;
      k < size.finishedRuns / Math.max(1, size.jobs) + (rng.chance(0.3) ? 1 : 0);
      k++
    ) {
      const start = now - rng.int(2, 72) * 3_600_000
      runs.push(
        run(
          job,
          runId(),
          start,
          'TERMINATED',
          rng.pick(['SUCCESS', 'SUCCESS', 'FAILED', 'CANCELED']),
          next(job),
        ),
      )
    }
  }
  // Every continuous job (paused ones too: pausing does not end the live run) has a live run.
  const active = jobs.filter((j) => j.settings.continuous)
  for (const j of jobs)
    if (active.length < size.activeRuns && !j.settings.continuous && rng.chance(0.3)) active.push(j)
  for (const job of active.slice(0, Math.max(size.activeRuns, active.length))) {
    if (busy.has(job.job_id)) continue
    busy.add(job.job_id)
    const state = rng.pick(['RUNNING', 'RUNNING', 'RUNNING', 'PENDING', 'QUEUED'])
    const r = run(job, runId(), now - rng.int(1, 50) * 60_000, state, undefined, next(job))
    if (job.settings.job_clusters && state !== 'QUEUED')
      jobClusters.push(jobCluster(rng, job, r, now))
    runs.push(r)
  }
  return { runs, jobClusters }
}
