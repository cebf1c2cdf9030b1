import type { Report } from '../report.js'
import type { Settings } from '../settings.js'
import { SafetyError, UsageError } from '../errors.js'

export const EXIT_OK = 0
/** Some items failed, conflicted, were gone or did not converge; or --fail-if-active found some. */
export const EXIT_ITEMS = 1
export const EXIT_USAGE = 2
export const EXIT_SAFETY = 3

export function exitCodeForReport(report: Report, settings: Settings): number {
  if (report.exitCode !== 0) return EXIT_ITEMS
  const gate = report.mode === 'show' && settings.failIfActive
  return gate && report.counts.active > 0 ? EXIT_ITEMS : EXIT_OK
}

/**
 * Refusals carry their own code. Anything else escaped the engine's per-item reporting (an
 * unexpected bug, a network failure while listing): the run did not finish, so 1, not 0.
 */
export function exitCodeForError(error: unknown): number {
  if (error instanceof UsageError) return EXIT_USAGE
  if (error instanceof SafetyError) return EXIT_SAFETY
  // A second copy of errors.ts (e.g. a bundle loaded beside the sources) fails instanceof.
  const code = (error as { exitCode?: unknown } | null)?.exitCode
  return code === EXIT_USAGE || code === EXIT_SAFETY ? code : EXIT_ITEMS
}
