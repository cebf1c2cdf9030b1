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
