/** Jobs 2.1 / 2.2: list, get, create, update, reset, delete, run-now. */
import type { Ctx, Obj, Router } from '../http/router.js'
import { UNIT_MS } from '../engine/schedules.js'
import { invalidParam } from '../http/errors.js'
import { cursorPage, intParam, numKey } from '../http/paging.js'
import { parseQuartz, validTimeZone } from '../engine/cron.js'
import { planJob, unplanJob } from '../engine/schedules.js'
import { startRun } from '../engine/runs.js'
import type { WorkspaceState } from '../state/workspace.js'

const PAUSE = new Set(['PAUSED', 'UNPAUSED'])
const TRIGGER_KINDS = ['file_arrival', 'table_update', 'periodic', 'model']
const clone = <T>(v: T): T => structuredClone(v)

export function jobOrFail(ws: WorkspaceState, raw: unknown): Obj {
  const id = raw === undefined || raw === null ? '' : String(raw)
  if (!/^\d+$/.test(id)) throw invalidParam(`Job ${id || '<missing>'} does not exist.`)
  const job = ws.jobs.get(id)
  if (!job) throw invalidParam(`Job ${id} does not exist.`)
  return job
}

/** List items carry no tasks/job_clusters unless expand_tasks=true. */
function listItem(job: Obj, expand: boolean): Obj {
  // Shallow copies: the answer is serialised before any other request can change the job.
  const { run_as_user_name: _runAs, ...out } = job
  if (!expand) {
    const { tasks: _tasks, job_clusters: _clusters, ...settings } = job.settings ?? {}
    out.settings = settings
  }
  return out
}

function list(ctx: Ctx): Obj {
  const ws = ctx.ws!
  const limit = intParam(ctx.query, 'limit') || 20
  if (limit > 100) throw invalidParam(`The limit must be between 1 and 100; got ${limit}.`)
  const name = ctx.query.get('name')?.toLowerCase()
  const all = name
    ? [...ws.jobs.values()].filter((j) => String(j.settings?.name).toLowerCase() === name)
    : ws.jobs.values()
  const page = cursorPage(all, (j) => numKey(j.job_id), limit, ctx.query.get('page_token'))
  const expand = ctx.query.get('expand_tasks') === 'true'
  const out: Obj = { has_more: page.next !== undefined }
  if (page.items.length) out.jobs = page.items.map((j) => listItem(j, expand))
  if (page.next) out.next_page_token = page.next
  return out
}

const PAGED_ARRAYS = ['tasks', 'job_clusters', 'parameters', 'environments']
const ARRAY_PAGE = 100

/** 2.1 returns every array whole; 2.2 caps each at 100 and pages them with page_token. */
function get(ctx: Ctx, version: string): Obj {
  const job = clone(jobOrFail(ctx.ws!, ctx.query.get('job_id')))
  if (version !== '2.2') return job
  const token = ctx.query.get('page_token')
  const offset = token
    ? Number(Buffer.from(token, 'base64url').toString('utf8').replace(/^o:/, ''))
    : 0
  if (!Number.isInteger(offset) || offset < 0) throw invalidParam(`Invalid page_token: ${token}`)
  let more = false
  for (const key of PAGED_ARRAYS) {
    const all = job.settings?.[key]
    if (!Array.isArray(all)) continue
    job.settings[key] = all.slice(offset, offset + ARRAY_PAGE)
    more ||= all.length > offset + ARRAY_PAGE
  }
  if (more) job.next_page_token = Buffer.from(`o:${offset + ARRAY_PAGE}`).toString('base64url')
  return job
}

function checkPause(block: Obj, field: string): void {
  if (block.pause_status !== undefined && !PAUSE.has(block.pause_status)) {
    throw invalidParam(`Invalid ${field}.pause_status: ${block.pause_status}`)
  }
}

function checkSchedule(s: Obj, field = 'schedule'): void {
  if (!s.quartz_cron_expression) throw invalidParam(`${field}.quartz_cron_expression is required`)
  if (!s.timezone_id) throw invalidParam(`${field}.timezone_id is required`)
  try {
    parseQuartz(s.quartz_cron_expression)
  } catch {
    throw invalidParam(`Invalid quartz_cron_expression: ${s.quartz_cron_expression}`)
  }
  if (!validTimeZone(s.timezone_id)) throw invalidParam(`Invalid timezone_id: ${s.timezone_id}`)
  checkPause(s, field)
}

/**
 * A trigger without its kind block: rejected by default, as the real API does ("Missing trigger
 * configuration", terraform-provider-databricks#3600); kept bare with the 'drop' switch.
 */
function checkTrigger(ctx: Ctx, t: Obj): void {
  checkPause(t, 'trigger')
  const kinds = TRIGGER_KINDS.filter((k) => t[k] !== undefined)
  if (kinds.length > 1)
    throw invalidParam('A trigger can have only one of file_arrival, table_update, periodic, model')
  if (!kinds.length && ctx.core.jobsUpdatePartialTrigger === 'reject') {
    throw invalidParam(
      'Missing trigger configuration: trigger must set one of file_arrival, table_update, periodic, model',
    )
  }
  const p = t.periodic
  if (p && (!(Number(p.interval) > 0) || !Object.hasOwn(UNIT_MS, p.unit))) {
    throw invalidParam('trigger.periodic needs a positive interval and a unit')
  }
}

function validateSettings(ctx: Ctx, s: Obj): void {
  if (s.schedule) checkSchedule(s.schedule)
  if (s.trigger) checkTrigger(ctx, s.trigger)
  if (s.continuous) checkPause(s.continuous, 'continuous')
  if (s.continuous && s.schedule)
    throw invalidParam('A job cannot have both a schedule and continuous')
  if (s.triggers && (s.schedule || s.trigger || s.continuous)) {
    throw invalidParam('triggers cannot be combined with schedule, trigger or continuous')
  }
  for (const [i, t] of (s.triggers ?? []).entries()) {
    checkPause(t, `triggers[${i}]`)
    if (t.schedule) checkSchedule(t.schedule, `triggers[${i}].schedule`)
  }
}

/** The arrays jobs/update merges by key (and `fields_to_remove` can trim), with their key. */
const MERGE_KEYS = new Map([
  ['tasks', 'task_key'],
  ['job_clusters', 'job_cluster_key'],
])

function mergeByKey(current: Obj[] = [], updates: Obj[], key: string): Obj[] {
  const out = current.map((c) => updates.find((u) => u[key] === c[key]) ?? c)
  for (const u of updates) if (!current.some((c) => c[key] === u[key])) out.push(u)
  return out
}

function replaceSettings(ctx: Ctx, job: Obj, next: Obj): Obj {
  validateSettings(ctx, next)
  job.settings = next
  planJob(ctx.core, ctx.ws!, job)
  return {}
}

/**
 * Top-level fields replaced whole, "except for arrays which are merged … based on the respective
 * key fields, i.e. task_key or job_cluster_key, while previous entries are kept" (jobs/update
 * reference, `UpdateJobRequest.new_settings`). An array with no documented key (`triggers`,
 * `parameters`, `environments`) is, by the strict reading, merged with every previous entry kept:
 * appended (`jobsUpdateKeylessArrays: 'append'`, the default); `'replace'` replaces it whole.
 */
function update(ctx: Ctx): Obj {
  const job = jobOrFail(ctx.ws!, ctx.body.job_id)
  const next = clone(job.settings ?? {})
  const append = ctx.core.jobsUpdateKeylessArrays === 'append'
  for (const [key, value] of Object.entries((ctx.body.new_settings ?? {}) as Obj)) {
    const by = MERGE_KEYS.get(key)
    if (by) next[key] = mergeByKey(next[key], value, by)
    else if (append && Array.isArray(value) && Array.isArray(next[key]))
      next[key] = [...next[key], ...clone(value)]
    else next[key] = clone(value)
  }
  for (const field of (ctx.body.fields_to_remove ?? []) as string[]) {
    const [top, sub] = field.split('/')
    const by = MERGE_KEYS.get(top)
    if (!sub) delete next[top]
    else if (by) next[top] = (next[top] ?? []).filter((x: Obj) => x[by] !== sub)
  }
  return replaceSettings(ctx, job, next)
}

function reset(ctx: Ctx): Obj {
  const job = jobOrFail(ctx.ws!, ctx.body.job_id)
  if (!ctx.body.new_settings) throw invalidParam('new_settings is required')
  return replaceSettings(ctx, job, clone(ctx.body.new_settings))
}

function create(ctx: Ctx): Obj {
  const ws = ctx.ws!
  const settings = clone(ctx.body) as Obj
  delete settings.access_control_list
  validateSettings(ctx, settings)
  let id = BigInt(Date.now()) * 1000n
  for (const k of ws.jobs.keys()) if (BigInt(k) >= id) id = BigInt(k) + 1n
  const creator = ctx.core.account.principal(ctx.principalId!)
  const job: Obj = {
    job_id: String(id),
    creator_user_name: creator?.userName ?? creator?.applicationId,
    run_as_user_name: creator?.userName ?? creator?.applicationId,
    created_time: ctx.core.now(),
    settings: { format: 'MULTI_TASK', max_concurrent_runs: 1, ...settings },
  }
  ws.jobs.set(job.job_id, job)
  planJob(ctx.core, ws, job)
  return { job_id: job.job_id }
}

function remove(ctx: Ctx): Obj {
  const ws = ctx.ws!
  const job = jobOrFail(ws, ctx.body.job_id)
  ws.jobs.delete(job.job_id)
  unplanJob(ws, job.job_id)
  return {}
}

/** run-now works on a paused job too (the real service allows a manual run). */
function runNow(ctx: Ctx): Obj {
  const ws = ctx.ws!
  const job = jobOrFail(ws, ctx.body.job_id)
  const run = startRun(ctx.core, ws, job, 'ONE_TIME')
  return { run_id: run.run_id, number_in_job: run.number_in_job }
}

export function jobRoutes(r: Router): void {
  for (const v of ['2.1', '2.2']) {
    const p = `/api/${v}/jobs`
    r.add('GET', `${p}/list`, 'jobs_read', 'workspace-member', list)
    r.add('GET', `${p}/get`, 'jobs_read', 'workspace-member', (ctx) => get(ctx, v))
    r.add('POST', `${p}/create`, 'jobs_write', 'workspace-member', create)
    r.add('POST', `${p}/update`, 'jobs_write', 'workspace-member', update)
    r.add('POST', `${p}/reset`, 'jobs_write', 'workspace-member', reset)
    r.add('POST', `${p}/delete`, 'jobs_write', 'workspace-member', remove)
    r.add('POST', `${p}/run-now`, 'jobs_write', 'workspace-member', runNow)
  }
}
