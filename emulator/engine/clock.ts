/**
 * The emulator's clock: real elapsed time × speed plus manual advances. Nothing runs on timers;
 * due events are processed lazily (before each request, on advance(), when state is read), so
 * tests can jump hours ahead without sleeping and without a busy loop in the background.
 */
export interface ClockEvent {
  at: number
  seq: number
  run: (at: number) => void
}

const HOUR = 3_600_000
const QUIET_OFFSET = 60_000

/**
 * A start time one minute past the latest whole hour: the generated scenarios' crons (every 5 or
 * 15 minutes, hourly, daily) are then at least 4 minutes away, and the alert and dashboard
 * schedules that wake warehouses at least 14. Tests and the demo start here so a schedule never
 * fires at a random moment of a run that compares the workspace before and after. It stays at or
 * before `now`, so tokens issued in real time are never "from the future" to the emulator.
 */
export function quietStartTime(now: number = Date.now()): number {
  const start = Math.floor(now / HOUR) * HOUR + QUIET_OFFSET
  return start <= now ? start : start - HOUR
}

export class EmulatorClock {
  private base: number
  private realStart: number
  private manual = 0
  private speed: number
  /** While an event runs, "now" is its due time so objects it creates carry that timestamp. */
  private eventTime: number | undefined
  private heap: ClockEvent[] = []
  private seq = 0
  private ticking = false
  /** Called after each event with its due time (the ARM double follows compute changes here). */
  afterEvent?: (at: number) => void

  /**
   * @param realNow the real-time source (ms, monotonic): `performance.now` in use; tests of the
   *   speed factor pass their own so they never depend on how long a real pause lasts.
   */
  constructor(
    startTime: number,
    speed: number,
    private readonly realNow: () => number = () => performance.now(),
  ) {
    this.base = startTime
    this.speed = speed
    this.realStart = realNow()
  }

  now(): number {
    if (this.eventTime !== undefined) return this.eventTime
    return this.wallNow()
  }

  /** The clock's present, ignoring an event being processed. */
  wallNow(): number {
    return Math.floor(this.base + (this.realNow() - this.realStart) * this.speed + this.manual)
  }

  setSpeed(speed: number): void {
    this.base = this.wallNow() - this.manual
    this.realStart = this.realNow()
    this.speed = speed
  }

  advance(ms: number): void {
    if (!(ms >= 0)) throw new Error('advance(ms) needs a non-negative number')
    this.manual += ms
    this.tick()
  }

  at(time: number, run: (at: number) => void): void {
    this.push({ at: time, seq: this.seq++, run })
  }

  after(ms: number, run: (at: number) => void): void {
    this.at(this.now() + ms, run)
  }

  tick(): void {
    if (this.ticking) return
    this.ticking = true
    try {
      const now = this.wallNow()
      for (;;) {
        const next = this.heap[0]
        if (!next || next.at > now) break
        this.pop()
        this.eventTime = next.at
        try {
          next.run(next.at)
          this.afterEvent?.(next.at)
        } finally {
          this.eventTime = undefined
        }
      }
    } finally {
      this.ticking = false
    }
  }

  private push(ev: ClockEvent): void {
    const h = this.heap
    h.push(ev)
    let i = h.length - 1
    while (i > 0) {
      const p = (i - 1) >> 1
      if (!before(h[i], h[p])) break
      ;[h[i], h[p]] = [h[p], h[i]]
      i = p
    }
  }

  private pop(): void {
    const h = this.heap
    const last = h.pop()!
    if (h.length === 0) return
    h[0] = last
    let i = 0
    for (;;) {
      const l = 2 * i + 1
      const r = l + 1
      let m = i
      if (l < h.length && before(h[l], h[m])) m = l
      if (r < h.length && before(h[r], h[m])) m = r
      if (m === i) break
      ;[h[i], h[m]] = [h[m], h[i]]
      i = m
    }
  }
}

function before(a: ClockEvent, b: ClockEvent): boolean {
  return a.at < b.at || (a.at === b.at && a.seq < b.seq)
}
