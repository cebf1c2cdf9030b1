/** Public types of the emulator's in-process API. */

// One list for the client's limiters and the emulator's token buckets.
import type { RateClass } from '../src/databricks/rate-class.js'

export { RATE_CLASSES, type RateClass } from '../src/databricks/rate-class.js'

export interface RateSpec {
  perSecond: number
  burst?: number
}
export type RateLimitOption = 'default' | 'off' | Partial<Record<RateClass, RateSpec>>

export interface FederationPolicy {
  clientId: string
  issuer: string
  audiences: string[]
  subject: string
}

export interface FaultRule {
  method?: string
  /** A string matches the exact path (no query); a RegExp is tested against the path. */
  path: string | RegExp
  status?: number
  errorCode?: string
  message?: string
  retryAfterSeconds?: number
  /** Destroy the socket instead of answering. */
  reset?: boolean
  /** Fire this many times, then retire (default: forever). */
  times?: number
  /** Let this many matching requests through first. */
  after?: number
  /**
   * Only requests whose JSON body has these top-level values (compared as strings, so ids match
   * as numbers or strings), or whose query has them: one chosen write, e.g. `{ job_id: '42' }` on
   * `jobs/update`. A request without a JSON body matches only on its query.
   */
  match?: Record<string, string | number | boolean>
}

export type RandomFaultKind = '503' | 'reset' | '429'
export interface RandomFaults {
  rate: number
  kinds?: RandomFaultKind[]
  seed?: number
}

export interface RequestLogEntry {
  /** Emulator clock, epoch ms. */
  at: number
  method: string
  path: string
  /** Query parameters; a repeated key keeps all values joined by ','. */
  query: Record<string, string>
  status: number
  target: 'account' | string
  principalId?: string
}

/** A request as it arrives, for tests that check what a client sent and when. */
export interface ObservedRequest {
  method: string
  path: string
  /** The Authorization header as sent, if any. */
  authorization?: string
  /** The raw request body (form or JSON), as sent. */
  body: string
}

export type PartialTriggerMode = 'drop' | 'reject'
export type KeylessArrayMode = 'append' | 'replace'

export interface EmulatorOptions {
  scenario?: 'small' | 'large' | 'empty' | import('./scenario/types.js').ScenarioJson
  seed?: number
  workspaces?: number
  rateLimits?: RateLimitOption
  /** Time the token buckets refill on (ms): real time unless a test shares its manual clock. */
  rateLimitNow?: () => number
  latencyMs?: number
  propagationDelayMs?: number
  transitionMs?: number
  clockSpeed?: number
  federationPolicies?: FederationPolicy[]
  /** jobs/update with a trigger lacking its config block: reject it (default, as the real API) or silently keep it bare. */
  jobsUpdatePartialTrigger?: PartialTriggerMode
  /** jobs/update of an array with no key field (`triggers`): append to it (default, strict) or replace it. */
  jobsUpdateKeylessArrays?: KeylessArrayMode
  /** Emulator-clock ms a non-continuous run lasts before it succeeds; default 1 h. */
  runDurationMs?: number
  /** Fixed emulator clock start (epoch ms); default Date.now(). */
  startTime?: number
  /** Loopback address the Databricks servers listen on; default 127.0.0.1. */
  host?: string
  /**
   * Fixed ports: the account server on `port`, workspace i on `port + 1 + i`. Default (or 0): free
   * ports the system picks.
   */
  port?: number
  /** Serve an Azure Resource Manager double (https) for the workspaces; see emulator/README.md. */
  arm?: boolean | import('./arm/state.js').ArmOptions
}
