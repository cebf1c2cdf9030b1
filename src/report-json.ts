import { z } from 'zod'
import { stringifyJson } from './databricks/json.js'
import {
  ITEM_OUTCOMES,
  type ItemOutcome,
  type ItemReport,
  type NetworkReport,
  type ProbeReport,
  type Report,
} from './report.js'
import { RESOURCE_KINDS } from './settings.js'

/**
 * The JSON report (`--output json`, the Action's `report` file): one format for both faces, made
 * by `toJsonReport` alone (docs/adr/0019-json-report.md). snake_case like the Databricks API, the
 * snapshot and the plan; `schema_version` is bumped on any change a reader of the previous version
 * would misread (a field removed, renamed or given another meaning; adding one is not a bump).
 * schemas/report.schema.json is generated from ReportJsonSchema (`npm run schemas`).
 */
export const REPORT_SCHEMA_VERSION = 1

const decimalId = z.string().regex(/^\d+$/)
const kind = z.enum(RESOURCE_KINDS)

const count = z.number().int().nonnegative()
const CountsJson = z
  .object(
    Object.fromEntries(ITEM_OUTCOMES.map((o) => [o, count])) as Record<ItemOutcome, typeof count>,
  )
  .strict()

const ItemJson = z
  .object({
    kind,
    id: z.string(),
    name: z.string(),
    outcome: z.enum(ITEM_OUTCOMES),
    /** The state as the run found it, in the kind's own shape (the Databricks API's fields). */
    before: z.unknown().optional(),
    /** The state the run set or would set (planned), in the same shape as `before`. */
    after: z.unknown().optional(),
    /** For people: the same change in words, e.g. "schedule UNPAUSED → PAUSED". */
    detail: z.string().optional(),
    error: z.string().optional(),
    unplanned: z.boolean().optional(),
    drift: z.enum(['came_back', 'new']).optional(),
  })
  .strict()

const NetworkJson = z
  .object({
    status: z.enum(['checked', 'skipped', 'failed']),
    note: z.string().optional(),
    verdict: z.enum(['empty', 'not_empty', 'unknown']),
    workspace_resource_id: z.string().optional(),
    vnet_injected: z.boolean().optional(),
    vnet_id: z.string().optional(),
    managed_resource_group_id: z.string().optional(),
    subnets: z.array(
      z
        .object({
          role: z.enum(['host', 'container']),
          name: z.string(),
          id: z.string(),
          prefixes: z.array(z.string()),
          nics: z.array(
            z
              .object({
                nic: z.string(),
                vm: z.string().optional(),
                private_ip: z.string().optional(),
              })
              .strict(),
          ),
          verdict: z.enum(['empty', 'not_empty']),
        })
        .strict(),
    ),
    managed: z.object({ vms: z.number().int(), nics: z.number().int() }).strict().optional(),
    /** `network --verify-ranges`: where a fresh probe cluster's NICs landed. */
    probe: z
      .object({
        result: z.enum(['pass', 'fail']),
        cluster_id: z.string().optional(),
        cluster_name: z.string(),
        ips: z.array(
          z
            .object({ nic: z.string(), ip: z.string(), subnet: z.string(), in_range: z.boolean() })
            .strict(),
        ),
        prefixes: z.array(z.string()),
        deleted: z.boolean(),
        leftovers_removed: z.array(z.string()),
        note: z.string().optional(),
      })
      .strict()
      .optional(),
  })
  .strict()

const StatusJson = z
  .object({
    halted: z.boolean(),
    snapshot: z
      .object({
        name: z.string(),
        created_at: z.string(),
        created_by: z.string(),
        kept_principals: z.array(z.string()),
        items: z.number().int(),
      })
      .strict()
      .optional(),
    drift: z.number().int().optional(),
    kinds: z
      .partialRecord(
        kind,
        z.object({ came_back: z.number().int(), new: z.number().int() }).strict(),
      )
      .optional(),
  })
  .strict()

/** The Action's link to the snapshot artifact (absent in the CLI's report). */
const SnapshotArtifactJson = z
  .object({
    /** Artifact id (on a runner) or file path (a local trial of the Action). */
    ref: z.string(),
    name: z.string(),
    run_id: z.string().optional(),
    /** The run's page. */
    run_url: z.string().optional(),
    /** The artifact's download page (the `snapshot-artifact-url` output). */
    url: z.string().optional(),
  })
  .strict()

export const ReportJsonSchema = z
  .object({
    schema_version: z.literal(REPORT_SCHEMA_VERSION),
    tool: z.literal('databricks-halt'),
    mode: z.enum(['show', 'stop', 'restore', 'network', 'status']),
    dry_run: z.boolean(),
    workspace_id: decimalId,
    workspace_url: z.string(),
    account_id: z.string().optional(),
    caller: z
      .object({ id: z.string(), user_name: z.string(), display_name: z.string().optional() })
      .strict()
      .optional(),
    started_at: z.string(),
    finished_at: z.string(),
    /** 0 done; 1 an item failed, conflicted, is gone or did not converge (see `counts`). */
    exit_code: z.union([z.literal(0), z.literal(1)]),
    /** How many items ended with each outcome (every outcome, 0 included). */
    counts: CountsJson,
    /** Active items per kind before and after the run (a dry run: after it would have run). */
    census: z
      .partialRecord(kind, z.object({ before: z.number().int(), after: z.number().int() }).strict())
      .optional(),
    snapshot: z
      .object({
        /** Store handle: a file path (CLI) or an artifact id (Action). */
        ref: z.string(),
        name: z.string(),
        created_at: z.string(),
        restored: z.boolean(),
      })
      .strict()
      .optional(),
    snapshot_artifact: SnapshotArtifactJson.optional(),
    plan_out: z
      .object({ path: z.string(), items: z.number().int(), checksum: z.string() })
      .strict()
      .optional(),
    plan: z
      .object({
        path: z.string(),
        created_at: z.string(),
        created_by: z.string(),
        items: z.number().int(),
        unplanned: z.number().int(),
      })
      .strict()
      .optional(),
    status: StatusJson.optional(),
    network: NetworkJson.optional(),
    items: z.array(ItemJson),
    warnings: z.array(z.string()),
  })
  .strict()
export type ReportJson = z.infer<typeof ReportJsonSchema>

/** What a run that failed before its report prints with `--output json` (exit code 2 or 3). */
export const ErrorJsonSchema = z
  .object({
    schema_version: z.literal(REPORT_SCHEMA_VERSION),
    tool: z.literal('databricks-halt'),
    error: z.object({ name: z.string(), message: z.string() }).strict(),
    exit_code: z.number().int(),
  })
  .strict()
export type ErrorJson = z.infer<typeof ErrorJsonSchema>

/** The Action's extras: where the snapshot artifact lives. */
export interface SnapshotArtifact {
  ref: string
  name: string
  runId?: string
  runUrl?: string
  url?: string
}

/**
 * The one serialiser of a report, for the CLI and the Action alike. Each mapper takes every field
 * of its source by name and hands the rest to `noneLeft`, so a field added to Report (or to an item
 * or the network report) without a place in the JSON report is a type error here, not a silent gap.
 */
export function toJsonReport(report: Report, artifact?: SnapshotArtifact): ReportJson {
  // prettier-ignore
  const {
    mode, dryRun, workspaceId, workspaceUrl, accountId, caller, startedAt, finishedAt, exitCode,
    counts, census, snapshot, planOut, plan, status, network, items, warnings, ...left
  } = report
  noneLeft(left)
  return {
    schema_version: REPORT_SCHEMA_VERSION,
    tool: 'databricks-halt',
    mode,
    dry_run: dryRun,
    workspace_id: workspaceId,
    workspace_url: workspaceUrl,
    ...(accountId ? { account_id: accountId } : {}),
    ...(caller
      ? {
          caller: {
            id: caller.id,
            user_name: caller.userName,
            ...(caller.displayName ? { display_name: caller.displayName } : {}),
          },
        }
      : {}),
    started_at: startedAt,
    finished_at: finishedAt,
    exit_code: exitCode,
    counts,
    ...(census ? { census } : {}),
    ...(snapshot
      ? {
          snapshot: {
            ref: snapshot.ref,
            name: snapshot.name,
            created_at: snapshot.createdAt,
            restored: snapshot.restored,
          },
        }
      : {}),
    ...(artifact ? { snapshot_artifact: artifactJson(artifact) } : {}),
    ...(planOut ? { plan_out: planOut } : {}),
    ...(plan
      ? {
          plan: {
            path: plan.path,
            created_at: plan.createdAt,
            created_by: plan.createdBy,
            items: plan.items,
            unplanned: plan.unplanned,
          },
        }
      : {}),
    ...(status ? { status } : {}),
    ...(network ? { network: networkJson(network) } : {}),
    items: items.map(itemJson),
    warnings,
  }
}

/** Compile-time only: the fields not yet mapped (must be none). */
function noneLeft(left: Record<string, never>): void {
  void left
}

/** The report as printed and written: int64 ids stay exact (src/databricks/json.ts). */
export function stringifyReport(report: Report, artifact?: SnapshotArtifact): string {
  return [...reportJsonChunks(report, artifact)].join('')
}

/** Where the items go in the report printed without them. */
const NO_ITEMS = '\n  "items": [],'

/**
 * The same text as stringifyReport, an item at a time: a large workspace's report (thousands of
 * items, each with its before and after) is never built as one object tree and one string, which
 * kept the CLI's peak memory under its 200 MB budget (README, Performance).
 */
export function* reportJsonChunks(report: Report, artifact?: SnapshotArtifact): Generator<string> {
  const frame = stringifyJson(toJsonReport({ ...report, items: [] }, artifact), 2)
  const at = frame.indexOf(NO_ITEMS)
  if (at < 0) throw new Error('report-json: no items in the report frame')
  yield `${frame.slice(0, at)}\n  "items": [`
  let first = true
  for (const item of report.items) {
    const text = stringifyJson(itemJson(item), 2).replace(/\n/g, '\n    ')
    yield `${first ? '' : ','}\n    ${text}`
    first = false
  }
  yield `${first ? '' : '\n  '}],${frame.slice(at + NO_ITEMS.length)}\n`
}

export function errorJson(name: string, message: string, exitCode: number): ErrorJson {
  return {
    schema_version: REPORT_SCHEMA_VERSION,
    tool: 'databricks-halt',
    error: { name, message },
    exit_code: exitCode,
  }
}

function itemJson(item: ItemReport): ReportJson['items'][number] {
  const { kind, id, name, outcome, detail, error, unplanned, drift, ...left } = item
  const { before, after, ...none } = left
  noneLeft(none)
  return {
    kind,
    id,
    name,
    outcome,
    // Present (null included) when the run changed or would change the item.
    ...('before' in left ? { before } : {}),
    ...('after' in left ? { after } : {}),
    ...(detail !== undefined ? { detail } : {}),
    ...(error !== undefined ? { error } : {}),
    ...(unplanned ? { unplanned: true } : {}),
    ...(drift ? { drift } : {}),
  }
}

function artifactJson(a: SnapshotArtifact): NonNullable<ReportJson['snapshot_artifact']> {
  return {
    ref: a.ref,
    name: a.name,
    ...(a.runId ? { run_id: a.runId } : {}),
    ...(a.runUrl ? { run_url: a.runUrl } : {}),
    ...(a.url ? { url: a.url } : {}),
  }
}

function networkJson(network: NetworkReport): NonNullable<ReportJson['network']> {
  // prettier-ignore
  const {
    status, note, verdict, workspaceResourceId, vnetInjected, vnetId, managedResourceGroupId,
    subnets, managed, probe, ...left
  } = network
  noneLeft(left)
  return {
    status,
    ...(note !== undefined ? { note } : {}),
    verdict,
    ...(workspaceResourceId ? { workspace_resource_id: workspaceResourceId } : {}),
    ...(vnetInjected !== undefined ? { vnet_injected: vnetInjected } : {}),
    ...(vnetId ? { vnet_id: vnetId } : {}),
    ...(managedResourceGroupId ? { managed_resource_group_id: managedResourceGroupId } : {}),
    subnets: subnets.map((s) => ({
      role: s.role,
      name: s.name,
      id: s.id,
      prefixes: s.prefixes,
      nics: s.nics.map((c) => ({
        nic: c.nic,
        ...(c.vm ? { vm: c.vm } : {}),
        ...(c.privateIp ? { private_ip: c.privateIp } : {}),
      })),
      verdict: s.verdict,
    })),
    ...(managed ? { managed } : {}),
    ...(probe ? { probe: probeJson(probe) } : {}),
  }
}

function probeJson(probe: ProbeReport): NonNullable<ReportJson['network']>['probe'] {
  // prettier-ignore
  const { result, clusterId, clusterName, ips, prefixes, deleted, leftoversRemoved, note, ...left } =
    probe
  noneLeft(left)
  return {
    result,
    ...(clusterId ? { cluster_id: clusterId } : {}),
    cluster_name: clusterName,
    ips: ips.map((i) => ({ nic: i.nic, ip: i.ip, subnet: i.subnet, in_range: i.inRange })),
    prefixes,
    deleted,
    leftovers_removed: leftoversRemoved,
    ...(note !== undefined ? { note } : {}),
  }
}
