/** Job runs: started by the clock (schedules, periodic triggers, continuous), cancelled by callers. */
import type { EmulatorCore } from '../core.js'
import type { Obj } from '../http/router.js'
import type { WorkspaceState } from '../state/workspace.js'
import { createOwnedCluster, terminateCluster } from './clusters.js'
import { startPipelineUpdate } from './pipelines.js'
import { transition } from './timers.js'

const ACTIVE_LIFE_CYCLE = new Set([
  'QUEUED',
  'PENDING',
  'RUNNING',
  'TERMINATING',
  'BLOCKED',
  'WAITING_FOR_RETRY',
])

export function isActive(run: Obj): boolean {
  return ACTIVE_LIFE_CYCLE.has(run.state?.life_cycle_state)
}

export function isPaused(block: Obj | undefined): boolean {
  return block?.pause_status === 'PAUSED'
}

/** Keep the engine's indexes right for a run added from a scenario or by the clock. */
export function indexRun(ws: WorkspaceState, run: Obj): void {
  const jobId = String(run.job_id)
  if (isActive(run)) {
    const set = ws.activeRuns.get(jobId) ?? new Set<string>()
    set.add(run.run_id)
    ws.activeRuns.set(jobId, set)
  } else ws.activeRuns.get(jobId)?.delete(run.run_id)
  const id = BigInt(run.run_id)
  if (id >= ws.nextRunId) ws.nextRunId = id + 1n
  const n = ws.runNumbers.get(jobId) ?? 0
  if ((run.number_in_job ?? 0) > n) ws.runNumbers.set(jobId, run.number_in_job)
}

export function activeRunCount(ws: WorkspaceState, jobId: string): number {
  return ws.activeRuns.get(jobId)?.size ?? 0
}

function setState(run: Obj, lifeCycle: string, message = ''): void {
  run.state = { life_cycle_state: lifeCycle, state_message: message }
  run.status = { state: lifeCycle === 'TERMINATED' ? 'TERMINATED' : lifeCycle }
}

export function startRun(core: EmulatorCore, ws: WorkspaceState, job: Obj, trigger: string): Obj {
  const at = core.now()
  const jobId = String(job.job_id)
  const runId = String(ws.nextRunId)
  const number = (ws.runNumbers.get(jobId) ?? 0) + 1
  ws.runNumbers.set(jobId, number)
  const creator = job.creator_user_name ?? 'unknown'
  const run: Obj = {
    job_id: jobId,
    run_id: runId,
    number_in_job: number,
    run_name: job.settings?.name ?? `job-${jobId}`,
    run_type: 'JOB_RUN',
    trigger,
    creator_user_name: creator,
    start_time: at,
    setup_duration: 0,
    execution_duration: 0,
    cleanup_duration: 0,
    run_page_url: `${ws.url}/#job/${jobId}/run/${runId}`,
  }
  setState(run, 'PENDING', 'Waiting for cluster')
  const needsCluster = (job.settings?.tasks ?? []).some(
    (t: Obj) => t.new_cluster || t.job_cluster_key,
  )
  if (needsCluster) {
    const c = createOwnedCluster(core, ws, 'JOB', `job-${jobId}-run-${runId}`, creator, {
      JobId: jobId,
      RunName: run.run_name,
    })
    run.cluster_instance = { cluster_id: c.cluster_id }
  }
  ws.runs.set(runId, run)
  indexRun(ws, run)
  for (const task of job.settings?.tasks ?? []) {
    const pid = task.pipeline_task?.pipeline_id
    const pipeline = pid ? ws.pipelines.get(pid) : undefined
    if (pipeline) startPipelineUpdate(core, ws, pipeline, 'JOB_TASK')
  }
  transition(core, ws, `run:${runId}`, () => {
    setState(run, 'RUNNING')
    if (!job.settings?.continuous) scheduleFinish(core, ws, run)
  })
  return run
}

function scheduleFinish(core: EmulatorCore, ws: WorkspaceState, run: Obj): void {
  const elapsed = core.now() - run.start_time
  transition(
    core,
    ws,
    `run:${run.run_id}`,
    () => finishRun(core, ws, run, 'SUCCESS'),
    Math.max(0, core.runDurationMs - elapsed),
  )
}

export function finishRun(core: EmulatorCore, ws: WorkspaceState, run: Obj, result: string): void {
  const at = core.now()
  setState(run, 'TERMINATED', result === 'CANCELED' ? 'Run cancelled.' : '')
  run.state.result_state = result
  run.state.user_cancelled_or_timedout = result === 'CANCELED'
  run.status.termination_details =
    result === 'SUCCESS'
      ? { code: 'SUCCESS', type: 'SUCCESS', message: '' }
      : result === 'CANCELED'
        ? { code: 'USER_CANCELED', type: 'SUCCESS', message: 'Run was cancelled.' }
        : { code: 'RUN_EXECUTION_ERROR', type: 'CLIENT_ERROR', message: 'Task failed.' }
  run.end_time = at
  run.execution_duration = Math.max(0, at - run.start_time)
  indexRun(ws, run)
  const clusterId = run.cluster_instance?.cluster_id
  const cluster = clusterId ? ws.clusters.get(clusterId) : undefined
  if (cluster && cluster.cluster_source === 'JOB') {
    terminateCluster(core, ws, cluster, { code: 'JOB_FINISHED', type: 'SUCCESS' })
  }
  const job = ws.jobs.get(String(run.job_id))
  if (job) keepContinuousAlive(core, ws, job)
}

/** Cancel: asynchronous TERMINATING → TERMINATED/CANCELED; a finished run is left alone. */
export function cancelRun(core: EmulatorCore, ws: WorkspaceState, run: Obj): void {
  if (!isActive(run) || run.state.life_cycle_state === 'TERMINATING') return
  setState(run, 'TERMINATING', 'Cancelling the run')
  transition(core, ws, `run:${run.run_id}`, () => finishRun(core, ws, run, 'CANCELED'))
}

/** An UNPAUSED continuous job always has a live run; a cancelled one is replaced. */
export function keepContinuousAlive(core: EmulatorCore, ws: WorkspaceState, job: Obj): void {
  const continuous = job.settings?.continuous
  if (!continuous || isPaused(continuous)) return
  const jobId = String(job.job_id)
  if (activeRunCount(ws, jobId) > 0) return
  const hadRun = (ws.runNumbers.get(jobId) ?? 0) > 0
  startRun(core, ws, job, hadRun ? 'CONTINUOUS_RESTART' : 'CONTINUOUS')
}
