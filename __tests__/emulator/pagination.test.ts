import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { expectExactly } from '../../__fixtures__/expect-exactly.js'
import { startEmulator, type Emulator, type ScenarioJson } from '../../emulator/index.js'
import { call, pageAll } from './helpers.js'

const N = { jobs: 2500, runs: 1100, clusters: 1300, users: 3000, pipelines: 450, apps: 260 }

function bigScenario(): ScenarioJson {
  const at = Date.UTC(2026, 0, 1)
  const jobs = Array.from({ length: N.jobs }, (_, i) => ({
    // Every third id is above 2^53: the cursor must order them exactly.
    job_id: String(i % 3 ? 1000 + i : 9007199254740993n + BigInt(i)),
    settings: { name: `job-${i}` },
  }))
  return {
    users: Array.from({ length: N.users }, (_, i) => ({
      id: String(10_000 + i),
      userName: `u${i}@example.com`,
      displayName: `U ${i}`,
    })),
    workspaces: [
      {
        jobs,
        runs: Array.from({ length: N.runs }, (_, i) => ({
          run_id: String(9007199254740993n + BigInt(i)),
          job_id: jobs[i % 50].job_id,
          // Many runs share a start time: ties must not lose or repeat runs.
          start_time: at + Math.floor(i / 7) * 1000,
          state: { life_cycle_state: 'TERMINATED', result_state: 'SUCCESS' },
        })),
        clusters: Array.from({ length: N.clusters }, (_, i) => ({
          cluster_id: `0101-000000-c${String(i).padStart(6, '0')}`,
          cluster_name: `c${i % 17}`,
          state: 'TERMINATED',
          cluster_source: i % 2 ? 'UI' : 'JOB',
        })),
        pipelines: Array.from({ length: N.pipelines }, (_, i) => ({
          pipeline_id: `p-${i}`,
          name: `pipe ${i}`,
          state: 'IDLE',
          spec: { continuous: false },
        })),
        apps: Array.from({ length: N.apps }, (_, i) => ({
          name: `app-${i}`,
          compute_status: { state: 'STOPPED' },
        })),
      },
    ],
  }
}

let emu: Emulator

beforeAll(async () => {
  emu = await startEmulator({ scenario: bigScenario(), rateLimits: 'off', clockSpeed: 0 })
})
afterAll(() => emu.close())

/** Every item of a token-paged workspace list, as the admin. */
const listAll = (path: string, field: string, startToken?: string) =>
  pageAll(emu.workspace.url, path, emu.adminToken, field, startToken)
const ids = (items: Record<string, unknown>[], key: string) => items.map((i) => String(i[key]))

describe('pagination', () => {
  it('jobs: limit/page_token/has_more over thousands of jobs, ids above 2^53 exact', async () => {
    const { items, pages } = await listAll('/api/2.2/jobs/list?limit=100', 'jobs')
    expect(pages).toBe(25)
    expectExactly(ids(items, 'job_id'), emu.ws().jobs.keys())
    const last = await call(emu.workspace.url, '/api/2.1/jobs/list?limit=100', {
      token: emu.adminToken,
    })
    expect(last.json.has_more).toBe(true)
  })

  it('jobs: items created or deleted between pages neither duplicate nor drop the others', async () => {
    const url = emu.workspace.url
    const first = await call(url, '/api/2.2/jobs/list?limit=100', { token: emu.adminToken })
    const seen = ids(first.json.jobs, 'job_id')
    const victim = [...emu.ws().jobs.keys()].find((k) => !seen.includes(k))!
    await call(url, '/api/2.2/jobs/delete', { token: emu.adminToken, body: { job_id: victim } })
    await call(url, '/api/2.2/jobs/create', { token: emu.adminToken, body: { name: 'late' } })
    const rest = await listAll('/api/2.2/jobs/list?limit=100', 'jobs', first.json.next_page_token)
    const all = [...seen, ...ids(rest.items, 'job_id')]
    expectExactly(all, emu.ws().jobs.keys())
  })

  it('runs: limit ≤ 25, newest first, no loss with equal start times', async () => {
    const { items, pages } = await listAll('/api/2.2/jobs/runs/list?limit=25', 'runs')
    expect(pages).toBe(Math.ceil(N.runs / 25))
    expectExactly(ids(items, 'run_id'), emu.ws().runs.keys())
    const times = items.map((r) => Number(r.start_time))
    expect(times).toEqual([...times].sort((a, b) => b - a))
    const tooMany = await call(emu.workspace.url, '/api/2.2/jobs/runs/list?limit=26', {
      token: emu.adminToken,
    })
    expect(tooMany.status).toBe(400)
  })

  it('clusters: 2.1 page_size/page_token, 2.0 unpaged, and filters', async () => {
    const paged = await listAll('/api/2.1/clusters/list?page_size=100', 'clusters')
    expect(paged.pages).toBe(13)
    expectExactly(ids(paged.items, 'cluster_id'), emu.ws().clusters.keys())
    const byName = await listAll(
      '/api/2.1/clusters/list?page_size=90&sort_by.field=CLUSTER_NAME',
      'clusters',
    )
    expectExactly(ids(byName.items, 'cluster_id'), emu.ws().clusters.keys())
    const names = byName.items.map((c) => String(c.cluster_name))
    expect(names).toEqual([...names].sort())
    const unpaged = await call(emu.workspace.url, '/api/2.0/clusters/list', {
      token: emu.adminToken,
    })
    expect(unpaged.json.clusters).toHaveLength(N.clusters)
    expect(unpaged.json.next_page_token).toBeUndefined()
    const ui = await listAll(
      '/api/2.1/clusters/list?page_size=100&filter_by.cluster_sources=UI',
      'clusters',
    )
    expect(ui.items).toHaveLength(N.clusters / 2)
  })

  it('SCIM: startIndex/count with totalResults', async () => {
    const base = `/api/2.0/accounts/${emu.accountId}/scim/v2/Users`
    const got: string[] = []
    for (let start = 1; ; start += 700) {
      const res = await call(emu.accountUrl, `${base}?startIndex=${start}&count=700`, {
        token: emu.adminToken,
      })
      expect(res.json.totalResults).toBe(N.users + 1)
      if (!res.json.Resources.length) break
      expect(res.json.startIndex).toBe(start)
      expect(res.json.itemsPerPage).toBe(res.json.Resources.length)
      got.push(...ids(res.json.Resources, 'id'))
    }
    expectExactly(got, emu.account.users.keys())
  })

  it('pipelines: max_results ≤ 100 with page_token; apps token paged', async () => {
    const p = await listAll('/api/2.0/pipelines?max_results=100', 'statuses')
    expectExactly(ids(p.items, 'pipeline_id'), emu.ws().pipelines.keys())
    expect(p.pages).toBe(5)
    const a = await listAll('/api/2.0/apps?page_size=50', 'apps')
    expectExactly(ids(a.items, 'name'), emu.ws().apps.keys())
  })

  it('permission assignments: one unpaged list', async () => {
    const res = await call(
      emu.accountUrl,
      `/api/2.0/accounts/${emu.accountId}/workspaces/${emu.workspace.workspaceId}/permissionassignments`,
      { token: emu.adminToken },
    )
    expect(res.json.permission_assignments).toHaveLength(emu.ws().assignments.size)
    expect(res.json.next_page_token).toBeUndefined()
  })
})
