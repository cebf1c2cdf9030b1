import { DatabricksError, isThrottled } from './errors.js'

/**
 * When a failed attempt is worth another one, and how long to wait first.
 *
 * Retried: no response (reset, refused, timeout; not an unknown host or an untrusted
 * certificate), 429, 502/503/504, throttling sent as a 500 (SCIM), and, **at any status**, the
 * messages the SDKs treat as transient (databricks-sdk-go `apierr/error_overrides.go`
 * `allTransientErrors`, matched by `APIError.IsRetriable` whatever the status: "Timed out after",
 * "deadline exceeded", a worker environment not ready, ClusterNotReadyException), plus the
 * continuous-job answer "a concurrent request to run the continuous job is already in progress"
 * (a jobs/update that unpauses a continuous job while its run starts). Otherwise never: 400, 401,
 * 404, 409 and other client errors. 403 is permanent except inside a window a caller opens (`retryForbiddenUntil`)
 * for access that is still propagating; no engine path opens one today, since the caller is
 * always kept assigned.
 *
 * POSTs are retried too: the halt's writes are idempotent (jobs/update, clusters/delete,
 * warehouse and pipeline stop, runs cancel, pool edit, assignment PUT) or their endpoint function
 * accepts the "already done" answer a retry of a lost response can meet (assignment DELETE,
 * clusters/start, apps stop/start). Two restore writes are not: a retried pipeline start-update
 * can meet 409 "active update" and a retried dashboard schedule PUT a stale etag, so a lost
 * answer there reports the item failed (restore can be run again). See
 * docs/adr/0003-client-concurrency.md.
 *
 * A call marked `idempotent: false` (pipeline start-update) is never retried blindly: only when
 * the request certainly did not run (throttled with 429 or a throttling code, or the connection
 * was refused), never on a lost answer or a transient message (it may have run).
 */
export interface RetryOptions {
  /** Total time a call may spend retrying, in ms. Default 300 s (as the Databricks SDKs). */
  budgetMs?: number
  /** Most attempts per call, first included. Default 20. */
  maxAttempts?: number
  /** Epoch ms (Date.now() clock): until then a 403 is retried as propagation lag. */
  retryForbiddenUntil?: number
  /** Extra transient answers for this call only (e.g. "not in workspace" during propagation). */
  retryIf?: (error: DatabricksError) => boolean
  /** false: a repeat could act twice; retried only when the request certainly did not run. */
  idempotent?: boolean
}

const DEFAULT_RETRY_BUDGET_MS = 300_000
const DEFAULT_MAX_ATTEMPTS = 20
const BACKOFF_BASE_MS = 250
const BACKOFF_CAP_MS = 10_000

const TRANSIENT_STATUS = new Set([0, 429, 502, 503, 504])
/** Transient at any status: databricks-sdk-go apierr/error_overrides.go `allTransientErrors`. */
const SDK_TRANSIENT_MESSAGES: readonly RegExp[] = [
  /com\.databricks\.backend\.manager\.util\.UnknownWorkerEnvironmentException/,
  /does not have any associated worker environments/,
  /There is no worker environment with id/,
  /Unknown worker environment/,
  /ClusterNotReadyException/,
  /worker env .* not found/,
  /Timed out after /,
  /deadline exceeded/,
  /worker environment not ready/i,
  // Jobs: unpausing a continuous job while its run is being started.
  /a concurrent request to run the continuous job is already in progress/i,
]
/** Server codes that mean "try again", when sent with a 5xx. */
const TRANSIENT_5XX_CODES = /REQUEST_LIMIT_EXCEEDED|TEMPORARILY_UNAVAILABLE/

export function isTransientMessage(message: string): boolean {
  return SDK_TRANSIENT_MESSAGES.some((re) => re.test(message))
}

export function isTransient(e: DatabricksError, options: RetryOptions, now = Date.now()): boolean {
  if (e.status === 401) return false
  // An unknown host or an untrusted certificate will not mend within a retry budget.
  if (e.status === 0 && e.error_code === 'CONNECTION_FAILED') return false
  if (options.idempotent === false) return certainlyNotRun(e)
  if (TRANSIENT_STATUS.has(e.status) || isThrottled(e)) return true
  if (e.status === 403) {
    return options.retryForbiddenUntil !== undefined && now < options.retryForbiddenUntil
  }
  if (isTransientMessage(e.message)) return true
  if (e.status >= 500 && TRANSIENT_5XX_CODES.test(`${e.error_code} ${e.message}`)) return true
  return options.retryIf?.(e) ?? false
}

/** Throttled (the service refused it unread) or the connection was refused (never sent). */
function certainlyNotRun(e: DatabricksError): boolean {
  if (e.status === 429 || isThrottled(e)) return true
  return e.status === 0 && /ECONNREFUSED/.test(e.message)
}

/** Exponential backoff with full jitter: uniform in [0, min(cap, base * 2^(attempt-1))]. */
export function backoffMs(attempt: number, random: () => number = Math.random): number {
  const ceiling = Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** Math.max(0, attempt - 1))
  return Math.round(random() * ceiling)
}

/** Milliseconds to wait before the next attempt, or undefined to give up. */
export function nextDelay(
  e: DatabricksError,
  attempt: number,
  startedAt: number,
  options: RetryOptions,
  now = Date.now(),
): number | undefined {
  if (!isTransient(e, options, now)) return undefined
  if (attempt >= (options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS)) return undefined
  // A server-given wait is honoured exactly; a little jitter spreads the retries of a burst.
  const delay =
    e.retryAfterMs !== undefined
      ? e.retryAfterMs + Math.round(Math.random() * 50)
      : backoffMs(attempt)
  const deadline = startedAt + (options.budgetMs ?? DEFAULT_RETRY_BUDGET_MS)
  if (now + delay > deadline) return undefined
  if (e.status === 403 && now + delay > options.retryForbiddenUntil!) return undefined
  return delay
}
