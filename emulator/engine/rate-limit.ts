/**
 * Token buckets per endpoint class and target (account or workspace). Refill is continuous, so a
 * client that waits the advised delay gets the bucket's full rate; burst ≥ perSecond keeps a
 * client that honours the integer `Retry-After: 1` within reach of that rate too.
 */
import type { RateClass, RateLimitOption, RateSpec } from '../types.js'

const rate = (perSecond: number): RateSpec => ({ perSecond, burst: perSecond })

/** Defaults modelled on Databricks' published figures (see emulator/README.md). */
export const DEFAULT_RATE_LIMITS: Record<RateClass, RateSpec> = {
  account_read: rate(20),
  account_write: rate(5),
  scim: rate(20),
  jobs_read: rate(30),
  jobs_write: rate(20),
  runs: rate(100),
  clusters: rate(30),
  warehouses: rate(30),
  pools: rate(30),
  pipelines: rate(30),
  apps: rate(10),
  other: rate(30),
}

interface Bucket {
  tokens: number
  updated: number
}

export class RateLimiter {
  private specs: Partial<Record<RateClass, RateSpec>> = {}
  private buckets = new Map<string, Bucket>()

  /** `now` is real time in ms; injectable so the bucket arithmetic can be checked without sleeping. */
  constructor(
    option: RateLimitOption = 'default',
    private readonly nowMs: () => number = () => performance.now(),
  ) {
    this.configure(option)
  }

  configure(option: RateLimitOption): void {
    this.buckets.clear()
    if (option === 'off') this.specs = {}
    else if (option === 'default') this.specs = { ...DEFAULT_RATE_LIMITS }
    else this.specs = { ...DEFAULT_RATE_LIMITS, ...option }
  }

  current(): Partial<Record<RateClass, RateSpec>> {
    return { ...this.specs }
  }

  /** Take a token; returns 0 when allowed, else the seconds until one is available. */
  take(rateClass: RateClass, target: string): number {
    const spec = this.specs[rateClass]
    if (!spec || !(spec.perSecond > 0)) return 0
    // Never below one second's worth: a client waiting the integer Retry-After keeps the rate.
    const burst = Math.max(1, spec.perSecond, spec.burst ?? 0)
    const key = `${target}/${rateClass}`
    // Real time: throttling protects the real service's capacity, independent of the emulator clock.
    const now = this.nowMs()
    const b = this.buckets.get(key) ?? { tokens: burst, updated: now }
    b.tokens = Math.min(burst, b.tokens + ((now - b.updated) / 1000) * spec.perSecond)
    b.updated = now
    this.buckets.set(key, b)
    if (b.tokens >= 1) {
      b.tokens -= 1
      return 0
    }
    return (1 - b.tokens) / spec.perSecond
  }
}
