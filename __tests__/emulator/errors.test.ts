import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { startEmulator, type Emulator } from '../../emulator/index.js'
import { call, type Answer } from './helpers.js'

let emu: Emulator
let userToken: string

beforeAll(async () => {
  emu = await startEmulator({ scenario: 'small', clockSpeed: 0, rateLimits: 'off' })
  const assigned = [...emu.ws().assignments.keys()].find(
    (id) => emu.account.users.has(id) && !emu.account.admins.has(id),
  )!
  userToken = emu.tokenFor(assigned)
})
afterAll(() => emu.close())

function expectError(res: Answer, status: number, code: string, message?: RegExp) {
  expect(res.status).toBe(status)
  expect(res.json.error_code).toBe(code)
  expect(typeof res.json.message).toBe('string')
  if (message) expect(res.json.message).toMatch(message)
  expect(res.json.details[0]['@type']).toBe('type.googleapis.com/google.rpc.RequestInfo')
}

describe('error shapes', () => {
  it('401 without or with an unknown token, on both servers', async () => {
    expectError(await call(emu.workspace.url, '/api/2.2/jobs/list'), 401, 'UNAUTHENTICATED')
    expectError(
      await call(emu.workspace.url, '/api/2.2/jobs/list', { token: 'nope' }),
      401,
      'UNAUTHENTICATED',
    )
    const acct = `/api/2.0/accounts/${emu.accountId}/scim/v2/Users`
    expectError(await call(emu.accountUrl, acct, { token: 'nope' }), 401, 'UNAUTHENTICATED')
  })

  it('403 on the account API for a non-admin', async () => {
    const res = await call(emu.accountUrl, `/api/2.0/accounts/${emu.accountId}/scim/v2/Users`, {
      token: userToken,
    })
    expectError(res, 403, 'PERMISSION_DENIED')
  })

  it('missing jobs, runs and clusters: 400 INVALID_PARAMETER_VALUE "… does not exist"', async () => {
    const ws = emu.workspace.url
    const t = { token: emu.adminToken }
    expectError(
      await call(ws, '/api/2.2/jobs/get?job_id=42', t),
      400,
      'INVALID_PARAMETER_VALUE',
      /Job 42 does not exist/,
    )
    expectError(
      await call(ws, '/api/2.1/jobs/runs/get?run_id=7', t),
      400,
      'INVALID_PARAMETER_VALUE',
      /Run 7 does not exist/,
    )
    expectError(
      await call(ws, '/api/2.1/clusters/get?cluster_id=x', t),
      400,
      'INVALID_PARAMETER_VALUE',
      /Cluster x does not exist/,
    )
    expectError(
      await call(ws, '/api/2.2/jobs/runs/cancel', { ...t, body: { run_id: 7 } }),
      400,
      'INVALID_PARAMETER_VALUE',
    )
  })

  it('newer APIs: 404 RESOURCE_DOES_NOT_EXIST', async () => {
    const ws = emu.workspace.url
    const t = { token: emu.adminToken }
    for (const path of [
      '/api/2.0/sql/warehouses/nope',
      '/api/2.0/pipelines/nope',
      '/api/2.0/apps/nope',
      '/api/2.0/serving-endpoints/nope',
      '/api/2.0/vector-search/endpoints/nope',
      '/api/2.0/alerts/nope',
      '/api/2.0/lakeview/dashboards/nope/schedules',
      '/api/2.0/instance-pools/get?instance_pool_id=nope',
    ]) {
      expectError(await call(ws, path, t), 404, 'RESOURCE_DOES_NOT_EXIST')
    }
  })

  it('DELETE of an unassigned principal: 404 "Principal <id> not in workspace <id>"', async () => {
    const unassigned = [...emu.account.users.keys()].find((id) => !emu.ws().assignments.has(id))!
    const path = `/api/2.0/accounts/${emu.accountId}/workspaces/${emu.workspace.workspaceId}/permissionassignments/principals/${unassigned}`
    const res = await call(emu.accountUrl, path, { token: emu.adminToken, method: 'DELETE' })
    expectError(
      res,
      404,
      'RESOURCE_DOES_NOT_EXIST',
      new RegExp(`Principal ${unassigned} not in workspace ${emu.workspace.workspaceId}`),
    )
  })

  it('clusters/start on a non-TERMINATED cluster: 400 INVALID_STATE', async () => {
    const running = [...emu.ws().clusters.values()].find(
      (c) => c.state === 'RUNNING' && c.cluster_source === 'UI',
    )!
    const res = await call(emu.workspace.url, '/api/2.1/clusters/start', {
      token: emu.adminToken,
      body: { cluster_id: running.cluster_id },
    })
    expectError(res, 400, 'INVALID_STATE', /is in unexpected state Running/)
  })

  it('SCIM get of a missing id answers in SCIM error shape', async () => {
    const res = await call(emu.accountUrl, `/api/2.0/accounts/${emu.accountId}/scim/v2/Users/123`, {
      token: emu.adminToken,
    })
    expect(res.status).toBe(404)
    expect(res.json.schemas).toEqual(['urn:ietf:params:scim:api:messages:2.0:Error'])
    expect(res.json.status).toBe('404')
  })

  it('malformed JSON, unknown endpoints and wrong methods', async () => {
    const res = await fetch(`${emu.workspace.url}/api/2.2/jobs/update`, {
      method: 'POST',
      headers: { authorization: `Bearer ${emu.adminToken}` },
      body: '{not json',
    })
    expect(res.status).toBe(400)
    expect(((await res.json()) as { error_code: string }).error_code).toBe('MALFORMED_REQUEST')
    expectError(
      await call(emu.workspace.url, '/api/9.9/nothing', { token: emu.adminToken }),
      404,
      'ENDPOINT_NOT_FOUND',
    )
    expectError(
      await call(emu.workspace.url, '/api/2.2/jobs/list', {
        token: emu.adminToken,
        method: 'DELETE',
      }),
      405,
      'METHOD_NOT_ALLOWED',
    )
  })

  it('every workspace answer, errors included, carries x-databricks-org-id', async () => {
    const ok = await call(emu.workspace.url, '/api/2.0/preview/scim/v2/Me', {
      token: emu.adminToken,
    })
    const bad = await call(emu.workspace.url, '/api/2.2/jobs/list', { token: 'nope' })
    for (const res of [ok, bad])
      expect(res.headers.get('x-databricks-org-id')).toBe(emu.workspace.workspaceId)
    const acct = await call(emu.accountUrl, `/api/2.0/accounts/${emu.accountId}/scim/v2/Users`, {
      token: emu.adminToken,
    })
    expect(acct.headers.get('x-databricks-org-id')).toBeNull()
  })
})

describe('injected faults', () => {
  it('fail-this-path rules honour method, after and times, then pass', async () => {
    emu.faults.add({ method: 'GET', path: '/api/2.2/jobs/list', status: 503, after: 1, times: 2 })
    const statuses: number[] = []
    for (let i = 0; i < 4; i++)
      statuses.push(
        (await call(emu.workspace.url, '/api/2.2/jobs/list', { token: emu.adminToken })).status,
      )
    expect(statuses).toEqual([200, 503, 503, 200])
    emu.faults.clear()
  })

  it('a 503 rule answers TEMPORARILY_UNAVAILABLE; a 429 rule carries Retry-After', async () => {
    emu.faults.add({ path: /\/clusters\//, status: 503, times: 1 })
    expectError(
      await call(emu.workspace.url, '/api/2.1/clusters/list', { token: emu.adminToken }),
      503,
      'TEMPORARILY_UNAVAILABLE',
    )
    emu.faults.add({ path: '/api/2.1/clusters/list', status: 429, retryAfterSeconds: 3, times: 1 })
    const res = await call(emu.workspace.url, '/api/2.1/clusters/list', { token: emu.adminToken })
    expectError(res, 429, 'REQUEST_LIMIT_EXCEEDED')
    expect(res.headers.get('retry-after')).toBe('3')
    emu.faults.clear()
  })

  it('a reset rule drops the connection', async () => {
    emu.faults.add({ path: '/api/2.2/jobs/list', reset: true, times: 1 })
    await expect(
      call(emu.workspace.url, '/api/2.2/jobs/list', { token: emu.adminToken }),
    ).rejects.toThrow()
    expect(
      (await call(emu.workspace.url, '/api/2.2/jobs/list', { token: emu.adminToken })).status,
    ).toBe(200)
  })

  it('seeded random faults repeat for the same seed', async () => {
    const run = async () => {
      emu.faults.clear()
      emu.faults.random({ rate: 0.5, kinds: ['503', '429'], seed: 7 })
      const out: number[] = []
      for (let i = 0; i < 12; i++)
        out.push(
          (await call(emu.workspace.url, '/api/2.2/jobs/list', { token: emu.adminToken })).status,
        )
      return out
    }
    const a = await run()
    expect(a.some((s) => s !== 200)).toBe(true)
    expect(await run()).toEqual(a)
    emu.faults.clear()
  })

  it('the request log records method, path, query, status, target and caller', async () => {
    emu.requests.length = 0
    await call(emu.workspace.url, '/api/2.2/jobs/list?limit=3', { token: emu.adminToken })
    expect(emu.requests).toEqual([
      expect.objectContaining({
        method: 'GET',
        path: '/api/2.2/jobs/list',
        query: { limit: '3' },
        status: 200,
        target: emu.workspace.workspaceId,
        principalId: emu.adminPrincipalId,
      }),
    ])
  })
})
