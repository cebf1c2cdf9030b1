import * as core from '@actions/core'
import type { Logger } from '../logger.js'

/** Annotations shown per kind of message (its title, or its level when it has none). */
export const ANNOTATION_LIMIT = 10

/**
 * The engine's Logger on a runner: warnings and errors become annotations, phases become log
 * groups. The runner cannot nest groups, so an inner phase is only announced inside the outer one.
 *
 * The run page shows only the first few annotations of a step, and a thousand failed writes would
 * bury the one that matters: each kind of message gets ANNOTATION_LIMIT annotations, the rest go
 * to the log as plain lines, and `flush` ends each capped kind with one "and N more" annotation.
 * The job summary lists them all.
 */
export class CoreLogger implements Logger {
  private depth = 0
  private readonly shown = new Map<string, number>()
  private readonly held = new Map<
    string,
    { level: 'warning' | 'error'; title?: string; n: number }
  >()

  info(message: string): void {
    core.info(message)
  }

  warning(message: string, title?: string): void {
    this.annotate('warning', message, title)
  }

  error(message: string, title?: string): void {
    this.annotate('error', message, title)
  }

  debug(message: string): void {
    core.debug(message)
  }

  async group<T>(name: string, fn: () => Promise<T>): Promise<T> {
    if (this.depth > 0) {
      core.info(`— ${name}`)
      return fn()
    }
    this.depth++
    try {
      return await core.group(name, fn)
    } finally {
      this.depth--
    }
  }

  /** One "and N more" annotation per kind of message that went over the limit. */
  flush(): void {
    for (const { level, title, n } of this.held.values()) {
      const note = `… and ${n} more — see the job summary.`
      if (level === 'error') core.error(note, title ? { title } : {})
      else core.warning(note, title ? { title } : {})
    }
    this.held.clear()
  }

  private annotate(level: 'warning' | 'error', message: string, title?: string): void {
    const key = `${level}\u0000${title ?? ''}`
    const shown = this.shown.get(key) ?? 0
    if (shown < ANNOTATION_LIMIT) {
      this.shown.set(key, shown + 1)
      if (level === 'error') core.error(message, title ? { title } : {})
      else core.warning(message, title ? { title } : {})
      return
    }
    // Over the limit: still in the log, as a plain line.
    core.info(`${level}${title ? ` (${title})` : ''}: ${message}`)
    const held = this.held.get(key) ?? { level, ...(title ? { title } : {}), n: 0 }
    held.n++
    this.held.set(key, held)
  }
}
