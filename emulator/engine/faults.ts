/** Injected failures: fail-this-path rules and seeded random 503s / resets / 429s. */
import { parseJson } from '../../src/databricks/json.js'
import type { FaultRule, RandomFaultKind, RandomFaults } from '../types.js'
import { Rng } from './random.js'

export type FaultAction =
  | { kind: 'reset' }
  | { kind: 'error'; status: number; errorCode: string; message: string; retryAfter?: number }

interface LiveRule {
  rule: FaultRule
  seen: number
  fired: number
}

export class Faults {
  private rules: LiveRule[] = []
  private random: { rate: number; kinds: RandomFaultKind[]; rng: Rng } | undefined

  add(rule: FaultRule): void {
    this.rules.push({ rule, seen: 0, fired: 0 })
  }

  randomFaults(options: RandomFaults): void {
    const kinds = options.kinds?.length ? options.kinds : (['503', 'reset'] as RandomFaultKind[])
    this.random = { rate: options.rate, kinds, rng: new Rng(options.seed ?? 1) }
  }

  clear(): void {
    this.rules = []
    this.random = undefined
  }

  /** Decide whether this request fails, and how. */
  check(
    method: string,
    path: string,
    request: { query?: URLSearchParams; rawBody?: string } = {},
  ): FaultAction | undefined {
    for (const live of this.rules) {
      if (!matches(live.rule, method, path)) continue
      if (live.rule.match && !matchesFields(live.rule.match, request)) continue
      live.seen++
      if (live.seen <= (live.rule.after ?? 0)) continue
      if (live.rule.times !== undefined && live.fired >= live.rule.times) continue
      live.fired++
      return fromRule(live.rule)
    }
    return this.randomAction()
  }

  private randomAction(): FaultAction | undefined {
    const r = this.random
    if (!r || !r.rng.chance(r.rate)) return undefined
    const kind = r.rng.pick(r.kinds)
    if (kind === 'reset') return { kind: 'reset' }
    if (kind === '429') {
      return {
        kind: 'error',
        status: 429,
        errorCode: 'REQUEST_LIMIT_EXCEEDED',
        message: 'Injected: too many requests.',
        retryAfter: 1,
      }
    }
    return {
      kind: 'error',
      status: 503,
      errorCode: 'TEMPORARILY_UNAVAILABLE',
      message: 'Injected: the service is temporarily unavailable.',
    }
  }
}

function matches(rule: FaultRule, method: string, path: string): boolean {
  if (rule.method && rule.method.toUpperCase() !== method) return false
  return typeof rule.path === 'string' ? rule.path === path : rule.path.test(path)
}

/** Every field of `match` equals (as a string) the body's top-level value or the query's. */
function matchesFields(
  match: Record<string, string | number | boolean>,
  request: { query?: URLSearchParams; rawBody?: string },
): boolean {
  let body: Record<string, unknown> = {}
  try {
    const parsed = request.rawBody ? parseJson(request.rawBody) : undefined
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) {
      body = parsed as Record<string, unknown>
    }
  } catch {
    // Not JSON: only the query can match.
  }
  return Object.entries(match).every(([key, want]) => {
    const got = key in body ? body[key] : (request.query?.get(key) ?? undefined)
    return got !== undefined && got !== null && String(got) === String(want)
  })
}

function fromRule(rule: FaultRule): FaultAction {
  if (rule.reset) return { kind: 'reset' }
  const status = rule.status ?? 503
  return {
    kind: 'error',
    status,
    errorCode: rule.errorCode ?? defaultCode(status),
    message: rule.message ?? `Injected fault (${status}).`,
    retryAfter: rule.retryAfterSeconds,
  }
}

function defaultCode(status: number): string {
  const codes: Record<number, string> = {
    400: 'INVALID_PARAMETER_VALUE',
    401: 'UNAUTHENTICATED',
    403: 'PERMISSION_DENIED',
    404: 'RESOURCE_DOES_NOT_EXIST',
    409: 'RESOURCE_CONFLICT',
    429: 'REQUEST_LIMIT_EXCEEDED',
    500: 'INTERNAL_ERROR',
    503: 'TEMPORARILY_UNAVAILABLE',
    504: 'DEADLINE_EXCEEDED',
  }
  return codes[status] ?? 'UNKNOWN'
}
