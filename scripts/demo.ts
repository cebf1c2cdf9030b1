/**
 * `npm run demo`: the whole tool on a seeded emulator, through the real CLI.
 * show → network → stop --wait --check-subnets → network → (VNet change) network --verify-ranges
 * → show --active → restore → show, then compares the workspace with how it began.
 * Needs nothing running and no network: the emulator and its Azure Resource Manager double start
 * in this process on loopback ports, and a stand-in `az` signs the CLI in to both.
 */
import { spawn } from 'node:child_process'
import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
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
    // NICs go with their node here; in Azure they linger up to ~15 min, which
    // --check-subnets waits out (it re-reads every 30 s).
    arm: { nicLingerMs: 0 },
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
  const cli = await cliRunner(emu, dir)
  banner(`Emulated workspace ${emu.workspace.workspaceId} at ${emu.workspace.url}`)
  unkeepCompute(emu)
  const before = configuration(emu.ws())
  const computeBefore = runningCompute(emu.ws())
  printActivity('Before', emu)

  await cli('1/8 show: what is running, scheduled and assigned', ['show'])
  const busy = await cli(
    "2/8 network: are the workspace's subnets empty? (not yet: compute runs)",
    ['network'],
  )
  const stopCode = await cli(
    '3/8 stop: snapshot first, then halt; wait for compute to drain and the subnets to empty',
    ['stop', '--wait=5', '--check-subnets'],
  )
  printChanges(before, configuration(emu.ws()))
  await settle()
  printActivity('After stop (compute drained)', emu)
  const empty = await cli('4/8 network: the subnets are empty, ready for the VNet change', [
    'network',
  ])
  console.log(
    busy === 1 && empty === 0
      ? '→ subnets went from not empty to empty'
      : '→ the subnets did not go from not empty to empty',
  )

  emu.arm!.setSubnetPrefixes('host', [NEW_HOST])
  emu.arm!.setSubnetPrefixes('container', [NEW_CONTAINER])
  const probe = await cli(
    `5/8 (the VNet change: subnets now ${NEW_HOST} and ${NEW_CONTAINER}) ` +
      'network --verify-ranges: does new compute land there?',
    ['network', '--verify-ranges'],
  )

  const gate = await cli('6/8 show --active: is everything stopped?', [
    'show',
    '--active',
    '--fail-if-active',
  ])
  console.log(gate === 0 ? '→ gate passed: nothing active' : '→ gate: something is still active')

  const restoreCode = await cli('7/8 restore: put back exactly what stop changed', [
    'restore',
    '--restart-compute',
  ])
  await settle()
  await cli('8/8 show: the workspace after restore', ['show'])

  const network = busy === 1 && empty === 0 && probe === 0
  return verdict(emu, before, computeBefore, [stopCode, restoreCode], network)
}

/**
 * A VNet change needs every classic node gone, so this halt keeps no compute: the scenario's
 * `databricks-halt: keep` tags come off its clusters and jobs (a kept job's run holds a cluster).
 * The stopped warehouse stays kept: it holds no NICs.
 */
function unkeepCompute(emu: Emulator): void {
  const ws = emu.ws()
  for (const c of ws.clusters.values()) delete c.custom_tags?.['databricks-halt']
  for (const j of ws.jobs.values()) delete j.settings?.tags?.['databricks-halt']
  console.log('(for the VNet change, no cluster or job keeps its databricks-halt: keep tag)')
}

const NEW_HOST = '10.200.0.0/18'
const NEW_CONTAINER = '10.200.64.0/18'

/**
 * Each step is a real CLI child process, signed in with `--auth azure-cli` as a user on Azure
 * would: a stand-in `az` hands out the emulator's token (for Databricks and Resource Manager),
 * DATABRICKS_HALT_ARM_ENDPOINT points at the ARM double, and its CA is trusted.
 */
async function cliRunner(emu: Emulator, dir: string) {
  const bin = join(dir, 'bin')
  await mkdir(bin)
  const token = { accessToken: emu.adminToken, expires_on: Math.floor(Date.now() / 1000) + 3600 }
  await writeFile(join(dir, 'az.json'), JSON.stringify(token))
  await writeFile(join(bin, 'az'), `#!/bin/sh\ncat "${join(dir, 'az.json')}"\n`)
  await chmod(join(bin, 'az'), 0o755)
  await writeFile(join(dir, 'arm-ca.pem'), emu.arm!.ca)
  const options = [
    `--workspace-url=${emu.workspace.url}`,
    `--account-host=${emu.accountUrl}`,
    `--account-id=${emu.accountId}`,
    `--snapshot-dir=${dir}`,
    '--auth=azure-cli',
  ]
  const env = {
    PATH: `${bin}:${process.env.PATH ?? ''}`,
    HOME: dir,
    NODE_EXTRA_CA_CERTS: join(dir, 'arm-ca.pem'),
    DATABRICKS_HALT_ARM_ENDPOINT: emu.arm!.url,
  }
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
  network: boolean,
): number {
  const diffs = [
    ...differences(before, configuration(emu.ws())),
    ...differences(computeBefore, runningCompute(emu.ws())),
  ]
  banner('Verdict')
  console.log(
    network
      ? '✔ Network: subnets not empty before the halt, empty after it; the probe after the change passed.'
      : '✘ Network: the subnet checks or the probe did not go as expected (see steps 2, 4 and 5).',
  )
  if (network && diffs.length === 0 && codes.every((c) => c === 0)) {
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
