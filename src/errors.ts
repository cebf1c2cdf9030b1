/** Errors the faces (CLI, Action) turn into exit codes. Both are thrown before any change. */

/** Bad usage or input: unknown flag, missing id, corrupt snapshot. Exit code 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError'
  readonly exitCode = 2
}

/** A safety guard refused: caller would be locked out, snapshot of another workspace. Exit code 3. */
export class SafetyError extends Error {
  override readonly name = 'SafetyError'
  readonly exitCode = 3
}

/** The message of anything thrown, for a log or report line (a DatabricksError describes itself). */
export function errorText(e: unknown): string {
  if (e && typeof e === 'object' && 'describe' in e && typeof e.describe === 'function') {
    return String(e.describe())
  }
  return e instanceof Error ? e.message : String(e)
}
