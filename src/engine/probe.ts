import { command, option } from '../wording.js'
import { BlockList } from 'node:net'
import type { NetworkInterface } from '@azure/arm-network'
import type { ArmClient } from '../arm/client.js'
import { nameOf, parseResourceGroupId, type ResourceId } from '../arm/resource-id.js'
import {
  createCluster,
  deleteCluster,
  getCluster,
  listClusters,
  listNodeTypes,
  permanentDeleteCluster,
  sparkVersions,
  type ClusterDetails,
  type NodeType,
  type SparkVersion,
} from '../databricks/clusters.js'
import { collect } from '../databricks/pagination.js'
import { isNotFound } from '../databricks/errors.js'
import { errorText } from '../errors.js'
import type { NetworkReport, ProbeReport } from '../report.js'
import { isProbeCluster, PROBE_NAME_PREFIX, PROBE_TAG } from '../resources/clusters.js'
import { CheckFailure, read } from './network.js'
import type { Runtime } from './runtime.js'

/**
 * `network --verify-ranges` (docs/adr/0018-verify-ranges-probe.md): after a VNet change, start
 * one smallest single-node cluster tagged `databricks-halt: probe`, wait until its VMs' NICs
 * appear in the managed resource group, check each NIC's private IP lies in the prefixes of the
 * workspace's subnet it is attached to, then permanently delete the cluster. Whatever fails
 * half-way, the cluster is deleted (finally); a probe an interrupted run left is removed first.
 */

/** How long the probe waits for its NICs (a cluster usually has its VMs within ~5 minutes). */
export const PROBE_TIMEOUT_MS = 20 * 60_000
const ENDED = new Set(['TERMINATING', 'TERMINATED', 'ERROR'])

export async function verifyRanges(
  rt: Runtime,
  arm: ArmClient,
  network: NetworkReport,
): Promise<ProbeReport> {
  const prefixes = network.subnets.flatMap((s) => s.prefixes)
  const name = probeName(rt)
  const report: ProbeReport = {
    result: 'fail',
    clusterName: name,
    ips: [],
    prefixes,
    leftoversRemoved: [],
    deleted: false,
  }
  if (!network.vnetInjected || !network.managedResourceGroupId) {
    report.note =
      'The workspace is not VNet-injected: its compute runs in a VNet Azure Databricks manages, so there are no ranges of yours to verify.'
    return report
  }
  const notes: string[] = []
  try {
    report.leftoversRemoved = await removeLeftovers(rt, notes)
    const spec = await probeSpec(rt)
    rt.logger.info(`starting probe cluster ${name} (${spec.node}, ${spec.version}, single node)`)
    const created = await createCluster(rt.resCtx.clients.workspace, {
      cluster_name: name,
      spark_version: spec.version,
      node_type_id: spec.node,
      num_workers: 0,
      autotermination_minutes: 10,
      spark_conf: { 'spark.databricks.cluster.profile': 'singleNode', 'spark.master': 'local[*]' },
      custom_tags: { [PROBE_TAG.key]: PROBE_TAG.value, ResourceClass: 'SingleNode' },
    })
    report.clusterId = created.cluster_id
    const mrg = parseResourceGroupId(network.managedResourceGroupId)
    const nics = await waitForNics(rt, arm, mrg, created.cluster_id)
    report.ips = nics.flatMap((nic) => ipsOf(nic, network))
    report.result = report.ips.length > 0 && report.ips.every((i) => i.inRange) ? 'pass' : 'fail'
    if (report.result === 'fail')
      notes.push('a probe NIC lies outside the prefixes of the workspace subnet it is attached to')
  } catch (e) {
    notes.push(e instanceof CheckFailure ? e.message : `probe failed: ${errorText(e)}`)
  } finally {
    report.deleted = await removeProbe(rt, report.clusterId, name, notes)
  }
  if (notes.length) report.note = notes.join('; ')
  return report
}

function probeName(rt: Runtime): string {
  const stamp = new Date(rt.timing.clock.now()).toISOString().replace(/[-:]|\.\d+Z$/g, '')
  return `${PROBE_NAME_PREFIX}${stamp}-${crypto.randomUUID().slice(0, 8)}`
}

/**
 * Probe clusters of earlier, interrupted runs: tagged, named as this tool names them and created
 * by this caller. A tagged cluster someone else made is named, never deleted.
 */
async function removeLeftovers(rt: Runtime, notes: string[]): Promise<string[]> {
  const workspace = rt.resCtx.clients.workspace
  const removed: string[] = []
  for (const c of await collect(listClusters(workspace))) {
    if (!isProbeCluster(c)) continue
    if (!isOurs(rt, c)) {
      notes.push(
        `cluster ${c.cluster_name ?? ''} (${c.cluster_id}) is tagged ${PROBE_TAG.key}: ${PROBE_TAG.value} ` +
          `but was not made by this tool as ${rt.caller.userName}: left alone`,
      )
      continue
    }
    await permanentDelete(rt, c.cluster_id)
    rt.logger.info(`removed leftover probe cluster ${c.cluster_name} (${c.cluster_id})`)
    removed.push(`${c.cluster_name} (${c.cluster_id})`)
  }
  return removed
}

function isOurs(rt: Runtime, c: ClusterDetails): boolean {
  return (
    (c.cluster_name ?? '').startsWith(PROBE_NAME_PREFIX) &&
    c.creator_user_name !== undefined &&
    c.creator_user_name.toLowerCase() === rt.caller.userName.toLowerCase()
  )
}

async function permanentDelete(rt: Runtime, clusterId: string): Promise<void> {
  try {
    await permanentDeleteCluster(rt.resCtx.clients.workspace, { cluster_id: clusterId })
  } catch (e) {
    // A retried call whose first attempt went through: the cluster is already gone.
    if (!isNotFound(e)) throw e
  }
}

/**
 * Delete the probe for good. Without an id (the create's answer was lost), find it by its
 * unique name. If the delete fails, at least terminate it and say how to remove it.
 */
async function removeProbe(
  rt: Runtime,
  clusterId: string | undefined,
  name: string,
  notes: string[],
): Promise<boolean> {
  const workspace = rt.resCtx.clients.workspace
  let ids = clusterId ? [clusterId] : []
  try {
    if (!clusterId) {
      const all = await collect(listClusters(workspace))
      ids = all.filter((c) => c.cluster_name === name && isProbeCluster(c)).map((c) => c.cluster_id)
    }
    for (const id of ids) await permanentDelete(rt, id)
    if (ids.length) rt.logger.info(`deleted probe cluster ${name}`)
    return true
  } catch (e) {
    for (const id of ids) await deleteCluster(workspace, { cluster_id: id }).catch(() => undefined)
    const face = rt.settings.face
    const again = command(face, 'network', option(face, 'verifyRanges'))
    const next = face === 'action' ? `run with ${again}` : `\`databricks-halt ${again}\``
    notes.push(
      `could not delete probe cluster ${name} (${errorText(e)}); it auto-terminates after 10 ` +
        `idle minutes and the next ${next} deletes it`,
    )
    return false
  }
}

/** The smallest node type and newest LTS runtime, chosen as the Databricks SDKs choose them. */
async function probeSpec(rt: Runtime): Promise<{ node: string; version: string }> {
  const workspace = rt.resCtx.clients.workspace
  const [nodes, versions] = await Promise.all([listNodeTypes(workspace), sparkVersions(workspace)])
  const node = smallestNodeType(nodes)
  const version = latestLts(versions)
  if (!node)
    throw new CheckFailure('No usable node type in clusters/list-node-types for the probe.')
  if (!version) throw new CheckFailure('No LTS runtime in clusters/spark-versions for the probe.')
  return { node, version }
}

const UNAVAILABLE = new Set(['NotAvailableInRegion', 'NotEnabledOnSubscription'])

/** SDK `Smallest`: not deprecated first, then fewest cores, least memory; no GPU, no Graviton. */
export function smallestNodeType(nodes: NodeType[]): string | undefined {
  const usable = nodes.filter(
    (n) =>
      !(n.node_info?.status ?? []).some((s) => UNAVAILABLE.has(s)) &&
      !(n.num_gpus ?? 0) &&
      !n.is_graviton &&
      !n.node_type_id.includes('-fleet.'),
  )
  usable.sort(
    (a, b) =>
      Number(!!a.is_deprecated) - Number(!!b.is_deprecated) ||
      a.num_cores - b.num_cores ||
      a.memory_mb - b.memory_mb ||
      (a.instance_type_id ?? '').localeCompare(b.instance_type_id ?? ''),
  )
  return usable[0]?.node_type_id
}

/** SDK `Select({LongTermSupport, Latest})`: plain (not ML, GPU, Photon…) LTS, newest first. */
export function latestLts(versions: SparkVersion[]): string | undefined {
  const plain = versions.filter(
    (v) =>
      /^\d+\.\d+\.x-scala/.test(v.key) &&
      !(v.name ?? '').includes('Beta') &&
      ((v.name ?? '').includes('LTS') || v.key.includes('-esr-')),
  )
  const num = (key: string) => key.split('.x-')[0].split('.').map(Number)
  plain.sort((a, b) => {
    const [am, an] = num(a.key)
    const [bm, bn] = num(b.key)
    // Newest first; of one release, Scala 2.12 before 2.13 (as the SDK's tie-break).
    return bm - am || bn - an || a.key.localeCompare(b.key)
  })
  return plain[0]?.key
}

/**
 * Until the probe's VMs (tagged with its ClusterId, as Databricks tags every cluster resource)
 * have NICs with private IPs. A probe that ends before that fails with its termination reason.
 */
async function waitForNics(
  rt: Runtime,
  arm: ArmClient,
  mrg: ResourceId,
  clusterId: string,
): Promise<NetworkInterface[]> {
  const { clock } = rt.timing
  const deadline = clock.now() + PROBE_TIMEOUT_MS
  for (;;) {
    const cluster = await getCluster(rt.resCtx.clients.workspace, { cluster_id: clusterId })
    if (ENDED.has(cluster.state ?? '')) {
      const reason = cluster.termination_reason?.code ?? cluster.state_message ?? ''
      throw new CheckFailure(
        `probe cluster ended ${cluster.state}${reason ? ` (${reason})` : ''} before its NICs appeared`,
      )
    }
    const nics = await probeNics(arm, mrg, clusterId)
    if (nics.length > 0) return nics
    if (clock.now() >= deadline)
      throw new CheckFailure(
        `no NIC of the probe cluster appeared within ${PROBE_TIMEOUT_MS / 60_000} min`,
      )
    rt.logger.info(`waiting for the probe cluster's NICs (${cluster.state ?? '?'})`)
    await clock.sleep(Math.min(rt.timing.networkPollIntervalMs, deadline - clock.now()))
  }
}

async function probeNics(
  arm: ArmClient,
  mrg: ResourceId,
  clusterId: string,
): Promise<NetworkInterface[]> {
  const what = 'the VMs and NICs of the managed resource group'
  const vms = await read(arm, what, mrg.id, () => arm.listVms(mrg))
  const mine = new Set(
    vms.filter((vm) => vm.tags?.ClusterId === clusterId).map((vm) => String(vm.id).toLowerCase()),
  )
  if (mine.size === 0) return []
  const nics = await read(arm, what, mrg.id, () => arm.listNics(mrg))
  return nics.filter(
    (n) =>
      mine.has(String(n.virtualMachine?.id ?? '').toLowerCase()) &&
      (n.ipConfigurations ?? []).some((c) => c.privateIPAddress),
  )
}

/** Each IP of a NIC, checked against the prefixes of the workspace subnet it is attached to. */
export function ipsOf(nic: NetworkInterface, network: NetworkReport): ProbeReport['ips'] {
  return (nic.ipConfigurations ?? [])
    .filter((c) => c.privateIPAddress)
    .map((c) => {
      const subnetId = String(c.subnet?.id ?? '')
      const subnet = network.subnets.find((s) => s.id.toLowerCase() === subnetId.toLowerCase())
      const ip = c.privateIPAddress!
      return {
        nic: String(nic.name ?? nameOf(String(nic.id))),
        ip,
        subnet: subnet?.name ?? (subnetId ? nameOf(subnetId) : '?'),
        inRange: subnet !== undefined && inPrefixes(ip, subnet.prefixes),
      }
    })
}

export function inPrefixes(ip: string, prefixes: string[]): boolean {
  const list = new BlockList()
  for (const p of prefixes) {
    const [base, bits] = p.split('/')
    const type = base.includes(':') ? 'ipv6' : 'ipv4'
    list.addSubnet(base, Number(bits), type)
  }
  return list.check(ip, ip.includes(':') ? 'ipv6' : 'ipv4')
}
