import type { ArmClient } from '../arm/client.js'
import type { NetworkReport, ProbeReport } from '../report.js'
import type { Runtime } from './runtime.js'

/** Not built yet: --verify-ranges reports fail with a note saying so (docs/network.md). */
export async function verifyRanges(
  _rt: Runtime,
  _arm: ArmClient,
  network: NetworkReport,
): Promise<ProbeReport> {
  return {
    result: 'fail',
    clusterName: '',
    ips: [],
    prefixes: network.subnets.flatMap((s) => s.prefixes),
    leftoversRemoved: [],
    note: '--verify-ranges is not implemented yet: start a cluster and check in Azure that its NICs are in the new ranges',
  }
}
