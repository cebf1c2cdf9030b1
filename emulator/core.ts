/** Everything one emulator instance holds: directory, workspaces, clock, tokens, limits, faults. */
import { randomBytes } from 'node:crypto'
import { AccountState } from './state/account.js'
import { WorkspaceState } from './state/workspace.js'
import { EmulatorClock } from './engine/clock.js'
import { RateLimiter } from './engine/rate-limit.js'
import { Faults } from './engine/faults.js'
import type { ArmState } from './arm/state.js'
import type {
  EmulatorOptions,
  FederationPolicy,
  KeylessArrayMode,
  ObservedRequest,
  PartialTriggerMode,
  RequestLogEntry,
} from './types.js'

export interface TokenInfo {
  principalId: string
  /** Emulator time after which the token is rejected (OIDC-minted tokens only). */
  expiresAt?: number
}

export class EmulatorCore {
  readonly clock: EmulatorClock
  readonly rateLimiter: RateLimiter
  readonly faults = new Faults()
  readonly requests: RequestLogEntry[] = []
  /** Called as each request arrives, before it is answered (see Emulator.onRequest). */
  readonly requestObservers = new Set<(request: ObservedRequest) => void>()
  readonly tokens = new Map<string, TokenInfo>()
  readonly workspaces: WorkspaceState[] = []
  account!: AccountState
  accountUrl = ''
  adminToken = ''
  adminPrincipalId = ''
  latencyMs: number
  propagationDelayMs: number
  transitionMs: number
  runDurationMs: number
  jobsUpdatePartialTrigger: PartialTriggerMode
  jobsUpdateKeylessArrays: KeylessArrayMode
  federationPolicies: FederationPolicy[]
  /** The ARM double, when started with the `arm` option. */
  arm?: ArmState

  constructor(options: EmulatorOptions) {
    this.clock = new EmulatorClock(options.startTime ?? Date.now(), options.clockSpeed ?? 1)
    this.rateLimiter = new RateLimiter(options.rateLimits ?? 'default', options.rateLimitNow)
    this.latencyMs = options.latencyMs ?? 0
    this.propagationDelayMs = options.propagationDelayMs ?? 5000
    this.transitionMs = options.transitionMs ?? 3000
    this.runDurationMs = options.runDurationMs ?? 3_600_000
    this.jobsUpdatePartialTrigger = options.jobsUpdatePartialTrigger ?? 'reject'
    this.jobsUpdateKeylessArrays = options.jobsUpdateKeylessArrays ?? 'append'
    this.federationPolicies = [...(options.federationPolicies ?? [])]
  }

  now(): number {
    return this.clock.now()
  }

  workspaceById(id: string): WorkspaceState | undefined {
    return this.workspaces.find((w) => w.workspaceId === id)
  }

  newToken(prefix = 'dapi'): string {
    return `${prefix}${randomBytes(16).toString('hex')}`
  }

  tokenFor(principalId: string): string {
    if (!this.account.principal(principalId)) throw new Error(`No principal ${principalId}`)
    const token = this.newToken()
    this.tokens.set(token, { principalId })
    return token
  }

  /** Principal behind a bearer token, or undefined when unknown or expired. */
  principalOf(token: string): string | undefined {
    const info = this.tokens.get(token)
    if (!info) return undefined
    if (info.expiresAt !== undefined && this.now() >= info.expiresAt) return undefined
    return info.principalId
  }

  /** Effective permissions of a principal in a workspace: direct or through any group. */
  effectivePermissions(ws: WorkspaceState, principalId: string): Set<string> {
    const perms = new Set<string>()
    const ids = [principalId, ...this.account.groupsOf(principalId)]
    for (const id of ids) {
      for (const p of ws.assignments.get(id)?.permissions ?? []) perms.add(p)
    }
    return perms
  }

  /** Checked on every workspace request: a direct assignment answers before any group walk. */
  hasWorkspaceAccess(ws: WorkspaceState, principalId: string): boolean {
    const grants = (id: string) =>
      (ws.assignments.get(id)?.permissions ?? []).some((p) => p === 'USER' || p === 'ADMIN')
    return grants(principalId) || [...this.account.groupsOf(principalId)].some(grants)
  }
}
