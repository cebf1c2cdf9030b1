import type { Clock } from '../src/util/clock.js'

interface Sleeper {
  at: number
  seq: number
  wake: () => void
}

/**
 * A clock that moves only when a test says so: sleepers wake in order of their due time as
 * advance() passes it, and the code they resume runs before the next one wakes. Real I/O (the
 * emulator, a loopback server) still takes real time; waitFor() waits for it by condition.
 */
export class ManualClock implements Clock {
  private time: number
  private sleepers: Sleeper[] = []
  private seq = 0

  constructor(start = Date.UTC(2026, 0, 5, 9, 0, 0)) {
    this.time = start
  }

  now(): number {
    return this.time
  }

  /** How many sleepers are waiting. */
  get pending(): number {
    return this.sleepers.length
  }

  /** When the next sleeper is due, if any. */
  get nextDue(): number | undefined {
    return this.sleepers.reduce<number | undefined>(
      (t, s) => (t === undefined || s.at < t ? s.at : t),
      undefined,
    )
  }

  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    return new Promise((resolve, reject) => {
      if (signal?.aborted) return reject(signal.reason)
      const sleeper: Sleeper = { at: this.time + Math.max(0, ms), seq: this.seq++, wake: resolve }
      signal?.addEventListener(
        'abort',
        () => {
          this.sleepers = this.sleepers.filter((s) => s !== sleeper)
          reject(signal.reason)
        },
        { once: true },
      )
      this.sleepers.push(sleeper)
    })
  }

  /** Move `ms` forward, waking each sleeper due by then at its own time. */
  async advance(ms: number): Promise<void> {
    const end = this.time + ms
    for (;;) {
      const next = [...this.sleepers].sort((a, b) => a.at - b.at || a.seq - b.seq)[0]
      if (!next || next.at > end) break
      this.sleepers = this.sleepers.filter((s) => s !== next)
      this.time = Math.max(this.time, next.at)
      next.wake()
      await settle()
    }
    this.time = end
    await settle()
  }
}

/** Let resumed code run: pending promise callbacks and the macrotasks they queue. */
export async function settle(): Promise<void> {
  for (let i = 0; i < 3; i++) await new Promise((r) => setImmediate(r))
}

/** Wait, turn by turn of the event loop (not by time), until `condition` holds. */
export async function waitFor(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((r) => setImmediate(r))
}
