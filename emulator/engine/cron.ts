/**
 * A small Quartz cron parser: `sec min hour day-of-month month day-of-week [year]` with
 * `* ? , - /` and month/day names. `L`, `W` and `#` are rejected (the emulator's scenarios do not
 * use them). Day-of-month and day-of-week must both match; `?` means "any".
 */
const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC']
const DAYS = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT']

export interface Cron {
  seconds: number[]
  minutes: number[]
  hours: number[]
  dom: Set<number>
  months: Set<number>
  /** Quartz numbering: 1 = Sunday … 7 = Saturday. */
  dow: Set<number>
  years?: Set<number>
}

export class CronError extends Error {}

function names(token: string, list: string[] | undefined, offset: number): string {
  if (!list) return token
  return token.replace(/[A-Z]{3}/gi, (n) => {
    const i = list.indexOf(n.toUpperCase())
    if (i < 0) throw new CronError(`Unknown name ${n}`)
    return String(i + offset)
  })
}

function field(text: string, min: number, max: number, list?: string[], offset = 0): number[] {
  const out = new Set<number>()
  for (const part of names(text, list, offset).split(',')) {
    const [range, stepText] = part.split('/')
    const step = stepText === undefined ? 1 : Number(stepText)
    let lo: number
    let hi: number
    if (range === '*' || range === '?') [lo, hi] = [min, max]
    else if (range.includes('-')) [lo, hi] = range.split('-').map(Number) as [number, number]
    else [lo, hi] = [Number(range), stepText === undefined ? Number(range) : max]
    const bad = [lo, hi, step].some((n) => !Number.isInteger(n))
    if (bad || lo < min || hi > max || lo > hi || step < 1) {
      throw new CronError(`Invalid cron field '${text}'`)
    }
    for (let v = lo; v <= hi; v += step) out.add(v)
  }
  return [...out].sort((a, b) => a - b)
}

const parsed = new Map<string, Cron>()

/** Parse (cached: scenarios share a handful of expressions across thousands of jobs). */
export function parseQuartz(expression: string): Cron {
  let cron = parsed.get(expression)
  if (!cron) parsed.set(expression, (cron = parseUncached(expression)))
  return cron
}

function parseUncached(expression: string): Cron {
  const parts = expression.trim().split(/\s+/)
  if (parts.length < 6 || parts.length > 7) {
    throw new CronError(`Invalid Quartz cron expression '${expression}'`)
  }
  if (
    /[LW#]/i.test(
      parts
        .slice(3, 6)
        .join(' ')
        .replace(/[A-Z]{3}/gi, ''),
    )
  ) {
    throw new CronError(`Unsupported Quartz cron feature in '${expression}'`)
  }
  return {
    seconds: field(parts[0], 0, 59),
    minutes: field(parts[1], 0, 59),
    hours: field(parts[2], 0, 23),
    dom: new Set(field(parts[3], 1, 31)),
    months: new Set(field(parts[4], 1, 12, MONTHS, 1)),
    dow: new Set(field(parts[5], 1, 7, DAYS, 1)),
    years: parts[6] ? new Set(field(parts[6], 1970, 2199)) : undefined,
  }
}

/** Offset (ms) of a time zone at an instant: wall clock − UTC. */
const offsets = new Map<string, number>()
const QUARTER = 900_000

/** Zone offsets only change on quarter-hour boundaries: cache per zone and quarter hour. */
function zoneOffset(epochMs: number, timeZone: string): number {
  if (timeZone === 'UTC' || timeZone === 'Etc/UTC') return 0
  const key = `${timeZone}@${Math.floor(epochMs / QUARTER)}`
  let offset = offsets.get(key)
  if (offset === undefined) {
    if (offsets.size > 50_000) offsets.clear()
    offsets.set(key, (offset = computeOffset(Math.floor(epochMs / QUARTER) * QUARTER, timeZone)))
  }
  return offset
}

function computeOffset(epochMs: number, timeZone: string): number {
  const p = Object.fromEntries(
    formatter(timeZone)
      .formatToParts(new Date(epochMs))
      .map((x) => [x.type, x.value]),
  )
  const wall = Date.UTC(+p.year, +p.month - 1, +p.day, +p.hour, +p.minute, +p.second)
  return wall - Math.floor(epochMs / 1000) * 1000
}

const formatters = new Map<string, Intl.DateTimeFormat>()

/** Creating a DateTimeFormat is slow; one per zone is plenty. */
function formatter(timeZone: string): Intl.DateTimeFormat {
  let fmt = formatters.get(timeZone)
  if (fmt) return fmt
  fmt = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  })
  formatters.set(timeZone, fmt)
  return fmt
}

function wallToEpoch(wall: number, timeZone: string): number {
  const guess = wall - zoneOffset(wall, timeZone)
  return wall - zoneOffset(guess, timeZone)
}

const DAY = 86_400_000

/** The first fire time strictly after `afterMs` (epoch ms), or undefined within ~5 years. */
export function nextFire(cron: Cron, afterMs: number, timeZone = 'UTC'): number | undefined {
  const startWall = afterMs + zoneOffset(afterMs, timeZone)
  let day = Math.floor(startWall / DAY) * DAY
  for (let i = 0; i < 366 * 5; i++, day += DAY) {
    const d = new Date(day)
    if (cron.years && !cron.years.has(d.getUTCFullYear())) continue
    if (!cron.months.has(d.getUTCMonth() + 1)) continue
    if (!cron.dom.has(d.getUTCDate()) || !cron.dow.has(d.getUTCDay() + 1)) continue
    for (const h of cron.hours) {
      for (const m of cron.minutes) {
        for (const s of cron.seconds) {
          const wall = day + ((h * 60 + m) * 60 + s) * 1000
          // Skip the wall times well before the start cheaply (zone lookups are slow).
          if (wall < startWall - 3 * 3_600_000) continue
          const epoch = wallToEpoch(wall, timeZone)
          if (epoch > afterMs) return epoch
        }
      }
    }
  }
  return undefined
}

export function validTimeZone(timeZone: string): boolean {
  try {
    formatter(timeZone)
    return true
  } catch {
    return false
  }
}
