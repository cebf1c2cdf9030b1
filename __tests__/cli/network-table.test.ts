import { describe, expect, it } from '@jest/globals'
import { describeLeft } from '../../src/engine/network.js'
import { networkRows } from '../../src/network-table.js'
import type { NetworkReport, SubnetReport } from '../../src/report.js'

const nics = (n: number) =>
  Array.from({ length: n }, (_, i) => ({
    nic: `nic-${i + 1}`,
    vm: `vm-${i + 1}`,
    privateIp: `10.0.0.${i + 4}`,
  }))
const subnet = (name: string, count: number): SubnetReport => ({
  role: 'host',
  name,
  id: `/subnets/${name}`,
  prefixes: ['10.0.0.0/24'],
  nics: nics(count),
  verdict: count ? 'not_empty' : 'empty',
})
const report = (...subnets: SubnetReport[]): NetworkReport => ({
  status: 'checked',
  verdict: subnets.some((s) => s.nics.length) ? 'not_empty' : 'empty',
  subnets,
})

describe('the network section names a few NICs, not hundreds', () => {
  it('shows five NICs of a full subnet in its row and counts the rest', () => {
    const [row] = networkRows(report(subnet('host', 47)))
    expect(row![4]).toBe(
      'nic-1 (VM vm-1, 10.0.0.4); nic-2 (VM vm-2, 10.0.0.5); nic-3 (VM vm-3, 10.0.0.6); ' +
        'nic-4 (VM vm-4, 10.0.0.7); nic-5 (VM vm-5, 10.0.0.8); 42 more',
    )
  })

  it('shows every NIC when there are five or fewer, and a dash for none', () => {
    const rows = networkRows(report(subnet('host', 5), subnet('container', 0)))
    expect(rows[0]![4]!.split('; ')).toHaveLength(5)
    expect(rows[0]![4]).not.toMatch(/more/)
    expect(rows[1]![4]).toBe('-')
  })

  it('names five NICs per subnet still in use in the progress line', () => {
    expect(describeLeft(report(subnet('host', 6), subnet('container', 0)))).toBe(
      'host (10.0.0.0/24): nic-1, nic-2, nic-3, nic-4, nic-5, 1 more',
    )
    expect(describeLeft(report(subnet('host', 2), subnet('container', 1)))).toBe(
      'host (10.0.0.0/24): nic-1, nic-2; container (10.0.0.0/24): nic-1',
    )
  })
})
