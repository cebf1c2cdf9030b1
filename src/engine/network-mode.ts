import { option } from '../wording.js'
import { ArmClient } from '../arm/client.js'
import type { NetworkReport, Report } from '../report.js'
import { armClientFor, checkSubnets, describeLeft, type NetworkTarget } from './network.js'
import { verifyRanges } from './probe.js'
import { finishReport, reportHeader } from './report-builder.js'
import type { Runtime } from './runtime.js'

/**
 * `network`: the subnet check on its own (exit 0 only when every subnet is empty), or with
 * --verify-ranges the after-the-change check (exit 0 only when the probe's NICs lie in range).
 */
export async function network(rt: Runtime, startedAt: string): Promise<Report> {
  const arm = await armClientFor(rt.arm, rt.workspaceUrl, rt.settings.face)
  let result: NetworkReport
  if (arm instanceof ArmClient) {
    result = await rt.logger.group('Subnets', () => checkSubnets(arm, networkTarget(rt)))
    // The probe creates a cluster: a dry run (the reusable workflow's plan job, before anyone
    // approved) only says it would, so the write happens in the approved job or not at all.
    if (rt.settings.verifyRanges && rt.settings.dryRun && result.status === 'checked') {
      rt.logger.info(
        `dry run: ${option(rt.settings.face, 'verifyRanges')} would start one single-node cluster ` +
          'tagged databricks-halt: probe, check its NICs against the subnets, and delete it; ' +
          'nothing started.',
      )
    } else if (rt.settings.verifyRanges && result.status === 'checked') {
      const checked = result
      result.probe = await rt.logger.group('Probe', () => verifyRanges(rt, arm, checked))
    }
  } else result = arm
  const warnings = logNetwork(rt, result)
  const report = finishReport({ ...reportHeader(rt, 'network', startedAt), items: [], warnings })
  const probed = rt.settings.dryRun
    ? result.status === 'checked'
    : result.probe?.result === 'pass' && result.probe.deleted
  const ok = rt.settings.verifyRanges
    ? probed
    : result.status === 'checked' && result.verdict === 'empty'
  return { ...report, network: result, exitCode: ok ? 0 : 1 }
}

export function networkTarget(rt: Runtime): NetworkTarget {
  return {
    workspaceId: rt.workspaceId,
    workspaceUrl: rt.workspaceUrl,
    ...(rt.settings.face ? { face: rt.settings.face } : {}),
    ...(rt.settings.azureWorkspaceResourceId
      ? { resourceId: rt.settings.azureWorkspaceResourceId }
      : {}),
  }
}

/** Skips and failures become warnings (and annotations in the Action); verdicts are info. */
export function logNetwork(rt: Runtime, result: NetworkReport): string[] {
  if (result.status !== 'checked') {
    rt.logger.warning(result.note ?? 'Subnet check not done.', 'Subnet check')
    return result.note ? [result.note] : []
  }
  if (result.note) rt.logger.info(result.note)
  if (result.verdict === 'empty') rt.logger.info('subnets: empty')
  else rt.logger.info(`subnets: not empty: ${describeLeft(result)}`)
  const probe = result.probe
  if (!probe) return []
  const ips = probe.ips.map((i) => `${i.ip}${i.inRange ? '' : ' (out of range)'}`).join(', ')
  const line = `probe ${probe.result}: ${ips || 'no NICs'} in ${probe.prefixes.join(', ')}`
  if (probe.result === 'pass' && probe.deleted) {
    rt.logger.info(line)
    return []
  }
  const warning = probe.note ? `${line} · ${probe.note}` : line
  rt.logger.warning(warning, 'Probe')
  return [warning]
}

/**
 * stop --check-subnets: after compute has drained, re-read the subnets until no NIC is attached
 * (NICs stay up to ~15 minutes after compute stops), printing what is left when it changes. What
 * is still attached at the deadline is named and makes the stop exit 1.
 */
export async function waitForEmptySubnets(rt: Runtime, timeoutMs: number): Promise<NetworkReport> {
  const arm = await armClientFor(rt.arm, rt.workspaceUrl, rt.settings.face)
  if (!(arm instanceof ArmClient)) return arm
  const { clock } = rt.timing
  const deadline = clock.now() + timeoutMs
  let result = await checkSubnets(arm, networkTarget(rt))
  let said = ''
  while (result.status === 'checked' && result.verdict !== 'empty' && clock.now() < deadline) {
    const line = `waiting for the subnets to empty: ${describeLeft(result)}`
    if (line !== said) rt.logger.info((said = line))
    await clock.sleep(Math.min(rt.timing.networkPollIntervalMs, deadline - clock.now()))
    result = await checkSubnets(arm, networkTarget(rt))
  }
  if (result.status === 'checked' && result.verdict !== 'empty') {
    const minutes = Math.round(timeoutMs / 6000) / 10
    rt.logger.error(`subnets still not empty after ${minutes} min: ${describeLeft(result)}`)
  }
  return result
}
