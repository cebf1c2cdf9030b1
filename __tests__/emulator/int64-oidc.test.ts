import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { unsignedJwt } from '../../__fixtures__/http-util.js'
import { startEmulator, type Emulator } from '../../emulator/index.js'
import { call } from './helpers.js'

const BIG_JOB = '9007199254740993' // 2^53 + 1: JSON.parse would round it to …992
const BIG_RUN = '9223372036854775807'
const BIG_USER = '9007199254740995'
const SP = {
  id: '9007199254740997',
  applicationId: '11111111-2222-4333-8444-555555555555',
  displayName: 'gh-deployer',
}
const POLICY = {
  clientId: SP.applicationId,
  issuer: 'https://token.actions.githubusercontent.com',
  audiences: ['aud-1'],
  subject: 'repo:org/repo:environment:prod',
}

let emu: Emulator
beforeAll(async () => {
  emu = await startEmulator({
    clockSpeed: 0,
    rateLimits: 'off',
    propagationDelayMs: 0,
    federationPolicies: [POLICY],
    scenario: {
      users: [{ id: BIG_USER, userName: 'big@example.com', displayName: 'Big' }],
      servicePrincipals: [SP],
      workspaces: [
        {
          assignments: [
            { principalId: BIG_USER, permissions: ['USER'] },
            { principalId: SP.id, permissions: ['USER'] },
          ],
          jobs: [{ job_id: BIG_JOB, settings: { name: 'big' } }],
          runs: [
            {
              run_id: BIG_RUN,
              job_id: BIG_JOB,
              start_time: 1,
              state: { life_cycle_state: 'RUNNING' },
            },
          ],
        },
      ],
    },
  })
})
afterAll(() => emu.close())

describe('int64 ids on the wire', () => {
  it('job, run and principal ids above 2^53 are exact JSON numbers', async () => {
    const jobs = await call(emu.workspace.url, '/api/2.2/jobs/list', { token: emu.adminToken })
    expect(jobs.text).toContain(`"job_id":${BIG_JOB}`)
    const runs = await call(emu.workspace.url, '/api/2.2/jobs/runs/list?active_only=true', {
      token: emu.adminToken,
    })
    expect(runs.text).toContain(`"run_id":${BIG_RUN}`)
    const base = `/api/2.0/accounts/${emu.accountId}/workspaces/${emu.workspace.workspaceId}/permissionassignments`
    const listed = await call(emu.accountUrl, base, { token: emu.adminToken })
    expect(listed.text).toContain(`"principal_id":${BIG_USER}`)
  })

  it('ids sent as exact JSON numbers find the right objects', async () => {
    const get = await call(emu.workspace.url, `/api/2.2/jobs/get?job_id=${BIG_JOB}`, {
      token: emu.adminToken,
    })
    expect(get.json.job_id).toBe(BIG_JOB)
    const res = await fetch(`${emu.workspace.url}/api/2.2/jobs/runs/cancel`, {
      method: 'POST',
      headers: { authorization: `Bearer ${emu.adminToken}`, 'content-type': 'application/json' },
      body: `{"run_id": ${BIG_RUN}}`,
    })
    expect(res.status).toBe(200)
    expect(emu.ws().runs.get(BIG_RUN)!.state.life_cycle_state).toBe('TERMINATING')
    const rounded = await call(emu.workspace.url, '/api/2.2/jobs/get?job_id=9007199254740992', {
      token: emu.adminToken,
    })
    expect(rounded.status).toBe(400)
  })
})

const exchange = (url: string, form: Record<string, string>) =>
  call(url, '/oidc/v1/token', { form })
const good = () => ({
  grant_type: 'urn:ietf:params:oauth:grant-type:token-exchange',
  subject_token_type: 'urn:ietf:params:oauth:token-type:jwt',
  scope: 'all-apis',
  client_id: SP.applicationId,
  subject_token: unsignedJwt({
    iss: POLICY.issuer,
    aud: 'aud-1',
    sub: POLICY.subject,
    exp: Math.floor(emu.clock.now() / 1000) + 600,
  }),
})

describe('OIDC discovery and token federation', () => {
  it('discovery documents point at the token endpoints', async () => {
    const d = await call(emu.workspace.url, '/oidc/.well-known/oauth-authorization-server')
    expect(d.json.token_endpoint).toBe(`${emu.workspace.url}/oidc/v1/token`)
    const cfg = await call(emu.workspace.url, '/.well-known/databricks-config')
    expect(cfg.json).toMatchObject({
      account_id: emu.accountId,
      workspace_id: emu.workspace.workspaceId,
      host_type: 'workspace',
    })
  })

  it('a matching subject token is exchanged for a token of the service principal', async () => {
    const res = await exchange(emu.workspace.url, good())
    expect(res.status).toBe(200)
    expect(res.json).toMatchObject({ token_type: 'Bearer', scope: 'all-apis' })
    expect(res.json.expires_in).toBeLessThanOrEqual(600)
    const me = await call(emu.workspace.url, '/api/2.0/preview/scim/v2/Me', {
      token: res.json.access_token,
    })
    expect(me.json.userName).toBe(SP.applicationId)
    // The minted token expires with the subject token.
    emu.clock.advance(601_000)
    expect(
      (
        await call(emu.workspace.url, '/api/2.0/preview/scim/v2/Me', {
          token: res.json.access_token,
        })
      ).status,
    ).toBe(401)
  })

  it('the account token endpoint works too', async () => {
    const res = await call(emu.accountUrl, `/oidc/accounts/${emu.accountId}/v1/token`, {
      form: good(),
    })
    expect(res.status).toBe(200)
    // The SP is no account admin: its token is refused by the account API.
    const denied = await call(emu.accountUrl, `/api/2.0/accounts/${emu.accountId}/scim/v2/Users`, {
      token: res.json.access_token,
    })
    expect(denied.status).toBe(403)
  })

  it('mismatches answer OAuth errors', async () => {
    const wrongSub = {
      ...good(),
      subject_token: unsignedJwt({
        iss: POLICY.issuer,
        aud: 'aud-1',
        sub: 'repo:evil/repo:ref:main',
      }),
    }
    expect(await exchange(emu.workspace.url, wrongSub)).toMatchObject({
      status: 400,
      json: { error: 'invalid_grant' },
    })
    const wrongAud = {
      ...good(),
      subject_token: unsignedJwt({ iss: POLICY.issuer, aud: 'other', sub: POLICY.subject }),
    }
    expect((await exchange(emu.workspace.url, wrongAud)).json.error).toBe('invalid_grant')
    expect(await exchange(emu.workspace.url, { ...good(), client_id: 'unknown' })).toMatchObject({
      status: 401,
      json: { error: 'invalid_client' },
    })
    expect(
      (await exchange(emu.workspace.url, { ...good(), grant_type: 'password' })).json.error,
    ).toBe('unsupported_grant_type')
    const expired = {
      ...good(),
      subject_token: unsignedJwt({ iss: POLICY.issuer, aud: 'aud-1', sub: POLICY.subject, exp: 1 }),
    }
    expect((await exchange(emu.workspace.url, expired)).json).toMatchObject({
      error: 'invalid_grant',
      error_description: expect.stringMatching(/expired/),
    })
  })
})
