import type { Logger } from '../src/logger.js'

/**
 * A Logger that records lines, for in-process tests of code that logs. With `stamp` (e.g. the
 * emulator's clock) each line also gets the time it was written, in `times`.
 */
export class MemoryLogger implements Logger {
  readonly lines: string[] = []
  readonly times: number[] = []

  constructor(private readonly stamp?: () => number) {}

  info(message: string): void {
    this.push(`info: ${message}`)
  }
  warning(message: string): void {
    this.push(`warning: ${message}`)
  }
  error(message: string): void {
    this.push(`error: ${message}`)
  }
  debug(message: string): void {
    this.push(`debug: ${message}`)
  }
  async group<T>(name: string, fn: () => Promise<T>): Promise<T> {
    this.push(`group: ${name}`)
    try {
      return await fn()
    } finally {
      this.push(`endgroup: ${name}`)
    }
  }
  private push(line: string): void {
    this.lines.push(line)
    this.times.push(this.stamp?.() ?? 0)
  }
}
