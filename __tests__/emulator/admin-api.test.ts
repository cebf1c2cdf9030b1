import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { startEmulator, type Emulator } from '../../emulator/index.js'
import { call } from './helpers.js'

let emu: Emulator
beforeAll(async () => {
  emu = await startEmulator({ scenario: 'small', clockSpeed: 0, rateLimits: 'off' })
})
afterAll(() => emu.close())

const admin = (path: string, method = 'GET', body?: object) =>
  call(emu.accountUrl, `/__emulator/${path}`, { method, body })

describe('admin API (/__emulator/…)', () => {
  it('config tells URLs, ids and the admin token', async () => {
    const res = await admin('config')
    expect(res.json).toMatchObject({
      accountUrl: emu.accountUrl,
      accountId: emu.accountId,
      adminToken: emu.adminToken,
      workspaces: [{ url: emu.workspace.url, workspaceId: emu.workspace.workspaceId }],
    })
  })

  it('advances the clock', async () => {
    const before = emu.clock.now()
    const res = await admin('clock/advance', 'POST', { ms: 3_600_000 })
    expect(res.json.now).toBe(before + 3_600_000)
    expect(emu.clock.now()).toBe(before + 3_600_000)
  })

  it('adds and clears fault rules, including by regex', async () => {
    await admin('faults', 'POST', { pathRegex: '^/api/2\\.2/jobs/', status: 500, times: 1 })
    expect(
      (await call(emu.workspace.url, '/api/2.2/jobs/list', { token: emu.adminToken })).status,
    ).toBe(500)
    await admin('faults', 'POST', { path: '/api/2.2/jobs/list', status: 503 })
    expect(
      (await call(emu.workspace.url, '/api/2.2/jobs/list', { token: emu.adminToken })).status,
    ).toBe(503)
    await admin('faults', 'DELETE')
    expect(
      (await call(emu.workspace.url, '/api/2.2/jobs/list', { token: emu.adminToken })).status,
    ).toBe(200)
  })

  it('serves and clears the request log; admin calls are not logged', async () => {
    await admin('requests', 'DELETE')
    await call(emu.workspace.url, '/api/2.1/clusters/list', { token: emu.adminToken })
    const res = await admin('requests')
    expect(res.json.requests.map((r: { path: string }) => r.path)).toEqual([
      '/api/2.1/clusters/list',
    ])
  })

  it('sets rate limits and tokens', async () => {
    await admin('rate-limits', 'PUT', { rateLimits: { clusters: { perSecond: 0.01, burst: 1 } } })
    const statuses = []
    for (let i = 0; i < 2; i++)
      statuses.push(
        (await call(emu.workspace.url, '/api/2.1/clusters/list', { token: emu.adminToken })).status,
      )
    expect(statuses).toEqual([200, 429])
    await admin('rate-limits', 'PUT', { rateLimits: 'off' })
    const { json } = await admin('tokens', 'POST', {
      token: 'my-pat',
      principalId: emu.adminPrincipalId,
    })
    expect(json.token).toBe('my-pat')
    expect(
      (await call(emu.workspace.url, '/api/2.0/preview/scim/v2/Me', { token: 'my-pat' })).status,
    ).toBe(200)
    await admin('tokens', 'DELETE', { token: 'my-pat' })
    expect(
      (await call(emu.workspace.url, '/api/2.0/preview/scim/v2/Me', { token: 'my-pat' })).status,
    ).toBe(401)
  })

  it('unknown admin paths are 404', async () => {
    expect((await admin('nothing')).status).toBe(404)
  })
})
