/**
 * Fidelity: a client nobody here wrote (@databricks/sdk-experimental 0.17) parses what we serve.
 * AccountClient only treats https://accounts.* as an account host, so over loopback http it is
 * configured as a "unified host" with an account id and no workspace id (= account config).
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { AccountClient, WorkspaceClient } from '@databricks/sdk-experimental'
import { startEmulator, type Emulator } from '../../emulator/index.js'

let emu: Emulator
let home: string
const saved = { HOME: process.env.HOME, cfg: process.env.DATABRICKS_CONFIG_FILE }

beforeAll(async () => {
  // A temp HOME so the SDK cannot read a real ~/.databrickscfg.
  home = mkdtempSync(join(tmpdir(), 'emu-sdk-'))
  process.env.HOME = home
  process.env.DATABRICKS_CONFIG_FILE = join(home, '.databrickscfg')
  emu = await startEmulator({
    scenario: 'small',
    clockSpeed: 0,
    rateLimits: 'off',
    propagationDelayMs: 1000,
  })
})
afterAll(async () => {
  await emu.close()
  process.env.HOME = saved.HOME
  if (saved.cfg === undefined) delete process.env.DATABRICKS_CONFIG_FILE
  else process.env.DATABRICKS_CONFIG_FILE = saved.cfg
  rmSync(home, { recursive: true, force: true })
})

const workspaceClient = () =>
  new WorkspaceClient({
    host: emu.workspace.url,
    token: emu.adminToken,
    authType: 'pat',
    retryTimeoutSeconds: 5,
  })

describe('@databricks/sdk-experimental against the emulator', () => {
  it('jobs.list follows next_page_token across pages', async () => {
    emu.requests.length = 0
    const names: string[] = []
    for await (const job of workspaceClient().jobs.list({ limit: 7 }))
      names.push(String(job.settings?.name))
    expect(names.sort()).toEqual([...emu.ws().jobs.values()].map((j) => j.settings.name).sort())
    const pages = emu.requests.filter((r) => r.path === '/api/2.2/jobs/list')
    expect(pages.length).toBe(Math.ceil(emu.ws().jobs.size / 7))
    expect(pages.slice(1).every((r) => r.query.page_token)).toBe(true)
  })

  it('clusters.list and clusters.get parse states, sources and tags', async () => {
    const client = workspaceClient()
    const clusters = []
    for await (const c of client.clusters.list({ page_size: 5 })) clusters.push(c)
    expect(clusters.map((c) => c.cluster_id).sort()).toEqual([...emu.ws().clusters.keys()].sort())
    const sources = new Set(clusters.map((c) => c.cluster_source))
    for (const s of ['UI', 'API', 'JOB']) expect(sources).toContain(s)
    const one = await client.clusters.get({ cluster_id: clusters[0].cluster_id! })
    expect(one.state).toBe(emu.ws().clusters.get(clusters[0].cluster_id!)!.state)
  })

  it('currentUser.me reads SCIM Me', async () => {
    const me = await workspaceClient().currentUser.me()
    expect(me.userName).toBe('admin@example.com')
  })

  // SDK 0.17 maps each error detail's `metadata` with Object.entries and so cannot parse a
  // RequestInfo detail (which has none, also on the real service): it falls back to the status
  // text as errorCode and keeps our body in the message. Documented in emulator/README.md.
  it('a missing job surfaces as an ApiError with status and our message', async () => {
    const err = await workspaceClient()
      .jobs.get({ job_id: 42 })
      .catch((e: unknown) => e)
    expect(err).toMatchObject({ statusCode: 400 })
    expect((err as Error).message).toContain('Job 42 does not exist.')
  })

  it('AccountClient workspaceAssignment list / update / delete', async () => {
    const account = new AccountClient({
      host: emu.accountUrl,
      accountId: emu.accountId,
      token: emu.adminToken,
      authType: 'pat',
      experimentalIsUnifiedHost: true,
      retryTimeoutSeconds: 5,
    })
    const wid = Number(emu.workspace.workspaceId)
    const listed = []
    for await (const a of account.workspaceAssignment.list({ workspace_id: wid })) listed.push(a)
    expect(listed).toHaveLength(emu.ws().assignments.size)
    expect(listed.every((a) => typeof a.principal?.principal_id === 'number')).toBe(true)
    // A safe id (the SDK parses ids as JS numbers, losing precision above 2^53).
    const victim = listed.find(
      (a) =>
        Number.isSafeInteger(a.principal!.principal_id) &&
        a.principal!.user_name !== 'admin@example.com',
    )!
    const id = victim.principal!.principal_id!
    await account.workspaceAssignment.delete({ workspace_id: wid, principal_id: id })
    expect(emu.ws().assignments.has(String(id))).toBe(false)
    const put = await account.workspaceAssignment.update({
      workspace_id: wid,
      principal_id: id,
      permissions: ['USER'],
    })
    expect(put.permissions).toEqual(['USER'])
    emu.clock.advance(1000)
    expect(emu.ws().assignments.get(String(id))!.permissions).toEqual(['USER'])
    const err = await account.workspaceAssignment
      .delete({ workspace_id: wid, principal_id: 1 })
      .catch((e: unknown) => e)
    expect(err).toMatchObject({ statusCode: 404 })
    expect((err as Error).message).toContain('RESOURCE_DOES_NOT_EXIST')
  })
})
