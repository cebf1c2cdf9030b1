import { spawn } from 'node:child_process'
import { chmod, mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { fileURLToPath } from 'node:url'
import { dirname, join } from 'node:path'
import {
  quietStartTime,
  startEmulator,
  type Emulator,
  type EmulatorOptions,
} from '../../emulator/index.js'

/** The repository root: the CLI child runs there so `--import tsx` and src/cli.ts resolve. */
export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..')

export interface CliResult {
  code: number | null
  signal: NodeJS.Signals | null
  stdout: string
  stderr: string
}

export interface RunOptions {
  /** Checked every few ms while the child runs; true → SIGKILL (a crash mid-run). */
  killWhen?: () => boolean
}

/**
 * Runs src/cli.ts as a real child process (Node 24 from jest's execPath), with a clean
 * environment: nothing from the developer's DATABRICKS_* or ~/.databrickscfg leaks in. Async on
 * purpose: the emulator serving the child lives in this process's event loop.
 */
export function runCli(
  args: string[],
  env: Record<string, string> = {},
  options: RunOptions = {},
): Promise<CliResult> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli.ts', ...args], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: '/nonexistent', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let stdout = ''
  let stderr = ''
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()))
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()))
  const timer = options.killWhen
    ? setInterval(() => {
        if (options.killWhen!()) child.kill('SIGKILL')
      }, 2)
    : undefined
  return new Promise((resolve, reject) => {
    child.on('error', reject)
    child.on('close', (code, signal) => {
      if (timer) clearInterval(timer)
      resolve({ code, signal, stdout, stderr })
    })
  })
}

/** Whether a request the emulator logged changes something (anything but GET and HEAD). */
export function isMutation(entry: { method: string }): boolean {
  return entry.method !== 'GET' && entry.method !== 'HEAD'
}

export interface World {
  emu: Emulator
  /** Snapshot directory of this world (a fresh temp dir). */
  dir: string
  /** The options every command gets: target, hosts, ids, snapshot dir, auth. */
  options: string[]
  env: Record<string, string>
  cli(args: string[], options?: RunOptions & { env?: Record<string, string> }): Promise<CliResult>
  close(): Promise<void>
}

/** A seeded emulator with fast transitions and a CLI bound to its first workspace. */
export async function startWorld(emulatorOptions: EmulatorOptions = {}): Promise<World> {
  const emu = await startEmulator({
    scenario: 'small',
    seed: 7,
    startTime: quietStartTime(),
    transitionMs: 100,
    propagationDelayMs: 200,
    ...emulatorOptions,
  })
  const dir = await mkdtemp(join(tmpdir(), 'cli-world-'))
  const options = [
    `--workspace-url=${emu.workspace.url}`,
    `--account-host=${emu.accountUrl}`,
    `--account-id=${emu.accountId}`,
    `--snapshot-dir=${dir}`,
    '--auth=token',
  ]
  const env = { DATABRICKS_TOKEN: emu.adminToken, HOME: dir }
  return {
    emu,
    dir,
    options,
    env,
    // Options first, so a test's own flags (a later --auth, say) win.
    cli: (args, run = {}) => runCli([...options, ...args], { ...env, ...run.env }, run),
    close: async () => {
      await emu.close()
      await rm(dir, { recursive: true, force: true })
    },
  }
}

/** Snapshot files under a directory, recursively. */
export async function snapshotFiles(dir: string): Promise<string[]> {
  const names = await readdir(dir, { recursive: true }).catch(() => [] as string[])
  return names.filter((n) => /snapshot.*\.json$/.test(n)).map((n) => join(dir, n))
}

/**
 * A stand-in `az` that hands out `token` for any resource (as `az account get-access-token`
 * answers), in `dir`/bin: returns the PATH that finds it first.
 */
export async function fakeAz(dir: string, token: string): Promise<string> {
  const bin = join(dir, 'bin')
  const answer = { accessToken: token, expires_on: Math.floor(Date.now() / 1000) + 3600 }
  await mkdir(bin, { recursive: true })
  await writeFile(join(dir, 'az.json'), JSON.stringify(answer))
  await writeFile(join(bin, 'az'), `#!/bin/sh\ncat "${join(dir, 'az.json')}"\n`)
  await chmod(join(bin, 'az'), 0o755)
  return `${bin}:${process.env.PATH}`
}
