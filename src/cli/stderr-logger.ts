import type { Logger } from '../logger.js'

/**
 * Progress on stderr, so stdout stays the report (tables or JSON a script can pipe). Every line
 * passes through `redact`: a token registered with `addSecret` never reaches the terminal, even
 * if a lower layer puts it in an error message.
 */
export class StderrLogger implements Logger {
  private readonly secrets = new Set<string>()

  constructor(
    private readonly write: (text: string) => void,
    /** quiet (--quiet): only errors, so a failure is never silent; debug still adds its lines. */
    private readonly options: { debug?: boolean; quiet?: boolean } = {},
  ) {}

  addSecret(secret: string): void {
    // Very short strings would mask ordinary words; real tokens are long.
    if (secret.length >= 8) this.secrets.add(secret)
  }

  redact(text: string): string {
    let out = text
    for (const s of this.secrets) out = out.split(s).join('***')
    return out
  }

  info(message: string): void {
    if (!this.options.quiet) this.line(message)
  }

  /** Warnings are in the report's summary too, so --quiet leaves them there. */
  warning(message: string, title?: string): void {
    if (!this.options.quiet) this.line(`warning: ${title ? `${title}: ` : ''}${message}`)
  }

  error(message: string, title?: string): void {
    this.line(`error: ${title ? `${title}: ` : ''}${message}`)
  }

  debug(message: string): void {
    if (this.options.debug) this.line(`debug: ${message}`)
  }

  async group<T>(name: string, fn: () => Promise<T>): Promise<T> {
    if (!this.options.quiet) this.line(`== ${name}`)
    const t0 = Date.now()
    try {
      return await fn()
    } finally {
      this.debug(`${name}: ${((Date.now() - t0) / 1000).toFixed(1)} s`)
    }
  }

  private line(message: string): void {
    this.write(`${this.redact(message)}\n`)
  }
}
