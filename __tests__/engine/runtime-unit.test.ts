import { afterAll, afterEach, beforeAll, describe, expect, it, jest } from '@jest/globals'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { quietStartTime, startEmulator, type Emulator } from '../../emulator/index.js'
import { MemoryLogger } from '../../__fixtures__/memory-logger.js'
import type { TokenProvider } from '../../src/auth/token-provider.js'
import { setup, type EngineContext } from '../../src/engine/runtime.js'
import { SafetyError, UsageError } from '../../src/errors.js'
import { RESOURCES } from '../../src/resources/registry.js'
import { RESOURCE_KINDS, SettingsSchema, type Settings } from '../../src/settings.js'
import { DirectoryStore } from '../../src/snapshot/directory-store.js'
import { SigningKeys } from '../../src/snapshot/signing.js'
import { systemClock } from '../../src/util/clock.js'

/**
 * setup: settings → runtime. Checks that need no workspace run without one; the rest sign in to
 * an emulator whose clock stands still, so the workspace's time (its Date header) is exact.
 */

const START = quietStartTime()
/** What Date.now() answers while a test pins it: a runner whose clock is 3 h behind. */
const LOCAL = START - 3 * 3_600_000

let emu: Emulator
let dir: string
beforeAll(async () => {
  emu = await startEmulator({
    scenario: 'empty',
    seed: 7,
    startTime: START,
    clockSpeed: 0,
    rateLimits: 'off',
    propagationDelayMs: 0,
  })
  dir = await mkdtemp(join(tmpdir(), 'halt-runtime-'))
})
afterAll(async () => {
  await emu.close()
  await rm(dir, { recursive: true, force: true })
})
afterEach(() => {
  emu.faults.clear()
  emu.ws().unifiedHost = false
  emu.requests.length = 0
  jest.restoreAllMocks()
})

const credential = { getToken: async () => null }

function context(
  extra: Record<string, unknown> = {},
  more: Partial<EngineContext> = {},
  token = emu.adminToken,
): EngineContext {
  const tokens: TokenProvider = {
    description: 'test token',
    getToken: async () => token,
    azureCredential: credential,
  }
  return {
    settings: SettingsSchema.parse({
      mode: 'show',
      workspaceUrl: emu.workspace.url,
      accountHost: emu.accountUrl,
      accountId: emu.accountId,
      maxConcurrency: 8,
      ...extra,
    }),
    tokens,
    store: new DirectoryStore(join(dir, 'snapshots')),
    logger: new MemoryLogger(),
    version: '0.0.0-test',
    ...more,
  }
}

/** Every kind, in the registry's order (the order runtime.resources keeps). */
const ALL = RESOURCES.map((r) => r.kind)
const allBut = (kind: string) => ALL.filter((k) => k !== kind)

const paths = () => emu.requests.map((r) => `${r.method} ${r.path}`)
const ME = 'GET /api/2.0/preview/scim/v2/Me'
const METADATA = 'GET /.well-known/databricks-config'
/** A client's private settings, read as the requests it sends would show them. */
const internals = (client: unknown) =>
  client as { timeoutMs: number; headers: Record<string, string>; host: string; accountId?: string }

describe('setup: settings checked before anything is sent', () => {
  /** (On the emulator's host, so a check left out reaches no other.) */
  const offline = (settings: Record<string, unknown>) => context(settings)
  afterEach(() => expect(paths()).toEqual([]))

  it('--only/--skip that leave no kind', async () => {
    await expect(setup(offline({ only: ['jobs'], skip: ['jobs'] }))).rejects.toThrow(
      new UsageError('--only/--skip leave no resource kind to act on.'),
    )
    await expect(
      setup(offline({ only: ['jobs'], skip: ['jobs'], face: 'action' })),
    ).rejects.toThrow(new UsageError('The resources input leaves no resource kind to act on.'))
    await expect(setup(offline({ skip: [...RESOURCE_KINDS] }))).rejects.toThrow(
      '--only/--skip leave no resource kind to act on.',
    )
  })

  it('a setting the schema refuses, named by its path', async () => {
    const input = offline({})
    const settings = { ...input.settings, only: ['jobs', 'bogus'] } as unknown as Settings
    await expect(setup({ ...input, settings })).rejects.toThrow(
      new UsageError(
        'Invalid setting only.1: Invalid option: expected one of "permission_assignments"|"jobs"|"job_runs"|"pipelines"|"clusters"|"warehouses"|"instance_pools"|"apps"|"alerts"|"dashboard_schedules"|"serving_endpoints"|"vector_search_endpoints"',
      ),
    )
  })

  it('a host outside Databricks is refused before a token is sent', async () => {
    const input = offline({
      workspaceUrl: 'https://evil.example.com',
      accountHost: undefined,
      skip: ['permission_assignments'],
    })
    await expect(setup(input)).rejects.toThrow(
      new SafetyError(
        'Refusing to send credentials to workspace evil.example.com: it is not on a Databricks ' +
          'domain (*.azuredatabricks.net, *.cloud.databricks.com, *.gcp.databricks.com, ' +
          '*.cloud.databricks.us, *.databricks.azure.us, *.databricks.azure.cn). If it really is ' +
          'yours (a private DNS name, a proxy), allow it explicitly: --allow-host evil.example.com ' +
          '(CLI) or the input allowed-hosts: evil.example.com (Action).',
      ),
    )
  })
})

describe('setup against a workspace', () => {
  it('defaults: every kind, the timings and clocks of production, the workspace’s own time', async () => {
    const now = jest.spyOn(Date, 'now').mockReturnValue(LOCAL)
    const input = context()
    const rt = await setup(input)
    expect(paths()).toEqual([ME])
    expect(rt.settings).toEqual(input.settings)
    expect(rt.workspaceUrl).toBe(emu.workspace.url)
    expect(rt.workspaceId).toBe(emu.workspace.workspaceId)
    expect(rt.accountId).toBe(emu.accountId)
    expect(rt.caller).toEqual({
      id: emu.adminPrincipalId,
      userName: 'admin@example.com',
      displayName: 'Emulator Admin',
    })
    expect(rt.resources.map((r) => r.kind)).toEqual(ALL)
    expect(rt.resCtx).toEqual({
      clients: { workspace: expect.any(Object), account: expect.any(Object) },
      settings: input.settings,
      logger: input.logger,
      workspaceId: emu.workspace.workspaceId,
    })
    expect(rt.logger).toBe(input.logger)
    expect(rt.store).toBe(input.store)
    expect(rt.version).toBe('0.0.0-test')
    expect('keys' in rt).toBe(false)
    expect(rt.timing).toEqual({
      verifyTimeoutMs: 600_000,
      pollIntervalMs: 5_000,
      networkPollIntervalMs: 30_000,
      clock: expect.any(Object),
    })
    expect(rt.arm).toEqual({ credential })
    expect(rt.arm.credential).toBe(credential)
    expect(rt.clock).toBe(systemClock)
    // Saved plans are dated by the workspace (Date header), not by a runner 3 h behind.
    expect(rt.workspaceNow()).toBe(START)
    expect(rt.timing.clock.now()).toBe(LOCAL)
    now.mockRestore()
    // The real clock sleeps, and wakes (before a later timer does).
    const slept = rt.timing.clock.sleep(1)
    expect(slept).toBeInstanceOf(Promise)
    const first = await Promise.race([
      slept.then(() => 'slept'),
      new Promise((resolve) => setTimeout(() => resolve('still asleep'), 200)),
    ])
    expect(first).toBe('slept')

    const workspace = internals(rt.resCtx.clients.workspace)
    expect(workspace.host).toBe(emu.workspace.url)
    expect(workspace.headers).toEqual({})
    expect(workspace.timeoutMs).toBe(60_000)
    const account = internals(rt.resCtx.clients.account)
    expect(account.host).toBe(emu.accountUrl)
    expect(account.accountId).toBe(emu.accountId)
  })

  it('given: timings, clocks, ARM access, keys, a request timeout, a routed unified host', async () => {
    emu.ws().unifiedHost = true
    const id = emu.workspace.workspaceId
    const clock = { now: () => 7 }
    const engineClock = { now: () => 8, sleep: async () => {} }
    const armCredential = { getToken: async () => null }
    const keys = SigningKeys.parse('a'.repeat(64), 'test keys')
    const input = context(
      {
        workspaceUrl: `${emu.workspace.url}/?o=${id}`,
        accountId: undefined,
        requestTimeoutSeconds: 2.5,
        only: ['jobs', 'warehouses', 'clusters'],
        skip: ['warehouses'],
      },
      {
        timing: {
          verifyTimeoutMs: 1,
          pollIntervalMs: 2,
          networkPollIntervalMs: 3,
          clock: engineClock,
        },
        clock,
        arm: { credential: armCredential, endpoint: 'https://management.azure.com' },
        snapshotKeys: keys,
      },
    )
    const rt = await setup(input)
    // No account id given: the workspace's metadata names it.
    expect(paths()).toEqual([ME, METADATA])
    expect(rt.accountId).toBe(emu.accountId)
    expect(rt.workspaceUrl).toBe(`${emu.workspace.url}?o=${id}`)
    expect(rt.workspaceId).toBe(id)
    expect(rt.resources.map((r) => r.kind)).toEqual(['jobs', 'clusters'])
    expect(rt.timing).toEqual({
      verifyTimeoutMs: 1,
      pollIntervalMs: 2,
      networkPollIntervalMs: 3,
      clock: engineClock,
    })
    expect(rt.timing.clock).toBe(engineClock)
    expect(rt.clock).toBe(clock)
    expect(rt.arm).toEqual({ credential: armCredential, endpoint: 'https://management.azure.com' })
    expect(rt.keys).toBe(keys)
    const workspace = internals(rt.resCtx.clients.workspace)
    expect(workspace.host).toBe(emu.workspace.url)
    expect(workspace.headers).toEqual({ 'X-Databricks-Workspace-Id': id })
    expect(workspace.timeoutMs).toBe(2_500)
  })

  it('an empty --only means every kind', async () => {
    const rt = await setup(context({ only: [], skip: ['jobs'] }))
    expect(rt.resources.map((r) => r.kind)).toEqual(allBut('jobs'))
  })

  it('a host that sends neither its time nor its id: the local clock, the id from its metadata', async () => {
    // A bare loopback server: no Date header, no x-databricks-org-id, a caller without userName.
    const server = createServer((req, res) => {
      res.sendDate = false
      const body =
        req.url?.startsWith('/api/2.0/preview/scim/v2/Me') === true
          ? { id: 42 }
          : req.url === '/.well-known/databricks-config'
            ? { account_id: 'acc-9', workspace_id: '1234' }
            : undefined
      res.writeHead(body ? 200 : 404, { 'content-type': 'application/json' })
      res.end(JSON.stringify(body ?? { error_code: 'NOT_FOUND', message: 'no such path' }))
    })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
      jest.spyOn(Date, 'now').mockReturnValue(LOCAL)
      const rt = await setup(
        context({
          workspaceUrl: url,
          accountId: undefined,
          accountHost: undefined,
          only: ['jobs'],
        }),
      )
      expect(rt.caller).toEqual({ id: '42', userName: '42' })
      expect(rt.workspaceId).toBe('1234')
      expect(rt.accountId).toBe('acc-9')
      expect(rt.workspaceNow()).toBe(LOCAL)
    } finally {
      await new Promise((resolve) => server.close(resolve))
    }
  })

  describe('without an account id anywhere (the workspace has no metadata)', () => {
    const noMetadata = () =>
      emu.faults.add({
        path: '/.well-known/databricks-config',
        status: 404,
        errorCode: 'NOT_FOUND',
      })

    it('permission assignments need it: say where to find it, or how to leave them out', async () => {
      noMetadata()
      await expect(setup(context({ accountId: undefined }))).rejects.toThrow(
        new UsageError(
          'The account id is needed to change permission assignments: pass --account-id ' +
            '(account console → top right), or --skip permission_assignments.',
        ),
      )
      await expect(setup(context({ accountId: undefined, face: 'action' }))).rejects.toThrow(
        'The account id is needed to change permission assignments: pass account-id ' +
          '(account console → top right), or leave permission_assignments out of the resources input.',
      )
    })

    it('other kinds do without it (and without an account host)', async () => {
      noMetadata()
      const rt = await setup(
        context({
          accountId: undefined,
          accountHost: undefined,
          skip: ['permission_assignments'],
        }),
      )
      expect(rt.accountId).toBeUndefined()
      expect(rt.workspaceId).toBe(emu.workspace.workspaceId)
      expect(rt.resources.map((r) => r.kind)).toEqual(allBut('permission_assignments'))
    })

    it('network mode never changes assignments, so it does without it too', async () => {
      noMetadata()
      const rt = await setup(
        context({ mode: 'network', accountId: undefined, accountHost: undefined }),
      )
      expect(rt.accountId).toBeUndefined()
      expect(rt.resources.map((r) => r.kind)).toEqual(ALL)
    })
  })

  describe('sign-in', () => {
    const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
    /** The whole message; the request id the workspace answered with varies. */
    const refused = (status: string, face?: 'action') =>
      new RegExp(
        '^' +
          escape(
            `Cannot sign in to ${emu.workspace.url} (${status} (GET /api/2.0/preview/scim/v2/Me, request `,
          ) +
          '[0-9a-f-]+' +
          escape(
            ')). Check the credentials ' +
              `(${face ? 'auth' : '--auth'}) and that the caller has access to this workspace. ` +
              'Nothing was changed.',
          ) +
          '$',
      )

    it('a token the workspace refuses: a usage error naming the sign-in option', async () => {
      const status = '401 UNAUTHENTICATED: Invalid access token.'
      const cli = setup(context({}, {}, 'not-a-token'))
      await expect(cli).rejects.toBeInstanceOf(UsageError)
      await expect(cli).rejects.toThrow(refused(status))
      const action = setup(context({ face: 'action' }, {}, 'not-a-token'))
      await expect(action).rejects.toThrow(refused(status, 'action'))
    })

    it('a caller without access to the workspace: the same', async () => {
      emu.faults.add({
        path: '/api/2.0/preview/scim/v2/Me',
        status: 403,
        errorCode: 'PERMISSION_DENIED',
        message: 'not a workspace user',
      })
      const failed = setup(context())
      await expect(failed).rejects.toBeInstanceOf(UsageError)
      await expect(failed).rejects.toThrow(refused('403 PERMISSION_DENIED: not a workspace user'))
    })

    it('any other failure is passed on as it is', async () => {
      emu.faults.add({
        path: '/api/2.0/preview/scim/v2/Me',
        status: 400,
        errorCode: 'INVALID_PARAMETER_VALUE',
        message: 'bad request',
      })
      const failed = setup(context())
      await expect(failed).rejects.toThrow(new Error('bad request'))
      await expect(failed).rejects.toMatchObject({
        status: 400,
        error_code: 'INVALID_PARAMETER_VALUE',
      })
      await expect(failed).rejects.not.toBeInstanceOf(UsageError)
    })
  })
})
