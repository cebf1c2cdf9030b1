import { afterAll, beforeAll, beforeEach, describe, expect, test } from '@jest/globals'
import {
  quietStartTime,
  startEmulator,
  type Emulator,
  type ObservedRequest,
} from '../../emulator/index.js'
import { NODE_TYPES, SPARK_VERSIONS } from '../../emulator/engine/cluster-catalog.js'
import { MemoryLogger } from '../../__fixtures__/memory-logger.js'
import { ArmClient } from '../../src/arm/client.js'
import { createWorkspaceClient } from '../../src/databricks/clients.js'
import { armClientFor, checkSubnets } from '../../src/engine/network.js'
import { PROBE_TIMEOUT_MS, verifyRanges } from '../../src/engine/probe.js'
import { network } from '../../src/engine/network-mode.js'
import type { EngineClock, Runtime } from '../../src/engine/runtime.js'
import type { NetworkReport } from '../../src/report.js'
import { call } from '../emulator/helpers.js'
import { addNode, startArmDouble, type ArmDouble } from './arm-double.js'

/**
 * verifyRanges (src/engine/probe.ts) called directly: the emulator's clusters API for the probe
 * cluster, the ARM double following its compute for the VMs and NICs, a partial Runtime and a
 * clock that moves only when slept on. Exact reports, notes and log lines.
 */

let emu: Emulator
let d: ArmDouble
let arm: ArmClient
let logger: MemoryLogger
let admin: string
const bodies: ObservedRequest[] = []
/** Called as each request reaches the emulator, before it is answered. */
let observe: (r: ObservedRequest) => void = () => undefined

beforeAll(async () => {
  emu = await startEmulator({
    // One other user of the workspace, to make a cluster that is not ours.
    scenario: {
      users: [{ id: '4242', userName: 'someone@example.com', displayName: 'Someone' }],
      workspaces: [{ assignments: [{ principalId: '4242', permissions: ['USER'] }] }],
    },
    clockSpeed: 0,
    startTime: quietStartTime(),
    rateLimits: 'off',
    propagationDelayMs: 0,
    transitionMs: 50,
  })
  emu.onRequest((r) => {
    bodies.push(r)
    observe(r)
  })
  d = await startArmDouble({ follow: emu.ws() })
  const made = await armClientFor(d.access, emu.workspace.url)
  if (!(made instanceof ArmClient)) throw new Error('no ARM client')
  arm = made
  admin = String(emu.account.principal(emu.adminPrincipalId)!.userName)
})
afterAll(async () => {
  await d.close()
  await emu.close()
})
beforeEach(() => {
  for (const id of [...emu.ws().clusters.keys()]) emu.ws().clusters.delete(id)
  emu.faults.clear()
  d.reset()
  bodies.length = 0
  observe = () => undefined
  logger = new MemoryLogger()
})

const T0 = Date.UTC(2026, 0, 2, 3, 4, 5, 678)
const NAME = /^databricks-halt-probe-20260102T030405-[0-9a-f]{8}$/

function testClock(onSleep: (count: number) => void = () => undefined) {
  let now = T0
  const sleeps: number[] = []
  const clock: EngineClock = {
    now: () => now,
    sleep: async (ms) => {
      sleeps.push(ms)
      if (sleeps.length > 40) throw new Error('slept too often')
      now += ms
      onSleep(sleeps.length)
    },
  }
  return { clock, sleeps }
}

function runtime(
  clock: EngineClock = testClock().clock,
  extra: { face?: 'cli' | 'action'; userName?: string; pollMs?: number } = {},
): Runtime {
  const workspace = createWorkspaceClient({
    workspaceUrl: emu.workspace.url,
    tokens: { description: 'test token', getToken: async () => emu.adminToken },
  })
  return {
    settings: { mode: 'network', dryRun: false, verifyRanges: true, face: extra.face },
    logger,
    workspaceUrl: emu.workspace.url,
    workspaceId: emu.workspace.workspaceId,
    arm: d.access,
    caller: { id: emu.adminPrincipalId, userName: extra.userName ?? admin },
    resCtx: { clients: { workspace } },
    timing: { networkPollIntervalMs: extra.pollMs ?? 60_000, clock },
  } as unknown as Runtime
}

async function subnets(): Promise<NetworkReport> {
  const report = await checkSubnets(arm, {
    workspaceId: emu.workspace.workspaceId,
    workspaceUrl: emu.workspace.url,
  })
  expect(report.status).toBe('checked')
  return report
}

/** A tagged cluster as an interrupted run (or someone copying the tag) left it. */
async function leave(name: string, token = emu.adminToken, tagged = true): Promise<string> {
  const answer = await call(emu.workspace.url, '/api/2.1/clusters/create', {
    token,
    body: {
      cluster_name: name,
      spark_version: '16.4.x-scala2.12',
      node_type_id: 'Standard_F4s',
      autotermination_minutes: 10,
      ...(tagged ? { custom_tags: { 'databricks-halt': 'probe' } } : {}),
    },
  })
  expect(answer.status).toBe(200)
  return answer.json.cluster_id as string
}

function probeIds(): string[] {
  return [...emu.ws().clusters.values()]
    .filter((c) => c.custom_tags?.['databricks-halt'] === 'probe')
    .map((c) => String(c.cluster_id))
}

describe('verifyRanges', () => {
  test('in range: pass, the smallest node and newest LTS, single node, tagged, deleted for good', async () => {
    const report = await verifyRanges(runtime(), arm, await subnets())
    const name = report.clusterName
    expect(name).toMatch(NAME)
    const ips = d
      .ws()
      .nics()
      .map(({ nic }) => nic)
    expect(report).toEqual({
      result: 'pass',
      clusterName: name,
      clusterId: report.clusterId,
      ips: ips.map((nic) => ({
        nic: nic.name,
        ip: nic.ip,
        subnet: nic.subnet === 'host' ? 'public-subnet' : 'private-subnet',
        inRange: true,
      })),
      prefixes: ['10.139.0.0/18', '10.139.64.0/18'],
      leftoversRemoved: [],
      deleted: true,
    })
    expect(ips).toHaveLength(2)
    const create = bodies.find((r) => r.path === '/api/2.1/clusters/create')!
    expect(JSON.parse(create.body)).toEqual({
      cluster_name: name,
      spark_version: '16.4.x-scala2.12',
      node_type_id: 'Standard_F4s',
      num_workers: 0,
      autotermination_minutes: 10,
      spark_conf: { 'spark.databricks.cluster.profile': 'singleNode', 'spark.master': 'local[*]' },
      custom_tags: { 'databricks-halt': 'probe', ResourceClass: 'SingleNode' },
    })
    const deletes = bodies.filter((r) => r.path === '/api/2.1/clusters/permanent-delete')
    expect(deletes.map((r) => JSON.parse(r.body))).toEqual([{ cluster_id: report.clusterId }])
    expect(probeIds()).toEqual([])
    expect(logger.lines).toEqual([
      `info: starting probe cluster ${name} (Standard_F4s, 16.4.x-scala2.12, single node)`,
      `info: deleted probe cluster ${name}`,
    ])
  })

  test('out of range: fail, saying so; the probe is still deleted', async () => {
    d.ws().allocation.host = ['10.150.0.0/18']
    const report = await verifyRanges(runtime(), arm, await subnets())
    expect(report.result).toBe('fail')
    expect(report.ips.map((i) => [i.subnet, i.inRange])).toEqual([
      ['public-subnet', false],
      ['private-subnet', true],
    ])
    expect(report.note).toBe(
      'a probe NIC lies outside the prefixes of the workspace subnet it is attached to',
    )
    expect(report.deleted).toBe(true)
    expect(probeIds()).toEqual([])
  })

  test("only the probe's own VMs count; NICs without an address are waited out", async () => {
    // Another cluster's node, running all along: never taken for the probe's.
    await leave('someone else', emu.adminToken, false)
    const w = d.ws()
    const proto = Object.getPrototypeOf(w) as typeof w
    let withoutIp = true
    w.nicResource = (node, nic) => {
      const r = proto.nicResource.call(w, node, nic)
      const configs = (r.properties as { ipConfigurations: { properties: object }[] })
        .ipConfigurations
      if (withoutIp && node.tags['databricks-halt'] === 'probe')
        for (const c of configs)
          delete (c.properties as { privateIPAddress?: string }).privateIPAddress
      return r
    }
    // A NIC whose VM is gone, and a VM without tags: neither is the probe's.
    addNode(w, 'gone', { host: '10.139.0.99' }, { gone: true })
    w.vms = () => [
      ...proto.vms.call(w),
      { id: w.vmId('untagged'), name: 'untagged', type: 'Microsoft.Compute/virtualMachines' },
    ]
    const { clock, sleeps } = testClock(() => (withoutIp = false))
    const report = await verifyRanges(runtime(clock), arm, await subnets())
    expect(sleeps).toEqual([60_000])
    expect(report.note).toBeUndefined()
    expect(report.result).toBe('pass')
    expect(report.ips).toHaveLength(2)
    const probeVm = d.ws().nodes.find((n) => n.tags['databricks-halt'] === 'probe')!.vm
    expect(report.ips.map((i) => i.nic).sort()).toEqual(
      [`${probeVm}-privateNic`, `${probeVm}-publicNic`].sort(),
    )
    expect(logger.lines[1]).toBe("info: waiting for the probe cluster's NICs (PENDING)")
  })

  test('a NIC with an address in one of several ipConfigurations counts at once', async () => {
    const w = d.ws()
    const proto = Object.getPrototypeOf(w) as typeof w
    w.nicResource = (node, nic) => {
      const r = proto.nicResource.call(w, node, nic)
      const properties = r.properties as { ipConfigurations: object[] }
      properties.ipConfigurations = [
        { id: `${w.nicId(nic.name)}/ipConfigurations/none`, name: 'none', properties: {} },
        ...properties.ipConfigurations,
      ]
      return r
    }
    const { clock, sleeps } = testClock()
    const report = await verifyRanges(runtime(clock), arm, await subnets())
    expect(sleeps).toEqual([])
    expect(report.result).toBe('pass')
    expect(report.ips).toHaveLength(2)
  })

  test('leftovers: ours removed first (whatever the case of the user name); others named, left alone', async () => {
    const ours = await leave('databricks-halt-probe-20260101T000000-deadbeef')
    const copied = await leave('my cluster with a copied tag')
    const untagged = await leave(
      'databricks-halt-probe-20260101T000000-untagged',
      emu.adminToken,
      false,
    )
    const theirs = await leave(
      'databricks-halt-probe-20260101T000000-0ddba11',
      emu.tokenFor('4242'),
    )
    const creator = emu.ws().clusters.get(theirs)!.creator_user_name
    // Tagged, but without a name; named as ours, but without a creator: neither is ours.
    const nameless = await leave('x')
    delete emu.ws().clusters.get(nameless)!.cluster_name
    const creatorless = await leave('databricks-halt-probe-20260101T000000-nocreatr')
    delete emu.ws().clusters.get(creatorless)!.creator_user_name
    const report = await verifyRanges(
      runtime(undefined, { userName: admin.toUpperCase() }),
      arm,
      await subnets(),
    )
    expect(report.leftoversRemoved).toEqual([
      `databricks-halt-probe-20260101T000000-deadbeef (${ours})`,
    ])
    expect(report.result).toBe('pass')
    // Named in the order the clusters are listed (by id).
    expect(report.note).toBe(
      [copied, theirs, nameless, creatorless]
        .sort()
        .map((id) => {
          const name = emu.ws().clusters.get(id)!.cluster_name ?? ''
          return `cluster ${name} (${id}) is tagged databricks-halt: probe but was not made by this tool as ${admin.toUpperCase()}: left alone`
        })
        .join('; '),
    )
    expect(report.note).toContain(`cluster  (${nameless}) is tagged`)
    expect(creator).toBe('someone@example.com')
    expect([...emu.ws().clusters.keys()].sort()).toEqual(
      [copied, theirs, untagged, nameless, creatorless].sort(),
    )
    expect(logger.lines[0]).toBe(
      `info: removed leftover probe cluster databricks-halt-probe-20260101T000000-deadbeef (${ours})`,
    )
  })

  test('a leftover already gone when deleted: counted as removed, the probe goes on', async () => {
    const ours = await leave('databricks-halt-probe-20260101T000000-deadbeef')
    emu.faults.add({
      method: 'POST',
      path: '/api/2.1/clusters/permanent-delete',
      status: 404,
      errorCode: 'RESOURCE_DOES_NOT_EXIST',
      message: `Cluster ${ours} does not exist`,
      times: 1,
    })
    const report = await verifyRanges(runtime(), arm, await subnets())
    expect(report.leftoversRemoved).toEqual([
      `databricks-halt-probe-20260101T000000-deadbeef (${ours})`,
    ])
    expect(report.result).toBe('pass')
    expect(report.note).toBeUndefined()
  })

  test('the delete fails: the probe is terminated, and the note says how it goes', async () => {
    const fault = {
      method: 'POST',
      path: '/api/2.1/clusters/permanent-delete',
      status: 403,
      errorCode: 'PERMISSION_DENIED',
      message: 'Injected: no delete.',
    }
    emu.faults.add(fault)
    const cli = await verifyRanges(runtime(), arm, await subnets())
    expect(cli.result).toBe('pass')
    expect(cli.deleted).toBe(false)
    expect(cli.note).toMatch(
      new RegExp(
        `^could not delete probe cluster ${cli.clusterName} \\(.*Injected: no delete\\..*\\); it auto-terminates after 10 idle minutes and the next \`databricks-halt network --verify-ranges\` deletes it$`,
      ),
    )
    expect(['TERMINATING', 'TERMINATED']).toContain(emu.ws().clusters.get(cli.clusterId!)!.state)
    emu.ws().clusters.delete(cli.clusterId!)
    const action = await verifyRanges(runtime(undefined, { face: 'action' }), arm, await subnets())
    expect(action.note).toMatch(
      /; it auto-terminates after 10 idle minutes and the next run with mode: network with verify-ranges: true deletes it$/,
    )
    expect(logger.lines.some((l) => l.startsWith('info: deleted probe cluster'))).toBe(false)
  })

  test('a failure half-way: the note says what failed, the probe is still deleted', async () => {
    emu.faults.add({
      method: 'GET',
      path: '/api/2.1/clusters/get',
      status: 403,
      errorCode: 'PERMISSION_DENIED',
      message: 'Injected: no access.',
    })
    const report = await verifyRanges(runtime(), arm, await subnets())
    expect(report.result).toBe('fail')
    expect(report.note).toMatch(/^probe failed: .*Injected: no access\./)
    expect(report.deleted).toBe(true)
    expect(probeIds()).toEqual([])
  })

  test('an ARM read that fails while waiting: the note is its explanation', async () => {
    const network = await subnets()
    d.core.faults.add({
      path: /\/resourceGroups\/[^/]+\/resources$/i,
      status: 404,
      errorCode: 'ResourceGroupNotFound',
      message: 'Gone.',
    })
    const report = await verifyRanges(runtime(), arm, network)
    expect(report.note).toMatch(
      /^Cannot read the VMs and NICs of the managed resource group \(ResourceGroupNotFound\): /,
    )
    expect(report.result).toBe('fail')
    expect(report.deleted).toBe(true)
  })

  test('with its id known, the probe is deleted by it, without listing the clusters again', async () => {
    emu.faults.add({ method: 'GET', path: '/api/2.1/clusters/list', status: 403, after: 1 })
    const report = await verifyRanges(runtime(), arm, await subnets())
    expect(report).toMatchObject({ result: 'pass', deleted: true })
    expect(report.note).toBeUndefined()
  })

  test("the create's answer lost: the probe is found by its name and deleted, nothing else", async () => {
    const template = await leave('a user cluster', emu.adminToken, false)
    const copied = await leave('my cluster with a copied tag')
    const LOST = '0102-030405-lost0000'
    observe = (r) => {
      if (r.path !== '/api/2.1/clusters/create') return
      // The cluster is made, but its answer never arrives.
      const body = JSON.parse(r.body) as { cluster_name: string; custom_tags: object }
      const t = emu.ws().clusters.get(template)!
      emu.ws().clusters.set(LOST, {
        ...structuredClone(t),
        cluster_id: LOST,
        cluster_name: body.cluster_name,
        custom_tags: body.custom_tags,
        default_tags: { ...t.default_tags, ClusterId: LOST },
      })
      emu.faults.add({ path: r.path, status: 403, errorCode: 'PERMISSION_DENIED', times: 1 })
    }
    const report = await verifyRanges(runtime(), arm, await subnets())
    expect(report.clusterId).toBeUndefined()
    expect(report.deleted).toBe(true)
    expect(emu.ws().clusters.has(LOST)).toBe(false)
    expect([...emu.ws().clusters.keys()].sort()).toEqual([template, copied].sort())
    expect(logger.lines.at(-1)).toBe(`info: deleted probe cluster ${report.clusterName}`)
  })

  test('the clusters cannot be listed: the probe (never started) is reported as maybe left', async () => {
    emu.faults.add({
      method: 'GET',
      path: '/api/2.1/clusters/list',
      status: 403,
      errorCode: 'PERMISSION_DENIED',
      message: 'Injected: no list.',
    })
    const report = await verifyRanges(runtime(), arm, await subnets())
    expect(report.deleted).toBe(false)
    expect(report.note).toMatch(
      /^probe failed: .*Injected: no list\..*; could not delete probe cluster /,
    )
  })

  test.each([
    [
      'TERMINATED',
      { termination_reason: { code: 'CLOUD_PROVIDER_LAUNCH_FAILURE' } },
      ' (CLOUD_PROVIDER_LAUNCH_FAILURE)',
    ],
    ['ERROR', { state_message: 'Quota exceeded.' }, ' (Quota exceeded.)'],
    ['TERMINATING', {}, ''],
  ] as const)(
    'the probe ends %s before its NICs appear: fail, with its reason',
    async (state, extra, reason) => {
      d.ws().vms = () => []
      const { clock } = testClock(() => {
        const c = [...emu.ws().clusters.values()].find(
          (x) => x.custom_tags?.['databricks-halt'] === 'probe',
        )!
        Object.assign(c, { state, ...extra })
        delete c.state_message
        if ('state_message' in extra) c.state_message = extra.state_message
      })
      const report = await verifyRanges(runtime(clock), arm, await subnets())
      expect(report.result).toBe('fail')
      expect(report.note).toBe(`probe cluster ended ${state}${reason} before its NICs appeared`)
      expect(report.deleted).toBe(true)
    },
  )

  // The SDK's ClusterDetails.state is omitempty: a read without one is waited on, shown as `?`.
  test('a probe read without a state: waited on as not ended, its state shown as ?', async () => {
    d.ws().vms = () => []
    const network = await subnets()
    d.core.faults.add({ path: /\/networkInterfaces$/i, status: 404, errorCode: 'NotFound' })
    const { clock } = testClock(() => {
      const c = [...emu.ws().clusters.values()].find(
        (x) => x.custom_tags?.['databricks-halt'] === 'probe',
      )!
      delete (c as { state?: string }).state
    })
    const report = await verifyRanges(runtime(clock, { pollMs: 10 * 60_000 }), arm, network)
    expect(report.note).toBe('no NIC of the probe cluster appeared within 20 min')
    expect(logger.lines.filter((l) => l.startsWith('info: waiting'))).toEqual([
      "info: waiting for the probe cluster's NICs (PENDING)",
      "info: waiting for the probe cluster's NICs (?)",
    ])
  })

  test('no NIC by the deadline: fail, after pausing up to it and no longer', async () => {
    d.ws().vms = () => []
    const network = await subnets()
    // Never read while no VM is the probe's.
    d.core.faults.add({ path: /\/networkInterfaces$/i, status: 404, errorCode: 'NotFound' })
    const { clock, sleeps } = testClock()
    const report = await verifyRanges(runtime(clock, { pollMs: 7 * 60_000 }), arm, network)
    expect(PROBE_TIMEOUT_MS).toBe(20 * 60_000)
    expect(sleeps).toEqual([7 * 60_000, 7 * 60_000, 6 * 60_000])
    expect(report.note).toBe('no NIC of the probe cluster appeared within 20 min')
    expect(report.result).toBe('fail')
    expect(report.deleted).toBe(true)
    expect(logger.lines.filter((l) => l.startsWith('info: waiting'))).toEqual(
      Array(3).fill("info: waiting for the probe cluster's NICs (PENDING)"),
    )
  })

  test('no usable node type, or no LTS runtime: fail, saying which, nothing started or deleted', async () => {
    const others = [
      await leave('a user cluster', emu.adminToken, false),
      await leave('my cluster with a copied tag'),
    ]
    const copiedNote = (id: string) =>
      `cluster my cluster with a copied tag (${id}) is tagged databricks-halt: probe but was not made by this tool as ${admin}: left alone`
    const nodes = NODE_TYPES.splice(0)
    try {
      const report = await verifyRanges(runtime(), arm, await subnets())
      expect(report.note).toBe(
        `${copiedNote(others[1])}; No usable node type in clusters/list-node-types for the probe.`,
      )
      expect(report.clusterId).toBeUndefined()
      expect(report.deleted).toBe(true)
    } finally {
      NODE_TYPES.push(...nodes)
    }
    const versions = SPARK_VERSIONS.splice(0)
    try {
      const report = await verifyRanges(runtime(), arm, await subnets())
      expect(report.note).toBe(
        `${copiedNote(others[1])}; No LTS runtime in clusters/spark-versions for the probe.`,
      )
    } finally {
      SPARK_VERSIONS.push(...versions)
    }
    expect(bodies.filter((r) => r.path.endsWith('/clusters/create')).length).toBe(2)
    expect([...emu.ws().clusters.keys()].sort()).toEqual([...others].sort())
    expect(logger.lines).toEqual([])
  })

  test('network --verify-ranges: exit 0 only for a probe that passed and is gone', async () => {
    const pass = await network(runtime(), 'T')
    expect(pass.network!.probe).toMatchObject({ result: 'pass', deleted: true })
    expect(pass.exitCode).toBe(0)
    d.ws().allocation.host = ['10.150.0.0/18']
    const fail = await network(runtime(), 'T')
    expect(fail.network!.probe).toMatchObject({ result: 'fail', deleted: true })
    expect(fail.exitCode).toBe(1)
  })
})
