/**
 * A stateful Databricks emulator on loopback: one account server plus one server per workspace.
 * See emulator/README.md for behaviour, defaults and the admin API.
 */
import type { Server } from 'node:http'
import { EmulatorCore } from './core.js'
import { listen } from './http/server.js'
import { adminHandler } from './http/admin.js'
import { accountRouter, workspaceRouter } from './routes/index.js'
import { loadScenario, armScenario } from './scenario/load.js'
import { generateScenario } from './scenario/generate.js'
import type { WorkspaceState } from './state/workspace.js'
import type { AccountState } from './state/account.js'
import type {
  EmulatorOptions,
  FaultRule,
  ObservedRequest,
  RandomFaults,
  RateLimitOption,
  RequestLogEntry,
} from './types.js'
import type { ScenarioJson } from './scenario/types.js'
import { ArmState, SUBSCRIPTION_ID, type ArmScope, type SubnetRole } from './arm/state.js'
import { startArmServer } from './arm/server.js'

export type * from './types.js'
export type { ScenarioJson, WorkspaceScenario } from './scenario/types.js'
export type { WorkspaceState } from './state/workspace.js'
export type { AccountState } from './state/account.js'
export { RATE_CLASSES } from './types.js'
export { DEFAULT_RATE_LIMITS } from './engine/rate-limit.js'
export { quietStartTime } from './engine/clock.js'
export { generateScenario } from './scenario/generate.js'
export type { ArmOptions, ArmScope, SubnetRole } from './arm/state.js'

export interface WorkspaceInfo {
  url: string
  workspaceId: string
}

export interface Emulator {
  accountUrl: string
  accountId: string
  workspaces: WorkspaceInfo[]
  workspace: WorkspaceInfo
  adminToken: string
  /** Account principal id of the admin caller. */
  adminPrincipalId: string
  tokenFor(principalId: string): string
  addToken(token: string, principalId: string): void
  removeToken(token: string): void
  /** Live state of workspace i (due clock events are processed first). */
  ws(i?: number): WorkspaceState
  account: AccountState
  clock: { now(): number; advance(ms: number): void; setSpeed(speed: number): void }
  faults: {
    add(rule: FaultRule): void
    random(options: RandomFaults): void
    clear(): void
  }
  requests: RequestLogEntry[]
  /**
   * Calls `observer` as each request arrives, before it is answered: what was true of the client
   * at the moment it sent (e.g. that a token was masked first). Returns the unsubscribe.
   */
  onRequest(observer: (request: ObservedRequest) => void): () => void
  setRateLimits(option: RateLimitOption): void
  setLatency(ms: number): void
  /** Tune a behaviour at run time, e.g. `{ jobsUpdatePartialTrigger: 'reject' }`. */
  configure(
    options: Pick<
      EmulatorOptions,
      | 'jobsUpdatePartialTrigger'
      | 'jobsUpdateKeylessArrays'
      | 'propagationDelayMs'
      | 'transitionMs'
      | 'runDurationMs'
      | 'federationPolicies'
    >,
  ): void
  /** The ARM double (only with the `arm` option). */
  arm?: EmulatorArm
  close(): Promise<void>
}

/** A NIC as the test sees it: which node it belongs to and whether its VM is gone. */
export interface EmulatorNic {
  name: string
  subnet: SubnetRole
  ip: string
  vm: string
  node: string
  lingering: boolean
}

export interface EmulatorArm {
  /** https://127.0.0.1:port, with a self-signed certificate. */
  url: string
  /** PEM to trust (tlsOptions.ca, or a file for NODE_EXTRA_CA_CERTS). */
  ca: string
  subscriptionId: string
  /** Resource id of workspace i's Microsoft.Databricks/workspaces resource. */
  workspaceResourceId(i?: number): string
  /** Take a role away (403 AuthorizationFailed on that scope) or give all back. */
  deny(scope: ArmScope): void
  allowAll(): void
  /** The VNet change: new prefixes for a subnet of workspace i. */
  setSubnetPrefixes(role: SubnetRole, prefixes: string[], i?: number): void
  setNicLingerMs(ms: number): void
  /**
   * New NICs of workspace i take addresses from these prefixes instead of their subnet's (plays
   * compute still landing in the old ranges after a change); undefined gives the subnet's back.
   */
  setAllocationPrefixes(role: SubnetRole, prefixes: string[] | undefined, i?: number): void
  /** Another bearer token ARM accepts (the admin token always is). */
  addToken(token: string): void
  /** Current NICs of workspace i (due clock events processed first). */
  nics(i?: number): EmulatorNic[]
}

function scenarioOf(options: EmulatorOptions, now: number): ScenarioJson {
  const s = options.scenario ?? 'small'
  if (s === 'empty') return {}
  if (s === 'small' || s === 'large')
    return generateScenario(s, options.seed ?? 1, options.workspaces ?? 1, now)
  return s
}

export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  const core = new EmulatorCore(options)
  const owned = typeof (options.scenario ?? 'small') === 'string'
  loadScenario(core, scenarioOf(options, core.now()), options.workspaces ?? 1, owned)
  const servers: Server[] = []
  try {
    await listenAll(core, options, servers)
  } catch (e) {
    // A port in use half-way: close the servers already listening, so nothing is left behind.
    servers.forEach((s) => s.close())
    throw e
  }
  armScenario(core)
  const arm = options.arm ? await startArm(core, options, servers) : undefined
  return { ...facade(core, servers), ...(arm ? { arm } : {}) }
}

/** The account server on `port`, workspace i on `port + 1 + i` (or free ports). */
async function listenAll(core: EmulatorCore, options: EmulatorOptions, servers: Server[]) {
  const host = options.host ?? '127.0.0.1'
  const at = (offset: number) => ({ host, port: options.port ? options.port + offset : 0 })
  const account = await listen(
    core,
    { name: 'account', router: accountRouter(), admin: adminHandler(core) },
    at(0),
  )
  servers.push(account.server)
  core.accountUrl = account.url
  const wsRouter = workspaceRouter()
  for (const [i, ws] of core.workspaces.entries()) {
    const s = await listen(core, { name: ws.workspaceId, router: wsRouter, ws }, at(1 + i))
    ws.url = s.url
    servers.push(s.server)
  }
}

async function startArm(
  core: EmulatorCore,
  options: EmulatorOptions,
  servers: Server[],
): Promise<EmulatorArm> {
  const state = new ArmState(core, typeof options.arm === 'object' ? options.arm : {})
  core.arm = state
  state.tokens.add(core.adminToken)
  core.clock.afterEvent = (at) => state.reconcile(at)
  state.reconcile(core.now())
  const { server, url, ca } = await startArmServer(core, state)
  servers.push(server as unknown as Server)
  return {
    url,
    ca,
    subscriptionId: SUBSCRIPTION_ID,
    workspaceResourceId: (i = 0) => state.byWorkspaceIndex(i).id,
    deny: (scope) => void state.denied.add(scope),
    allowAll: () => state.denied.clear(),
    setSubnetPrefixes: (role, prefixes, i = 0) => {
      state.current()
      state.byWorkspaceIndex(i).prefixes[role] = [...prefixes]
    },
    setNicLingerMs: (ms) => void (state.nicLingerMs = ms),
    setAllocationPrefixes: (role, prefixes, i = 0) => {
      const w = state.byWorkspaceIndex(i)
      if (prefixes) w.allocation[role] = [...prefixes]
      else delete w.allocation[role]
    },
    addToken: (token) => void state.tokens.add(token),
    nics: (i = 0) => {
      state.current()
      const w = state.byWorkspaceIndex(i)
      return w.nics().map(({ node, nic }) => ({
        ...nic,
        vm: node.vm,
        node: node.key,
        lingering: node.goneAt !== undefined,
      }))
    },
  }
}

function facade(core: EmulatorCore, servers: Server[]): Emulator {
  const workspaces = core.workspaces.map((w) => ({ url: w.url, workspaceId: w.workspaceId }))
  return {
    accountUrl: core.accountUrl,
    accountId: core.account.accountId,
    workspaces,
    workspace: workspaces[0],
    adminToken: core.adminToken,
    adminPrincipalId: core.adminPrincipalId,
    tokenFor: (id) => core.tokenFor(id),
    addToken: (token, id) => void core.tokens.set(token, { principalId: id }),
    removeToken: (token) => void core.tokens.delete(token),
    ws: (i = 0) => {
      core.clock.tick()
      const ws = core.workspaces[i]
      if (!ws) throw new Error(`No workspace ${i}`)
      return ws
    },
    account: core.account,
    clock: {
      now: () => core.now(),
      advance: (ms) => core.clock.advance(ms),
      setSpeed: (speed) => core.clock.setSpeed(speed),
    },
    faults: {
      add: (rule) => core.faults.add(rule),
      random: (o) => core.faults.randomFaults(o),
      clear: () => core.faults.clear(),
    },
    requests: core.requests,
    onRequest: (observer) => {
      core.requestObservers.add(observer)
      return () => void core.requestObservers.delete(observer)
    },
    setRateLimits: (o) => core.rateLimiter.configure(o),
    setLatency: (ms) => void (core.latencyMs = ms),
    configure: (o) => {
      if (o.jobsUpdatePartialTrigger) core.jobsUpdatePartialTrigger = o.jobsUpdatePartialTrigger
      if (o.jobsUpdateKeylessArrays) core.jobsUpdateKeylessArrays = o.jobsUpdateKeylessArrays
      if (o.propagationDelayMs !== undefined) core.propagationDelayMs = o.propagationDelayMs
      if (o.transitionMs !== undefined) core.transitionMs = o.transitionMs
      if (o.runDurationMs !== undefined) core.runDurationMs = o.runDurationMs
      if (o.federationPolicies) core.federationPolicies = [...o.federationPolicies]
    },
    close: async () => {
      await Promise.all(
        servers.map(
          (s) =>
            new Promise<void>((resolve) => {
              s.close(() => resolve())
              s.closeAllConnections()
            }),
        ),
      )
    },
  }
}
