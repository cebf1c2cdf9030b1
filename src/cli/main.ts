import { run } from '../engine.js'
import { errorText, UsageError } from '../errors.js'
import { checkSettingsHosts, warnOptedIn } from '../host-policy.js'
import { cliTokenProvider, profileFor } from '../auth/cli-auth.js'
import { readProfile } from '../auth/databrickscfg.js'
import { DirectoryStore } from '../snapshot/directory-store.js'
import { SNAPSHOT_KEY_ENV, SigningKeys } from '../snapshot/signing.js'
import type { Report } from '../report.js'
import { errorJson, reportJsonChunks } from '../report-json.js'
import {
  authNeedingUrl,
  parseCliArgs,
  wantsJson,
  type CliCommand,
  type CliDefaults,
} from './args.js'
import { annotate, runDesiredState } from './desired-state.js'
import { exitCodeForError, exitCodeForReport } from './exit-codes.js'
import { helpText } from './help.js'
import { confirmationText, isYes, needsConfirmation } from './confirm.js'
import { renderReport } from './report-text.js'
import { maskingTokenProvider } from './secret-masking.js'
import { StderrLogger } from './stderr-logger.js'
import { VERSION } from './version.js'

export interface CliIo {
  env: NodeJS.ProcessEnv
  stdout(text: string): void
  stderr(text: string): void
  /** Whether a person is at a terminal (stdin and stderr are TTYs). Never true in CI. */
  interactive?: boolean
  /** Asks on the terminal and answers the line typed; only called when `interactive`. */
  ask?(question: string): Promise<string>
}

/** The CLI without the process: parse → Settings → auth → store → engine → print → exit code. */
export async function main(argv: string[], io: CliIo): Promise<number> {
  // Known before parsing, so a usage error is still debug output / JSON / quiet when asked for.
  const debug = Boolean(io.env.DATABRICKS_HALT_DEBUG) || argv.includes('--debug')
  const logger = new StderrLogger(io.stderr, { debug, quiet: argv.includes('--quiet') })
  if (io.env.DATABRICKS_TOKEN) logger.addSecret(io.env.DATABRICKS_TOKEN.trim())
  const json = wantsJson(argv)
  try {
    const command = parseCliArgs(argv, io.env, await profileDefaults(argv, io.env))
    if (command.kind === 'desired-state') return await runDesiredState(command, io, logger)
    if (command.kind !== 'run') {
      io.stdout(command.kind === 'help' ? helpText(command.command) : `${VERSION}\n`)
      return 0
    }
    await confirm(command, io, logger)
    const report = await execute(command, io, logger)
    if (command.json) for (const chunk of reportJsonChunks(report)) io.stdout(chunk)
    else io.stdout(renderReport(report, { ...command.settings, quiet: command.quiet }))
    if (command.json && report.snapshot) logger.info(`Snapshot: ${report.snapshot.ref}`)
    return exitCodeForReport(report)
  } catch (e) {
    const code = exitCodeForError(e)
    logger.error(errorText(e))
    annotate(e, io)
    if (e instanceof Error && e.stack) logger.debug(e.stack)
    if (json) io.stdout(`${JSON.stringify(errorOutput(e, code, logger), null, 2)}\n`)
    return code
  }
}

async function execute(
  command: Extract<CliCommand, { kind: 'run' }>,
  io: CliIo,
  logger: StderrLogger,
): Promise<Report> {
  const { settings } = command
  // Before any token is requested: credentials go only to known or opted-in hosts.
  const armEndpoint = io.env.DATABRICKS_HALT_ARM_ENDPOINT?.trim() || undefined
  warnOptedIn(
    logger,
    checkSettingsHosts(settings, io.env.AZURE_AUTHORITY_HOST || undefined, armEndpoint),
  )
  const tokens = maskingTokenProvider(await cliTokenProvider(settings.auth, io.env), logger)
  const store = new DirectoryStore(command.snapshotDir)
  logger.debug(`auth: ${tokens.description}; snapshots: ${store.description}`)
  const snapshotKeys = SigningKeys.parse(io.env[SNAPSHOT_KEY_ENV], SNAPSHOT_KEY_ENV)
  for (const key of snapshotKeys?.secrets() ?? []) logger.addSecret(key)
  return run({
    settings,
    tokens,
    store,
    logger,
    version: VERSION,
    snapshotKeys,
    ...(armEndpoint ? { arm: { endpoint: armEndpoint } } : {}),
  })
}

/** On a terminal, stop and restore show target and plan (from a dry run) and ask first. */
async function confirm(
  command: Extract<CliCommand, { kind: 'run' }>,
  io: CliIo,
  logger: StderrLogger,
): Promise<void> {
  if (!needsConfirmation(command, Boolean(io.interactive && io.ask))) return
  const preview = await execute(
    { ...command, settings: { ...command.settings, dryRun: true } },
    io,
    logger,
  )
  io.stderr(confirmationText(command, preview))
  const answer = await io.ask!(`${preview.mode} now? [y/N] `)
  if (!isYes(answer)) {
    throw new UsageError('Not confirmed: nothing was changed. (--yes skips the question.)')
  }
}

/**
 * Without --workspace-url or DATABRICKS_HOST, a ~/.databrickscfg profile names the workspace:
 * --profile, else the one the sign-in reads, else (as the Databricks CLI does) the file's default
 * ([DEFAULT] unless DATABRICKS_CONFIG_PROFILE or default_profile says otherwise), if it has one.
 */
async function profileDefaults(argv: string[], env: NodeJS.ProcessEnv): Promise<CliDefaults> {
  const need = authNeedingUrl(argv, env)
  if (need === undefined) return {}
  const asked = need.profile ?? profileFor(need.auth, env)
  if (asked !== undefined) {
    const profile = await readProfile(asked, env)
    return { workspaceUrl: profile.host, profile: profile.name }
  }
  const fallback = await readProfile(undefined, env).catch(() => undefined)
  if (!fallback?.host) return {}
  return { workspaceUrl: fallback.host, profile: fallback.name, fallback: true }
}

function errorOutput(e: unknown, exitCode: number, logger: StderrLogger) {
  const name = e instanceof Error ? e.name : 'Error'
  return errorJson(name, logger.redact(errorText(e)), exitCode)
}
