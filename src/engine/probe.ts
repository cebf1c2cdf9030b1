import type { ArmClient } from '../arm/client.js'
import type { NetworkReport, ProbeReport } from '../report.js'
import type { Runtime } from './runtime.js'

/** Placeholder until the probe lands: reports that it did not run. */
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
    note: 'not implemented',
  }
}
