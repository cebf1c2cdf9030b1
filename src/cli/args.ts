import { parseArgs } from 'node:util'
import { SettingsSchema, type Settings } from '../settings.js'
import { UsageError } from '../errors.js'
import { parseHours } from '../plan/max-age.js'
import { parseKinds, splitList } from '../kinds.js'
import { checkedUrl, normalizeWorkspaceUrl } from '../config.js'
import { closest } from './suggest.js'

export const MODES = ['show', 'stop', 'restore', 'network', 'status'] as const
export type Mode = (typeof MODES)[number]

/** Where the workspace URL came from, so a stale DATABRICKS_HOST or profile is visible. */
export type TargetSource = '--workspace-url' | 'DATABRICKS_HOST' | `profile '${string}'`

/** Every command: the engine's modes, and desired-state (reads files, never a workspace). */
export const COMMANDS = [...MODES, 'desired-state'] as const
export type Command = (typeof COMMANDS)[number]

export type CliCommand =
  | { kind: 'help'; command?: Command }
  | { kind: 'version' }
  | {
      kind: 'desired-state'
      /** Directory of the `<environment>.yml` files (default: halt). */
      dir: string
      /** Commit the files are compared with; none: every workspace was running. */
      base?: string
      /** Commit whose files are read; none: the working tree. */
      head?: string
      /** File the Markdown summary is appended to (e.g. $GITHUB_STEP_SUMMARY). */
      summary?: string
      quiet: boolean
    }
  | {
      kind: 'run'
      settings: Settings
      json: boolean
      quiet: boolean
      snapshotDir?: string
      /** Skip the confirmation a stop or restore asks for on a terminal. */
      yes: boolean
      target: { url: string; source: TargetSource }
    }

/** Minutes a bare `--wait` waits: NICs can stay in the subnet ~15 minutes after compute stops. */
export const DEFAULT_WAIT_MINUTES = 20

/**
 * Every option, declared once. Aliases (below) are options of their own for parseArgs and fold
 * into their canonical name before anything reads them.
 */
const OPTIONS = {
  'workspace-url': { type: 'string' },
  profile: { type: 'string', short: 'p' },
  'workspace-id': { type: 'string' },
  'account-id': { type: 'string' },
  'account-host': { type: 'string' },
  keep: { type: 'string', multiple: true },
  unkeep: { type: 'string', multiple: true },
  only: { type: 'string', multiple: true },
  skip: { type: 'string', multiple: true },
  'snapshot-dir': { type: 'string' },
  plan: { type: 'string' },
  'plan-out': { type: 'string' },
  'plan-max-age': { type: 'string' },
  'on-drift': { type: 'string' },
  snapshot: { type: 'string' },
  'ignore-open-snapshot': { type: 'string' },
  'dry-run': { type: 'boolean' },
  force: { type: 'boolean' },
  wait: { type: 'string' },
  'restart-compute': { type: 'boolean' },
  active: { type: 'boolean' },
  'fail-if-active': { type: 'boolean' },
  'fail-on-drift': { type: 'boolean' },
  json: { type: 'boolean' },
  output: { type: 'string', short: 'o' },
  debug: { type: 'boolean' },
  yes: { type: 'boolean', short: 'y' },
  timeout: { type: 'string' },
  quiet: { type: 'boolean' },
  'max-concurrency': { type: 'string' },
  auth: { type: 'string' },
  'azure-workspace-resource-id': { type: 'string' },
  'check-subnets': { type: 'boolean' },
  'verify-ranges': { type: 'boolean' },
  'allow-host': { type: 'string', multiple: true },
  base: { type: 'string' },
  head: { type: 'string' },
  summary: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean' },
  // Aliases: the Action's names for the same things (one vocabulary for both faces).
  'keep-principals': { type: 'string', multiple: true },
  resources: { type: 'string', multiple: true },
  'restore-from': { type: 'string' },
} as const

/** Alias → canonical option. */
const ALIASES = {
  'keep-principals': 'keep',
  resources: 'only',
  'restore-from': 'snapshot',
} as const

/** The sign-in methods the CLI takes (the Action's OIDC methods need a GitHub runner). */
export const CLI_AUTH_METHODS = ['token', 'azure-cli', 'azure-default', 'profile:NAME'] as const

type Values = ReturnType<typeof parse>['values']

/** Where a workspace URL comes from when neither --workspace-url nor DATABRICKS_HOST gives one. */
export interface CliDefaults {
  workspaceUrl?: string
  /** The ~/.databrickscfg profile that gave workspaceUrl. */
  profile?: string
  /** True when the profile was only the file's default, not one asked for. */
  fallback?: boolean
}

export function parseCliArgs(
  argv: string[],
  env: NodeJS.ProcessEnv = {},
  defaults: CliDefaults = {},
): CliCommand {
  const { values, positionals } = parse(normalizeWait(argv))
  if (positionals[0] === 'help') return { kind: 'help', command: helpTopic(positionals.slice(1)) }
  if (values.help) {
    const command = (COMMANDS as readonly string[]).includes(positionals[0])
      ? positionals[0]
      : undefined
    return { kind: 'help', command: command as Command | undefined }
  }
  if (values.version) return { kind: 'version' }
  if (positionals[0] === 'desired-state') return desiredStateCommand(positionals, values)
  const mode = parseMode(positionals)
  const settings = toSettings(mode, values, env, defaults)
  return {
    kind: 'run',
    settings,
    json: outputIsJson(values),
    quiet: values.quiet ?? false,
    snapshotDir: values['snapshot-dir'],
    yes: values.yes ?? false,
    target: { url: settings.workspaceUrl, source: targetSource(values, env, defaults) },
  }
}

/** Whether argv asks for JSON output (read before parsing, so even a usage error is JSON). */
export function wantsJson(argv: string[]): boolean {
  return argv.some(
    (a, i) =>
      a === '--json' ||
      /^(--output=|-o=?)json$/.test(a) ||
      ((a === '-o' || a === '--output') && argv[i + 1] === 'json'),
  )
}

function outputIsJson(v: Values): boolean {
  if (v.output !== undefined && v.output !== 'json' && v.output !== 'text') {
    throw new UsageError(`--output: '${v.output}' is not an output format: use json or text.`)
  }
  return v.output === 'json' || (v.output === undefined && (v.json ?? false))
}

function parseTimeout(value: string): number {
  const seconds = parseNumber('timeout', value)
  if (seconds <= 0) throw new UsageError(`--timeout: ${value} is not a number of seconds above 0.`)
  return seconds
}

/** `desired-state [DIR]`: only its own options mean anything; the others are ignored. */
function desiredStateCommand(positionals: string[], v: Values): CliCommand {
  if (positionals.length > 2) {
    throw new UsageError(
      `desired-state takes one directory, got: ${positionals.slice(1).join(' ')}.`,
    )
  }
  return {
    kind: 'desired-state',
    dir: positionals[1] ?? 'halt',
    base: v.base || undefined,
    head: v.head || undefined,
    summary: v.summary || undefined,
    quiet: v.quiet ?? false,
  }
}

const COMMAND_LIST = 'show, stop, restore, network, status or desired-state'

function helpTopic(words: string[]): Command | undefined {
  if (words.length === 0) return undefined
  const word = words[0]
  if ((COMMANDS as readonly string[]).includes(word)) return word as Command
  throw new UsageError(`No help for '${word}': use ${COMMAND_LIST}.${didYouMean(word, COMMANDS)}`)
}

function targetSource(v: Values, env: NodeJS.ProcessEnv, defaults: CliDefaults): TargetSource {
  if (v['workspace-url']) return '--workspace-url'
  if (env.DATABRICKS_HOST) return 'DATABRICKS_HOST'
  return `profile '${defaults.profile ?? 'DEFAULT'}'`
}

function didYouMean(word: string, candidates: readonly string[], prefix = ''): string {
  const match = closest(word, candidates)
  return match ? ` Did you mean ${prefix}${match}?` : ''
}

/**
 * The --auth value, when a run still needs a workspace URL from a profile; undefined for --help,
 * --version, a given URL or DATABRICKS_HOST, or arguments parseCliArgs will refuse anyway.
 */
export function authNeedingUrl(
  argv: string[],
  env: NodeJS.ProcessEnv,
): { auth: string; profile?: string } | undefined {
  let values: Values
  let positionals: string[]
  try {
    ;({ values, positionals } = parse(normalizeWait(argv)))
  } catch {
    return undefined
  }
  if (values.help || values.version || positionals[0] === 'help') return undefined
  if (positionals[0] === 'desired-state') return undefined
  if (values['workspace-url'] || env.DATABRICKS_HOST) return undefined
  return { auth: values.auth ?? 'auto', profile: values.profile }
}

function parse(argv: string[]) {
  let parsed
  try {
    parsed = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true })
  } catch (e) {
    throw new UsageError(parseErrorLine(e as Error & { code?: string }))
  }
  const values: Record<string, unknown> = { ...parsed.values }
  for (const [alias, name] of Object.entries(ALIASES)) {
    const value = values[alias]
    if (value === undefined) continue
    delete values[alias]
    const current = values[name]
    values[name] = Array.isArray(current) && Array.isArray(value) ? [...current, ...value] : value
  }
  return { values: values as typeof parsed.values, positionals: parsed.positionals }
}

/** One clean line for what parseArgs refused, with a "did you mean" for a mistyped option. */
function parseErrorLine(e: Error & { code?: string }): string {
  const help = `Run 'databricks-halt --help' for the options.`
  const unknown = /^Unknown option '(-{1,2})([^']+)'/.exec(e.message)
  if (unknown) {
    const hint = didYouMean(unknown[2], Object.keys(OPTIONS), '--')
    return `Unknown option '${unknown[1]}${unknown[2]}'.${hint} ${help}`
  }
  return `${e.message.split('\n')[0].replace(/\.?$/, '.')} ${help}`
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
    throw new UsageError(`Missing command: ${COMMAND_LIST}. Run 'databricks-halt --help'.`)
  }
  if (positionals.length > 1) {
    throw new UsageError(`Expected one command, got: ${positionals.join(' ')}.`)
  }
  const mode = positionals[0]
  if (!(MODES as readonly string[]).includes(mode)) {
    throw new UsageError(
      `Unknown command '${mode}': use ${COMMAND_LIST}.${didYouMean(mode, COMMANDS)}`,
    )
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
    accountHost: accountHost(v['account-host'] || env.DATABRICKS_HALT_ACCOUNT_HOST?.trim()),
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
    failOnDrift: v['fail-on-drift'] ?? false,
    maxConcurrency: v['max-concurrency']
      ? parseNumber('max-concurrency', v['max-concurrency'])
      : 16,
    snapshot: v.snapshot,
    plan: v.plan,
    planOut: v['plan-out'],
    planMaxAgeHours:
      v['plan-max-age'] === undefined ? 24 : parseHours('--plan-max-age', v['plan-max-age']),
    onDrift: v['on-drift'] ?? 'include',
    requestTimeoutSeconds: v.timeout === undefined ? undefined : parseTimeout(v.timeout),
    ignoreOpenSnapshot: v['ignore-open-snapshot'],
    auth: signIn(v, env, defaults),
    azureWorkspaceResourceId: v['azure-workspace-resource-id'],
    checkSubnets: v['check-subnets'] ?? false,
    verifyRanges: v['verify-ranges'] ?? false,
    allowHosts: splitList(v['allow-host'] ?? []),
  }
  return validate(raw)
}

/**
 * The sign-in: --auth, else the profile of --profile, else (as the Databricks CLI does) the
 * default profile that gave the host, unless DATABRICKS_TOKEN is set; else auto.
 */
function signIn(v: Values, env: NodeJS.ProcessEnv, defaults: CliDefaults): string {
  if (v.auth !== undefined) {
    checkAuth(v.auth)
    if (v.profile && v.auth.startsWith('profile:') && v.auth !== `profile:${v.profile}`) {
      throw new UsageError(`--profile ${v.profile} and --auth ${v.auth} name different profiles.`)
    }
    return v.auth
  }
  if (v.profile) return `profile:${v.profile}`
  if (defaults.fallback && defaults.profile && !env.DATABRICKS_TOKEN?.trim()) {
    return `profile:${defaults.profile}`
  }
  return 'auto'
}

function checkAuth(auth: string): void {
  const known = ['auto', ...AUTH_METHODS_ACTION_ONLY, ...CLI_AUTH_METHODS.slice(0, -1)]
  if (known.includes(auth) || /^profile:.+$/.test(auth)) return
  const hint = didYouMean(auth, [...CLI_AUTH_METHODS.slice(0, -1), 'profile:'])
  throw new UsageError(
    `--auth ${auth} is not a sign-in method.${hint} The CLI takes ${CLI_AUTH_METHODS.join(', ')}; ` +
      `without --auth it uses DATABRICKS_TOKEN, else a ~/.databrickscfg profile, else azure-default.`,
  )
}

/** Accepted here so the CLI can say they are for the Action (cliTokenProvider does). */
const AUTH_METHODS_ACTION_ONLY = ['azure-oidc', 'databricks-oidc']

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
  requestTimeoutSeconds: 'timeout',
  ignoreOpenSnapshot: 'ignore-open-snapshot',
  planOut: 'plan-out',
  planMaxAgeHours: 'plan-max-age',
  onDrift: 'on-drift',
}

function flagName(path: PropertyKey[]): string {
  const key = String(path[0] ?? '')
  return FLAG_NAMES[key] ?? key
}

/** --account-host, else DATABRICKS_HALT_ACCOUNT_HOST; unset: the engine derives it from the URL. */
function accountHost(value: string | undefined): string | undefined {
  return value ? checkedUrl(value, 'Account host').origin : undefined
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
