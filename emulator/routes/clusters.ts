/**
 * Clusters 2.0 (unpaged list) and 2.1 (paged list): list, get, delete (terminate), start, create,
 * permanent-delete, spark-versions, list-node-types.
 */
import type { Ctx, Obj, Router } from '../http/router.js'
import { invalidParam, invalidState } from '../http/errors.js'
import { cursorPage, intParam } from '../http/paging.js'
import {
  createApiCluster,
  pascal,
  permanentlyDelete,
  startCluster,
  terminateCluster,
} from '../engine/clusters.js'
import { NODE_TYPES, SPARK_VERSIONS } from '../engine/cluster-catalog.js'
import { finishRun, isActive } from '../engine/runs.js'

function clusterOrFail(ctx: Ctx, raw: unknown): Obj {
  const id = raw ? String(raw) : ''
  const cluster = ctx.ws!.clusters.get(id)
  if (!cluster) throw invalidParam(`Cluster ${id || '<missing>'} does not exist`)
  return cluster
}

function listItem(c: Obj): Obj {
  const { spec: _spec, ...out } = c
  return out
}

function filtered(ctx: Ctx): Obj[] {
  const q = ctx.query
  const sources = q.getAll('filter_by.cluster_sources')
  const states = q.getAll('filter_by.cluster_states')
  const pinned = q.get('filter_by.is_pinned')
  const policy = q.get('filter_by.policy_id')
  return [...ctx.ws!.clusters.values()].filter(
    (c) =>
      (!sources.length || sources.includes(c.cluster_source)) &&
      (!states.length || states.includes(c.state)) &&
      (pinned === null || String(!!c.is_pinned) === pinned) &&
      (!policy || c.policy_id === policy),
  )
}

/** Inverts a string's order so a descending sort can reuse the ascending cursor. */
const invert = (s: string) =>
  [...s].map((ch) => String.fromCharCode(0xffff - ch.charCodeAt(0))).join('')

/** 2.1: page_size defaults to and is capped at 100 (the server may constrain it). */
function list21(ctx: Ctx): Obj {
  const size = Math.min(intParam(ctx.query, 'page_size') || 100, 100)
  const byName = ctx.query.get('sort_by.field') === 'CLUSTER_NAME'
  const desc = ctx.query.get('sort_by.direction') === 'DESC'
  const base = (c: Obj) => (byName ? `${c.cluster_name}\u0000${c.cluster_id}` : c.cluster_id)
  const key = desc ? (c: Obj) => invert(base(c)) : base
  const page = cursorPage(filtered(ctx), key, size, ctx.query.get('page_token'))
  return shape(page.items, page.next)
}

function shape(items: Obj[], next: string | undefined): Obj {
  const out: Obj = { clusters: items.map(listItem) }
  if (next) out.next_page_token = next
  return out
}

function start(ctx: Ctx): Obj {
  const cluster = clusterOrFail(ctx, ctx.body.cluster_id)
  if (cluster.cluster_source === 'JOB') {
    throw invalidParam(`Cluster ${cluster.cluster_id} is a job cluster and cannot be started.`)
  }
  if (cluster.state !== 'TERMINATED') {
    throw invalidState(
      `Cluster ${cluster.cluster_id} is in unexpected state ${pascal(cluster.state)}.`,
    )
  }
  startCluster(ctx.core, ctx.ws!, cluster)
  return {}
}

/** Terminating a run's JOB cluster fails that run (a continuous job then starts a new one). */
function failOwningRun(ctx: Ctx, clusterId: string): void {
  const { core, ws } = ctx
  for (const run of ws!.runs.values()) {
    if (run.cluster_instance?.cluster_id === clusterId && isActive(run)) {
      finishRun(core, ws!, run, 'FAILED')
    }
  }
}

function remove(ctx: Ctx): Obj {
  const cluster = clusterOrFail(ctx, ctx.body.cluster_id)
  const user = ctx.core.account.principal(ctx.principalId!)
  const reason = {
    code: 'USER_REQUEST',
    type: 'SUCCESS',
    parameters: { username: user?.userName ?? user?.applicationId ?? '' },
  }
  const onTerminated =
    cluster.cluster_source === 'JOB' ? () => failOwningRun(ctx, cluster.cluster_id) : undefined
  terminateCluster(ctx.core, ctx.ws!, cluster, reason, onTerminated)
  return {}
}

/**
 * clusters/create, strictly (CreateCluster in sdk-go service/compute/model.go): `spark_version`
 * is the one required field; a node type or pool; autotermination 0 or 10..10000; at most 45
 * custom tags. Answers `{cluster_id}` with the cluster PENDING.
 */
function create(ctx: Ctx): Obj {
  const b = ctx.body
  const version = b.spark_version
  if (typeof version !== 'string' || !version)
    throw invalidParam('Missing required field: spark_version')
  if (!SPARK_VERSIONS.some((v) => v.key === version))
    throw invalidParam(`Invalid spark version ${version}.`)
  if (!b.node_type_id && !b.instance_pool_id)
    throw invalidParam('Exactly one of node_type_id or instance_pool_id must be specified.')
  if (b.node_type_id && !NODE_TYPES.some((n) => n.node_type_id === b.node_type_id))
    throw invalidParam(`Node type ${String(b.node_type_id)} is not supported.`)
  if (b.instance_pool_id && !ctx.ws!.instancePools.has(String(b.instance_pool_id)))
    throw invalidParam(`Instance pool ${String(b.instance_pool_id)} does not exist.`)
  const minutes = b.autotermination_minutes ?? 0
  if (!Number.isInteger(minutes) || (minutes !== 0 && (minutes < 10 || minutes > 10000)))
    throw invalidParam(
      'Automatic termination must be between 10 and 10000 minutes, or 0 to disable it.',
    )
  const workers = b.num_workers ?? 0
  if (!Number.isInteger(workers) || workers < 0)
    throw invalidParam('num_workers must be a non-negative integer.')
  const tags = b.custom_tags ?? {}
  if (
    typeof tags !== 'object' ||
    Array.isArray(tags) ||
    Object.values(tags).some((v) => typeof v !== 'string')
  )
    throw invalidParam('custom_tags must map tag names to strings.')
  if (Object.keys(tags).length > 45) throw invalidParam('Databricks allows at most 45 custom tags.')
  const user = ctx.core.account.principal(ctx.principalId!)
  const creator = user?.userName ?? user?.applicationId ?? ''
  const cluster = createApiCluster(
    ctx.core,
    ctx.ws!,
    { ...b, num_workers: workers, autotermination_minutes: minutes },
    creator,
  )
  return { cluster_id: cluster.cluster_id }
}

/** Terminates and removes the cluster: no longer listed, and any later call says it does not exist. */
function permanentDelete(ctx: Ctx): Obj {
  const cluster = clusterOrFail(ctx, ctx.body.cluster_id)
  permanentlyDelete(ctx.core, ctx.ws!, cluster)
  return {}
}

export function clusterRoutes(r: Router): void {
  r.add('GET', '/api/2.0/clusters/list', 'clusters', 'workspace-member', (ctx) => ({
    clusters: filtered(ctx),
  }))
  r.add('GET', '/api/2.1/clusters/list', 'clusters', 'workspace-member', list21)
  for (const v of ['2.0', '2.1']) {
    const p = `/api/${v}/clusters`
    r.add('GET', `${p}/get`, 'clusters', 'workspace-member', (ctx) =>
      structuredClone(clusterOrFail(ctx, ctx.query.get('cluster_id'))),
    )
    r.add('POST', `${p}/delete`, 'clusters', 'workspace-member', remove)
    r.add('POST', `${p}/start`, 'clusters', 'workspace-member', start)
    r.add('POST', `${p}/create`, 'clusters', 'workspace-member', create)
    r.add('POST', `${p}/permanent-delete`, 'clusters', 'workspace-member', permanentDelete)
    r.add('GET', `${p}/spark-versions`, 'clusters', 'workspace-member', () => ({
      versions: structuredClone(SPARK_VERSIONS),
    }))
    r.add('GET', `${p}/list-node-types`, 'clusters', 'workspace-member', () => ({
      node_types: structuredClone(NODE_TYPES),
    }))
  }
}
