import type { Report } from '../report.js'

export const EXIT_OK = 0
/** Some items failed, conflicted, were gone or did not converge; or --fail-if-active found some. */
export const EXIT_ITEMS = 1
export const EXIT_USAGE = 2
export const EXIT_SAFETY = 3

/** The engine already folded every reason to fail (items, `--fail-if-active`) into the report. */
export function exitCodeForReport(report: Report): number {
  return report.exitCode === 0 ? EXIT_OK : EXIT_ITEMS
}

/**
 * Refusals carry their own code. Anything else escaped the engine's per-item reporting (an
 * unexpected bug, a network failure while listing): the run did not finish, so 1, not 0.
 */
export function exitCodeForError(error: unknown): number {
  // UsageError and SafetyError carry their code. Read the field rather than instanceof: a second
  // copy of errors.ts (a bundle loaded beside the sources) fails instanceof.
  const code = (error as { exitCode?: unknown } | null)?.exitCode
  return code === EXIT_USAGE || code === EXIT_SAFETY ? code : EXIT_ITEMS
}
