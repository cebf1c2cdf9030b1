import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals'
import { startEmulator } from '../../emulator/index.js'
import { DatabricksError } from '../../src/databricks/errors.js'
import { getJob, listJobs, updateJob, type Job } from '../../src/databricks/jobs.js'
import { collect } from '../../src/databricks/pagination.js'
import {
  deletePermissionAssignment,
  updatePermissionAssignment,
} from '../../src/databricks/permission-assignments.js'
import { startUpdate } from '../../src/databricks/pipelines.js'
import { getMe } from '../../src/databricks/scim.js'
import { ManualClock, waitFor } from '../../__fixtures__/manual-clock.js'
import { clientsFor } from './emulator-clients.js'

type Emulator = Awaited<ReturnType<typeof startEmulator>>
let emu: Emulator
let clients: ReturnType<typeof clientsFor>

beforeAll(async () => {
  emu = await startEmulator({
    scenario: 'small',
    seed: 11,
    rateLimits: 'off',
    propagationDelayMs: 1500,
  })
  clients = clientsFor(emu)
})

afterAll(() => emu.close())

beforeEach(() => emu.faults.clear())

const JOBS_GET = '/api/2.2/jobs/get'

function logged(path: string, since: number) {
  return emu.requests.slice(since).filter((r) => r.path === path)
}

async function anyJobId(): Promise<string> {
  return [...emu.ws().jobs.keys()][0]
}

describe('retries against the emulator', () => {
  it('loses nothing under seeded random 503s and connection resets', async () => {
    emu.faults.random({ rate: 0.25, kinds: ['503', 'reset'], seed: 5 })
    const since = emu.requests.length
    const jobs = await collect(listJobs(clients.workspace, { limit: 5 }))
    expect(jobs.map((j) => j.job_id).sort()).toEqual([...emu.ws().jobs.keys()].sort())
    const scheduled = jobs.filter(
      (j): j is Job & { settings: { schedule: object } } => !!j.settings?.schedule,
    )
    expect(scheduled.length).toBeGreaterThan(0)
    await Promise.all(
      scheduled.map((j) =>
        updateJob(clients.workspace, {
          job_id: j.job_id,
          new_settings: { schedule: { ...j.settings.schedule, pause_status: 'PAUSED' } as never },
        }),
      ),
    )
    for (const j of scheduled) {
      const now = emu.ws().jobs.get(j.job_id)!.settings.schedule
      expect(now).toEqual({ ...j.settings.schedule, pause_status: 'PAUSED' })
    }
    // The faults really happened: failed attempts are in the log next to the successes.
    const statuses = emu.requests.slice(since).map((r) => r.status)
    expect(statuses.filter((s) => s === 503).length).toBeGreaterThan(0)
    expect(statuses.filter((s) => s === -1).length).toBeGreaterThan(0)
    const stats = clients.workspace.stats()
    expect((stats.jobs_write?.retries ?? 0) + (stats.jobs_read?.retries ?? 0)).toBeGreaterThan(0)
  })

  it('honours a Retry-After longer than the default pause: the retry and the queued calls of its class wait it', async () => {
    const id = await anyJobId()
    // One request at a time, so the only thing holding the queued calls back is the class pause.
    // The client runs on a manual clock: the 5 s (longer than the default 1 s pause) pass at once.
    const clock = new ManualClock()
    const serial = clientsFor(emu, { maxConcurrency: 1, clock })
    emu.faults.add({ path: JOBS_GET, status: 429, retryAfterSeconds: 5, times: 1 })
    const since = emu.requests.length
    const calls = Promise.all([1, 2, 3].map(() => getJob(serial.workspace, { job_id: id })))
    // The 429 is in: the class pause and the retry wait both sleep on the clock.
    await waitFor(() => clock.pending === 2)
    expect(logged(JOBS_GET, since).map((e) => e.status)).toEqual([429])
    await clock.advance(4_999)
    expect(serial.workspace.stats().jobs_read).toMatchObject({ requests: 1, inFlight: 0 })
    await clock.advance(1)
    // Due now: the class resumes (whether the answer is already in is up to the loopback).
    expect(serial.workspace.stats().jobs_read!.requests).toBeGreaterThanOrEqual(2)
    await clock.advance(100) // the retry's jitter (≤ 50 ms) has passed too
    await calls
    expect(logged(JOBS_GET, since).map((e) => e.status)).toEqual([429, 200, 200, 200])
    expect(serial.workspace.stats().jobs_read).toMatchObject({
      throttled: 1,
      retries: 1,
      requests: 4,
    })
  })

  it.each([400, 401, 403, 404, 409])('does not retry %i (exactly one request)', async (status) => {
    const id = await anyJobId()
    emu.faults.add({ path: JOBS_GET, status, times: 1 })
    const since = emu.requests.length
    const error = await getJob(clients.workspace, { job_id: id }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(DatabricksError)
    expect((error as DatabricksError).status).toBe(status)
    expect(logged(JOBS_GET, since)).toHaveLength(1)
  })

  it('retries a transient message at a 4xx status until it clears (continuous-job race)', async () => {
    const id = await anyJobId()
    const since = emu.requests.length
    emu.faults.add({
      method: 'POST',
      path: '/api/2.2/jobs/update',
      status: 400,
      errorCode: 'INVALID_STATE',
      message: 'A concurrent request to run the continuous job is already in progress.',
      times: 2,
    })
    const settings = emu.ws().jobs.get(id)!.settings
    await updateJob(clients.workspace, { job_id: id, new_settings: { name: settings.name } })
    const attempts = logged('/api/2.2/jobs/update', since).map((r) => r.status)
    expect(attempts).toEqual([400, 400, 200])
  })

  it('never retries a non-idempotent start-update after an answer that may mean it ran', async () => {
    const pipeline = [...emu.ws().pipelines.values()].find((p) => p.state === 'IDLE')!
    const path = `/api/2.0/pipelines/${pipeline.pipeline_id}/updates`
    const since = emu.requests.length
    emu.faults.add({ method: 'POST', path, status: 503, times: 1 })
    await expect(startUpdate(clients.workspace, pipeline.pipeline_id)).rejects.toThrow(
      DatabricksError,
    )
    expect(logged(path, since).map((r) => r.status)).toEqual([503])
    // Throttled: certainly not run, so retried.
    emu.faults.add({ method: 'POST', path, status: 429, retryAfterSeconds: 0, times: 1 })
    await startUpdate(clients.workspace, pipeline.pipeline_id)
    expect(logged(path, since).map((r) => r.status)).toEqual([503, 429, 200])
  })

  it('retries a 403 only inside an explicit window', async () => {
    const id = await anyJobId()
    emu.faults.add({ path: JOBS_GET, status: 403, times: 2 })
    const since = emu.requests.length
    const job = await getJob(
      clients.workspace,
      { job_id: id },
      {
        retry: { retryForbiddenUntil: Date.now() + 30_000 },
      },
    )
    expect(job.job_id).toBe(id)
    expect(logged(JOBS_GET, since).map((e) => e.status)).toEqual([403, 403, 200])

    // A window that has closed retries nothing.
    emu.faults.add({ path: JOBS_GET, status: 403, times: 1 })
    const again = emu.requests.length
    const error = await getJob(
      clients.workspace,
      { job_id: id },
      {
        retry: { retryForbiddenUntil: Date.now() - 1 },
      },
    ).catch((e: unknown) => e)
    expect((error as DatabricksError).status).toBe(403)
    expect(logged(JOBS_GET, again)).toHaveLength(1)
  })

  it('waits out permission propagation: 403 until a re-assigned caller becomes visible', async () => {
    const workspaceId = emu.workspace.workspaceId
    const assignment = [...emu.ws().assignments.values()].find(
      (a) =>
        a.principal.user_name &&
        a.permissions.includes('USER') &&
        emu.account.directGroupsOf?.(String(a.principal.principal_id))?.length === 0,
    )
    expect(assignment).toBeDefined()
    const principalId = String(assignment!.principal.principal_id)
    const user = clientsFor(emu, { token: emu.tokenFor(principalId) })
    expect(await deletePermissionAssignment(clients.account, workspaceId, principalId)).toBe(
      'deleted',
    )
    const lockedOut = await getMe(user.workspace).catch((e: unknown) => e)
    expect((lockedOut as DatabricksError).status).toBe(403)

    await updatePermissionAssignment(clients.account, workspaceId, principalId, ['USER'])
    const since = emu.requests.length
    const me = await getMe(user.workspace, { retry: { retryForbiddenUntil: Date.now() + 30_000 } })
    expect(me.user.id).toBe(principalId)
    expect(me.orgId).toBe(workspaceId)
    const statuses = logged('/api/2.0/preview/scim/v2/Me', since).map((e) => e.status)
    expect(statuses[0]).toBe(403)
    expect(statuses.at(-1)).toBe(200)
  })

  it('a DELETE of an unassigned principal answers "absent" instead of failing', async () => {
    const workspaceId = emu.workspace.workspaceId
    const [principalId] = [...emu.ws().assignments.keys()].slice(-1)
    expect(await deletePermissionAssignment(clients.account, workspaceId, principalId)).toBe(
      'deleted',
    )
    expect(await deletePermissionAssignment(clients.account, workspaceId, principalId)).toBe(
      'absent',
    )
    expect(emu.ws().assignments.has(principalId)).toBe(false)
  })
})
