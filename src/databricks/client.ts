import type { TokenAudience, TokenProvider } from '../auth/token-provider.js'
import { checkedUrl } from '../config.js'
import type { Logger } from '../logger.js'
import { systemClock, type Clock } from '../util/clock.js'
import { type ClassStats, type Lease, RateLimiters } from './concurrency-helper.js'
import { DatabricksError, isThrottled, parseErrorBody, parseRetryAfter } from './errors.js'
import { parseJson, stringifyJson } from './json.js'
import { encodeQuery, type QueryParams } from './query.js'
import type { RateClass } from './rate-class.js'
import { nextDelay, type RetryOptions } from './retry-helper.js'
import { FIRST_CONTACT_FATAL, networkCode, unreachableHost } from './unreachable.js'

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'

export interface ClientOptions {
  /** Base URL: a workspace URL or an account host. https, or http on loopback (the emulator). */
  host: string
  /** Which token the provider should hand out for this host. */
  audience: TokenAudience
  tokens: TokenProvider
  /** Account id, for account clients: accountPath() builds `/api/2.0/accounts/{id}` from it. */
  accountId?: string
  /** Most requests in flight per rate class. Default 16. */
  maxConcurrency?: number
  /** Per-attempt timeout in ms. Default 60 s. */
  timeoutMs?: number
  retry?: RetryOptions
  logger?: Logger
  /** Pauses, retry waits and the retry budget run on it. Default: the system clock. */
  clock?: Clock
  /** Sent on every request (a unified host's X-Databricks-Workspace-Id). */
  headers?: Record<string, string>
}

export interface CallOptions {
  rateClass?: RateClass
  timeoutMs?: number
  retry?: RetryOptions
  signal?: AbortSignal
}

export interface RequestSpec extends CallOptions {
  method: HttpMethod
  path: string
  query?: QueryParams
  body?: unknown
}

export interface ApiResponse<T> {
  status: number
  headers: Headers
  body: T
}

const DEFAULT_TIMEOUT_MS = 60_000
/**
 * Until a host has answered once, a request gets at most this long, and no retry budget beyond
 * it: a wrong URL, a closed port or a blocked network fails in seconds with its likely cause,
 * not after 80 s of retries (see docs/troubleshooting.md).
 */
export const FIRST_CONTACT_MS = 20_000
const USER_AGENT = 'databricks-halt/0.1'

/** One Databricks host. Retries, per-class adaptive concurrency and lossless int64 JSON. */
export class DatabricksClient {
  readonly host: string
  readonly audience: TokenAudience
  readonly accountId?: string
  private readonly tokens: TokenProvider
  private readonly limiters: RateLimiters
  private readonly timeoutMs: number
  private readonly retry: RetryOptions
  private readonly logger?: Logger
  private readonly clock: Clock
  private readonly headers: Record<string, string>
  /** Whether this host has sent any HTTP response yet. */
  private answered = false

  constructor(options: ClientOptions) {
    this.headers = { ...options.headers }
    this.host = checkBaseUrl(options.host)
    this.audience = options.audience
    this.accountId = options.accountId
    this.tokens = options.tokens
    this.clock = options.clock ?? systemClock
    this.limiters = new RateLimiters({ ceiling: options.maxConcurrency ?? 16, clock: this.clock })
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS
    this.retry = options.retry ?? {}
    this.logger = options.logger
  }

  /** `/api/2.0/accounts/{account_id}`: where the paths of the account API start. */
  accountPath(): string {
    if (!this.accountId) throw new Error('The account client has no account id')
    return `/api/2.0/accounts/${encodeURIComponent(this.accountId)}`
  }

  /** Per rate class: requests, retries, 429s met, in flight, current concurrency and rate. */
  stats(): Partial<Record<RateClass, ClassStats>> {
    return this.limiters.stats()
  }

  get<T>(path: string, query?: QueryParams, options?: CallOptions): Promise<T> {
    return this.request<T>({ ...options, method: 'GET', path, query })
  }

  post<T>(path: string, body?: unknown, options?: CallOptions): Promise<T> {
    return this.request<T>({ ...options, method: 'POST', path, body: body ?? {} })
  }

  put<T>(path: string, body?: unknown, options?: CallOptions): Promise<T> {
    return this.request<T>({ ...options, method: 'PUT', path, body: body ?? {} })
  }

  patch<T>(path: string, body: unknown, query?: QueryParams, options?: CallOptions): Promise<T> {
    return this.request<T>({ ...options, method: 'PATCH', path, body, query })
  }

  delete<T>(path: string, query?: QueryParams, options?: CallOptions): Promise<T> {
    return this.request<T>({ ...options, method: 'DELETE', path, query })
  }

  async request<T>(spec: RequestSpec): Promise<T> {
    return (await this.requestWithHeaders<T>(spec)).body
  }

  /** The full response, for callers that need headers (x-databricks-org-id). */
  async requestWithHeaders<T>(spec: RequestSpec): Promise<ApiResponse<T>> {
    const retry = { ...this.retry, ...spec.retry }
    const limiter = this.limiters.for(spec.rateClass ?? 'other')
    // The retry budget runs from the first attempt, not from the call: a call may queue behind
    // minutes of throttled work in its class before it is sent at all.
    let startedAt: number | undefined
    for (let attempt = 1; ; attempt++) {
      const lease = await limiter.acquire(attempt > 1)
      startedAt ??= this.clock.now()
      try {
        return await this.attempt<T>(spec, lease)
      } catch (e) {
        if (!(e instanceof DatabricksError)) throw e
        e.attempts = attempt
        const firstContact = !this.answered && e.status === 0
        const delay = firstContact
          ? this.firstContactDelay(e, attempt, startedAt, retry)
          : nextDelay(e, attempt, startedAt, retry, this.clock.now())
        if (delay === undefined) {
          if (!firstContact) throw e
          const timeout = e.error_code === 'TIMEOUT' ? this.attemptTimeout(spec) : undefined
          throw unreachableHost(this.host, e, timeout)
        }
        this.logger?.debug(`retrying ${e.describe()} in ${delay} ms (attempt ${attempt + 1})`)
        await this.clock.sleep(delay, spec.signal)
      }
    }
  }

  /** Before the first answer: refused, DNS, TLS, wrong scheme end at once; the rest get 20 s. */
  private firstContactDelay(
    e: DatabricksError,
    attempt: number,
    startedAt: number,
    retry: RetryOptions,
  ): number | undefined {
    if (FIRST_CONTACT_FATAL.test(networkCode(e) ?? '')) return undefined
    const budgetMs = Math.min(retry.budgetMs ?? FIRST_CONTACT_MS, FIRST_CONTACT_MS)
    return nextDelay(e, attempt, startedAt, { ...retry, budgetMs }, this.clock.now())
  }

  private attemptTimeout(spec: RequestSpec): number {
    const timeout = spec.timeoutMs ?? this.timeoutMs
    return this.answered ? timeout : Math.min(timeout, FIRST_CONTACT_MS)
  }

  private async attempt<T>(spec: RequestSpec, lease: Lease): Promise<ApiResponse<T>> {
    let outcome: 'ok' | 'throttled' | 'error' = 'error'
    let retryAfterMs: number | undefined
    try {
      const response = await this.send<T>(spec)
      outcome = 'ok'
      return response
    } catch (e) {
      if (e instanceof DatabricksError && isThrottled(e)) {
        outcome = 'throttled'
        retryAfterMs = e.retryAfterMs
      }
      throw e
    } finally {
      lease.release(outcome, retryAfterMs)
    }
  }

  private async send<T>(spec: RequestSpec): Promise<ApiResponse<T>> {
    spec.signal?.throwIfAborted()
    const token = await this.tokens.getToken(this.audience)
    const url = `${this.host}${spec.path}${encodeQuery(spec.query)}`
    const headers: Record<string, string> = {
      ...this.headers,
      Authorization: `Bearer ${token}`,
      Accept: 'application/json',
      'User-Agent': USER_AGENT,
    }
    if (spec.body !== undefined) headers['Content-Type'] = 'application/json'
    // An own timer, cleared as soon as the body is read: AbortSignal.timeout would keep every
    // request's signal (and what fetch hangs on it) alive for the whole timeout.
    const controller = new AbortController()
    let timedOut = false
    const timer = setTimeout(() => {
      timedOut = true
      controller.abort()
    }, this.attemptTimeout(spec))
    const onAbort = (): void => controller.abort(spec.signal?.reason)
    spec.signal?.addEventListener('abort', onAbort, { once: true })
    let response: Response
    let text: string
    try {
      response = await fetch(url, {
        method: spec.method,
        headers,
        body: spec.body === undefined ? undefined : stringifyJson(spec.body),
        signal: controller.signal,
      })
      this.answered = true
      text = await response.text()
    } catch (e) {
      if (spec.signal?.aborted) throw e
      throw networkError(spec, e, timedOut)
    } finally {
      clearTimeout(timer)
      spec.signal?.removeEventListener('abort', onAbort)
    }
    if (response.status >= 400) throw httpError(spec, response, text)
    return { status: response.status, headers: response.headers, body: parseBody<T>(spec, text) }
  }
}

function parseBody<T>(spec: RequestSpec, text: string): T {
  if (text.trim() === '') return {} as T
  try {
    return parseJson(text) as T
  } catch {
    throw new DatabricksError({
      status: 200,
      error_code: 'MALFORMED_RESPONSE',
      message: 'The response body is not JSON',
      method: spec.method,
      path: spec.path,
    })
  }
}

function httpError(spec: RequestSpec, response: Response, text: string): DatabricksError {
  const parsed = parseErrorBody(response.status, text)
  const retryAfterMs = parseRetryAfter(response.headers.get('retry-after')) ?? parsed.retryDelayMs
  return new DatabricksError({
    status: response.status,
    error_code: parsed.error_code,
    message: parsed.message,
    requestId: parsed.requestId ?? response.headers.get('x-request-id') ?? undefined,
    retryAfterMs,
    method: spec.method,
    path: spec.path,
  })
}

/** Failures no retry can mend: the host name does not resolve, or its certificate is not trusted. */
const PERMANENT_NETWORK = /^(ENOTFOUND|ERR_INVALID_URL)$|CERT|SELF_SIGNED|UNABLE_TO_VERIFY|ERR_TLS/

function networkError(spec: RequestSpec, e: unknown, timedOut: boolean): DatabricksError {
  // Duck-typed: fetch's errors come from another realm under test runners (instanceof fails).
  const error = e as { message?: string; cause?: { code?: string; message?: string } } | undefined
  const code = error?.cause?.code
  const detail = code ?? error?.cause?.message ?? error?.message ?? String(e)
  const permanent = code !== undefined && PERMANENT_NETWORK.test(code)
  return new DatabricksError({
    status: 0,
    error_code: timedOut ? 'TIMEOUT' : permanent ? 'CONNECTION_FAILED' : 'NETWORK_ERROR',
    message: timedOut ? 'The request timed out' : `No response: ${detail}`,
    method: spec.method,
    path: spec.path,
    cause: e,
  })
}

/** Normalise a base URL; plain http is allowed only to loopback (the emulator). */
export function checkBaseUrl(raw: string): string {
  const url = checkedUrl(raw, 'Host URL')
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`
}
