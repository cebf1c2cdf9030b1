import { afterAll, beforeAll, beforeEach, describe, expect, test } from '@jest/globals'
import { MemoryLogger } from '../../__fixtures__/memory-logger.js'
import { ArmClient } from '../../src/arm/client.js'
import {
  logNetwork,
  network,
  networkTarget,
  waitForEmptySubnets,
} from '../../src/engine/network-mode.js'
import { armClientFor, checkSubnets, type ArmAccess } from '../../src/engine/network.js'
import { verifyRanges } from '../../src/engine/probe.js'
import type { EngineClock, Runtime } from '../../src/engine/runtime.js'
import type { NetworkReport, ProbeReport } from '../../src/report.js'
import type { Settings } from '../../src/settings.js'
import type { Obj } from '../../emulator/http/router.js'
import {
  addNode,
  startArmDouble,
  WORKSPACE_ID,
  workspaceUrl,
  type ArmDouble,
} from './arm-double.js'

/**
 * The network mode's decisions (src/engine/network-mode.ts): exit codes, what is logged and
 * warned, the subnet wait on an injected clock, and the probe's refusal without VNet injection.
 * Against the ARM double alone, with a partial Runtime: no Databricks side is reached.
 */

/** A logger that also keeps the title of each warning (the Action's annotation title). */
class TitledLogger extends MemoryLogger {
  override warning(message: string, title?: string): void {
    super.warning(title === undefined ? message : `[${title}] ${message}`)
  }
}

let d: ArmDouble
let logger: TitledLogger
beforeAll(async () => {
  d = await startArmDouble()
})
afterAll(() => d.close())
beforeEach(() => {
  d.reset()
  logger = new TitledLogger()
})

/** 2026-01-02T03:04:05.678Z */
const T0 = Date.UTC(2026, 0, 2, 3, 4, 5, 678)

/** A clock that moves only when slept on; refuses to sleep forever (a loop that never ends). */
function testClock(onSleep: (count: number) => void = () => undefined) {
  let now = T0
  const sleeps: number[] = []
  const clock: EngineClock = {
    now: () => now,
    sleep: async (ms) => {
      sleeps.push(ms)
      if (sleeps.length > 20) throw new Error(`slept too often: ${sleeps.join(', ')}`)
      now += ms
      onSleep(sleeps.length)
    },
  }
  return { clock, sleeps }
}

function runtime(
  settings: Partial<Settings> = {},
  access: ArmAccess | undefined = d.access,
  clock: EngineClock = testClock().clock,
): Runtime {
  return {
    settings: { mode: 'network', dryRun: false, verifyRanges: false, ...settings },
    logger,
    workspaceUrl: workspaceUrl(),
    workspaceId: String(WORKSPACE_ID),
    caller: { id: '7', userName: 'me@example.com' },
    arm: access,
    timing: { networkPollIntervalMs: 60_000, verifyTimeoutMs: 0, pollIntervalMs: 0, clock },
  } as unknown as Runtime
}

function notInjected(): void {
  const w = d.ws()
  const resource = w.resource()
  ;(resource.properties as Obj).parameters = {}
  w.resource = () => structuredClone(resource)
}

const HOST_LEFT = 'public-subnet (10.139.0.0/18): vm1-publicNic'
const CONTAINER_LEFT = 'private-subnet (10.139.64.0/18): vm1-privateNic'
const NOT_INJECTED =
  'The workspace is not VNet-injected: its compute runs in a VNet Azure Databricks manages, so there are no ranges of yours to verify.'
const PROBE_NAME = /^databricks-halt-probe-20260102T030405-[0-9a-f]{8}$/

describe('networkTarget', () => {
  test('the workspace, and the face and resource id when set', () => {
    expect(networkTarget(runtime())).toStrictEqual({
      workspaceId: String(WORKSPACE_ID),
      workspaceUrl: workspaceUrl(),
    })
    expect(
      networkTarget(runtime({ face: 'action', azureWorkspaceResourceId: '/subscriptions/x' })),
    ).toStrictEqual({
      workspaceId: String(WORKSPACE_ID),
      workspaceUrl: workspaceUrl(),
      face: 'action',
      resourceId: '/subscriptions/x',
    })
  })
})

describe('logNetwork', () => {
  const checked = (extra: Partial<NetworkReport> = {}): NetworkReport => ({
    status: 'checked',
    verdict: 'empty',
    subnets: [],
    ...extra,
  })
  const probe = (extra: Partial<ProbeReport>): ProbeReport => ({
    result: 'pass',
    clusterName: 'p',
    ips: [
      { nic: 'a', ip: '10.0.0.4', subnet: 'host', inRange: true },
      { nic: 'b', ip: '10.0.64.4', subnet: 'container', inRange: true },
    ],
    prefixes: ['10.0.0.0/18', '10.0.64.0/18'],
    leftoversRemoved: [],
    deleted: true,
    ...extra,
  })

  test('skipped or failed: a warning, kept for the report when it says why', () => {
    expect(logNetwork(runtime(), { ...checked(), status: 'skipped', note: 'No sign-in.' })).toEqual(
      ['No sign-in.'],
    )
    expect(logNetwork(runtime(), { ...checked(), status: 'failed', verdict: 'unknown' })).toEqual(
      [],
    )
    expect(logger.lines).toEqual([
      'warning: [Subnet check] No sign-in.',
      'warning: [Subnet check] Subnet check not done.',
    ])
  })

  test('checked: the note and the verdict are info, no warning', () => {
    expect(logNetwork(runtime(), checked({ note: 'Counted the group.' }))).toEqual([])
    expect(
      logNetwork(runtime(), checked({ verdict: 'not_empty', managed: { vms: 1, nics: 2 } })),
    ).toEqual([])
    expect(logger.lines).toEqual([
      'info: Counted the group.',
      'info: subnets: empty',
      'info: subnets: not empty: 1 VMs and 2 NICs in the managed resource group',
    ])
  })

  test('a probe that passed and was deleted: one info line', () => {
    expect(logNetwork(runtime(), checked({ probe: probe({}) }))).toEqual([])
    expect(logger.lines).toEqual([
      'info: subnets: empty',
      'info: probe pass: 10.0.0.4, 10.0.64.4 in 10.0.0.0/18, 10.0.64.0/18',
    ])
  })

  test('a probe that failed, or was left behind: a warning naming what is out of range, and why', () => {
    const out = probe({
      result: 'fail',
      ips: [
        { nic: 'a', ip: '10.139.0.4', subnet: 'host', inRange: false },
        { nic: 'b', ip: '10.0.64.4', subnet: 'container', inRange: true },
      ],
      note: 'a probe NIC lies outside',
    })
    const failLine =
      'probe fail: 10.139.0.4 (out of range), 10.0.64.4 in 10.0.0.0/18, 10.0.64.0/18 · a probe NIC lies outside'
    expect(logNetwork(runtime(), checked({ probe: out }))).toEqual([failLine])
    const left = probe({ deleted: false })
    const leftLine = 'probe pass: 10.0.0.4, 10.0.64.4 in 10.0.0.0/18, 10.0.64.0/18'
    expect(logNetwork(runtime(), checked({ probe: left }))).toEqual([leftLine])
    const none = probe({ result: 'fail', ips: [], deleted: true })
    expect(logNetwork(runtime(), checked({ probe: none }))).toEqual([
      'probe fail: no NICs in 10.0.0.0/18, 10.0.64.0/18',
    ])
    expect(logger.lines).toEqual([
      'info: subnets: empty',
      `warning: [Probe] ${failLine}`,
      'info: subnets: empty',
      `warning: [Probe] ${leftLine}`,
      'info: subnets: empty',
      'warning: [Probe] probe fail: no NICs in 10.0.0.0/18, 10.0.64.0/18',
    ])
  })
})

describe('network', () => {
  test('no Azure sign-in: skipped, a warning, exit 1', async () => {
    const report = await network(runtime({}, {}), '2026-01-02T03:04:05.678Z')
    const note =
      'Subnet check skipped: it reads Azure Resource Manager, which needs an Azure sign-in (--auth azure-cli or azure-default).'
    expect(report).toMatchObject({
      mode: 'network',
      dryRun: false,
      workspaceId: String(WORKSPACE_ID),
      workspaceUrl: workspaceUrl(),
      caller: { id: '7', userName: 'me@example.com' },
      startedAt: '2026-01-02T03:04:05.678Z',
      warnings: [note],
      exitCode: 1,
    })
    expect(report.items).toEqual([])
    expect(report.network).toEqual({ status: 'skipped', note, verdict: 'unknown', subnets: [] })
  })

  test('empty subnets: exit 0; anything attached: exit 1', async () => {
    const empty = await network(runtime(), 'T')
    expect(empty.network).toEqual(await checkSubnets(await client(), networkTarget(runtime())))
    expect(empty.network).toMatchObject({ status: 'checked', verdict: 'empty' })
    expect(empty.network!.probe).toBeUndefined()
    expect(empty.exitCode).toBe(0)
    expect(logger.lines).toEqual(['group: Subnets', 'endgroup: Subnets', 'info: subnets: empty'])
    addNode(d.ws(), 'vm1', { host: '10.139.0.4' })
    const busy = await network(runtime(), 'T')
    expect(busy.network!.verdict).toBe('not_empty')
    expect(busy.exitCode).toBe(1)
  })

  test('the check fails: exit 1, with or without --verify-ranges, and no probe', async () => {
    for (const settings of [{}, { verifyRanges: true }, { verifyRanges: true, dryRun: true }]) {
      d.core.faults.add({
        path: '/subscriptions',
        status: 403,
        errorCode: 'AuthorizationFailed',
        message: 'No.',
        times: 1,
      })
      logger = new TitledLogger()
      const report = await network(runtime(settings), 'T')
      expect(report.network!.status).toBe('failed')
      expect(report.network!.probe).toBeUndefined()
      expect(report.exitCode).toBe(1)
      expect(logger.lines.filter((l) => l.includes('dry run'))).toEqual([])
    }
  })

  test('--verify-ranges in a dry run: says what it would start, starts nothing, exit 0 once checked', async () => {
    addNode(d.ws(), 'vm1', { host: '10.139.0.4' })
    const cli = await network(runtime({ verifyRanges: true, dryRun: true }), 'T')
    expect(cli.network!.probe).toBeUndefined()
    expect(cli.network!.verdict).toBe('not_empty')
    expect(cli.exitCode).toBe(0)
    const action = await network(runtime({ verifyRanges: true, dryRun: true, face: 'action' }), 'T')
    expect(action.exitCode).toBe(0)
    expect(logger.lines.filter((l) => l.includes('dry run'))).toEqual([
      'info: dry run: --verify-ranges would start one single-node cluster tagged databricks-halt: probe, ' +
        'check its NICs against the subnets, and delete it; nothing started.',
      'info: dry run: verify-ranges: true would start one single-node cluster tagged databricks-halt: probe, ' +
        'check its NICs against the subnets, and delete it; nothing started.',
    ])
  })

  test('a dry run without --verify-ranges: the verdict decides', async () => {
    addNode(d.ws(), 'vm1', { host: '10.139.0.4' })
    const report = await network(runtime({ dryRun: true }), 'T')
    expect(report.exitCode).toBe(1)
    expect(logger.lines.filter((l) => l.includes('dry run'))).toEqual([])
  })

  test('--verify-ranges without VNet injection: the probe refuses, exit 1', async () => {
    notInjected()
    const report = await network(runtime({ verifyRanges: true }), 'T')
    const probe = report.network!.probe!
    expect(probe).toEqual({
      result: 'fail',
      clusterName: probe.clusterName,
      ips: [],
      prefixes: [],
      leftoversRemoved: [],
      deleted: false,
      note: NOT_INJECTED,
    })
    expect(probe.clusterName).toMatch(PROBE_NAME)
    expect(report.exitCode).toBe(1)
    expect(logger.lines.slice(0, 4)).toEqual([
      'group: Subnets',
      'endgroup: Subnets',
      'group: Probe',
      'endgroup: Probe',
    ])
  })
})

async function client(): Promise<ArmClient> {
  const arm = await armClientFor(d.access, workspaceUrl())
  if (!(arm instanceof ArmClient)) throw new Error('no client')
  return arm
}

describe('verifyRanges: when there is nothing to probe', () => {
  const subnets: NetworkReport['subnets'] = [
    { role: 'host', name: 'h', id: 'h', prefixes: ['10.0.0.0/18'], nics: [], verdict: 'empty' },
    {
      role: 'container',
      name: 'c',
      id: 'c',
      prefixes: ['10.0.64.0/18', '10.1.64.0/18'],
      nics: [],
      verdict: 'empty',
    },
  ]
  test.each([
    [
      'not injected',
      { vnetInjected: false, managedResourceGroupId: '/subscriptions/x/resourceGroups/y' },
    ],
    ['injected, but no managed resource group', { vnetInjected: true }],
    ['neither', {}],
  ])('%s: fails at once, starting nothing', async (_what, extra) => {
    const report = await verifyRanges(runtime(), await client(), {
      status: 'checked',
      verdict: 'empty',
      subnets,
      ...extra,
    })
    expect(report).toEqual({
      result: 'fail',
      clusterName: report.clusterName,
      ips: [],
      prefixes: ['10.0.0.0/18', '10.0.64.0/18', '10.1.64.0/18'],
      leftoversRemoved: [],
      deleted: false,
      note: NOT_INJECTED,
    })
    expect(report.clusterName).toMatch(PROBE_NAME)
  })
})

describe('waitForEmptySubnets', () => {
  const waiting = (left: string) => `info: waiting for the subnets to empty: ${left}`

  test('no Azure sign-in: the skipped report, no wait', async () => {
    const { clock, sleeps } = testClock()
    const result = await waitForEmptySubnets(runtime({}, {}, clock), 600_000)
    expect(result.status).toBe('skipped')
    expect(sleeps).toEqual([])
  })

  test('empty at once: no wait, nothing said', async () => {
    const { clock, sleeps } = testClock()
    const result = await waitForEmptySubnets(runtime({}, d.access, clock), 600_000)
    expect(result).toMatchObject({ status: 'checked', verdict: 'empty' })
    expect(sleeps).toEqual([])
    expect(logger.lines).toEqual([])
  })

  test('polls until empty, saying what is left each time it changes', async () => {
    const w = d.ws()
    addNode(w, 'vm1', { host: '10.139.0.4', container: '10.139.64.4' })
    const { clock, sleeps } = testClock((n) => {
      if (n === 2) w.nodes[0].nics = w.nodes[0].nics.filter((nic) => nic.subnet === 'host')
      if (n === 3) w.nodes = []
    })
    const result = await waitForEmptySubnets(runtime({}, d.access, clock), 600_000)
    expect(result).toMatchObject({ status: 'checked', verdict: 'empty' })
    expect(sleeps).toEqual([60_000, 60_000, 60_000])
    expect(logger.lines).toEqual([waiting(`${HOST_LEFT}; ${CONTAINER_LEFT}`), waiting(HOST_LEFT)])
  })

  test('not empty by the deadline: the last pause is shortened to it, and the error names what is left', async () => {
    addNode(d.ws(), 'vm1', { host: '10.139.0.4' })
    const { clock, sleeps } = testClock()
    const result = await waitForEmptySubnets(runtime({}, d.access, clock), 150_000)
    expect(result).toMatchObject({ status: 'checked', verdict: 'not_empty' })
    expect(sleeps).toEqual([60_000, 60_000, 30_000])
    expect(logger.lines).toEqual([
      waiting(HOST_LEFT),
      `error: subnets still not empty after 2.5 min: ${HOST_LEFT}`,
    ])
  })

  test('the check fails while waiting: stops, returns the failure, no error line', async () => {
    addNode(d.ws(), 'vm1', { host: '10.139.0.4' })
    const { clock, sleeps } = testClock(() =>
      d.core.faults.add({
        path: '/subscriptions',
        status: 403,
        errorCode: 'AuthorizationFailed',
        message: 'No.',
        times: 1,
      }),
    )
    const result = await waitForEmptySubnets(runtime({}, d.access, clock), 600_000)
    expect(result.status).toBe('failed')
    expect(sleeps).toEqual([60_000])
    expect(logger.lines).toEqual([waiting(HOST_LEFT)])
  })
})
