import { spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { dirname, join } from 'node:path'

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

/** Mutating requests (anything but GET) the emulator has logged, optionally on one path. */
export function isMutation(entry: { method: string }): boolean {
  return entry.method !== 'GET' && entry.method !== 'HEAD'
}
