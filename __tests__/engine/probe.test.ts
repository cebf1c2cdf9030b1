import { afterEach, describe, expect, test } from '@jest/globals'
import type { Emulator } from '../../emulator/index.js'
import { call } from '../emulator/helpers.js'
import { startHarness, type Harness } from './harness.js'
import { armAccess, emulatorTiming } from './arm-access.js'

/**
 * network --verify-ranges against the emulator and its ARM double: the probe cluster's NICs are
 * found by its VMs' ClusterId tag, checked against the subnets' prefixes, and the cluster is
 * permanently deleted whatever happens half-way.
 */

let h: Harness | undefined
afterEach(async () => {
  await h?.close()
  h = undefined
})

const NEW_HOST = ['10.200.0.0/18']
const NEW_CONTAINER = ['10.200.64.0/18']

function probeClusters(emu: Emulator) {
  return [...emu.ws().clusters.values()].filter(
    (c) => c.custom_tags?.['databricks-halt'] === 'probe',
  )
}

async function verify(harness: Harness, extra = {}) {
  return harness.run(
    'network',
    { verifyRanges: true, ...extra },
    { arm: armAccess(harness.emu), timing: emulatorTiming(harness.emu) },
  )
}

/** A probe cluster as an earlier run that crashed would have left it (or someone else's). */
async function leaveProbe(emu: Emulator, name: string, token = emu.adminToken): Promise<string> {
  const answer = await call(emu.workspace.url, '/api/2.1/clusters/create', {
    token,
    body: {
      cluster_name: name,
      spark_version: '16.4.x-scala2.12',
      node_type_id: 'Standard_F4s',
      autotermination_minutes: 10,
      custom_tags: { 'databricks-halt': 'probe' },
    },
  })
  expect(answer.status).toBe(200)
  return answer.json.cluster_id as string
}

describe('network --verify-ranges', () => {
  test('after the change: the probe NICs lie in the new prefixes, pass, and the probe is gone', async () => {
    h = await startHarness({ clockSpeed: 0, arm: true, scenario: 'empty' })
    const emu = h.emu
    emu.arm!.setSubnetPrefixes('host', NEW_HOST)
    emu.arm!.setSubnetPrefixes('container', NEW_CONTAINER)
    const report = await verify(h)
    const probe = report.network!.probe!
    expect(probe.result).toBe('pass')
    expect(probe.deleted).toBe(true)
    expect(probe.prefixes).toEqual([...NEW_HOST, ...NEW_CONTAINER])
    // One node, two NICs: one in each subnet, each IP in that subnet's new prefix.
    expect(
      probe.ips.map((i) => [i.subnet, i.ip.split('.').slice(0, 2).join('.'), i.inRange]),
    ).toEqual(
      expect.arrayContaining([
        ['public-subnet', '10.200', true],
        ['private-subnet', '10.200', true],
      ]),
    )
    expect(probe.ips).toHaveLength(2)
    expect(report.exitCode).toBe(0)
    // Created with the smallest usable node type and newest plain LTS runtime, tagged.
    const create = emu.requests.find((r) => r.path === '/api/2.1/clusters/create')
    expect(create).toBeDefined()
    expect(probeClusters(emu)).toEqual([])
    expect(emu.requests.some((r) => r.path === '/api/2.1/clusters/permanent-delete')).toBe(true)
    // The NICs linger after the delete, as real ones do, with the probe's addresses.
    const left = emu.arm!.nics()
    expect(left.map((n) => n.ip).sort()).toEqual(probe.ips.map((i) => i.ip).sort())
    expect(left.every((n) => n.lingering)).toBe(true)
  })

  test('compute still lands in the old range: fail, naming the IP out of range; the probe is gone', async () => {
    h = await startHarness({ clockSpeed: 0, arm: true, scenario: 'empty' })
    const emu = h.emu
    emu.arm!.setSubnetPrefixes('host', NEW_HOST)
    emu.arm!.setAllocationPrefixes('host', ['10.139.0.0/18'])
    const report = await verify(h)
    const probe = report.network!.probe!
    expect(probe.result).toBe('fail')
    const host = probe.ips.find((i) => i.subnet === 'public-subnet')!
    expect(host.ip.startsWith('10.139.')).toBe(true)
    expect(host.inRange).toBe(false)
    expect(probe.ips.find((i) => i.subnet === 'private-subnet')!.inRange).toBe(true)
    expect(probe.note).toContain('outside the prefixes')
    expect(report.warnings.join('\n')).toContain(`${host.ip} (out of range)`)
    expect(report.exitCode).toBe(1)
    expect(probe.deleted).toBe(true)
    expect(probeClusters(emu)).toEqual([])
  })

  test('a failure half-way (clusters/get refused while waiting): fail, and the probe is still deleted', async () => {
    h = await startHarness({ clockSpeed: 0, arm: true, scenario: 'empty' })
    const emu = h.emu
    emu.faults.add({
      method: 'GET',
      path: '/api/2.1/clusters/get',
      status: 403,
      errorCode: 'PERMISSION_DENIED',
      message: 'Injected: no access.',
    })
    const report = await verify(h)
    const probe = report.network!.probe!
    expect(probe.clusterId).toBeDefined()
    expect(probe.result).toBe('fail')
    expect(probe.note).toContain('Injected: no access.')
    expect(probe.deleted).toBe(true)
    expect(report.exitCode).toBe(1)
    expect(emu.ws().clusters.has(probe.clusterId!)).toBe(false)
  })

  test('the delete itself fails: the probe is terminated, and the note says how it goes', async () => {
    h = await startHarness({ clockSpeed: 0, arm: true, scenario: 'empty' })
    const emu = h.emu
    emu.faults.add({
      method: 'POST',
      path: '/api/2.1/clusters/permanent-delete',
      status: 403,
      errorCode: 'PERMISSION_DENIED',
      message: 'Injected: no delete.',
    })
    const report = await verify(h)
    const probe = report.network!.probe!
    expect(probe.result).toBe('pass')
    expect(probe.deleted).toBe(false)
    expect(probe.note).toContain('databricks-halt network --verify-ranges')
    // A pass that left its cluster behind is not a clean run.
    expect(report.exitCode).toBe(1)
    emu.clock.advance(1000)
    expect(['TERMINATING', 'TERMINATED']).toContain(emu.ws().clusters.get(probe.clusterId!)!.state)
  })

  test('a probe left by an interrupted run is removed first; a tagged cluster of someone else is left alone', async () => {
    h = await startHarness({ clockSpeed: 0, arm: true })
    const emu = h.emu
    const leftover = await leaveProbe(emu, 'databricks-halt-probe-20260101T000000-deadbeef')
    const other = await leaveProbe(emu, 'my cluster with a copied tag')
    // Named as a probe, but made by another identity: not this run's to destroy.
    const someone = [...emu.ws().assignments.keys()].find((id) => id !== emu.adminPrincipalId)!
    const theirs = await leaveProbe(
      emu,
      'databricks-halt-probe-20260101T000000-0ddba11',
      emu.tokenFor(String(someone)),
    )
    const report = await verify(h)
    const probe = report.network!.probe!
    expect(probe.leftoversRemoved).toEqual([
      `databricks-halt-probe-20260101T000000-deadbeef (${leftover})`,
    ])
    expect(emu.ws().clusters.has(leftover)).toBe(false)
    expect(emu.ws().clusters.has(other)).toBe(true)
    expect(emu.ws().clusters.has(theirs)).toBe(true)
    expect(probe.note).toContain(`(${theirs}) is tagged databricks-halt: probe but was not made`)
    expect(probe.note).toContain(
      `(${other}) is tagged databricks-halt: probe but was not made by this tool`,
    )
    expect(probe.result).toBe('pass')
  })

  test('a dry run starts no probe: it says what it would do, and checks the subnets only', async () => {
    h = await startHarness({ clockSpeed: 0, arm: true, scenario: 'empty' })
    const emu = h.emu
    emu.arm!.setSubnetPrefixes('host', NEW_HOST)
    const report = await verify(h, { dryRun: true })
    expect(report.network!.status).toBe('checked')
    expect(report.network!.probe).toBeUndefined()
    expect(emu.requests.filter((r) => r.method !== 'GET')).toEqual([])
    expect(probeClusters(emu)).toEqual([])
    expect(h.logger.lines.join('\n')).toContain('dry run: --verify-ranges would start one')
    expect(report.exitCode).toBe(0)
    // As the Action's plan job: its input, not the CLI's flag.
    const planJob = await verify(h, { dryRun: true, face: 'action' })
    expect(planJob.exitCode).toBe(0)
    expect(h.logger.lines.join('\n')).toContain('dry run: verify-ranges: true would start one')
    expect(emu.requests.filter((r) => r.method !== 'GET')).toEqual([])
  })

  test('not VNet-injected: no probe is started, and the report says why', async () => {
    h = await startHarness({ clockSpeed: 0, arm: { vnetInjection: false }, scenario: 'empty' })
    const report = await verify(h)
    expect(report.network!.probe).toMatchObject({ result: 'fail', deleted: false })
    expect(report.network!.probe!.note).toContain('not VNet-injected')
    expect(h.emu.requests.some((r) => r.path.endsWith('/clusters/create'))).toBe(false)
    expect(report.exitCode).toBe(1)
  })
})

describe('probe clusters and halts', () => {
  test('stop neither records nor terminates a probe cluster; restore and status leave it alone', async () => {
    h = await startHarness({ clockSpeed: 0, arm: true })
    const emu = h.emu
    const id = await leaveProbe(emu, 'databricks-halt-probe-20260101T000000-cafecafe')
    emu.clock.advance(1000)
    const stop = await h.run('stop', { skip: ['permission_assignments'] })
    const item = stop.items.find((i) => i.id === id)
    expect(item).toMatchObject({ kind: 'clusters', outcome: 'kept' })
    expect(item!.detail).toContain('probe')
    const [entry] = await h.store.list(emu.workspace.workspaceId)
    const text = await h.store.read(entry)
    expect(text).toContain('"clusters"')
    expect(text).not.toContain(id)
    expect(emu.ws().clusters.get(id)!.state).toBe('RUNNING')
    const status = await h.run('status', {})
    expect(JSON.stringify(status.status ?? {})).not.toContain(id)
    const restore = await h.run('restore', {
      skip: ['permission_assignments'],
      restartCompute: true,
    })
    expect(restore.items.some((i) => i.id === id && i.outcome !== 'kept')).toBe(false)
    expect(emu.ws().clusters.get(id)!.state).toBe('RUNNING')
  })
})
