import { UsageError } from '../errors.js'

/** `24h` (also `90m`, `2d`, `3600s`, or plain hours) → hours; `label` names the flag or input. */
export function parseHours(label: string, value: string): number {
  const m = /^\s*(\d+(?:\.\d+)?)\s*([smhd]?)\s*$/i.exec(value)
  const unit: Record<string, number> = { s: 1 / 3600, m: 1 / 60, h: 1, d: 24, '': 1 }
  if (!m || Number(m[1]) <= 0) {
    throw new UsageError(`${label}: '${value}' is not a duration (e.g. 24h, 90m, 2d).`)
  }
  return Number(m[1]) * unit[m[2].toLowerCase()]
}
