import type { Settings } from './settings.js'

/**
 * One vocabulary, two faces: what the CLI calls `--keep` the Action calls `keep-principals`. A
 * message that tells the person what to do next names the option as the face they use names it,
 * so the Action's job summary and annotations never say `--force` and the CLI never says
 * `force: true`. Settings carries the face (absent: the CLI).
 */
export type Face = 'cli' | 'action'

/** Settings key → the Action's input (also how the Action names a settings error). */
export const ACTION_INPUTS: Partial<Record<keyof Settings, string>> = {
  mode: 'mode',
  workspaceUrl: 'workspace-url',
  workspaceId: 'workspace-id',
  accountId: 'account-id',
  accountHost: 'account-host',
  keep: 'keep-principals',
  unkeep: 'unkeep-principals',
  only: 'resources',
  dryRun: 'dry-run',
  force: 'force',
  restartCompute: 'restart-compute',
  waitMinutes: 'wait-minutes',
  maxConcurrency: 'max-concurrency',
  snapshot: 'restore-from',
  azureWorkspaceResourceId: 'azure-workspace-resource-id',
  checkSubnets: 'check-subnets',
  verifyRanges: 'verify-ranges',
  plan: 'plan',
  planMaxAgeHours: 'plan-max-age',
  onDrift: 'on-drift',
  allowHosts: 'allowed-hosts',
  ignoreOpenSnapshot: 'ignore-open-snapshot',
  auth: 'auth',
}

/** Settings key → the CLI's flag. */
const CLI_FLAGS: Partial<Record<keyof Settings, string>> = {
  accountId: '--account-id',
  keep: '--keep',
  unkeep: '--unkeep',
  only: '--only',
  skip: '--skip',
  dryRun: '--dry-run',
  force: '--force',
  restartCompute: '--restart-compute',
  waitMinutes: '--wait',
  snapshot: '--snapshot',
  azureWorkspaceResourceId: '--azure-workspace-resource-id',
  checkSubnets: '--check-subnets',
  verifyRanges: '--verify-ranges',
  plan: '--plan',
  planOut: '--plan-out',
  planMaxAgeHours: '--plan-max-age',
  onDrift: '--on-drift',
  ignoreOpenSnapshot: '--ignore-open-snapshot',
  auth: '--auth',
}

export type OptionKey = keyof typeof CLI_FLAGS & keyof Settings

/**
 * An option as the face names it: `--force` / `force: true`, `--keep ops` / `keep-principals: ops`.
 * An option only the CLI has (`--plan-out`, `--skip`) keeps its CLI name.
 */
export function option(face: Face | undefined, key: OptionKey, value?: string): string {
  const input = ACTION_INPUTS[key]
  if (face === 'action' && input) return `${input}: ${value ?? 'true'}`
  const flag = CLI_FLAGS[key] ?? key
  return value === undefined ? flag : `${flag} ${value}`
}

/** An option's bare name: `--keep` / `keep-principals`. */
export function optionName(face: Face | undefined, key: OptionKey): string {
  const input = ACTION_INPUTS[key]
  return face === 'action' && input ? input : (CLI_FLAGS[key] ?? key)
}

/** How to run without a resource kind: `--skip KIND` / leaving it out of the resources input. */
export function skipKind(face: Face | undefined, kind: string): string {
  return face === 'action' ? `leave ${kind} out of the resources input` : `--skip ${kind}`
}

/** How to make a new saved plan: a dry run with --plan-out / the workflow's plan job. */
export function newPlan(face: Face | undefined): string {
  return face === 'action'
    ? 'run the workflow again, so its plan job (dry-run: true) makes a new plan for approval'
    : 'make a new plan with --plan-out'
}

/** A run to start next: `restore --force` / `mode: restore with force: true`. */
export function command(face: Face | undefined, mode: Settings['mode'], ...options: string[]) {
  if (face === 'action')
    return `mode: ${mode}${options.length ? ` with ${options.join(', ')}` : ''}`
  return [mode, ...options].join(' ')
}
