/** Pipeline updates: start (by a caller or a job task) and stop, asynchronous. */
import type { EmulatorCore } from '../core.js'
import type { Obj } from '../http/router.js'
import type { WorkspaceState } from '../state/workspace.js'
import { createOwnedCluster, terminateCluster } from './clusters.js'
import { transition } from './timers.js'

const ACTIVE_UPDATE = new Set([
  'QUEUED',
  'CREATED',
  'WAITING_FOR_RESOURCES',
  'INITIALIZING',
  'RESETTING',
  'SETTING_UP_TABLES',
  'RUNNING',
  'STOPPING',
])

function activeUpdate(p: Obj): Obj | undefined {
  const u = p.latest_updates?.[0]
  return u && ACTIVE_UPDATE.has(u.state) ? u : undefined
}

let updateSeq = 0

export function startPipelineUpdate(
  core: EmulatorCore,
  ws: WorkspaceState,
  p: Obj,
  cause = 'API_CALL',
): Obj | undefined {
  if (activeUpdate(p)) return undefined
  const at = core.now()
  const update = {
    update_id: `${p.pipeline_id.slice(0, 8)}-u${(++updateSeq).toString(16).padStart(8, '0')}`,
    state: 'CREATED',
    creation_time: new Date(at).toISOString(),
  }
  p.latest_updates = [update, ...(p.latest_updates ?? [])].slice(0, 5)
  p.state = 'STARTING'
  p.cause = cause
  if (!p.spec?.serverless) {
    const c = createOwnedCluster(
      core,
      ws,
      'PIPELINE',
      `dlt-execution-${p.pipeline_id}`,
      p.creator_user_name ?? 'unknown',
      {
        PipelineId: p.pipeline_id,
      },
    )
    p.cluster_id = c.cluster_id
  }
  transition(core, ws, `pipeline:${p.pipeline_id}`, () => {
    update.state = 'RUNNING'
    p.state = 'RUNNING'
    if (!p.spec?.continuous) {
      transition(
        core,
        ws,
        `pipeline:${p.pipeline_id}`,
        () => endUpdate(core, ws, p, 'COMPLETED'),
        core.runDurationMs,
      )
    }
  })
  return update
}

function endUpdate(core: EmulatorCore, ws: WorkspaceState, p: Obj, final: string): void {
  const u = p.latest_updates?.[0]
  if (u) u.state = final
  p.state = 'IDLE'
  const cluster = p.cluster_id ? ws.clusters.get(p.cluster_id) : undefined
  if (cluster) terminateCluster(core, ws, cluster, { code: 'USER_REQUEST', type: 'SUCCESS' })
}

/** Stop: cancels the active update (→ STOPPING → IDLE); no-op when none is active. */
export function stopPipeline(core: EmulatorCore, ws: WorkspaceState, p: Obj): void {
  const u = activeUpdate(p)
  if (!u || u.state === 'STOPPING') return
  u.state = 'STOPPING'
  p.state = 'STOPPING'
  transition(core, ws, `pipeline:${p.pipeline_id}`, () => endUpdate(core, ws, p, 'CANCELED'))
}
