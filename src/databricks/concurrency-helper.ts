import { systemClock, type Clock } from '../util/clock.js'
import { RATE_CLASSES, type RateClass } from './rate-class.js'

/**
 * Adaptive per-class limiting (see docs/adr/0003-client-concurrency.md).
 *
 * Every HTTP attempt takes a lease from its class's limiter, so the limiter itself is the bound
 * on fan-out: callers may Promise.all over thousands of items and at most `ceiling` requests of a
 * class are in flight. Two knobs adapt to 429s (AIMD, as TCP does):
 *  - a start rate: unknown (unpaced) until the first throttle, then set from the successes of the
 *    last second; each later throttle cuts it by a fifth, and while requests queue it probes up by
 *    2% a second. A token bucket with burst ≥ rate refills during the Retry-After pause, and the
 *    probe spends those tokens later, so the sawtooth loses little of the server's rate;
 *  - a concurrency window: starts at 4 and grows by one per success (slow start) until the first
 *    throttle; then halved on a throttle (never below what the rate needs at the observed
 *    latency) and grown by one per window of successes; never above the ceiling.
 * A throttle also pauses the whole class for the server's Retry-After window.
 */

export interface ClassStats {
  /** Attempts started (first tries and retries). */
  requests: number
  /** Attempts that were retries. */
  retries: number
  /** 429s (or throttling errors) met. */
  throttled: number
  inFlight: number
  peakInFlight: number
  /** Current concurrency window. */
  concurrency: number
  /** Learnt start rate in requests per second; null until the first throttle. */
  ratePerSecond: number | null
}

export interface Lease {
  /** Call exactly once when the attempt has an outcome. */
  release(outcome: 'ok' | 'throttled' | 'error', retryAfterMs?: number): void
}

export interface LimiterOptions {
  /** Hard ceiling on requests in flight for this class. */
  ceiling: number
  /** Pauses and pacing run on it. Default: the system clock. */
  clock?: Clock
}

/** Traffic needed after resuming from a throttle before another one counts (one decrease). */
const MIN_GAP_MS = 1000
/** Lowest start rate the limiter falls to (requests per second). */
const MIN_RATE = 1
/** Pause for a throttle that came without Retry-After, in ms. */
const DEFAULT_PAUSE_MS = 1000
const DECREASE = 0.8
/** Start small: a first burst of `ceiling` requests into an empty bucket is a 429 storm. */
const INITIAL_WINDOW = 4
/** Successes in the last second enough to learn a first rate before a second has passed. */
const FIRST_ESTIMATE_MIN = 8
const PROBE_PER_SECOND = 0.02
const MIN_PROBE_PER_SECOND = 0.05

export class ClassLimiter {
  readonly ceiling: number
  private window: number
  private rate = Infinity
  private nextStartAt = 0
  private pausedUntil = 0
  private inFlight = 0
  private readonly waiting: Array<() => void> = []
  private waking = false
  private readonly clock: Clock
  private lastEventAt: number | undefined
  private firstStartAt: number | undefined
  private recentSuccesses: number[] = []
  private lastProbeAt = 0
  /** When the class resumed after the last throttle, and the successes of requests sent since. */
  private resumedAt: number | undefined
  private servedSinceResume = 0
  private latencyMs = 0
  private readonly counters = { requests: 0, retries: 0, throttled: 0, peakInFlight: 0 }

  constructor(options: LimiterOptions) {
    this.ceiling = Math.max(1, Math.floor(options.ceiling))
    this.window = Math.min(this.ceiling, INITIAL_WINDOW)
    this.clock = options.clock ?? systemClock
  }

  acquire(isRetry = false): Promise<Lease> {
    return new Promise((resolve) => {
      const start = (): void => {
        this.counters.requests++
        if (isRetry) this.counters.retries++
        resolve(this.lease())
      }
      // A retry goes first: it has waited its turn once already.
      if (isRetry) this.waiting.unshift(start)
      else this.waiting.push(start)
      this.pump()
    })
  }

  stats(): ClassStats {
    return {
      ...this.counters,
      inFlight: this.inFlight,
      concurrency: Math.floor(this.window),
      ratePerSecond: Number.isFinite(this.rate) ? Math.round(this.rate * 100) / 100 : null,
    }
  }

  private lease(): Lease {
    const startedAt = this.clock.now()
    this.firstStartAt ??= startedAt
    let released = false
    return {
      release: (outcome, retryAfterMs) => {
        if (released) return
        released = true
        this.inFlight--
        if (outcome === 'ok') this.onSuccess(startedAt)
        if (outcome === 'throttled') this.onThrottle(startedAt, retryAfterMs)
        this.pump()
      },
    }
  }

  private pump(): void {
    while (this.waiting.length > 0 && this.inFlight < Math.floor(this.window)) {
      const now = this.clock.now()
      const readyAt = Math.max(this.pausedUntil, this.nextStartAt)
      if (readyAt > now) return this.wakeAt(readyAt - now)
      const start = this.waiting.shift()!
      this.inFlight++
      this.counters.peakInFlight = Math.max(this.counters.peakInFlight, this.inFlight)
      if (Number.isFinite(this.rate)) {
        // Never bank unused time: after a pause or an idle spell, pace from now.
        this.nextStartAt = Math.max(this.nextStartAt, now) + 1000 / this.rate
      }
      start()
    }
  }

  private wakeAt(delayMs: number): void {
    if (this.waking) return
    this.waking = true
    void this.clock.sleep(Math.max(1, Math.ceil(delayMs))).then(() => {
      this.waking = false
      this.pump()
    })
  }

  private onSuccess(startedAt: number): void {
    const now = this.clock.now()
    this.latencyMs =
      this.latencyMs === 0 ? now - startedAt : this.latencyMs * 0.9 + (now - startedAt) * 0.1
    this.recentSuccesses.push(now)
    if (this.resumedAt !== undefined && startedAt >= this.resumedAt) this.servedSinceResume++
    if (this.recentSuccesses.length > 4096) this.recentSuccesses = this.recentSuccesses.slice(-2048)
    // Slow start (one more slot per success) until the first throttle, then one per window.
    const step = this.lastEventAt === undefined ? 1 : 1 / Math.max(1, this.window)
    this.window = Math.min(this.ceiling, this.window + step)
    this.probe(now)
  }

  /** Additive increase, only while demand is waiting on the pace (an idle class learns nothing). */
  private probe(now: number): void {
    if (!Number.isFinite(this.rate)) return
    const seconds = Math.min(1, (now - this.lastProbeAt) / 1000)
    this.lastProbeAt = now
    if (this.waiting.length === 0 || now < this.pausedUntil) return
    this.rate += Math.max(MIN_PROBE_PER_SECOND, this.rate * PROBE_PER_SECOND) * seconds
  }

  private onThrottle(startedAt: number, retryAfterMs: number | undefined): void {
    const now = this.clock.now()
    this.counters.throttled++
    this.pausedUntil = Math.max(this.pausedUntil, now + (retryAfterMs ?? DEFAULT_PAUSE_MS))
    // Requests already in flight when we last slowed down say nothing new about the limit, and
    // a throttle needs a second of traffic at the new pace before it says anything about that.
    const last = this.lastEventAt
    const resumed = this.resumedAt ?? last
    if (last !== undefined && (startedAt < last || now - resumed! < MIN_GAP_MS)) return
    this.rate = this.decreasedRate(now)
    const needed = Number.isFinite(this.rate)
      ? Math.ceil((this.rate * this.latencyMs) / 1000) + 1
      : 1
    this.window = Math.min(this.ceiling, Math.max(1, needed, this.window / 2))
    this.lastEventAt = now
    this.lastProbeAt = now
    this.resumedAt = this.pausedUntil
    this.servedSinceResume = 0
  }

  private decreasedRate(now: number): number {
    if (Number.isFinite(this.rate)) {
      // What the server served since we resumed is a floor for the cut: a token bucket serves
      // its rate (plus the burst it refilled during the pause), and a server that only throttles
      // now and then (random 429s) served nearly everything, so the pace must not collapse.
      const seconds = this.resumedAt === undefined ? 0 : (now - this.resumedAt) / 1000
      const served = seconds > 0 ? Math.min(this.rate, this.servedSinceResume / seconds) : 0
      return Math.max(MIN_RATE, this.rate * DECREASE, served)
    }
    // First throttle: we were unpaced. What the server let through in the last second is its
    // rate plus whatever of its burst was left: a fair first guess that later throttles correct.
    // A handful of answers in the first moments (a throttle storm at the start, someone else
    // emptying the bucket) says nothing yet: pause, and stay unpaced.
    const count = this.recentSuccesses.filter((t) => t >= now - 1000).length
    const sending = now - (this.firstStartAt ?? now)
    if (count >= FIRST_ESTIMATE_MIN || (sending >= 1000 && count >= 2)) {
      return Math.max(MIN_RATE, count)
    }
    return Infinity
  }
}

/** One limiter per rate class. */
export class RateLimiters {
  private readonly limiters = new Map<RateClass, ClassLimiter>()

  constructor(private readonly options: LimiterOptions) {}

  for(rateClass: RateClass): ClassLimiter {
    let limiter = this.limiters.get(rateClass)
    if (!limiter) {
      limiter = new ClassLimiter(this.options)
      this.limiters.set(rateClass, limiter)
    }
    return limiter
  }

  stats(): Partial<Record<RateClass, ClassStats>> {
    const out: Partial<Record<RateClass, ClassStats>> = {}
    for (const rateClass of RATE_CLASSES) {
      const limiter = this.limiters.get(rateClass)
      if (limiter) out[rateClass] = limiter.stats()
    }
    return out
  }
}
