import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { startEmulator, type Emulator } from '../../emulator/index.js'
import { call } from './helpers.js'

let emu: Emulator
const groupId = '3000'
const scenario = {
  users: [
    { id: '1001', userName: 'direct@example.com', displayName: 'Direct' },
    { id: '1002', userName: 'viagroup@example.com', displayName: 'Via Group' },
    { id: '1003', userName: 'nobody@example.com', displayName: 'Nobody' },
  ],
  groups: [{ id: groupId, displayName: 'data-eng', members: [{ value: '1002' }] }],
  servicePrincipals: [
    {
      id: '9007199254740993',
      applicationId: '9f0c2a1e-0000-4000-8000-000000000001',
      displayName: 'ci-bot',
    },
  ],
  workspaces: [
    {
      assignments: [
        { principalId: '1001', permissions: ['USER'] },
        { principalId: groupId, permissions: ['USER'] },
      ],
    },
  ],
}

beforeAll(async () => {
  emu = await startEmulator({
    scenario,
    clockSpeed: 0,
    rateLimits: 'off',
    propagationDelayMs: 60_000,
  })
})
afterAll(() => emu.close())

const base = () =>
  `/api/2.0/accounts/${emu.accountId}/workspaces/${emu.workspace.workspaceId}/permissionassignments`
const admin = () => ({ token: emu.adminToken })
const me = (token: string) => call(emu.workspace.url, '/api/2.0/preview/scim/v2/Me', { token })
const listed = async () =>
  (
    (await call(emu.accountUrl, base(), admin())).json.permission_assignments as {
      principal: { principal_id: string }
    }[]
  ).map((a) => String(a.principal.principal_id))

describe('workspace access and permission assignments', () => {
  it('direct and group-based access work; no assignment → 403', async () => {
    expect((await me(emu.tokenFor('1001'))).status).toBe(200)
    expect((await me(emu.tokenFor('1002'))).status).toBe(200)
    const denied = await me(emu.tokenFor('1003'))
    expect(denied.status).toBe(403)
    expect(denied.json.error_code).toBe('PERMISSION_DENIED')
  })

  it('a caller who loses access gets 403 at once; access via a group vanishes with the group', async () => {
    const direct = emu.tokenFor('1001')
    const viaGroup = emu.tokenFor('1002')
    expect(
      (await call(emu.accountUrl, `${base()}/principals/1001`, { ...admin(), method: 'DELETE' }))
        .status,
    ).toBe(200)
    expect((await call(emu.workspace.url, '/api/2.2/jobs/list', { token: direct })).status).toBe(
      403,
    )
    expect(
      (
        await call(emu.accountUrl, `${base()}/principals/${groupId}`, {
          ...admin(),
          method: 'DELETE',
        })
      ).status,
    ).toBe(200)
    expect((await me(viaGroup)).status).toBe(403)
  })

  it('a PUT becomes listed and effective only after the propagation delay', async () => {
    const token = emu.tokenFor('1001')
    const put = await call(emu.accountUrl, `${base()}/principals/1001`, {
      ...admin(),
      method: 'PUT',
      body: { permissions: ['USER'] },
    })
    expect(put.status).toBe(200)
    expect(put.json).toEqual({
      principal: { principal_id: '1001', user_name: 'direct@example.com', display_name: 'Direct' },
      permissions: ['USER'],
    })
    expect(await listed()).not.toContain('1001')
    expect((await me(token)).status).toBe(403)
    emu.clock.advance(59_999)
    expect(await listed()).not.toContain('1001')
    emu.clock.advance(1)
    expect(await listed()).toContain('1001')
    expect((await me(token)).status).toBe(200)
  })

  it('PUT: ADMIN wins, unknown values are ignored, an empty list removes access', async () => {
    const put = await call(emu.accountUrl, `${base()}/principals/1001`, {
      ...admin(),
      method: 'PUT',
      body: { permissions: ['USER', 'ADMIN', 'OWNER'] },
    })
    expect(put.json.permissions).toEqual(['ADMIN'])
    emu.clock.advance(60_000)
    const meAdmin = await me(emu.tokenFor('1001'))
    expect(meAdmin.json.groups.map((g: { display: string }) => g.display)).toContain('admins')
    await call(emu.accountUrl, `${base()}/principals/1001`, {
      ...admin(),
      method: 'PUT',
      body: { permissions: [] },
    })
    expect(await listed()).not.toContain('1001')
    expect((await me(emu.tokenFor('1001'))).status).toBe(403)
  })

  it('service principals: listed with service_principal_name; SCIM Me userName is the application id', async () => {
    const sp = '9007199254740993'
    await call(emu.accountUrl, `${base()}/principals/${sp}`, {
      ...admin(),
      method: 'PUT',
      body: { permissions: ['USER'] },
    })
    emu.clock.advance(60_000)
    const res = await call(emu.accountUrl, base(), admin())
    expect(res.text).toContain(`"principal_id":${sp}`)
    const entry = res.json.permission_assignments.find(
      (a: { principal: { principal_id: string } }) => a.principal.principal_id === sp,
    )
    expect(entry.principal.service_principal_name).toBe('9f0c2a1e-0000-4000-8000-000000000001')
    const meSp = await me(emu.tokenFor(sp))
    expect(meSp.json.userName).toBe('9f0c2a1e-0000-4000-8000-000000000001')
    expect(meSp.json.id).toBe(sp)
  })

  it('account SCIM filter eq / and / or', async () => {
    const scim = `/api/2.0/accounts/${emu.accountId}/scim/v2`
    const q = (path: string, filter: string) =>
      call(emu.accountUrl, `${scim}/${path}?filter=${encodeURIComponent(filter)}`, admin())
    expect(
      (await q('Users', 'userName eq "viagroup@example.com"')).json.Resources.map(
        (u: { id: string }) => u.id,
      ),
    ).toEqual(['1002'])
    expect((await q('Groups', 'displayName eq "data-eng"')).json.totalResults).toBe(1)
    expect(
      (await q('ServicePrincipals', 'applicationId eq "9f0c2a1e-0000-4000-8000-000000000001"')).json
        .totalResults,
    ).toBe(1)
    expect(
      (await q('Users', 'userName eq "direct@example.com" or userName eq "nobody@example.com"'))
        .json.totalResults,
    ).toBe(2)
    expect(
      (await q('Users', 'userName eq "direct@example.com" and displayName eq "Nobody"')).json
        .totalResults,
    ).toBe(0)
    expect((await q('Users', 'userName eq')).status).toBe(400)
  })

  it('account SCIM filters users on the boolean `active` (a literal, not a string)', async () => {
    const scim = `/api/2.0/accounts/${emu.accountId}/scim/v2`
    const q = (filter: string) =>
      call(emu.accountUrl, `${scim}/Users?filter=${encodeURIComponent(filter)}`, admin())
    emu.account.users.get('1002')!.active = false
    const ids = (answer: { json: Record<string, unknown> }) =>
      (answer.json.Resources as Array<{ id: string }>).map((u) => u.id)
    expect(ids(await q('active eq false'))).toEqual(['1002'])
    expect(ids(await q('active eq true'))).not.toContain('1002')
    expect(ids(await q('active ne true'))).toEqual(['1002'])
    expect((await q('active eq "false"')).status).toBe(400)
    expect((await q('userName eq true')).status).toBe(400)
    expect((await q('active co false')).status).toBe(400)
    emu.account.users.get('1002')!.active = true
  })

  it('only account admins may use the account API; a new admin can', async () => {
    const token = emu.tokenFor('1003')
    expect((await call(emu.accountUrl, base(), { token })).status).toBe(403)
    emu.account.admins.add('1003')
    expect((await call(emu.accountUrl, base(), { token })).status).toBe(200)
    emu.removeToken(token)
    expect((await call(emu.accountUrl, base(), { token })).status).toBe(401)
  })
})
