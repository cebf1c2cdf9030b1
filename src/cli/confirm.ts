import type { ItemOutcome, Report } from '../report.js'
import type { CliCommand } from './args.js'

type RunCommand = Extract<CliCommand, { kind: 'run' }>

/** Only a stop or restore that changes things, on a terminal, without --yes, asks first. */
export function needsConfirmation(command: RunCommand, interactive: boolean): boolean {
  const { mode, dryRun } = command.settings
  return interactive && !command.yes && !dryRun && (mode === 'stop' || mode === 'restore')
}

/**
 * What the question shows: the target (and where its URL came from, so a stale DATABRICKS_HOST
 * or profile is visible), the workspace id and caller the server confirmed, and the plan's counts
 * from a dry run of the same command.
 */
export function confirmationText(command: RunCommand, preview: Report): string {
  const { url, source } = command.target
  const caller = preview.caller
    ? `${preview.caller.userName} (id ${preview.caller.id})`
    : 'unknown (the server did not say)'
  const counts = (Object.entries(preview.counts) as [ItemOutcome, number][])
    .filter(([, n]) => n > 0)
    .map(([outcome, n]) => `${n} ${outcome.replace(/_/g, ' ')}`)
  return [
    '',
    `About to ${preview.mode} workspace ${preview.workspaceId}`,
    `  URL:    ${url} (from ${source})`,
    `  caller: ${caller}`,
    `  plan:   ${counts.join(', ') || 'nothing to change'}`,
    '',
  ].join('\n')
}

/** A yes, in the words people type. */
export function isYes(answer: string): boolean {
  return /^\s*y(es)?\s*$/i.test(answer)
}
