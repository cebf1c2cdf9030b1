import { describe, expect, test } from '@jest/globals'
import type { NetworkInterface } from '@azure/arm-network'
import type { NodeType, SparkVersion } from '../../src/databricks/clusters.js'
import { inPrefixes, ipsOf, latestLts, smallestNodeType } from '../../src/engine/probe.js'
import type { NetworkReport } from '../../src/report.js'

/**
 * The pure parts of network --verify-ranges: which node type and runtime the probe takes, whether
 * an address lies in a subnet's prefixes, and how each probe NIC is judged. Every case is checked
 * in both input orders where the order could decide it.
 */

function node(id: string, extra: Partial<NodeType> = {}): NodeType {
  return { node_type_id: id, num_cores: 4, memory_mb: 8192, ...extra }
}

/** The choice must not depend on the order the API lists the node types in. */
function pick(nodes: NodeType[]): string | undefined {
  const forward = smallestNodeType(nodes)
  expect(smallestNodeType([...nodes].reverse())).toBe(forward)
  return forward
}

describe('smallestNodeType', () => {
  test('fewest cores first, then least memory, then instance type', () => {
    const big = node('Standard_D8', { num_cores: 8, memory_mb: 4096 })
    const small = node('Standard_D4', { num_cores: 4, memory_mb: 16384 })
    expect(pick([big, small])).toBe('Standard_D4')
    expect(smallestNodeType([big, small])).toBe('Standard_D4')
    const lessMemory = node('Standard_E4', { memory_mb: 4096 })
    const moreMemory = node('Standard_F4', { memory_mb: 8192 })
    expect(pick([moreMemory, lessMemory])).toBe('Standard_E4')
    expect(smallestNodeType([moreMemory, lessMemory])).toBe('Standard_E4')
    const b = node('node-b', { instance_type_id: 'Standard_B' })
    const a = node('node-a', { instance_type_id: 'Standard_A' })
    expect(pick([b, a])).toBe('node-a')
    expect(smallestNodeType([b, a])).toBe('node-a')
  })

  test('a node type without an instance type sorts before one with it', () => {
    const typed = node('typed', { instance_type_id: 'Standard_D4' })
    const untyped = node('untyped')
    expect(smallestNodeType([typed, untyped])).toBe('untyped')
    expect(smallestNodeType([untyped, typed])).toBe('untyped')
  })

  test('a deprecated node type only when nothing else is left, however small it is', () => {
    const deprecated = node('old-small', { num_cores: 2, memory_mb: 1024, is_deprecated: true })
    const current = node('new-big', { num_cores: 16, memory_mb: 65536, is_deprecated: false })
    expect(smallestNodeType([deprecated, current])).toBe('new-big')
    expect(smallestNodeType([current, deprecated])).toBe('new-big')
    const plain = node('plain-big', { num_cores: 16, memory_mb: 65536 })
    expect(smallestNodeType([deprecated, plain])).toBe('plain-big')
    expect(smallestNodeType([plain, deprecated])).toBe('plain-big')
    expect(smallestNodeType([deprecated])).toBe('old-small')
    // Two current node types still go by size (no deprecation flag set on either side).
    const three = node('three', { num_cores: 3, is_deprecated: false })
    expect(smallestNodeType([plain, three, current])).toBe('three')
    expect(smallestNodeType([current, plain, three])).toBe('three')
  })

  test.each<[string, Partial<NodeType>]>([
    ['not available in the region', { node_info: { status: ['NotAvailableInRegion'] } }],
    ['not enabled on the subscription', { node_info: { status: ['NotEnabledOnSubscription'] } }],
    [
      'unavailable among other statuses',
      { node_info: { status: ['Other', 'NotAvailableInRegion'] } },
    ],
    ['with a GPU', { num_gpus: 1 }],
    ['Graviton', { is_graviton: true }],
  ])('never a node type %s, however small', (_what, extra) => {
    const excluded = node('tiny', { num_cores: 1, memory_mb: 512, ...extra })
    const usable = node('usable', { num_cores: 8, node_info: { status: ['Something'] } })
    expect(pick([excluded, usable])).toBe('usable')
    expect(smallestNodeType([excluded, usable])).toBe('usable')
    expect(smallestNodeType([excluded])).toBeUndefined()
  })

  test('never a fleet node type; zero GPUs and no status are fine', () => {
    const fleet = node('Standard_D2-fleet.large', { num_cores: 1 })
    const ok = node('Standard_D4', { num_gpus: 0, is_graviton: false, node_info: {} })
    expect(pick([fleet, ok])).toBe('Standard_D4')
    expect(smallestNodeType([fleet])).toBeUndefined()
    expect(smallestNodeType([ok])).toBe('Standard_D4')
  })

  test('nothing usable: undefined', () => {
    expect(smallestNodeType([])).toBeUndefined()
  })
})

function version(key: string, name?: string): SparkVersion {
  return name === undefined ? { key } : { key, name }
}

function lts(versions: SparkVersion[]): string | undefined {
  const forward = latestLts(versions)
  expect(latestLts([...versions].reverse())).toBe(forward)
  return forward
}

describe('latestLts', () => {
  test('the newest plain LTS by number, not by text', () => {
    const versions = [
      version('9.1.x-scala2.12', '9.1 LTS (includes Apache Spark 3.1.2, Scala 2.12)'),
      version('15.4.x-scala2.12', '15.4 LTS (includes Apache Spark 3.5.0, Scala 2.12)'),
      version('16.4.x-scala2.12', '16.4 LTS (includes Apache Spark 3.5.2, Scala 2.12)'),
    ]
    expect(lts(versions)).toBe('16.4.x-scala2.12')
    expect(latestLts(versions)).toBe('16.4.x-scala2.12')
    expect(lts([versions[1], versions[0]])).toBe('15.4.x-scala2.12')
    expect(latestLts([versions[0], versions[1]])).toBe('15.4.x-scala2.12')
  })

  test('of one major release, the newest minor; of one release, Scala 2.12 first', () => {
    const old = version('15.2.x-scala2.12', '15.2 LTS')
    const newer = version('15.4.x-scala2.12', '15.4 LTS')
    expect(latestLts([old, newer])).toBe('15.4.x-scala2.12')
    expect(latestLts([newer, old])).toBe('15.4.x-scala2.12')
    const s213 = version('16.4.x-scala2.13', '16.4 LTS (Scala 2.13)')
    const s212 = version('16.4.x-scala2.12', '16.4 LTS (Scala 2.12)')
    expect(latestLts([s213, s212])).toBe('16.4.x-scala2.12')
    expect(latestLts([s212, s213])).toBe('16.4.x-scala2.12')
  })

  test('two-digit minor versions count as numbers', () => {
    expect(lts([version('9.12.x-scala2.12', '9.12 LTS')])).toBe('9.12.x-scala2.12')
    const a = version('9.12.x-scala2.12', '9.12 LTS')
    const b = version('9.3.x-scala2.12', '9.3 LTS')
    expect(lts([a, b])).toBe('9.12.x-scala2.12')
    expect(latestLts([b, a])).toBe('9.12.x-scala2.12')
  })

  test('never ML, GPU, Photon, Beta, non-LTS or a key of another form, however new', () => {
    const plain = version('14.3.x-scala2.12', '14.3 LTS (includes Apache Spark 3.5.0, Scala 2.12)')
    const newer = [
      version('16.4.x-cpu-ml-scala2.12', '16.4 LTS ML (includes Apache Spark 3.5.2, Scala 2.12)'),
      version('16.4.x-gpu-ml-scala2.12', '16.4 LTS ML GPU'),
      version('16.4.x-photon-scala2.12', '16.4 LTS Photon'),
      version('17.0.x-scala2.12', '17.0 LTS Beta (includes Apache Spark 4.0.0, Scala 2.12)'),
      version('17.1.x-scala2.13', '17.1 (includes Apache Spark 4.0.0, Scala 2.13)'),
      version('17.2.x-scala2.13'),
      version('x18.0.x-scala2.12', '18.0 LTS'),
      version('custom:18.1.x-scala2.12', '18.1 LTS'),
    ]
    for (const other of newer) {
      expect(latestLts([plain, other])).toBe('14.3.x-scala2.12')
      expect(latestLts([other, plain])).toBe('14.3.x-scala2.12')
      expect(latestLts([other])).toBeUndefined()
    }
    expect(lts([plain, ...newer])).toBe('14.3.x-scala2.12')
  })

  test('an extended-support key counts as LTS without the word in its name', () => {
    expect(latestLts([version('7.3.x-scala2.12-esr-1', '7.3 Extended Support')])).toBe(
      '7.3.x-scala2.12-esr-1',
    )
    expect(latestLts([version('7.3.x-scala2.12', '7.3 Extended Support')])).toBeUndefined()
  })

  test('no LTS at all: undefined', () => {
    expect(latestLts([])).toBeUndefined()
    expect(latestLts([version('17.2.x-scala2.13', '17.2')])).toBeUndefined()
  })
})

describe('inPrefixes', () => {
  test('IPv4: inside the prefix up to its last address, not one past', () => {
    expect(inPrefixes('10.139.0.4', ['10.139.0.0/18'])).toBe(true)
    expect(inPrefixes('10.139.63.255', ['10.139.0.0/18'])).toBe(true)
    expect(inPrefixes('10.139.64.0', ['10.139.0.0/18'])).toBe(false)
    expect(inPrefixes('10.138.255.255', ['10.139.0.0/18'])).toBe(false)
  })

  test('any of several prefixes', () => {
    expect(inPrefixes('10.200.64.9', ['10.200.0.0/18', '10.200.64.0/18'])).toBe(true)
    expect(inPrefixes('10.200.128.9', ['10.200.0.0/18', '10.200.64.0/18'])).toBe(false)
    expect(inPrefixes('10.0.0.1', [])).toBe(false)
  })

  test('IPv6 prefixes and addresses', () => {
    expect(inPrefixes('fd00:db8::5', ['fd00:db8::/64'])).toBe(true)
    expect(inPrefixes('fd00:db9::5', ['fd00:db8::/64'])).toBe(false)
    expect(inPrefixes('fd00:db8::5', ['10.0.0.0/8', 'fd00:db8::/64'])).toBe(true)
    expect(inPrefixes('10.1.2.3', ['10.0.0.0/8', 'fd00:db8::/64'])).toBe(true)
  })
})

const SUB = '/subscriptions/00000000-0000-4000-8000-00000000a2a1'
const VNET = `${SUB}/resourceGroups/rg-network/providers/Microsoft.Network/virtualNetworks/vnet`
const MRG = `${SUB}/resourceGroups/databricks-rg`

function network(): NetworkReport {
  return {
    status: 'checked',
    verdict: 'empty',
    vnetInjected: true,
    subnets: [
      {
        role: 'host',
        name: 'public-subnet',
        id: `${VNET}/subnets/public-subnet`,
        prefixes: ['10.200.0.0/18'],
        nics: [],
        verdict: 'empty',
      },
      {
        role: 'container',
        name: 'private-subnet',
        id: `${VNET}/subnets/private-subnet`,
        prefixes: ['10.200.64.0/18'],
        nics: [],
        verdict: 'empty',
      },
    ],
  }
}

function nicWith(
  configs: { ip?: string; subnet?: string }[] | undefined,
  name: string | null = 'vm1-nic',
): NetworkInterface {
  const id = `${MRG}/providers/Microsoft.Network/networkInterfaces/vm1-nic-id`
  return {
    id,
    ...(name === null ? {} : { name }),
    ...(configs === undefined
      ? {}
      : {
          ipConfigurations: configs.map((c, i) => ({
            id: `${id}/ipConfigurations/ipconfig${i}`,
            ...(c.ip === undefined ? {} : { privateIPAddress: c.ip }),
            ...(c.subnet === undefined ? {} : { subnet: { id: c.subnet } }),
          })),
        }),
  }
}

describe('ipsOf: each probe IP against the subnet its NIC names', () => {
  test('in the second subnet, matched whatever the case of the id: named as the report names it', () => {
    const nic = nicWith([
      { ip: '10.200.64.5', subnet: `${VNET}/subnets/PRIVATE-SUBNET`.toUpperCase() },
      { ip: '10.200.0.5', subnet: `${VNET}/subnets/public-subnet` },
    ])
    expect(ipsOf(nic, network())).toEqual([
      { nic: 'vm1-nic', ip: '10.200.64.5', subnet: 'private-subnet', inRange: true },
      { nic: 'vm1-nic', ip: '10.200.0.5', subnet: 'public-subnet', inRange: true },
    ])
  })

  test('an address outside its own subnet is out of range, even when inside the other', () => {
    const nic = nicWith([{ ip: '10.200.64.5', subnet: `${VNET}/subnets/public-subnet` }])
    expect(ipsOf(nic, network())).toEqual([
      { nic: 'vm1-nic', ip: '10.200.64.5', subnet: 'public-subnet', inRange: false },
    ])
  })

  test('a subnet not of the workspace, or none: out of range, named by its id or "?"', () => {
    const nic = nicWith([
      { ip: '10.200.0.6', subnet: `${VNET}2/subnets/elsewhere` },
      { ip: '10.200.0.7' },
      { subnet: `${VNET}/subnets/public-subnet` },
    ])
    expect(ipsOf(nic, network())).toEqual([
      { nic: 'vm1-nic', ip: '10.200.0.6', subnet: 'elsewhere', inRange: false },
      { nic: 'vm1-nic', ip: '10.200.0.7', subnet: '?', inRange: false },
    ])
  })

  test('a NIC without a name is named by its id; one without ipConfigurations has no IP', () => {
    const nic = nicWith([{ ip: '10.200.0.8', subnet: `${VNET}/subnets/public-subnet` }], null)
    expect(ipsOf(nic, network())).toEqual([
      { nic: 'vm1-nic-id', ip: '10.200.0.8', subnet: 'public-subnet', inRange: true },
    ])
    expect(ipsOf(nicWith(undefined), network())).toEqual([])
  })
})
