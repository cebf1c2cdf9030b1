import { parseArgs } from 'node:util'
import { SettingsSchema, type Settings } from '../settings.js'
import { UsageError } from '../errors.js'
import { parseKinds, splitList } from '../kinds.js'
import { checkedUrl, normalizeWorkspaceUrl } from '../config.js'

export type CliCommand =
  | { kind: 'help' }
  | { kind: 'version' }
  | { kind: 'run'; settings: Settings; json: boolean; quiet: boolean; snapshotDir?: string }

/** Minutes a bare `--wait` waits: NICs can stay in the subnet ~15 minutes after compute stops. */
export const DEFAULT_WAIT_MINUTES = 20

const OPTIONS = {
  'workspace-url': { type: 'string' },
  'workspace-id': { type: 'string' },
  'account-id': { type: 'string' },
  'account-host': { type: 'string' },
  keep: { type: 'string', multiple: true },
  unkeep: { type: 'string', multiple: true },
  only: { type: 'string', multiple: true },
  skip: { type: 'string', multiple: true },
  'snapshot-dir': { type: 'string' },
  snapshot: { type: 'string' },
  'ignore-open-snapshot': { type: 'string' },
  'dry-run': { type: 'boolean' },
  force: { type: 'boolean' },
  wait: { type: 'string' },
  'restart-compute': { type: 'boolean' },
  active: { type: 'boolean' },
  'fail-if-active': { type: 'boolean' },
  json: { type: 'boolean' },
  quiet: { type: 'boolean' },
  'max-concurrency': { type: 'string' },
  auth: { type: 'string' },
  'azure-workspace-resource-id': { type: 'string' },
  'check-subnets': { type: 'boolean' },
  'verify-ranges': { type: 'boolean' },
  'allow-host': { type: 'string', multiple: true },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean' },
} as const

type Values = ReturnType<typeof parse>['values']

const MODES = ['show', 'stop', 'restore', 'network'] as const

/** Where a workspace URL comes from when neither --workspace-url nor DATABRICKS_HOST gives one. */
export interface CliDefaults {
  workspaceUrl?: string
}

export function parseCliArgs(
  argv: string[],
  env: NodeJS.ProcessEnv = {},
  defaults: CliDefaults = {},
): CliCommand {
  const { values, positionals } = parse(normalizeWait(argv))
  if (values.help) return { kind: 'help' }
  if (values.version) return { kind: 'version' }
  const mode = parseMode(positionals)
  const settings = toSettings(mode, values, env, defaults)
  return {
    kind: 'run',
    settings,
    json: values.json ?? false,
    quiet: values.quiet ?? false,
    snapshotDir: values['snapshot-dir'],
  }
}

/**
 * The --auth value, when a run still needs a workspace URL from a profile; undefined for --help,
 * --version, a given URL or DATABRICKS_HOST, or arguments parseCliArgs will refuse anyway.
 */
export function authNeedingUrl(argv: string[], env: NodeJS.ProcessEnv): string | undefined {
  let values: Values
  try {
    values = parse(normalizeWait(argv)).values
  } catch {
    return undefined
  }
  if (values.help || values.version || values['workspace-url'] || env.DATABRICKS_HOST)
    return undefined
  return values.auth ?? 'auto'
}

function parse(argv: string[]) {
  try {
    return parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true })
  } catch (e) {
    throw new UsageError(`${(e as Error).message}\nRun 'databricks-halt --help' for the options.`)
  }
}

/** `--wait` takes an optional value: a bare one gets the default, `--wait 30` means 30 minutes. */
function normalizeWait(argv: string[]): string[] {
  const out: string[] = []
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--') return [...out, ...argv.slice(i)]
    if (argv[i] !== '--wait') out.push(argv[i])
    else if (/^\d+(\.\d+)?$/.test(argv[i + 1] ?? '')) out.push(`--wait=${argv[++i]}`)
    else out.push(`--wait=${DEFAULT_WAIT_MINUTES}`)
  }
  return out
}

function parseMode(positionals: string[]): Settings['mode'] {
  if (positionals.length === 0) {
    throw new UsageError(
      `Missing command: show, stop, restore or network. Run 'databricks-halt --help'.`,
    )
  }
  if (positionals.length > 1) {
    throw new UsageError(`Expected one command, got: ${positionals.join(' ')}.`)
  }
  const mode = positionals[0]
  if (!(MODES as readonly string[]).includes(mode)) {
    throw new UsageError(`Unknown command '${mode}': use show, stop, restore or network.`)
  }
  return mode as Settings['mode']
}

function toSettings(
  mode: Settings['mode'],
  v: Values,
  env: NodeJS.ProcessEnv,
  defaults: CliDefaults,
): Settings {
  // Workspace id and account host stay unset unless given: the engine derives them from the URL and
  // checks them against the server, so an error names only what the user actually passed.
  const raw = {
    mode,
    workspaceUrl: normalizeWorkspaceUrl(
      required(v['workspace-url'] || env.DATABRICKS_HOST || defaults.workspaceUrl),
    ),
    workspaceId: v['workspace-id'],
    accountId: v['account-id'] ?? (env.DATABRICKS_ACCOUNT_ID || undefined),
    accountHost: v['account-host']
      ? checkedUrl(v['account-host'], 'Account host').origin
      : undefined,
    keep: splitList(v.keep ?? []),
    unkeep: splitList(v.unkeep ?? []),
    only: v.only ? parseKinds('--only', v.only) : undefined,
    skip: parseKinds('--skip', v.skip ?? []),
    dryRun: v['dry-run'] ?? false,
    force: v.force ?? false,
    restartCompute: v['restart-compute'] ?? false,
    waitMinutes: v.wait === undefined ? 0 : parseNumber('wait', v.wait),
    active: v.active ?? false,
    failIfActive: v['fail-if-active'] ?? false,
    maxConcurrency: v['max-concurrency']
      ? parseNumber('max-concurrency', v['max-concurrency'])
      : 16,
    snapshot: v.snapshot,
    ignoreOpenSnapshot: v['ignore-open-snapshot'],
    auth: v.auth ?? 'auto',
    azureWorkspaceResourceId: v['azure-workspace-resource-id'],
    checkSubnets: v['check-subnets'] ?? false,
    verifyRanges: v['verify-ranges'] ?? false,
    allowHosts: splitList(v['allow-host'] ?? []),
  }
  return validate(raw)
}

function validate(raw: unknown): Settings {
  const result = SettingsSchema.safeParse(raw)
  if (result.success) return result.data
  const lines = result.error.issues.map((i) => `  --${flagName(i.path)}: ${i.message}`)
  throw new UsageError(`Invalid options:\n${lines.join('\n')}`)
}

const FLAG_NAMES: Record<string, string> = {
  workspaceUrl: 'workspace-url',
  workspaceId: 'workspace-id',
  accountId: 'account-id',
  accountHost: 'account-host',
  maxConcurrency: 'max-concurrency',
  waitMinutes: 'wait',
  azureWorkspaceResourceId: 'azure-workspace-resource-id',
  ignoreOpenSnapshot: 'ignore-open-snapshot',
}

function flagName(path: PropertyKey[]): string {
  const key = String(path[0] ?? '')
  return FLAG_NAMES[key] ?? key
}

function required(value: string | undefined): string {
  if (value) return value
  throw new UsageError(
    'Missing --workspace-url, e.g. --workspace-url https://adb-1234567890123456.7.azuredatabricks.net ' +
      '(or set DATABRICKS_HOST, or sign in with a ~/.databrickscfg profile that has a host).',
  )
}

function parseNumber(flag: string, value: string): number {
  const n = Number(value)
  if (value.trim() === '' || !Number.isFinite(n)) {
    throw new UsageError(`--${flag}: '${value}' is not a number.`)
  }
  return n
}
