import { ACTION_INPUTS } from './wording.js'
import * as core from '@actions/core'
import { z } from 'zod'
import { normalizeWorkspaceUrl } from './config.js'
import { UsageError } from './errors.js'
import { parseKinds, splitList } from './kinds.js'
import { parseHours } from './plan/max-age.js'
import { SettingsSchema, type Settings } from './settings.js'
import { SigningKeys } from './snapshot/signing.js'

/**
 * The Action's inputs as one typed object: the shared Settings the engine reads, plus what only the
 * Action needs (how to sign in, where snapshots live). Defaults are applied here too, because the
 * runner applies action.yml defaults but a local run with INPUT_* variables has none.
 */

export const ACTION_AUTH_METHODS = ['auto', 'azure-oidc', 'databricks-oidc', 'token'] as const
export type ActionAuthMethod = (typeof ACTION_AUTH_METHODS)[number]

export interface AuthInputs {
  method: ActionAuthMethod
  azureClientId?: string
  azureTenantId?: string
  azureAuthorityHost?: string
  databricksClientId?: string
  oidcAudience?: string
}

export interface ArtifactInputs {
  retentionDays: number
  /** Token for other runs' artifacts (`actions: read`); empty outside GitHub. */
  githubToken?: string
  /** `latest`, a workflow run id, an artifact id or a snapshot artifact name. */
  restoreFrom: string
  /** Refs besides the default branch whose runs' snapshots and markers are trusted. */
  trustedRefs: string[]
}

export interface ActionInputs {
  /** `snapshot-key`, masked before anything else reads it. */
  snapshotKeys?: SigningKeys
  settings: Settings
  auth: AuthInputs
  artifacts: ArtifactInputs
}

/** Settings key → input name, so a schema error names the input the user wrote. */
const INPUT_OF: Record<string, string> = ACTION_INPUTS

export function getInputs(): ActionInputs {
  const githubToken = text('github-token') ?? process.env.GITHUB_TOKEN
  if (githubToken) core.setSecret(githubToken)
  const snapshotKeys = signingKeys()
  const restoreFrom = text('restore-from') ?? 'latest'
  const auth = authInputs()
  const settings = parseSettings({
    mode: required('mode'),
    workspaceUrl: workspaceUrl(),
    workspaceId: text('workspace-id'),
    accountId: text('account-id'),
    accountHost: text('account-host'),
    keep: list('keep-principals'),
    unkeep: list('unkeep-principals'),
    only: kinds('resources'),
    dryRun: bool('dry-run', false),
    force: bool('force', false),
    restartCompute: bool('restart-compute', false),
    waitMinutes: number('wait-minutes', 0),
    failIfActive: bool('fail-if-active', false),
    failOnDrift: bool('fail-on-drift', false),
    maxConcurrency: number('max-concurrency', 16),
    snapshot: restoreFrom === 'latest' ? undefined : restoreFrom,
    ignoreOpenSnapshot: text('ignore-open-snapshot'),
    plan: text('plan'),
    planMaxAgeHours: parseHours('Input plan-max-age', text('plan-max-age') ?? '24h'),
    onDrift: text('on-drift') ?? 'include',
    auth: auth.method,
    azureWorkspaceResourceId: text('azure-workspace-resource-id'),
    checkSubnets: bool('check-subnets', false),
    verifyRanges: bool('verify-ranges', false),
    allowHosts: list('allowed-hosts'),
    face: 'action',
  })
  const retentionDays = number('retention-days', 90)
  if (retentionDays < 1) throw new UsageError('Input retention-days must be at least 1.')
  return {
    settings,
    auth,
    artifacts: { retentionDays, githubToken, restoreFrom, trustedRefs: list('trusted-refs') },
    ...(snapshotKeys ? { snapshotKeys } : {}),
  }
}

/** Masked whole and key by key before parsing, so no error or log line can show one. */
function signingKeys(): SigningKeys | undefined {
  const raw = core.getInput('snapshot-key')
  if (!raw.trim()) return undefined
  core.setSecret(raw)
  for (const key of raw.split(/[,\n]/).map((k) => k.trim())) if (key) core.setSecret(key)
  return SigningKeys.parse(raw, 'Input snapshot-key')
}

function authInputs(): AuthInputs {
  return {
    method: oneOf('auth', ACTION_AUTH_METHODS, 'auto'),
    azureClientId: text('azure-client-id'),
    azureTenantId: text('azure-tenant-id'),
    azureAuthorityHost: text('azure-authority-host'),
    databricksClientId: text('databricks-client-id'),
    oidcAudience: text('oidc-audience'),
  }
}

function parseSettings(raw: Record<string, unknown>): Settings {
  const parsed = SettingsSchema.safeParse(raw)
  if (parsed.success) return parsed.data
  const issues = parsed.error.issues.map((issue) => {
    const key = String(issue.path[0] ?? '')
    return `input ${INPUT_OF[key] ?? key}: ${issue.message}`
  })
  throw new UsageError(`Invalid inputs: ${issues.join('; ')}.`)
}

function text(name: string): string | undefined {
  return core.getInput(name) || undefined
}

function required(name: string): string {
  const value = text(name)
  if (!value) throw new UsageError(`Input required and not supplied: ${name}.`)
  return value
}

/** `workspace-url`, else DATABRICKS_HOST (as the CLI and the Databricks tools read it). */
function workspaceUrl(): string {
  const value = text('workspace-url') ?? (process.env.DATABRICKS_HOST?.trim() || undefined)
  if (!value) {
    throw new UsageError(
      'Input required and not supplied: workspace-url (or set DATABRICKS_HOST in the step env).',
    )
  }
  return normalizeWorkspaceUrl(value)
}

/** Newline- or comma-separated, blanks dropped. */
function list(name: string): string[] {
  return splitList(core.getInput(name).split('\n'))
}

function kinds(name: string): Settings['only'] {
  const items = list(name)
  if (items.length === 0 || (items.length === 1 && items[0].toLowerCase() === 'all'))
    return undefined
  return parseKinds(`Input ${name}`, items)
}

function bool(name: string, fallback: boolean): boolean {
  const value = text(name)
  if (value === undefined) return fallback
  if (/^(true|yes|on|1)$/i.test(value)) return true
  if (/^(false|no|off|0)$/i.test(value)) return false
  throw new UsageError(`Input ${name} must be true or false, not "${value}".`)
}

function number(name: string, fallback: number): number {
  const value = text(name)
  if (value === undefined) return fallback
  const parsed = z.coerce.number().int().min(0).safeParse(value.trim())
  if (!parsed.success) throw new UsageError(`Input ${name} must be a whole number, not "${value}".`)
  return parsed.data
}

function oneOf<T extends string>(name: string, allowed: readonly T[], fallback: T): T {
  const value = text(name) ?? fallback
  if (!(allowed as readonly string[]).includes(value)) {
    throw new UsageError(`Input ${name} must be one of ${allowed.join(', ')}, not "${value}".`)
  }
  return value as T
}
