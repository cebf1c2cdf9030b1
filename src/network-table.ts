import type { NetworkReport } from './report.js'
import { firstFew } from './util/limit.js'

/**
 * The "Network" section both faces print (CLI text, job summary): one row per subnet with its
 * prefixes, the NICs still attached (NIC, VM, private IP) and the verdict. Faces only format it.
 */
export const NETWORK_HEADERS = ['SUBNET', 'ROLE', 'CIDR', 'VERDICT', 'NICS STILL ATTACHED']

export function networkRows(network: NetworkReport): string[][] {
  return network.subnets.map((s) => [
    s.name,
    s.role,
    s.prefixes.join(', '),
    s.verdict.replace('_', ' '),
    s.nics.length === 0
      ? '-'
      : firstFew(s.nics.map((n) => `${n.nic} (VM ${n.vm ?? '-'}, ${n.privateIp ?? '?'})`)).join(
          '; ',
        ),
  ])
}

/** One line: the verdict, or why there is none. */
export function networkHeadline(network: NetworkReport): string {
  if (network.status !== 'checked')
    return `Network: ${network.status}: ${network.note ?? ''}`.trim()
  const where = network.workspaceResourceId ? ` · ${network.workspaceResourceId}` : ''
  if (network.managed) {
    return (
      `Network: ${network.verdict.replace('_', ' ')} (not VNet-injected; managed resource group has ` +
      `${network.managed.vms} VMs, ${network.managed.nics} NICs)${where}`
    )
  }
  return `Network: subnets ${network.verdict.replace('_', ' ')}${where}`
}

/** The probe's result as lines. */
export function probeLines(network: NetworkReport): string[] {
  const p = network.probe
  if (!p) return []
  const ips = p.ips.map(
    (i) => `${i.nic} ${i.ip} in ${i.subnet}${i.inRange ? '' : ' (OUT OF RANGE)'}`,
  )
  return [
    `Probe ${p.clusterName}${p.clusterId ? ` (${p.clusterId})` : ''}: ${p.result.toUpperCase()}` +
      (p.note ? ` · ${p.note}` : ''),
    `  IPs: ${ips.join(', ') || 'none'} · prefixes: ${p.prefixes.join(', ')}`,
    ...(p.leftoversRemoved.length
      ? [`  removed leftover probes: ${p.leftoversRemoved.join(', ')}`]
      : []),
  ]
}
