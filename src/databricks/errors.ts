import { parseJson } from './json.js'

/**
 * A failed Databricks API call. Classified by `error_code` first and HTTP status second, as the
 * reference says: the same status carries transient and permanent codes.
 */
export class DatabricksError extends Error {
  override readonly name = 'DatabricksError'
  /** HTTP status; 0 when no response arrived (reset, refused, timeout). */
  readonly status: number
  readonly error_code: string
  readonly requestId?: string
  /** Server-suggested wait before retrying, in ms (Retry-After header or google.rpc.RetryInfo). */
  readonly retryAfterMs?: number
  readonly method: string
  /** Path only (no query): never carries a secret. */
  readonly path: string
  /** Attempts made, including the one that failed. A POST retried after a lost response may
   *  meet the effect of its own first attempt (e.g. "already deleted"); callers can check this. */
  attempts = 1

  constructor(init: {
    status: number
    error_code: string
    message: string
    method: string
    path: string
    requestId?: string
    retryAfterMs?: number
    cause?: unknown
  }) {
    super(init.message, init.cause === undefined ? undefined : { cause: init.cause })
    this.status = init.status
    this.error_code = init.error_code
    this.requestId = init.requestId
    this.retryAfterMs = init.retryAfterMs
    this.method = init.method
    this.path = init.path
  }

  /** One line for logs and reports: "404 RESOURCE_DOES_NOT_EXIST: Job 1 does not exist (GET /api/...)" */
  describe(): string {
    const status = this.status === 0 ? 'network' : String(this.status)
    const id = this.requestId ? `, request ${this.requestId}` : ''
    return `${status} ${this.error_code}: ${this.message} (${this.method} ${this.path}${id})`
  }
}

export interface ParsedErrorBody {
  error_code: string
  message: string
  requestId?: string
  retryDelayMs?: number
}

const STATUS_CODES: Record<number, string> = {
  400: 'BAD_REQUEST',
  401: 'UNAUTHENTICATED',
  403: 'PERMISSION_DENIED',
  404: 'NOT_FOUND',
  409: 'RESOURCE_CONFLICT',
  429: 'REQUEST_LIMIT_EXCEEDED',
  499: 'CANCELLED',
  500: 'INTERNAL_ERROR',
  501: 'NOT_IMPLEMENTED',
  502: 'BAD_GATEWAY',
  503: 'TEMPORARILY_UNAVAILABLE',
  504: 'DEADLINE_EXCEEDED',
}

function codeForStatus(status: number): string {
  return STATUS_CODES[status] ?? (status >= 500 ? 'INTERNAL_ERROR' : 'UNKNOWN')
}

/** Parse every error body shape the API is known to send. Never throws. */
export function parseErrorBody(status: number, text: string): ParsedErrorBody {
  const trimmed = text.trim()
  const fallback = codeForStatus(status)
  if (trimmed === '') return { error_code: fallback, message: `HTTP ${status} with an empty body` }
  if (trimmed.startsWith('{')) {
    const parsed = parseJsonError(status, trimmed)
    if (parsed) return parsed
  }
  if (/^<(!doctype|html|head|body)/i.test(trimmed)) return parseHtmlError(status, trimmed)
  return codePrefixed(trimmed) ?? { error_code: fallback, message: truncate(trimmed) }
}

/** "CODE: message", as plain-text bodies (and some legacy and HTML ones) carry their code. */
function codePrefixed(text: string): ParsedErrorBody | undefined {
  const m = /^([A-Z][A-Z0-9_]{2,}):\s*([\s\S]*)$/.exec(text)
  return m ? { error_code: m[1], message: m[2].trim() || m[1] } : undefined
}

function parseJsonError(status: number, text: string): ParsedErrorBody | undefined {
  let body: unknown
  try {
    body = parseJson(text)
  } catch {
    return undefined
  }
  if (!isRecord(body)) return undefined
  const details = Array.isArray(body.details) ? body.details.filter(isRecord) : []
  const requestId = details.map((d) => d.request_id).find((v) => typeof v === 'string')
  const retryDelayMs = details.map((d) => parseDuration(d.retry_delay)).find((v) => v !== undefined)
  const extra = {
    ...(typeof requestId === 'string' && requestId ? { requestId } : {}),
    ...(retryDelayMs !== undefined ? { retryDelayMs } : {}),
  }
  if (typeof body.error_code === 'string' || typeof body.message === 'string') {
    const code = typeof body.error_code === 'string' ? body.error_code : codeForStatus(status)
    const message = typeof body.message === 'string' ? body.message : code
    return { error_code: code, message, ...extra }
  }
  if (Array.isArray(body.schemas) && body.schemas.some((s) => String(s).includes(':Error'))) {
    const scimStatus = Number(body.status) || status
    const detail = typeof body.detail === 'string' ? body.detail : `SCIM error ${scimStatus}`
    return { error_code: `SCIM_${scimStatus}`, message: detail, ...extra }
  }
  if (typeof body.error === 'string') {
    // Legacy shape; some put "CODE: message" inside.
    const inner = codePrefixed(body.error) ?? {
      error_code: codeForStatus(status),
      message: body.error,
    }
    return { ...inner, ...extra }
  }
  return undefined
}

function parseHtmlError(status: number, html: string): ParsedErrorBody {
  const pre = /<pre[^>]*>([\s\S]*?)<\/pre>/i.exec(html)
  const title = /<title[^>]*>([\s\S]*?)<\/title>/i.exec(html)
  const message = decodeEntities((pre ?? title)?.[1]?.trim() ?? `HTTP ${status} (HTML page)`)
  return codePrefixed(message) ?? { error_code: codeForStatus(status), message: truncate(message) }
}

function decodeEntities(s: string): string {
  return s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
}

/** google.protobuf.Duration: "1.5s" in JSON, or {seconds, nanos}. */
function parseDuration(value: unknown): number | undefined {
  if (typeof value === 'string') {
    const m = /^(\d+(?:\.\d+)?)s$/.exec(value.trim())
    return m ? Math.round(Number(m[1]) * 1000) : undefined
  }
  if (isRecord(value)) {
    const seconds = Number(value.seconds ?? 0)
    const nanos = Number(value.nanos ?? 0)
    if (Number.isFinite(seconds) && Number.isFinite(nanos)) {
      return Math.round(seconds * 1000 + nanos / 1e6)
    }
  }
  return undefined
}

/** Retry-After: delta seconds or an HTTP date. */
export function parseRetryAfter(header: string | null, now = Date.now()): number | undefined {
  if (header === null) return undefined
  const value = header.trim()
  if (/^\d+(\.\d+)?$/.test(value)) return Math.round(Number(value) * 1000)
  const date = Date.parse(value)
  if (Number.isNaN(date)) return undefined
  return Math.max(0, date - now)
}

function truncate(s: string, max = 500): string {
  return s.length > max ? `${s.slice(0, max)}…` : s
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
}

const NOT_FOUND_CODES = new Set(['RESOURCE_DOES_NOT_EXIST', 'NOT_FOUND', 'SCIM_404'])
const DOES_NOT_EXIST = /does not exist|not found|no such|doesn't exist/i

/**
 * Missing object, in both forms the API uses: 404 RESOURCE_DOES_NOT_EXIST (newer APIs) and
 * 400 INVALID_PARAMETER_VALUE "Job 42 does not exist." (jobs, clusters, runs).
 */
export function isNotFound(e: unknown): e is DatabricksError {
  if (!(e instanceof DatabricksError)) return false
  if (NOT_FOUND_CODES.has(e.error_code)) return true
  if (e.status === 404) return true
  return e.status === 400 && DOES_NOT_EXIST.test(e.message)
}

/**
 * Whether an error's message names the object `id` as a whole token (a compound id such as
 * "dashboard/schedule" is named when any of its parts is). "Cluster 0101-abc does not exist" names
 * 0101-abc but not 0101; job 42 is not named by "Cluster 0101-42-x".
 */
export function namesId(e: DatabricksError, id: string): boolean {
  return id
    .split('/')
    .filter((part) => part !== '')
    .some((part) => {
      const escaped = part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
      return new RegExp(`(^|[^\\w-])${escaped}($|[^\\w-])`).test(e.message)
    })
}

/**
 * A write's target is gone: a not-found answer (either form) whose message names the target's id,
 * or one to a GET of the target itself (its own read). Any other 4xx on a write, such as
 * jobs/update answering 400 "Cluster 0101-… does not exist." about a cluster the job names, is the
 * write failing, not the target missing (the SDKs map 400 to not-found only on the object's own
 * get: databricks-sdk-go apierr/error_overrides.go). See docs/adr/0010-write-error-classification.md.
 */
export function isTargetMissing(e: unknown, id: string): e is DatabricksError {
  if (!(e instanceof DatabricksError) || !isNotFound(e) || e.status === 403) return false
  if (e.error_code === 'ENDPOINT_NOT_FOUND' || e.error_code === 'FEATURE_DISABLED') return false
  return namesId(e, id) || (e.method === 'GET' && e.status === 404 && e.path.includes(id))
}

/**
 * The workspace does not have this API's feature (tier, region, not enabled): `FEATURE_DISABLED`
 * at any status (e.g. 404 "Model serving is not enabled for your shard…"), or 404
 * `ENDPOINT_NOT_FOUND` (the API is not served there). PERMISSION_DENIED is never this.
 */
export function isFeatureUnavailable(e: unknown): e is DatabricksError {
  if (!(e instanceof DatabricksError) || e.status === 403) return false
  if (e.error_code === 'PERMISSION_DENIED') return false
  return (
    e.error_code === 'FEATURE_DISABLED' ||
    (e.status === 404 && e.error_code === 'ENDPOINT_NOT_FOUND')
  )
}

export function isPermissionDenied(e: unknown): e is DatabricksError {
  return e instanceof DatabricksError && (e.status === 403 || e.error_code === 'PERMISSION_DENIED')
}

export function isUnauthenticated(e: unknown): e is DatabricksError {
  return e instanceof DatabricksError && (e.status === 401 || e.error_code === 'UNAUTHENTICATED')
}

export function isInvalidState(e: unknown): e is DatabricksError {
  return e instanceof DatabricksError && e.error_code === 'INVALID_STATE'
}

/** 429, or the throttling codes servers sometimes send with another status (SCIM: 500). */
export function isThrottled(e: unknown): boolean {
  if (!(e instanceof DatabricksError)) return false
  if (e.status === 429) return true
  if (e.error_code === 'REQUEST_LIMIT_EXCEEDED' || e.error_code === 'RESOURCE_EXHAUSTED') {
    // The clusters API also uses REQUEST_LIMIT_EXCEEDED for resource caps (400): not a throttle.
    return e.status >= 500
  }
  return e.status >= 500 && /REQUEST_LIMIT_EXCEEDED/.test(e.message)
}
