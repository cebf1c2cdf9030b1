import { spawn } from 'node:child_process'
import { closeSync, mkdirSync, mkdtempSync, openSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { actionBundle } from './action-bundle.js'

/**
 * Runs the action, freshly bundled from src/ (see action-bundle.ts), as a child process the way the runner does: INPUT_*
 * variables, file commands (GITHUB_OUTPUT, GITHUB_STEP_SUMMARY, …) in a temp directory, and a clean
 * environment (nothing of the test process leaks in). Asynchronous on purpose: the loopback doubles
 * live in the test process and must keep answering while the child runs.
 */

export interface StepResult {
  code: number | null
  stdout: string
  stderr: string
  outputs: Record<string, string>
  summary: string
  /** `::error…::message` lines. */
  errors: string[]
  warnings: string[]
  dir: string
}

export interface StepOptions {
  /**
   * Called with the file the step's stdout goes to, as it starts. stdout is a file, not a pipe:
   * what the Action wrote is in it the moment the write returns, so a double can check, as a
   * request arrives, what the Action had printed before sending it (see mask-watch.ts).
   */
  onStart?: (stdoutFile: string) => void
}

export async function runStep(
  inputs: Record<string, string>,
  env: Record<string, string>,
  options: StepOptions = {},
): Promise<StepResult> {
  const bundle = await actionBundle()
  const dir = mkdtempSync(join(tmpdir(), 'action-step-'))
  const files = {
    GITHUB_OUTPUT: 'output',
    GITHUB_STEP_SUMMARY: 'summary.md',
    GITHUB_ENV: 'env',
    GITHUB_STATE: 'state',
    GITHUB_PATH: 'path',
  }
  const fileEnv: Record<string, string> = {}
  for (const [name, file] of Object.entries(files)) {
    fileEnv[name] = join(dir, file)
    writeFileSync(fileEnv[name], '')
  }
  const workspace = join(dir, 'workspace')
  const temp = join(dir, 'temp')
  mkdirSync(workspace)
  mkdirSync(temp)
  const inputEnv = Object.fromEntries(
    Object.entries(inputs).map(([k, v]) => [`INPUT_${k.replace(/ /g, '_').toUpperCase()}`, v]),
  )
  const childEnv = {
    PATH: process.env.PATH ?? '',
    HOME: dir,
    GITHUB_WORKSPACE: workspace,
    RUNNER_TEMP: temp,
    NO_PROXY: '127.0.0.1,localhost',
    ...fileEnv,
    ...env,
    ...inputEnv,
  }
  const stdoutFile = join(dir, 'stdout')
  const stdoutFd = openSync(stdoutFile, 'w')
  const child = spawn(process.execPath, [bundle], {
    cwd: workspace,
    env: childEnv,
    stdio: ['ignore', stdoutFd, 'pipe'],
  })
  closeSync(stdoutFd)
  options.onStart?.(stdoutFile)
  let stderr = ''
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString('utf8')))
  const code = await new Promise<number | null>((done) => child.on('close', done))
  const stdout = readFileSync(stdoutFile, 'utf8')
  return {
    code,
    stdout,
    stderr,
    outputs: parseOutputs(readFileSync(fileEnv.GITHUB_OUTPUT, 'utf8')),
    summary: readFileSync(fileEnv.GITHUB_STEP_SUMMARY, 'utf8'),
    errors: commands(stdout, 'error'),
    warnings: commands(stdout, 'warning'),
    dir,
  }
}

/** `name<<DELIM\nvalue\nDELIM` blocks, as core.setOutput writes them. */
export function parseOutputs(text: string): Record<string, string> {
  const outputs: Record<string, string> = {}
  const re = /^([^\n<]+)<<(\S+)\n([\s\S]*?)\n\2$/gm
  for (const m of text.matchAll(re)) outputs[m[1]] = m[3]
  return outputs
}

function commands(stdout: string, kind: string): string[] {
  return [...stdout.matchAll(new RegExp(`^::${kind}(?: [^:]*)?::(.*)$`, 'gm'))].map((m) =>
    m[1].replace(/%0A/g, '\n').replace(/%25/g, '%'),
  )
}
