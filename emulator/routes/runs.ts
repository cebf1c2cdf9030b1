/** Job runs 2.1 / 2.2: list, get, cancel, cancel-all. */
import type { Ctx, Obj, Router } from '../http/router.js'
import { invalidParam } from '../http/errors.js'
import { cursorPage, intParam } from '../http/paging.js'
import { cancelRun, isActive } from '../engine/runs.js'
import { jobOrFail } from './jobs.js'

const MAX_TIME = 10 ** 15

/** Newest first: descending start_time, then descending run_id. */
function runKey(run: Obj): string {
  const time = String(MAX_TIME - Number(run.start_time ?? 0)).padStart(16, '0')
  const id = (10n ** 24n - BigInt(run.run_id)).toString().padStart(25, '0')
  return `${time}:${id}`
}

function runOrFail(ctx: Ctx, raw: unknown): Obj {
  const id = raw === undefined || raw === null ? '' : String(raw)
  const run = /^\d+$/.test(id) ? ctx.ws!.runs.get(id) : undefined
  if (!run) throw invalidParam(`Run ${id || '<missing>'} does not exist.`)
  return run
}

function list(ctx: Ctx): Obj {
  const q = ctx.query
  const active = q.get('active_only') === 'true'
  const completed = q.get('completed_only') === 'true'
  if (active && completed) throw invalidParam('active_only and completed_only cannot both be true')
  const limit = intParam(q, 'limit') || 25
  if (limit > 25) throw invalidParam(`The limit must be between 0 and 25; got ${limit}.`)
  const jobId = q.get('job_id')
  const runType = q.get('run_type')
  const from = intParam(q, 'start_time_from')
  const to = intParam(q, 'start_time_to')
  const all = [...ctx.ws!.runs.values()].filter(
    (r) =>
      (!jobId || String(r.job_id) === jobId) &&
      (!active || isActive(r)) &&
      (!completed || !isActive(r)) &&
      (!runType || r.run_type === runType) &&
      (from === undefined || r.start_time >= from) &&
      (to === undefined || r.start_time <= to),
  )
  const page = cursorPage(all, runKey, limit, q.get('page_token'))
  const out: Obj = { has_more: page.next !== undefined }
  if (page.items.length) out.runs = page.items
  if (page.next) out.next_page_token = page.next
  return out
}

function cancelAll(ctx: Ctx): Obj {
  const ws = ctx.ws!
  const { job_id: jobId, all_queued_runs: allQueued } = ctx.body
  if (jobId === undefined && !allQueued) throw invalidParam('job_id or all_queued_runs is required')
  const runs =
    jobId !== undefined ? [...(ws.activeRuns.get(jobOrFail(ws, jobId).job_id) ?? [])] : []
  if (allQueued) {
    for (const r of ws.runs.values()) {
      if (
        r.state?.life_cycle_state === 'QUEUED' &&
        (jobId === undefined || String(r.job_id) === String(jobId))
      ) {
        runs.push(r.run_id)
      }
    }
  }
  for (const id of runs) {
    const run = ws.runs.get(id)
    if (run) cancelRun(ctx.core, ws, run)
  }
  return {}
}

export function runRoutes(r: Router): void {
  for (const v of ['2.1', '2.2']) {
    const p = `/api/${v}/jobs/runs`
    r.add('GET', `${p}/list`, 'runs', 'workspace-member', list)
    r.add('GET', `${p}/get`, 'runs', 'workspace-member', (ctx) =>
      structuredClone(runOrFail(ctx, ctx.query.get('run_id'))),
    )
    r.add('POST', `${p}/cancel`, 'runs', 'workspace-member', (ctx) => {
      cancelRun(ctx.core, ctx.ws!, runOrFail(ctx, ctx.body.run_id))
      return {}
    })
    r.add('POST', `${p}/cancel-all`, 'runs', 'workspace-member', cancelAll)
  }
}
