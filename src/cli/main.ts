import { run } from '../engine.js'
import { errorText } from '../errors.js'
import { checkSettingsHosts, warnOptedIn } from '../host-policy.js'
import { cliTokenProvider, profileFor } from '../auth/cli-auth.js'
import { readProfile } from '../auth/databrickscfg.js'
import { stringifyJson } from '../databricks/json.js'
import { DirectoryStore } from '../snapshot/directory-store.js'
import { SNAPSHOT_KEY_ENV, SigningKeys } from '../snapshot/signing.js'
import type { Report } from '../report.js'
import { authNeedingUrl, parseCliArgs, type CliCommand, type CliDefaults } from './args.js'
import { exitCodeForError, exitCodeForReport } from './exit-codes.js'
import { HELP } from './help.js'
import { renderReport } from './report-text.js'
import { maskingTokenProvider } from './secret-masking.js'
import { StderrLogger } from './stderr-logger.js'
import { VERSION } from './version.js'

export interface CliIo {
  env: NodeJS.ProcessEnv
  stdout(text: string): void
  stderr(text: string): void
}

/** The CLI without the process: parse → Settings → auth → store → engine → print → exit code. */
export async function main(argv: string[], io: CliIo): Promise<number> {
  const logger = new StderrLogger(io.stderr, {
    debug: Boolean(io.env.DATABRICKS_HALT_DEBUG),
    // Known before parsing, so not even the parse's own messages are printed.
    quiet: argv.includes('--quiet'),
  })
  if (io.env.DATABRICKS_TOKEN) logger.addSecret(io.env.DATABRICKS_TOKEN.trim())
  const wantsJson = argv.includes('--json')
  try {
    const command = parseCliArgs(argv, io.env, await profileDefaults(argv, io.env))
    if (command.kind !== 'run') {
      io.stdout(command.kind === 'help' ? HELP : `${VERSION}\n`)
      return 0
    }
    const report = await execute(command, io, logger)
    io.stdout(
      command.json
        ? `${stringifyJson(report, 2)}\n`
        : renderReport(report, { ...command.settings, quiet: command.quiet }),
    )
    if (command.json && report.snapshot) logger.info(`Snapshot: ${report.snapshot.ref}`)
    return exitCodeForReport(report)
  } catch (e) {
    const code = exitCodeForError(e)
    logger.error(errorText(e))
    if (io.env.DATABRICKS_HALT_DEBUG && e instanceof Error && e.stack) logger.debug(e.stack)
    if (wantsJson) io.stdout(`${JSON.stringify(errorJson(e, code, logger), null, 2)}\n`)
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
  warnOptedIn(logger, checkSettingsHosts(settings, io.env.AZURE_AUTHORITY_HOST || undefined))
  const tokens = maskingTokenProvider(await cliTokenProvider(settings.auth, io.env), logger)
  const store = new DirectoryStore(command.snapshotDir)
  logger.debug(`auth: ${tokens.description}; snapshots: ${store.description}`)
  const snapshotKeys = SigningKeys.parse(io.env[SNAPSHOT_KEY_ENV], SNAPSHOT_KEY_ENV)
  for (const key of snapshotKeys?.secrets() ?? []) logger.addSecret(key)
  const armEndpoint = io.env.DATABRICKS_HALT_ARM_ENDPOINT?.trim()
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

/** Without --workspace-url or DATABRICKS_HOST, the sign-in profile's host names the workspace. */
async function profileDefaults(argv: string[], env: NodeJS.ProcessEnv): Promise<CliDefaults> {
  const auth = authNeedingUrl(argv, env)
  const profile = auth === undefined ? undefined : profileFor(auth, env)
  if (profile === undefined) return {}
  return { workspaceUrl: (await readProfile(profile, env)).host }
}

function errorJson(e: unknown, exitCode: number, logger: StderrLogger) {
  const name = e instanceof Error ? e.name : 'Error'
  return { error: { name, message: logger.redact(errorText(e)) }, exitCode }
}
