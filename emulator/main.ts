/**
 * `npm run emulator -- [options]`: a seeded emulator in the foreground you can curl or point the
 * CLI at. Options as flags (`--help`), each with its older environment variable as the default.
 */
import { existsSync, readFileSync } from 'node:fs'
import { pathToFileURL } from 'node:url'
import { parseArgs } from 'node:util'
import { parseJson } from '../src/databricks/json.js'
import { isLoopback } from '../src/config.js'
import { closest } from '../src/cli/suggest.js'
import { startEmulator, type Emulator } from './index.js'
import type { EmulatorOptions } from './types.js'
import type { ScenarioJson } from './scenario/types.js'

export const EMULATOR_HELP = `npm run emulator -- [options]: a stateful Databricks emulator on loopback (plain http).

  --scenario NAME|FILE     small (default), large, empty, or a scenario JSON file  [EMULATOR_SCENARIO]
  --seed N                 seed of the generated scenario (default 1)               [EMULATOR_SEED]
  --workspaces N           number of workspaces (default 1)                         [EMULATOR_WORKSPACES]
  --clock-speed X          emulator seconds per real second (default 1)             [EMULATOR_CLOCK_SPEED]
  --rate-limits MODE       default or off                                           [EMULATOR_RATE_LIMITS]
  --host HOST              loopback address to listen on: 127.0.0.1 (default), ::1 or localhost
  --port N                 the account API on port N, workspace i on N+1+i (default: free ports)
  -h, --help               this help

It prints the URLs, the admin token and an export line for the databricks-halt CLI. Ctrl-C stops it.
`

const OPTIONS = {
  scenario: { type: 'string' },
  seed: { type: 'string' },
  workspaces: { type: 'string' },
  'clock-speed': { type: 'string' },
  'rate-limits': { type: 'string' },
  host: { type: 'string' },
  port: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const

/** A bad flag: one line on stderr, exit 2. */
export class EmulatorUsageError extends Error {}

const HINT = `Run 'npm run emulator -- --help' for the options.`

/** The emulator's options from argv, falling back to the EMULATOR_* variables; undefined: --help. */
export function emulatorOptions(
  argv: string[],
  env: NodeJS.ProcessEnv,
): EmulatorOptions | undefined {
  let values
  try {
    ;({ values } = parseArgs({ args: argv, options: OPTIONS, strict: true }))
  } catch (e) {
    const unknown = /^Unknown option '-{1,2}([^']+)'/.exec((e as Error).message)
    const match = unknown ? closest(unknown[1], Object.keys(OPTIONS)) : undefined
    const line = (e as Error).message.split('\n')[0].replace(/\.?$/, '.')
    throw new EmulatorUsageError(`${line}${match ? ` Did you mean --${match}?` : ''} ${HINT}`)
  }
  if (values.help) return undefined
  const workspaces = integer('workspaces', values.workspaces ?? env.EMULATOR_WORKSPACES, 1, 1, 100)
  const port = integer('port', values.port, 0, 0, 65535 - workspaces)
  return {
    scenario: scenario(values.scenario ?? env.EMULATOR_SCENARIO ?? 'small'),
    seed: integer('seed', values.seed ?? env.EMULATOR_SEED, 1, 0, Number.MAX_SAFE_INTEGER),
    workspaces,
    clockSpeed: clockSpeed(values['clock-speed'] ?? env.EMULATOR_CLOCK_SPEED),
    rateLimits: rateLimits(values['rate-limits'] ?? env.EMULATOR_RATE_LIMITS),
    host: host(values.host),
    port,
  }
}

function integer(
  flag: string,
  text: string | undefined,
  fallback: number,
  min: number,
  max: number,
) {
  if (text === undefined) return fallback
  const n = Number(text)
  if (!/^\d+$/.test(text.trim()) || n < min || n > max) {
    throw new EmulatorUsageError(
      `--${flag}: '${text}' is not a whole number from ${min} to ${max}.`,
    )
  }
  return n
}

function clockSpeed(text: string | undefined): number {
  if (text === undefined) return 1
  const n = Number(text)
  if (text.trim() === '' || !Number.isFinite(n) || n <= 0) {
    throw new EmulatorUsageError(`--clock-speed: '${text}' is not a number above 0.`)
  }
  return n
}

function rateLimits(text: string | undefined): 'default' | 'off' {
  if (text === undefined || text === 'default' || text === 'off') return text ?? 'default'
  throw new EmulatorUsageError(`--rate-limits: '${text}' is not a mode: use default or off.`)
}

function scenario(text: string): 'small' | 'large' | 'empty' | ScenarioJson {
  if (text === 'small' || text === 'large' || text === 'empty') return text
  if (!existsSync(text)) {
    throw new EmulatorUsageError(
      `--scenario: '${text}' is neither small, large, empty nor a scenario file.`,
    )
  }
  try {
    return parseJson(readFileSync(text, 'utf8')) as ScenarioJson
  } catch (e) {
    throw new EmulatorUsageError(`--scenario: ${text} is not JSON: ${(e as Error).message}`)
  }
}

/** Loopback only: the emulator speaks plain http, which the CLI sends a token over only there. */
function host(text: string | undefined): string {
  if (text === undefined) return '127.0.0.1'
  let url: URL | undefined
  try {
    url = new URL(`http://${text.includes(':') ? `[${text}]` : text}`)
  } catch {
    url = undefined
  }
  if (url && isLoopback(url)) return text
  throw new EmulatorUsageError(
    `--host: '${text}' is not a loopback address: use 127.0.0.1, ::1 or localhost ` +
      '(the emulator serves plain http, which the CLI accepts only on loopback).',
  )
}

/** A value as the shell reads it back unchanged. */
function shellWord(value: string): string {
  return /^[\w.:/@%+,=[\]-]+$/.test(value) ? value : `'${value.replace(/'/g, `'\\''`)}'`
}

/** The variables that point the databricks-halt CLI at workspace 0 of the emulator. */
export function cliEnvironment(emu: Emulator): Record<string, string> {
  return {
    DATABRICKS_HOST: emu.workspace.url,
    DATABRICKS_TOKEN: emu.adminToken,
    DATABRICKS_ACCOUNT_ID: emu.accountId,
    DATABRICKS_HALT_ACCOUNT_HOST: emu.accountUrl,
  }
}

export function banner(emu: Emulator): string {
  const exports = Object.entries(cliEnvironment(emu))
    .map(([name, value]) => `${name}=${shellWord(value)}`)
    .join(' ')
  return [
    'Databricks emulator running (Ctrl-C to stop)',
    `account URL:   ${emu.accountUrl}   (account id ${emu.accountId})`,
    ...emu.workspaces.map((w, i) => `workspace ${i}:   ${w.url}   (workspace id ${w.workspaceId})`),
    `admin token:   ${emu.adminToken}`,
    '',
    'Point the databricks-halt CLI at workspace 0 (paste into a shell in the repository):',
    `  export ${exports}`,
    '  npm run cli -- show',
    '',
    'Or call it:',
    `  curl -H "Authorization: Bearer ${emu.adminToken}" ${emu.workspace.url}/api/2.0/preview/scim/v2/Me`,
    `  curl -H "Authorization: Bearer ${emu.adminToken}" "${emu.workspace.url}/api/2.2/jobs/list?limit=5"`,
    `  curl -H "Authorization: Bearer ${emu.adminToken}" ${emu.accountUrl}/api/2.0/accounts/${emu.accountId}/workspaces/${emu.workspace.workspaceId}/permissionassignments`,
    `  curl -X POST -d '{"ms":3600000}' ${emu.accountUrl}/__emulator/clock/advance`,
  ].join('\n')
}

/** Why the servers could not listen, as one actionable line (or undefined: not a listen error). */
function listenError(e: unknown, options: EmulatorOptions): string | undefined {
  const { code, port, address } = e as { code?: string; port?: number; address?: string }
  const last = (options.port ?? 0) + (options.workspaces ?? 1)
  const range = options.port ? `ports ${options.port} to ${last}` : 'free ports'
  if (code === 'EADDRINUSE') {
    return `Port ${port} on ${address} is in use (the emulator needs ${range}): choose another --port, or leave it out for free ports.`
  }
  if (code === 'EACCES') return `Not allowed to listen on port ${port}: choose a --port above 1023.`
  if (code === 'EADDRNOTAVAIL') return `--host ${address} is not an address of this machine.`
  return undefined
}

async function main(): Promise<void> {
  let options: EmulatorOptions | undefined
  try {
    options = emulatorOptions(process.argv.slice(2), process.env)
  } catch (e) {
    if (!(e instanceof EmulatorUsageError)) throw e
    process.stderr.write(`${e.message}\n`)
    process.exit(2)
  }
  if (!options) {
    process.stdout.write(EMULATOR_HELP)
    return
  }
  let emu: Emulator
  try {
    emu = await startEmulator(options)
  } catch (e) {
    const line = listenError(e, options)
    if (!line) throw e
    process.stderr.write(`${line}\n`)
    process.exit(2)
  }
  console.log(banner(emu))
  const stop = async () => {
    await emu.close()
    process.exit(0)
  }
  process.on('SIGINT', stop)
  process.on('SIGTERM', stop)
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await main()
}
