/**
 * `npm run demo`: the whole tool on a seeded emulator, through the real CLI.
 * show → stop → show --active → restore → show, then compares the workspace with how it began.
 * Needs nothing running: the emulator starts in this process on loopback ports.
 */
import { spawn } from 'node:child_process'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { quietStartTime, startEmulator, type Emulator } from '../emulator/index.js'
import { activity, configuration, differences, runningCompute } from './workspace-state.js'

const TRANSITION_MS = 300
const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..')

async function main(): Promise<number> {
  const emu = await startEmulator({
    scenario: 'small',
    seed: 42,
    startTime: quietStartTime(),
    transitionMs: TRANSITION_MS,
    propagationDelayMs: 500,
  })
  const dir = await mkdtemp(join(tmpdir(), 'databricks-halt-demo-'))
  try {
    return await demo(emu, dir)
  } finally {
    await emu.close()
    await rm(dir, { recursive: true, force: true })
  }
}

async function demo(emu: Emulator, dir: string): Promise<number> {
  const cli = cliRunner(emu, dir)
  banner(`Emulated workspace ${emu.workspace.workspaceId} at ${emu.workspace.url}`)
  const before = configuration(emu.ws())
  const computeBefore = runningCompute(emu.ws())
  printActivity('Before', emu)

  await cli('1/5 show: what is running, scheduled and assigned', ['show'])
  const stopCode = await cli('2/5 stop: snapshot first, then halt', ['stop'])
  printChanges(before, configuration(emu.ws()))
  await settle()
  printActivity('After stop (compute drained)', emu)

  const gate = await cli('3/5 show --active: is everything stopped?', [
    'show',
    '--active',
    '--fail-if-active',
  ])
  console.log(gate === 0 ? '→ gate passed: nothing active' : '→ gate: something is still active')

  const restoreCode = await cli('4/5 restore: put back exactly what stop changed', [
    'restore',
    '--restart-compute',
  ])
  await settle()
  await cli('5/5 show: the workspace after restore', ['show'])

  return verdict(emu, before, computeBefore, [stopCode, restoreCode])
}

/** Each step is a real CLI child process with token auth, as a user would run it. */
function cliRunner(emu: Emulator, dir: string) {
  const options = [
    `--workspace-url=${emu.workspace.url}`,
    `--account-host=${emu.accountUrl}`,
    `--account-id=${emu.accountId}`,
    `--snapshot-dir=${dir}`,
    '--auth=token',
  ]
  const env = { PATH: process.env.PATH ?? '', HOME: dir, DATABRICKS_TOKEN: emu.adminToken }
  return async (title: string, args: string[]): Promise<number> => {
    banner(`${title}\n$ databricks-halt ${args.join(' ')}`)
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli.ts', ...args, ...options], {
      cwd: ROOT,
      env,
      stdio: ['ignore', 'inherit', 'inherit'],
    })
    const code = await new Promise<number>((resolve, reject) => {
      child.on('error', reject)
      child.on('close', (c) => resolve(c ?? 1))
    })
    console.log(`(exit code ${code})`)
    return code
  }
}

/** Compute goes TERMINATING → TERMINATED, PENDING → RUNNING: let the emulator's transitions end. */
async function settle(): Promise<void> {
  await new Promise((r) => setTimeout(r, TRANSITION_MS * 4))
}

function printChanges(before: ReturnType<typeof configuration>, after: typeof before): void {
  const changed = differences(before, after).filter((l) => l.includes(': now '))
  const perKind = new Map<string, number>()
  for (const line of changed) {
    const kind = line.slice(0, line.indexOf(':'))
    perKind.set(kind, (perKind.get(kind) ?? 0) + 1)
  }
  const removed = before['permission assignments'].length - after['permission assignments'].length
  console.log('\nWhat stop changed in the emulator:')
  console.log(`  permission assignments removed: ${removed}`)
  for (const [kind, n] of perKind) {
    if (kind !== 'permission assignments') console.log(`  ${kind} changed: ${n}`)
  }
}

function printActivity(when: string, emu: Emulator): void {
  const figures = Object.entries(activity(emu.ws())).map(([k, v]) => `${v} ${k}`)
  console.log(`\n${when}: ${figures.join(', ')}`)
}

function verdict(
  emu: Emulator,
  before: ReturnType<typeof configuration>,
  computeBefore: ReturnType<typeof runningCompute>,
  codes: number[],
): number {
  const diffs = [
    ...differences(before, configuration(emu.ws())),
    ...differences(computeBefore, runningCompute(emu.ws())),
  ]
  banner('Verdict')
  if (diffs.length === 0 && codes.every((c) => c === 0)) {
    const n = before['permission assignments'].length
    console.log(
      `✔ The workspace is back as it was: ${n} permission assignments, ${before.jobs.length} jobs, ` +
        'pools, schedules and running compute all match the state before stop.',
    )
    return 0
  }
  for (const line of diffs.slice(0, 20)) console.log(`  ${line}`)
  console.log(
    `✘ The workspace differs from before (${diffs.length} differences; exit codes ${codes}).`,
  )
  return 1
}

function banner(text: string): void {
  console.log(`\n${'─'.repeat(72)}\n${text}\n${'─'.repeat(72)}`)
}

main().then(
  (code) => (process.exitCode = code),
  (error: unknown) => {
    console.error(error)
    process.exitCode = 1
  },
)
