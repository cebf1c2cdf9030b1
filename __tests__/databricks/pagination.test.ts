import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { expectExactly } from '../../__fixtures__/expect-exactly.js'
import { startEmulator } from '../../emulator/index.js'
import { listClusters } from '../../src/databricks/clusters.js'
import { listJobs, listRuns } from '../../src/databricks/jobs.js'
import { collect } from '../../src/databricks/pagination.js'
import { listPermissionAssignments } from '../../src/databricks/permission-assignments.js'
import { listPipelines } from '../../src/databricks/pipelines.js'
import { listAccountScim } from '../../src/databricks/scim.js'
import { clientsFor } from './emulator-clients.js'

type Emulator = Awaited<ReturnType<typeof startEmulator>>
let emu: Emulator
let clients: ReturnType<typeof clientsFor>

beforeAll(async () => {
  // A still clock: a run that starts or ends between two pages would make "every item once"
  // depend on the time of day.
  emu = await startEmulator({ scenario: 'large', seed: 7, rateLimits: 'off', clockSpeed: 0 })
  clients = clientsFor(emu)
})

afterAll(() => emu.close())

function requestsTo(path: string) {
  return emu.requests.filter((r) => r.path === path)
}

describe('pagination against the emulator (large scenario)', () => {
  it('jobs style: every job once, 100 per page, ids above 2^53 exact', async () => {
    const jobs = await collect(listJobs(clients.workspace))
    const ids = jobs.map((j) => j.job_id)
    expect(ids.length).toBeGreaterThanOrEqual(3000)
    expectExactly(ids, emu.ws().jobs.keys())
    // Ids a double cannot hold (the caller's 2^62 can, so it proves nothing).
    expect(ids.some((id) => BigInt(Number(id)) !== BigInt(id))).toBe(true)
    const pages = requestsTo('/api/2.2/jobs/list')
    expect(pages.length).toBe(Math.ceil(ids.length / 100))
    expect(pages.every((p) => p.query.limit === '100')).toBe(true)
  })

  it('jobs style for runs: every active run once', async () => {
    const runs = await collect(listRuns(clients.workspace, { active_only: true }))
    const active = [...emu.ws().runs.values()]
      .filter((r) =>
        ['QUEUED', 'PENDING', 'RUNNING', 'TERMINATING', 'BLOCKED', 'WAITING_FOR_RETRY'].includes(
          r.state?.life_cycle_state,
        ),
      )
      .map((r) => String(r.run_id))
    expect(runs.length).toBeGreaterThan(25)
    expectExactly(
      runs.map((r) => r.run_id),
      active,
    )
  })

  it('token style: every cluster once across pages', async () => {
    const clusters = await collect(listClusters(clients.workspace, { page_size: 50 }))
    expectExactly(
      clusters.map((c) => c.cluster_id),
      emu.ws().clusters.keys(),
    )
    expect(requestsTo('/api/2.1/clusters/list').length).toBeGreaterThan(2)
  })

  it('token style with the API max page size: every pipeline once', async () => {
    const pipelines = await collect(listPipelines(clients.workspace))
    expectExactly(
      pipelines.map((p) => p.pipeline_id),
      emu.ws().pipelines.keys(),
    )
    const pages = requestsTo('/api/2.0/pipelines')
    expect(pages.length).toBeGreaterThan(0)
    expect(pages.every((r) => r.query.max_results === '100')).toBe(true)
  })

  it('SCIM style: startIndex/count pages cover every account user once', async () => {
    const users = await collect(listAccountScim(clients.account, 'Users', { count: 100 }))
    expectExactly(
      users.map((u) => u.id),
      emu.account.users.keys(),
    )
    const pages = requestsTo(`/api/2.0/accounts/${emu.accountId}/scim/v2/Users`)
    expect(pages.map((p) => p.query.startIndex).slice(0, 3)).toEqual(['1', '101', '201'])
  })

  it('unpaged: every permission assignment once, principal ids exact', async () => {
    const assignments = await listPermissionAssignments(clients.account, emu.workspace.workspaceId)
    const ids = assignments.map((a) => a.principal.principal_id)
    expect(ids.length).toBeGreaterThanOrEqual(1000)
    expectExactly(ids, emu.ws().assignments.keys())
    // Ids a double cannot hold (the caller's 2^62 can, so it proves nothing).
    expect(ids.some((id) => BigInt(Number(id)) !== BigInt(id))).toBe(true)
  })
})
