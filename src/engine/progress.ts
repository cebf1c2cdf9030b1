import type { Logger } from '../logger.js'
import type { Clock as PacingClock } from '../util/clock.js'

/** Where "now" comes from: the system clock in production, the emulator's clock in tests. */
export type Clock = Pick<PacingClock, 'now'>

/** A progress line at least this often (by the clock) while a phase runs. */
export const PROGRESS_INTERVAL_MS = 5_000
/**
 * How often (real time) a phase with nothing finishing checks whether a line is due: a fraction of
 * the interval, so a stalled phase still says where it is. Lines are printed from 4/5 of the
 * interval on, so the next check always comes before the interval has passed.
 */
const CHECK_MS = 250
const DUE_FRACTION = 0.8

interface Track {
  done: number
  total: number
  /** Clock time of the first item started (ETA is measured from here). */
  startedAt: number
}

/**
 * Progress of one phase (list, halt, sweep, wait, restore, verify): `N/total` over the whole
 * phase, per kind, and an ETA. The ETA of a phase is its slowest kind's: kinds run side by side in
 * their own rate classes, so the phase ends when the last of them does. Lines go through the
 * logger, so they sit inside the phase's log group (Action) or under its heading (CLI, stderr).
 */
export class Progress {
  private readonly tracks = new Map<string, Track>()
  private lastLine: number
  private readonly timer: NodeJS.Timeout

  constructor(
    private readonly logger: Logger,
    private readonly clock: Clock,
    private readonly phase: string,
    private readonly intervalMs = PROGRESS_INTERVAL_MS,
  ) {
    this.lastLine = clock.now()
    this.timer = setInterval(() => this.maybeLine(), CHECK_MS)
    this.timer.unref()
  }

  /** `n` more items of `kind` to do (a kind may grow: runs fired since the listing). */
  add(kind: string, n: number): void {
    const track = this.tracks.get(kind) ?? { done: 0, total: 0, startedAt: this.clock.now() }
    track.total += n
    this.tracks.set(kind, track)
  }

  /** Restart a kind's ETA clock: its work starts now (it waited for the kinds that start it). */
  start(kind: string): void {
    const track = this.tracks.get(kind)
    if (track && track.done === 0) track.startedAt = this.clock.now()
  }

  /** Polling phases (wait, verify): `done` of `total` items of `kind` are there now. */
  set(kind: string, done: number, total: number): void {
    const track = this.tracks.get(kind) ?? { done: 0, total: 0, startedAt: this.clock.now() }
    track.total = Math.max(track.total, total)
    track.done = Math.min(track.total, done)
    this.tracks.set(kind, track)
    this.maybeLine()
  }

  /** One item of `kind` has an outcome. */
  tick(kind: string): void {
    const track = this.tracks.get(kind)
    if (track) track.done++
    this.maybeLine()
  }

  /** The phase is over: stop the timer and print where it ended. */
  end(): void {
    clearInterval(this.timer)
    if (this.total().total > 0) this.logger.info(this.line())
  }

  /** The line a face prints now, e.g. "Halt: 812/2040, ETA 1 min 4 s (permission_assignments 400/1673, …)". */
  line(): string {
    const { done, total } = this.total()
    const kinds = [...this.tracks]
      .filter(([, t]) => t.total > 0)
      .map(([kind, t]) => `${kind} ${t.done}/${t.total}`)
    const eta = done >= total ? 'done' : `ETA ${this.eta()}`
    return `${this.phase}: ${done}/${total}, ${eta} (${kinds.join(', ')})`
  }

  private maybeLine(): void {
    const now = this.clock.now()
    if (now - this.lastLine < this.intervalMs * DUE_FRACTION) return
    const { done, total } = this.total()
    if (total === 0 || done >= total) return
    this.lastLine = now
    this.logger.info(this.line())
  }

  private total(): { done: number; total: number } {
    let done = 0
    let total = 0
    for (const t of this.tracks.values()) {
      done += t.done
      total += t.total
    }
    return { done, total }
  }

  /** The slowest kind's remaining time at its own pace so far; "estimating" before any pace. */
  private eta(): string {
    const now = this.clock.now()
    let worst: number | undefined
    for (const t of this.tracks.values()) {
      const left = t.total - t.done
      // A kind that has not finished an item yet (or still waits for its starters) has no pace.
      if (left <= 0 || t.done === 0) continue
      const perItem = Math.max(0, now - t.startedAt) / t.done
      worst = Math.max(worst ?? 0, left * perItem)
    }
    return worst === undefined ? 'estimating' : formatDuration(worst)
  }
}

/** "45 s", "3 min 20 s", "1 h 5 min". */
export function formatDuration(ms: number): string {
  const s = Math.ceil(ms / 1000)
  if (s < 60) return `${s} s`
  const m = Math.floor(s / 60)
  if (m < 60) return `${m} min ${s % 60} s`
  return `${Math.floor(m / 60)} h ${m % 60} min`
}

/** Run a phase with its progress reporter, which always stops with it. */
export async function withProgress<T>(
  logger: Logger,
  clock: Clock,
  phase: string,
  fn: (progress: Progress) => Promise<T>,
): Promise<T> {
  const progress = new Progress(logger, clock, phase)
  try {
    return await fn(progress)
  } finally {
    progress.end()
  }
}
