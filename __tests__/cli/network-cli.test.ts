import { afterAll, beforeAll, describe, expect, test } from '@jest/globals'
import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { fakeAz, startWorld, type World } from './run-cli.js'

/**
 * `network` through the real CLI (a child process) against the emulator and its ARM double over
 * https: the Azure sign-in is `--auth azure-cli` with a stand-in `az`, the ARM endpoint and its
 * CA come from the environment, as a user pointing the CLI at another endpoint would set them.
 */
let w: World
let env: Record<string, string>

beforeAll(async () => {
  // NICs go as soon as their node does: the CLI's waits run on real time.
  w = await startWorld({ arm: { nicLingerMs: 0 } })
  const ca = join(w.dir, 'arm-ca.pem')
  await writeFile(ca, w.emu.arm!.ca)
  env = {
    PATH: await fakeAz(w.dir, w.emu.adminToken),
    NODE_EXTRA_CA_CERTS: ca,
    DATABRICKS_HALT_ARM_ENDPOINT: w.emu.arm!.url,
  }
})
afterAll(() => w.close())

const azure = (args: string[]) => w.cli([...args, '--auth=azure-cli'], { env })
const probes = () =>
  [...w.emu.ws().clusters.values()].filter((c) => c.custom_tags?.['databricks-halt'] === 'probe')

describe('databricks-halt network (CLI, end to end)', () => {
  test('without an Azure sign-in: skipped with a note, exit 1', async () => {
    const r = await w.cli(['network'], { env })
    expect(r.code).toBe(1)
    expect(r.stdout + r.stderr).toContain('needs an Azure sign-in')
  })

  test('compute running: the table names the subnets, not empty, exit 1', async () => {
    const text = await azure(['network'])
    expect(text.code).toBe(1)
    expect(text.stdout).toContain('Network: subnets not empty')
    expect(text.stdout).toMatch(/public-subnet +host +10\.139\.0\.0\/18 +not empty/)
    const json = await azure(['network', '-o', 'json'])
    expect(json.code).toBe(1)
    const network = JSON.parse(json.stdout).network
    expect(network.verdict).toBe('not_empty')
    const nics = network.subnets.flatMap((s: { nics: unknown[] }) => s.nics)
    expect(nics.length).toBe(w.emu.arm!.nics().length)
  })

  test('stop --wait --check-subnets, then network: empty, exit 0', async () => {
    // The scenario keeps a cluster on purpose (its tag); this halt is of everything.
    for (const c of w.emu.ws().clusters.values()) delete c.custom_tags?.['databricks-halt']
    const stop = await azure([
      'stop',
      '--wait=5',
      '--check-subnets',
      '--skip=permission_assignments',
    ])
    expect(stop.code).toBe(0)
    expect(stop.stdout).toContain('Network: subnets empty')
    const r = await azure(['network'])
    expect(r.code).toBe(0)
    expect(r.stdout).toContain('Network: subnets empty')
    expect(w.emu.arm!.nics()).toEqual([])
  })

  test('--verify-ranges after a change: PASS with the new prefixes, the probe deleted, exit 0', async () => {
    w.emu.arm!.setSubnetPrefixes('host', ['10.200.0.0/18'])
    w.emu.arm!.setSubnetPrefixes('container', ['10.200.64.0/18'])
    const r = await azure(['network', '--verify-ranges'])
    expect(r.code).toBe(0)
    expect(r.stdout).toMatch(/Probe databricks-halt-probe-\S+ \(\S+\): PASS/)
    expect(r.stdout).toContain('prefixes: 10.200.0.0/18, 10.200.64.0/18')
    expect(r.stdout).toMatch(/privateNic 10\.200\.64\.\d+ in private-subnet/)
    expect(probes()).toEqual([])
  })

  test('--verify-ranges where compute still lands in the old range: FAIL, exit 1, the probe deleted', async () => {
    w.emu.arm!.setAllocationPrefixes('container', ['10.139.64.0/18'])
    const r = await azure(['network', '--verify-ranges'])
    expect(r.code).toBe(1)
    expect(r.stdout).toMatch(/: FAIL/)
    expect(r.stdout).toMatch(/10\.139\.64\.\d+ in private-subnet \(OUT OF RANGE\)/)
    expect(probes()).toEqual([])
    w.emu.arm!.setAllocationPrefixes('container', undefined)
  })
})
