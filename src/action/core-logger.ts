import * as core from '@actions/core'
import type { Logger } from '../logger.js'

/**
 * The engine's Logger on a runner: warnings and errors become annotations, phases become log
 * groups. The runner cannot nest groups, so an inner phase is only announced inside the outer one.
 */
export class CoreLogger implements Logger {
  private depth = 0

  info(message: string): void {
    core.info(message)
  }

  warning(message: string, title?: string): void {
    core.warning(message, title ? { title } : {})
  }

  error(message: string, title?: string): void {
    core.error(message, title ? { title } : {})
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
}
