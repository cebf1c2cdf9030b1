/**
 * How the engine talks to a person. The Action maps this to @actions/core (annotations, groups),
 * the CLI to stderr. Messages must never contain a token.
 */
export interface Logger {
  info(message: string): void
  warning(message: string, title?: string): void
  error(message: string, title?: string): void
  debug(message: string): void
  /** Wrap a phase (a log group in the Action, a heading on the CLI). */
  group<T>(name: string, fn: () => Promise<T>): Promise<T>
}
