export const id = 105;
export const ids = [105];
export const modules = {

/***/ 32105:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  run: () => (/* binding */ main_run)
});

// EXTERNAL MODULE: ./node_modules/@actions/core/lib/core.js + 11 modules
var core = __webpack_require__(91659);
;// CONCATENATED MODULE: ./src/action/core-logger.ts

/** Annotations shown per kind of message (its title, or its level when it has none). */
const ANNOTATION_LIMIT = 10;
/**
 * The engine's Logger on a runner: warnings and errors become annotations, phases become log
 * groups. The runner cannot nest groups, so an inner phase is only announced inside the outer one.
 *
 * The run page shows only the first few annotations of a step, and a thousand failed writes would
 * bury the one that matters: each kind of message gets ANNOTATION_LIMIT annotations, the rest go
 * to the log as plain lines, and `flush` ends each capped kind with one "and N more" annotation.
 * The job summary lists them all.
 */
class CoreLogger {
    depth = 0;
    shown = new Map();
    held = new Map();
    info(message) {
        core/* info */.pq(message);
    }
    warning(message, title) {
        this.annotate('warning', message, title);
    }
    error(message, title) {
        this.annotate('error', message, title);
    }
    debug(message) {
        core/* debug */.Yz(message);
    }
    async group(name, fn) {
        if (this.depth > 0) {
            core/* info */.pq(`— ${name}`);
            return fn();
        }
        this.depth++;
        try {
            return await core/* group */.Os(name, fn);
        }
        finally {
            this.depth--;
        }
    }
    /** One "and N more" annotation per kind of message that went over the limit. */
    flush() {
        for (const { level, title, n } of this.held.values()) {
            const note = `… and ${n} more — see the job summary.`;
            if (level === 'error')
                core/* error */.z3(note, title ? { title } : {});
            else
                core/* warning */.$e(note, title ? { title } : {});
        }
        this.held.clear();
    }
    annotate(level, message, title) {
        const key = `${level}\u0000${title ?? ''}`;
        const shown = this.shown.get(key) ?? 0;
        if (shown < ANNOTATION_LIMIT) {
            this.shown.set(key, shown + 1);
            if (level === 'error')
                core/* error */.z3(message, title ? { title } : {});
            else
                core/* warning */.$e(message, title ? { title } : {});
            return;
        }
        // Over the limit: still in the log, as a plain line.
        core/* info */.pq(`${level}${title ? ` (${title})` : ''}: ${message}`);
        const held = this.held.get(key) ?? { level, ...(title ? { title } : {}), n: 0 };
        held.n++;
        this.held.set(key, held);
    }
}

;// CONCATENATED MODULE: ./src/util/limit.ts
/**
 * Run `fn` over items with at most `limit` in flight. The client bounds requests per rate class
 * too; this bound keeps memory flat on large workspaces (no promise per item up front).
 */
async function mapLimit(items, limit, fn) {
    const results = new Array(items.length);
    let next = 0;
    const worker = async () => {
        while (next < items.length) {
            const index = next++;
            results[index] = await fn(items[index], index);
        }
    };
    const workers = Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker);
    await Promise.all(workers);
    return results;
}
/**
 * The first `max` texts, and "N more" for the rest: a subnet can hold hundreds of NICs, and a line
 * naming them all is unreadable (the JSON report keeps every one).
 */
function firstFew(texts, max = 5) {
    if (texts.length <= max)
        return [...texts];
    return [...texts.slice(0, max), `${texts.length - max} more`];
}
/** "3 changed, 1 failed": how many items have each key, in first-seen order. */
function tally(items, key) {
    const counts = new Map();
    for (const item of items)
        counts.set(key(item), (counts.get(key(item)) ?? 0) + 1);
    return [...counts].map(([k, n]) => `${n} ${k}`).join(', ');
}
function sleep(ms) {
    return new Promise((resolve) => setTimeout(resolve, ms));
}
/**
 * Pauses between re-reads: short at first (most changes show within a second or two), growing
 * to `maxMs`, so a poll neither hammers a large workspace nor adds seconds to a quick one.
 */
function pollDelays(maxMs, firstMs = 250) {
    let next = Math.min(firstMs, maxMs);
    return () => {
        const delay = next;
        next = Math.min(maxMs, Math.ceil(next * 1.6));
        return delay;
    };
}

;// CONCATENATED MODULE: ./src/network-table.ts

/**
 * The "Network" section both faces print (CLI text, job summary): one row per subnet with its
 * prefixes, the NICs still attached (NIC, VM, private IP) and the verdict. Faces only format it.
 */
const NETWORK_HEADERS = ['SUBNET', 'ROLE', 'CIDR', 'VERDICT', 'NICS STILL ATTACHED'];
function networkRows(network) {
    return network.subnets.map((s) => [
        s.name,
        s.role,
        s.prefixes.join(', '),
        s.verdict.replace('_', ' '),
        s.nics.length === 0
            ? '-'
            : firstFew(s.nics.map((n) => `${n.nic} (VM ${n.vm ?? '-'}, ${n.privateIp ?? '?'})`)).join('; '),
    ]);
}
/** One line: the verdict, or why there is none. */
function networkHeadline(network) {
    if (network.status !== 'checked')
        return `Network: ${network.status}: ${network.note ?? ''}`.trim();
    const where = network.workspaceResourceId ? ` · ${network.workspaceResourceId}` : '';
    if (network.managed) {
        return (`Network: ${network.verdict.replace('_', ' ')} (not VNet-injected; managed resource group has ` +
            `${network.managed.vms} VMs, ${network.managed.nics} NICs)${where}`);
    }
    return `Network: subnets ${network.verdict.replace('_', ' ')}${where}`;
}
/** The probe's result as lines. */
function probeLines(network) {
    const p = network.probe;
    if (!p)
        return [];
    const ips = p.ips.map((i) => `${i.nic} ${i.ip} in ${i.subnet}${i.inRange ? '' : ' (OUT OF RANGE)'}`);
    return [
        `Probe ${p.clusterName}${p.clusterId ? ` (${p.clusterId})` : ''}: ${p.result.toUpperCase()}` +
            (p.note ? ` · ${p.note}` : ''),
        `  IPs: ${ips.join(', ') || 'none'} · prefixes: ${p.prefixes.join(', ')}`,
        ...(p.leftoversRemoved.length
            ? [`  removed leftover probes: ${p.leftoversRemoved.join(', ')}`]
            : []),
    ];
}

;// CONCATENATED MODULE: ./src/action/annotations-helper.ts
/**
 * Annotations for what needs a person after the run. Failures are annotated by the engine as they
 * happen (through the logger); conflicts, deleted items and unconverged values are only known at
 * the end. The logger caps each kind (src/action/core-logger.ts).
 */
const TITLES = {
    conflict: 'Changed by hand during the halt: left as it is',
    gone: 'Deleted during the halt',
    not_converged: 'Did not show the restored value before the deadline',
};
function annotate(report, logger) {
    for (const [outcome, title] of Object.entries(TITLES)) {
        for (const item of report.items.filter((i) => i.outcome === outcome))
            logger.warning(describe(item), title);
    }
}
function describe(item) {
    const extra = [item.detail, item.error].filter(Boolean).join('; ');
    return `${item.kind} ${item.name} (${item.id})${extra ? `: ${extra}` : ''}`;
}

;// CONCATENATED MODULE: ./src/action/outputs-helper.ts

/** The step outputs a workflow branches on (counts as decimal strings, as outputs always are). */
function setOutputs(report, snapshot, reportPath) {
    core/* setOutput */.uH('snapshot-artifact-id', snapshot?.ref ?? '');
    core/* setOutput */.uH('snapshot-artifact-name', snapshot?.name ?? '');
    core/* setOutput */.uH('snapshot-run-id', snapshot?.runId ?? '');
    core/* setOutput */.uH('snapshot-artifact-url', snapshot?.url ?? '');
    // A dry run changes nothing: `changed` is what it would change, as the real run would count it.
    core/* setOutput */.uH('changed', String(report.dryRun ? report.counts.planned : report.counts.changed));
    core/* setOutput */.uH('failed', String(report.counts.failed));
    core/* setOutput */.uH('conflicts', String(report.counts.conflict));
    core/* setOutput */.uH('active', String(report.counts.active));
    if (report.mode === 'status') {
        core/* setOutput */.uH('halted', String(report.status?.halted ?? false));
        core/* setOutput */.uH('drift', String(report.status?.drift ?? 0));
    }
    core/* setOutput */.uH('report', reportPath);
}

// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(51455);
// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(48161);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(76760);
// EXTERNAL MODULE: ./node_modules/zod/v4/classic/schemas.js + 11 modules
var schemas = __webpack_require__(92857);
;// CONCATENATED MODULE: ./src/databricks/json.ts
/**
 * Lossless JSON for Databricks payloads.
 *
 * Principal, job, run and workspace ids are int64 and real ones exceed 2^53, where JSON.parse
 * silently rounds them (and the tool would then delete or restore the wrong principal). Inside
 * databricks-halt these ids are decimal strings; on the wire they are JSON numbers. Node 24's
 * reviver receives each number's source text, and JSON.rawJSON writes it back unchanged.
 */
/** Keys whose integer values are int64 ids: parsed to decimal strings, written as JSON numbers. */
const INT64_ID_KEYS = new Set([
    'job_id',
    'run_id',
    'parent_run_id',
    'original_attempt_run_id',
    'task_run_id',
    'principal_id',
    'workspace_id',
]);
const INTEGER = /^-?\d+$/;
const rawJSON = JSON.rawJSON;
function reviver(key, value, context) {
    if (typeof value !== 'number' || context?.source === undefined)
        return value;
    const source = context.source;
    if (!INTEGER.test(source))
        return value;
    // Ids become strings always (one type everywhere); any other integer only when it would round.
    if (INT64_ID_KEYS.has(key) || !Number.isSafeInteger(value))
        return source;
    return value;
}
function parseJson(text) {
    if (!rawJSON)
        throw new Error('databricks-halt needs Node.js 24 or later (JSON source text access).');
    return JSON.parse(text, reviver);
}
function replacer(key, value) {
    if (typeof value === 'bigint')
        return rawJSON(value.toString());
    if (typeof value === 'string' && INT64_ID_KEYS.has(key) && INTEGER.test(value)) {
        return rawJSON(value);
    }
    return value;
}
function stringifyJson(value, space) {
    if (!rawJSON)
        throw new Error('databricks-halt needs Node.js 24 or later (JSON.rawJSON).');
    return JSON.stringify(value, replacer, space);
}

;// CONCATENATED MODULE: ./src/report.ts
/** Every outcome, in the order reports list them. */
const ITEM_OUTCOMES = [
    'active',
    'inactive',
    'planned',
    'changed',
    'already_halted',
    'kept',
    'unchanged',
    'left_off',
    'conflict',
    'gone',
    'report_only',
    'not_available',
    'failed',
    'not_converged',
];
/** Outcomes that need a person: they make a run end with exit code 1. */
const FAILING_OUTCOMES = new Set([
    'failed',
    'conflict',
    'gone',
    'not_converged',
]);

;// CONCATENATED MODULE: ./src/settings.ts

/** Resource kinds, named after the Databricks API objects they act on. */
const RESOURCE_KINDS = [
    'permission_assignments',
    'jobs',
    'job_runs',
    'pipelines',
    'clusters',
    'warehouses',
    'instance_pools',
    'apps',
    'alerts',
    'dashboard_schedules',
    'serving_endpoints',
    'vector_search_endpoints',
];
const AUTH_METHODS = [
    'auto',
    'token',
    'azure-oidc',
    'databricks-oidc',
    'azure-cli',
    'azure-default',
];
/**
 * The one typed settings object both faces (the Action's inputs, the CLI's flags) produce.
 * Everything after it (auth, client, engine, stores) reads only this.
 */
const SettingsSchema = schemas/* object */.Ikc({
    mode: schemas/* enum */.k5n(['show', 'stop', 'restore', 'network', 'status']),
    workspaceUrl: schemas/* url */.OZ5(),
    /** Decimal string: workspace ids are int64 and may exceed 2^53. */
    workspaceId: schemas/* string */.YjP().regex(/^\d+$/).optional(),
    accountId: schemas/* string */.YjP().min(1).optional(),
    accountHost: schemas/* url */.OZ5().optional(),
    /** Principals to keep: ids, user names, group names, SP application ids or display names. */
    keep: schemas/* array */.YOg(schemas/* string */.YjP().min(1)).default([]),
    /** Principals to drop from the open snapshot's keep list (which a second stop and show inherit). */
    unkeep: schemas/* array */.YOg(schemas/* string */.YjP().min(1)).default([]),
    only: schemas/* array */.YOg(schemas/* enum */.k5n(RESOURCE_KINDS)).optional(),
    skip: schemas/* array */.YOg(schemas/* enum */.k5n(RESOURCE_KINDS)).default([]),
    dryRun: schemas/* boolean */.zMY().default(false),
    force: schemas/* boolean */.zMY().default(false),
    restartCompute: schemas/* boolean */.zMY().default(false),
    /** stop: minutes to wait for compute to drain; 0 = do not wait. */
    waitMinutes: schemas/* number */.aig().min(0).default(0),
    active: schemas/* boolean */.zMY().default(false),
    failIfActive: schemas/* boolean */.zMY().default(false),
    /** status: exit 1 when anything the halt stopped came back, or something new is active. */
    failOnDrift: schemas/* boolean */.zMY().default(false),
    maxConcurrency: schemas/* number */.aig().int().min(1).max(256).default(16),
    /** Seconds one request may take; default 60 (20 until a host has answered once). */
    requestTimeoutSeconds: schemas/* number */.aig().positive().optional(),
    /** restore: which snapshot; undefined = latest un-restored for the workspace. */
    snapshot: schemas/* string */.YjP().min(1).optional(),
    /** Hosts outside Databricks and Microsoft that may still receive credentials (opt-in). */
    allowHosts: schemas/* array */.YOg(schemas/* string */.YjP().min(1)).default([]),
    /** stop: start afresh although the newest open snapshot (this name) is unreadable or untrusted. */
    ignoreOpenSnapshot: schemas/* string */.YjP().min(1).optional(),
    /** stop/restore --dry-run: write the plan to this file (--plan-out). */
    planOut: schemas/* string */.YjP().min(1).optional(),
    /** stop/restore: apply this saved plan (--plan) instead of planning afresh. */
    plan: schemas/* string */.YjP().min(1).optional(),
    /** --plan: refuse a plan older than this, by the workspace's clock. */
    planMaxAgeHours: schemas/* number */.aig().positive().default(24),
    /** stop --plan: what to do with active items the plan did not list. */
    onDrift: schemas/* enum */.k5n(['include', 'fail']).default('include'),
    /** Auth method, or `profile:NAME` for ~/.databrickscfg. */
    auth: schemas/* union */.KCZ([schemas/* enum */.k5n(AUTH_METHODS), schemas/* string */.YjP().regex(/^profile:.+$/)]).default('auto'),
    /** Azure resource id of the workspace (network checks); else looked up by its URL. */
    azureWorkspaceResourceId: schemas/* string */.YjP().min(1).optional(),
    /** stop: also wait (within waitMinutes) until the workspace's subnets have no NICs. */
    checkSubnets: schemas/* boolean */.zMY().default(false),
    /** network: start a probe cluster and check its NICs lie in the subnets' current prefixes. */
    verifyRanges: schemas/* boolean */.zMY().default(false),
    /** Who runs it: messages name options as this face does (src/wording.ts). Absent: the CLI. */
    face: schemas/* enum */.k5n(['cli', 'action']).optional(),
});

;// CONCATENATED MODULE: ./src/report-json.ts




/**
 * The JSON report (`--output json`, the Action's `report` file): one format for both faces, made
 * by `toJsonReport` alone (docs/adr/0019-json-report.md). snake_case like the Databricks API, the
 * snapshot and the plan; `schema_version` is bumped on any change a reader of the previous version
 * would misread (a field removed, renamed or given another meaning; adding one is not a bump).
 * schemas/report.schema.json is generated from ReportJsonSchema (`npm run schemas`).
 */
const REPORT_SCHEMA_VERSION = 1;
const decimalId = schemas/* string */.YjP().regex(/^\d+$/);
const kind = schemas/* enum */.k5n(RESOURCE_KINDS);
const count = schemas/* number */.aig().int().nonnegative();
const CountsJson = schemas/* object */.Ikc(Object.fromEntries(ITEM_OUTCOMES.map((o) => [o, count])))
    .strict();
const ItemJson = schemas/* object */.Ikc({
    kind,
    id: schemas/* string */.YjP(),
    name: schemas/* string */.YjP(),
    outcome: schemas/* enum */.k5n(ITEM_OUTCOMES),
    /** The state as the run found it, in the kind's own shape (the Databricks API's fields). */
    before: schemas/* unknown */.L5J().optional(),
    /** The state the run set or would set (planned), in the same shape as `before`. */
    after: schemas/* unknown */.L5J().optional(),
    /** For people: the same change in words, e.g. "schedule UNPAUSED → PAUSED". */
    detail: schemas/* string */.YjP().optional(),
    error: schemas/* string */.YjP().optional(),
    unplanned: schemas/* boolean */.zMY().optional(),
    drift: schemas/* enum */.k5n(['came_back', 'new']).optional(),
})
    .strict();
const NetworkJson = schemas/* object */.Ikc({
    status: schemas/* enum */.k5n(['checked', 'skipped', 'failed']),
    note: schemas/* string */.YjP().optional(),
    verdict: schemas/* enum */.k5n(['empty', 'not_empty', 'unknown']),
    workspace_resource_id: schemas/* string */.YjP().optional(),
    vnet_injected: schemas/* boolean */.zMY().optional(),
    vnet_id: schemas/* string */.YjP().optional(),
    managed_resource_group_id: schemas/* string */.YjP().optional(),
    subnets: schemas/* array */.YOg(schemas/* object */.Ikc({
        role: schemas/* enum */.k5n(['host', 'container']),
        name: schemas/* string */.YjP(),
        id: schemas/* string */.YjP(),
        prefixes: schemas/* array */.YOg(schemas/* string */.YjP()),
        nics: schemas/* array */.YOg(schemas/* object */.Ikc({
            nic: schemas/* string */.YjP(),
            vm: schemas/* string */.YjP().optional(),
            private_ip: schemas/* string */.YjP().optional(),
        })
            .strict()),
        verdict: schemas/* enum */.k5n(['empty', 'not_empty']),
    })
        .strict()),
    managed: schemas/* object */.Ikc({ vms: schemas/* number */.aig().int(), nics: schemas/* number */.aig().int() }).strict().optional(),
    /** `network --verify-ranges`: where a fresh probe cluster's NICs landed. */
    probe: schemas/* object */.Ikc({
        result: schemas/* enum */.k5n(['pass', 'fail']),
        cluster_id: schemas/* string */.YjP().optional(),
        cluster_name: schemas/* string */.YjP(),
        ips: schemas/* array */.YOg(schemas/* object */.Ikc({ nic: schemas/* string */.YjP(), ip: schemas/* string */.YjP(), subnet: schemas/* string */.YjP(), in_range: schemas/* boolean */.zMY() })
            .strict()),
        prefixes: schemas/* array */.YOg(schemas/* string */.YjP()),
        deleted: schemas/* boolean */.zMY(),
        leftovers_removed: schemas/* array */.YOg(schemas/* string */.YjP()),
        note: schemas/* string */.YjP().optional(),
    })
        .strict()
        .optional(),
})
    .strict();
const StatusJson = schemas/* object */.Ikc({
    halted: schemas/* boolean */.zMY(),
    snapshot: schemas/* object */.Ikc({
        name: schemas/* string */.YjP(),
        created_at: schemas/* string */.YjP(),
        created_by: schemas/* string */.YjP(),
        kept_principals: schemas/* array */.YOg(schemas/* string */.YjP()),
        items: schemas/* number */.aig().int(),
    })
        .strict()
        .optional(),
    drift: schemas/* number */.aig().int().optional(),
    kinds: schemas/* partialRecord */.jgl(kind, schemas/* object */.Ikc({ came_back: schemas/* number */.aig().int(), new: schemas/* number */.aig().int() }).strict())
        .optional(),
})
    .strict();
/** The Action's link to the snapshot artifact (absent in the CLI's report). */
const SnapshotArtifactJson = schemas/* object */.Ikc({
    /** Artifact id (on a runner) or file path (a local trial of the Action). */
    ref: schemas/* string */.YjP(),
    name: schemas/* string */.YjP(),
    run_id: schemas/* string */.YjP().optional(),
    /** The run's page. */
    run_url: schemas/* string */.YjP().optional(),
    /** The artifact's download page (the `snapshot-artifact-url` output). */
    url: schemas/* string */.YjP().optional(),
})
    .strict();
const ReportJsonSchema = schemas/* object */.Ikc({
    schema_version: schemas/* literal */.euz(REPORT_SCHEMA_VERSION),
    tool: schemas/* literal */.euz('databricks-halt'),
    mode: schemas/* enum */.k5n(['show', 'stop', 'restore', 'network', 'status']),
    dry_run: schemas/* boolean */.zMY(),
    workspace_id: decimalId,
    workspace_url: schemas/* string */.YjP(),
    account_id: schemas/* string */.YjP().optional(),
    caller: schemas/* object */.Ikc({ id: schemas/* string */.YjP(), user_name: schemas/* string */.YjP(), display_name: schemas/* string */.YjP().optional() })
        .strict()
        .optional(),
    started_at: schemas/* string */.YjP(),
    finished_at: schemas/* string */.YjP(),
    /** 0 done; 1 an item failed, conflicted, is gone or did not converge (see `counts`). */
    exit_code: schemas/* union */.KCZ([schemas/* literal */.euz(0), schemas/* literal */.euz(1)]),
    /** How many items ended with each outcome (every outcome, 0 included). */
    counts: CountsJson,
    /** Active items per kind before and after the run (a dry run: after it would have run). */
    census: schemas/* partialRecord */.jgl(kind, schemas/* object */.Ikc({ before: schemas/* number */.aig().int(), after: schemas/* number */.aig().int() }).strict())
        .optional(),
    snapshot: schemas/* object */.Ikc({
        /** Store handle: a file path (CLI) or an artifact id (Action). */
        ref: schemas/* string */.YjP(),
        name: schemas/* string */.YjP(),
        created_at: schemas/* string */.YjP(),
        restored: schemas/* boolean */.zMY(),
    })
        .strict()
        .optional(),
    snapshot_artifact: SnapshotArtifactJson.optional(),
    plan_out: schemas/* object */.Ikc({ path: schemas/* string */.YjP(), items: schemas/* number */.aig().int(), checksum: schemas/* string */.YjP() })
        .strict()
        .optional(),
    plan: schemas/* object */.Ikc({
        path: schemas/* string */.YjP(),
        created_at: schemas/* string */.YjP(),
        created_by: schemas/* string */.YjP(),
        items: schemas/* number */.aig().int(),
        unplanned: schemas/* number */.aig().int(),
    })
        .strict()
        .optional(),
    status: StatusJson.optional(),
    network: NetworkJson.optional(),
    items: schemas/* array */.YOg(ItemJson),
    warnings: schemas/* array */.YOg(schemas/* string */.YjP()),
})
    .strict();
/** What a run that failed before its report prints with `--output json` (exit code 2 or 3). */
const ErrorJsonSchema = schemas/* object */.Ikc({
    schema_version: schemas/* literal */.euz(REPORT_SCHEMA_VERSION),
    tool: schemas/* literal */.euz('databricks-halt'),
    error: schemas/* object */.Ikc({ name: schemas/* string */.YjP(), message: schemas/* string */.YjP() }).strict(),
    exit_code: schemas/* number */.aig().int(),
})
    .strict();
/**
 * The one serialiser of a report, for the CLI and the Action alike. Each mapper takes every field
 * of its source by name and hands the rest to `noneLeft`, so a field added to Report (or to an item
 * or the network report) without a place in the JSON report is a type error here, not a silent gap.
 */
function toJsonReport(report, artifact) {
    // prettier-ignore
    const { mode, dryRun, workspaceId, workspaceUrl, accountId, caller, startedAt, finishedAt, exitCode, counts, census, snapshot, planOut, plan, status, network, items, warnings, ...left } = report;
    noneLeft(left);
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
    };
}
/** Compile-time only: the fields not yet mapped (must be none). */
function noneLeft(left) {
    void left;
}
/** The report as printed and written: int64 ids stay exact (src/databricks/json.ts). */
function stringifyReport(report, artifact) {
    return [...reportJsonChunks(report, artifact)].join('');
}
/** Where the items go in the report printed without them. */
const NO_ITEMS = '\n  "items": [],';
/**
 * The same text as stringifyReport, an item at a time: a large workspace's report (thousands of
 * items, each with its before and after) is never built as one object tree and one string, which
 * kept the CLI's peak memory under its 200 MB budget (README, Performance).
 */
function* reportJsonChunks(report, artifact) {
    const frame = stringifyJson(toJsonReport({ ...report, items: [] }, artifact), 2);
    const at = frame.indexOf(NO_ITEMS);
    if (at < 0)
        throw new Error('report-json: no items in the report frame');
    yield `${frame.slice(0, at)}\n  "items": [`;
    let first = true;
    for (const item of report.items) {
        const text = stringifyJson(itemJson(item), 2).replace(/\n/g, '\n    ');
        yield `${first ? '' : ','}\n    ${text}`;
        first = false;
    }
    yield `${first ? '' : '\n  '}],${frame.slice(at + NO_ITEMS.length)}\n`;
}
function errorJson(name, message, exitCode) {
    return {
        schema_version: REPORT_SCHEMA_VERSION,
        tool: 'databricks-halt',
        error: { name, message },
        exit_code: exitCode,
    };
}
function itemJson(item) {
    const { kind, id, name, outcome, detail, error, unplanned, drift, ...left } = item;
    const { before, after, ...none } = left;
    noneLeft(none);
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
    };
}
function artifactJson(a) {
    return {
        ref: a.ref,
        name: a.name,
        ...(a.runId ? { run_id: a.runId } : {}),
        ...(a.runUrl ? { run_url: a.runUrl } : {}),
        ...(a.url ? { url: a.url } : {}),
    };
}
function networkJson(network) {
    // prettier-ignore
    const { status, note, verdict, workspaceResourceId, vnetInjected, vnetId, managedResourceGroupId, subnets, managed, probe, ...left } = network;
    noneLeft(left);
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
    };
}
function probeJson(probe) {
    // prettier-ignore
    const { result, clusterId, clusterName, ips, prefixes, deleted, leftoversRemoved, note, ...left } = probe;
    noneLeft(left);
    return {
        result,
        ...(clusterId ? { cluster_id: clusterId } : {}),
        cluster_name: clusterName,
        ips: ips.map((i) => ({ nic: i.nic, ip: i.ip, subnet: i.subnet, in_range: i.inRange })),
        prefixes,
        deleted,
        leftovers_removed: leftoversRemoved,
        ...(note !== undefined ? { note } : {}),
    };
}

;// CONCATENATED MODULE: ./src/action/report-file.ts




/**
 * The whole report as JSON for later steps (its path is the `report` output), in the CLI's
 * `--output json` format (src/report-json.ts) plus the snapshot artifact. In RUNNER_TEMP, which
 * the runner empties after the job, so it never lands in the checkout by accident.
 */
async function writeReportFile(report, snapshot) {
    const dir = process.env.RUNNER_TEMP || (0,external_node_os_.tmpdir)();
    await (0,promises_.mkdir)(dir, { recursive: true });
    const stamp = report.finishedAt.replace(/[:.]/g, '-');
    const path = (0,external_node_path_.join)(dir, `databricks-halt-${report.mode}-${report.workspaceId}-${stamp}.json`);
    await (0,promises_.writeFile)(path, reportJsonChunks(report, snapshot), 'utf8');
    return path;
}

;// CONCATENATED MODULE: ./src/action/snapshot-link.ts
/**
 * `runUrl` is the run's page; `url` the artifact's own download page, the address GitHub gives an
 * uploaded artifact (as actions/upload-artifact's `artifact-url` output): only for an artifact id
 * of a known run, never for a local file path.
 */
function snapshotLink(entry, runIdOf) {
    const runId = runIdOf(entry);
    const server = process.env.GITHUB_SERVER_URL || 'https://github.com';
    const repository = process.env.GITHUB_REPOSITORY;
    const runUrl = runId && repository ? `${server}/${repository}/actions/runs/${runId}` : undefined;
    const url = runUrl && /^\d+$/.test(entry.ref) ? `${runUrl}/artifacts/${entry.ref}` : undefined;
    return {
        ref: entry.ref,
        name: entry.name,
        ...(runId ? { runId } : {}),
        ...(runUrl ? { runUrl } : {}),
        ...(url ? { url } : {}),
    };
}

;// CONCATENATED MODULE: ./src/action/summary-helper.ts



const COLUMNS = [
    ['active', 'Active'],
    ['inactive', 'Inactive'],
    ['planned', 'Would change'],
    ['changed', 'Changed'],
    ['already_halted', 'Already halted'],
    ['unchanged', 'Unchanged'],
    ['left_off', 'Left off'],
    ['kept', 'Kept'],
    ['report_only', 'Cannot stop'],
    ['not_available', 'Not available'],
    ['conflict', 'Conflicts'],
    ['gone', 'Gone'],
    ['not_converged', 'Not converged'],
    ['failed', 'Failed'],
];
const INLINE_LIMIT = 15;
const ALL_ITEMS_LIMIT = 3000;
function esc(text) {
    return text
        .replace(/&/g, '&amp;')
        .replace(/</g, '&lt;')
        .replace(/>/g, '&gt;')
        .replace(/"/g, '&quot;')
        .replace(/\|/g, '&#124;');
}
async function writeSummary(report, snapshot) {
    if (!process.env.GITHUB_STEP_SUMMARY)
        return; // a local run has no summary file
    const s = core/* summary */.z;
    s.addHeading(`databricks-halt ${report.mode}${report.dryRun ? ' (dry run)' : ''}: ${result(report)}`, 2);
    s.addTable(overview(report, snapshot));
    if (report.mode !== 'network') {
        s.addHeading('By resource kind', 3);
        s.addTable(byKind(report));
    }
    if (report.network)
        addNetwork(report.network);
    addStatus(report);
    addKept(report);
    addAttention(report);
    addPlan(report);
    if (report.mode === 'stop' && snapshot && !report.dryRun) {
        s.addRaw('<p>To undo: run with <code>mode: restore</code> (it finds the newest un-restored snapshot), or ' +
            `<code>restore-from: ${esc(snapshot.runId ?? snapshot.ref)}</code> for this one. The artifact ` +
            'expires with its retention: download it from the run page for a longer halt.</p>', true);
    }
    if (report.counts.left_off > 0) {
        s.addRaw(`<p>${report.counts.left_off} compute items were running before the halt and are left off by design; ` +
            'restore with <code>restart-compute: true</code> to start exactly those again.</p>', true);
    }
    if (report.warnings.length > 0)
        list('Warnings', report.warnings.map(esc));
    if (report.items.length > 0) {
        // The runner drops a summary over 1 MiB: list a bounded number, the report output has all.
        const shown = report.items.slice(0, ALL_ITEMS_LIMIT);
        const more = report.items.length - shown.length;
        const note = more > 0 ? `\n\n${more} more in the JSON report (the \`report\` output).` : '';
        s.addDetails(`All ${report.items.length} items`, `\n\n${itemTable(shown)}${note}\n\n`);
    }
    await s.write();
}
/** status: the open halt and, by name, what came back or is new since. */
function addStatus(report) {
    const st = report.status;
    if (report.mode !== 'status' || !st)
        return;
    if (!st.halted || !st.snapshot) {
        core/* summary */.z.addRaw('<p>Not halted: no open snapshot for this workspace.</p>', true);
        return;
    }
    const s = st.snapshot;
    core/* summary */.z.addRaw(`<p>Halted by snapshot ${esc(s.name)}, taken ${esc(s.created_at)} by ${esc(s.created_by)}; ` +
        `kept principals: ${esc(s.kept_principals.join(', ') || 'none')}.</p>`, true);
    const drift = report.items.filter((i) => i.drift);
    if (drift.length === 0)
        return;
    list('Came back or new since the halt', drift.map((i) => `${i.drift === 'came_back' ? 'came back' : 'new'}: ${esc(i.kind)} ${esc(i.name)} (${esc(i.id)})`));
}
function result(report) {
    if (report.mode === 'status') {
        if (!report.status?.halted)
            return 'not halted';
        const drift = report.status.drift ?? 0;
        return drift > 0 ? `halted, ${drift} came back or new` : 'halted, nothing came back';
    }
    if (report.mode === 'network' && report.network)
        return networkResult(report.network);
    if (report.exitCode === 0)
        return report.mode === 'show' ? 'listed' : 'done';
    if (report.mode === 'show' && report.counts.active > 0)
        return `${report.counts.active} still active`;
    return 'needs attention';
}
function networkResult(network) {
    if (network.probe)
        return `probe ${network.probe.result}`;
    return network.status === 'checked'
        ? `subnets ${network.verdict.replace('_', ' ')}`
        : network.status;
}
function overview(report, snapshot) {
    const rows = [
        ['Workspace', `${esc(report.workspaceUrl)} (id ${esc(report.workspaceId)})`],
        ['Mode', `${report.mode}${report.dryRun ? ' (dry run: nothing changed)' : ''}`],
        ['Result', `${result(report)} (exit code ${report.exitCode})`],
    ];
    if (report.caller)
        rows.push(['Signed in as', esc(report.caller.userName)]);
    if (snapshot) {
        const name = snapshot.runUrl
            ? `<a href="${esc(snapshot.runUrl)}">${esc(snapshot.name)}</a>`
            : esc(snapshot.name);
        const ref = snapshot.url
            ? `<a href="${esc(snapshot.url)}">${esc(snapshot.ref)}</a>`
            : esc(snapshot.ref);
        const run = snapshot.runId ? `, run ${esc(snapshot.runId)}` : '';
        rows.push([
            report.mode === 'restore' ? 'Restored snapshot' : 'Snapshot',
            `${name} (artifact ${ref}${run})`,
        ]);
    }
    rows.push(['Time', `${esc(report.startedAt)} → ${esc(report.finishedAt)}`]);
    return rows.map(([k, v]) => [{ data: k, header: true }, v]);
}
function byKind(report) {
    const { items, census } = report;
    const kinds = [...new Set(items.map((i) => i.kind))];
    const used = COLUMNS.filter(([outcome]) => items.some((i) => i.outcome === outcome));
    const header = [
        { data: 'Kind', header: true },
        { data: 'Items', header: true },
        ...(census ? [{ data: censusTitle(report), header: true }] : []),
        ...used.map(([, t]) => ({ data: t, header: true })),
    ];
    const rows = kinds.map((kind) => {
        const mine = items.filter((i) => i.kind === kind);
        const count = census?.[kind];
        return [
            kind,
            String(mine.length),
            ...(census ? [count ? `${count.before} → ${count.after}` : '–'] : []),
            ...used.map(([o]) => String(mine.filter((i) => i.outcome === o).length)),
        ];
    });
    return rows.length > 0 ? [header, ...rows] : [[{ data: 'Nothing in scope', header: true }]];
}
function censusTitle(report) {
    return report.dryRun ? 'Active now → after the run' : 'Active before → after';
}
/** The "Network" section: the verdict, the subnet table, the probe. */
function addNetwork(network) {
    core/* summary */.z.addHeading('Network', 3);
    core/* summary */.z.addRaw(`<p>${esc(networkHeadline(network))}</p>`, true);
    const rows = networkRows(network);
    if (rows.length > 0) {
        const header = NETWORK_HEADERS.map((h) => `| ${h} `).join('') + '|';
        const body = rows.map((r) => `| ${r.map(esc).join(' | ')} |`);
        core/* summary */.z.addRaw(`\n\n${[header, NETWORK_HEADERS.map(() => '| --- ').join('') + '|', ...body].join('\n')}\n\n`);
    }
    const probe = probeLines(network);
    if (probe.length > 0)
        core/* summary */.z.addRaw(`<pre>${esc(probe.join('\n'))}</pre>`, true);
}
function addKept(report) {
    const kept = report.items.filter((i) => i.kind === 'permission_assignments' && i.outcome === 'kept');
    if (kept.length > 0)
        list('Kept principals', kept.map((i) => `${esc(i.name)} (${esc(i.id)})${i.detail ? `: ${esc(i.detail)}` : ''}`));
}
function addAttention(report) {
    // Report-only kinds (cannot be stopped) are in the warnings list already.
    const items = report.items.filter((i) => FAILING_OUTCOMES.has(i.outcome));
    if (items.length === 0)
        return;
    const title = report.mode === 'restore' ? 'Did not converge or needs attention' : 'Needs attention';
    core/* summary */.z.addHeading(title, 3);
    const table = itemTable(items);
    if (items.length > INLINE_LIMIT)
        core/* summary */.z.addDetails(`${items.length} items`, `\n\n${table}\n\n`);
    else
        core/* summary */.z.addRaw(`\n\n${table}\n\n`);
}
function list(title, lines) {
    core/* summary */.z.addHeading(title, 3);
    if (lines.length > INLINE_LIMIT)
        core/* summary */.z.addDetails(`${lines.length} entries`, `<ul>${lines.map((l) => `<li>${l}</li>`).join('')}</ul>`);
    else
        core/* summary */.z.addList(lines);
}
/** A markdown table: compact for hundreds of rows, and readable in the raw summary file too. */
function itemTable(items) {
    const rows = items.map((i) => `| ${i.kind} | ${esc(i.name)} | ${esc(i.id)} | ${i.outcome} | ${esc([i.detail, i.error].filter(Boolean).join('; '))} |`);
    return [
        '| Kind | Name | Id | Outcome | Detail |',
        '| --- | --- | --- | --- | --- |',
        ...rows,
    ].join('\n');
}
/** The saved plan a dry run wrote, or the one a run applied and what it did beyond it. */
function addPlan(report) {
    if (report.planOut) {
        core/* summary */.z.addRaw(`<p>Saved plan: ${report.planOut.items} changes (<code>${esc(report.planOut.checksum)}</code>). ` +
            'The apply job applies exactly this plan (input <code>plan</code>).</p>', true);
    }
    if (report.plan) {
        const { createdAt, createdBy, unplanned } = report.plan;
        const extra = unplanned > 0
            ? `; <strong>${unplanned} item(s) not in the approved plan</strong> were halted too`
            : '';
        core/* summary */.z.addRaw(`<p>Applied the saved plan made ${esc(createdAt)} by ${esc(createdBy)}${extra}.</p>`, true);
    }
}

;// CONCATENATED MODULE: ./src/action/publish-helper.ts







/** Everything a finished run leaves for people and later steps: outputs, annotations, summary. */
async function publish(report, store, logger) {
    const snapshot = report.snapshot ? snapshotLink(report.snapshot, store.runIdOf) : undefined;
    const reportPath = await writeReportFile(report, snapshot);
    setOutputs(report, snapshot, reportPath);
    annotate(report, logger);
    logger.flush();
    await writeSummary(report, snapshot);
    const c = report.counts;
    core/* info */.pq(`${report.mode}: ${c.changed} changed, ${c.failed} failed, ${c.conflict} conflicts, ${c.active} active` +
        (snapshot
            ? `; snapshot ${snapshot.name} (artifact ${snapshot.ref}${snapshot.runId ? `, run ${snapshot.runId}` : ''})`
            : ''));
}
/** The step's failure message when the engine finished but not cleanly. */
function failureMessage(report) {
    const c = report.counts;
    if (report.mode === 'status')
        return `${report.status?.drift ?? 0} items came back or are new since the halt (fail-on-drift), or listing failed.`;
    if (report.mode === 'network' && report.network) {
        const n = report.network;
        return n.probe ? probeLines(n)[0] : networkHeadline(n);
    }
    if (report.mode === 'show')
        return `${c.active} items are still active (fail-if-active), or listing failed.`;
    return (`${report.mode} finished with ${c.failed} failed, ${c.conflict} conflicts, ${c.gone} gone and ` +
        `${c.not_converged} not converged items; see the job summary.`);
}

;// CONCATENATED MODULE: ./src/errors.ts
/** Errors the faces (CLI, Action) turn into exit codes. Both are thrown before any change. */
/** Bad usage or input: unknown flag, missing id, corrupt snapshot. Exit code 2. */
class errors_UsageError extends Error {
    name = 'UsageError';
    exitCode = 2;
}
/** A safety guard refused: caller would be locked out, snapshot of another workspace. Exit code 3. */
class SafetyError extends Error {
    name = 'SafetyError';
    exitCode = 3;
}
/** The message of anything thrown, for a log or report line (a DatabricksError describes itself). */
function errors_errorText(e) {
    if (e && typeof e === 'object' && 'describe' in e && typeof e.describe === 'function') {
        return String(e.describe());
    }
    return e instanceof Error ? e.message : String(e);
}

;// CONCATENATED MODULE: ./src/config.ts

/**
 * Where to talk to: the workspace URL checked, its workspace id and the account host derived from
 * it. Pure functions: the faces call them while building Settings, the engine calls them again
 * so a Settings object made elsewhere gets the same checks.
 */
const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);
/** Loopback by address or the name `localhost` exactly (`localhost.` or `localhost.x` are not). */
function isLoopback(url) {
    return LOOPBACK.has(url.hostname) || /^127\.\d+\.\d+\.\d+$/.test(url.hostname);
}
/**
 * Parse a workspace or account URL. Plain http is accepted only on loopback (the emulator): a
 * bearer token must never cross a network in clear text.
 */
function checkedUrl(text, what) {
    let url;
    try {
        url = new URL(text.includes('://') ? text : `https://${text}`);
    }
    catch {
        throw new errors_UsageError(`${what} "${text}" is not a URL (expected e.g. https://adb-123.4.azuredatabricks.net).`);
    }
    if (url.protocol === 'http:' && !isLoopback(url)) {
        throw new errors_UsageError(`${what} ${url.origin} uses plain http; use https (http is only allowed on loopback).`);
    }
    if (url.protocol !== 'https:' && url.protocol !== 'http:') {
        throw new errors_UsageError(`${what} ${text} must be an https:// URL.`);
    }
    if (url.username || url.password) {
        throw new errors_UsageError(`${what} must not contain credentials.`);
    }
    return url;
}
/**
 * The origin without path or trailing slash, as the client wants it, plus the workspace a unified
 * (SPOG) host needs: a URL pasted from the UI carries it as `?o=<id>` (or `?w=`, `?workspace_id=`),
 * kept as `?o=<id>` / `?w=<id>` so every face hands the engine the same routing.
 */
function normalizeWorkspaceUrl(text) {
    const url = checkedUrl(text, 'Workspace URL');
    const routed = routedWorkspaceId(url);
    if (!routed)
        return url.origin;
    return `${url.origin}?${routed.key}=${encodeURIComponent(routed.id)}`;
}
/**
 * The workspace id in a unified-host URL's query, as databricks-sdk-go reads it
 * (`config/config.go` workspaceIdFromQuery): `w` as given (any identifier format), else `o` or
 * `workspace_id` when numeric. The SDKs then send it as `X-Databricks-Workspace-Id` on every
 * workspace call; without it such a host answers with its login page.
 */
function routedWorkspaceId(url) {
    const w = url.searchParams.get('w');
    if (w)
        return { key: 'w', id: w };
    for (const key of ['o', 'workspace_id']) {
        const v = url.searchParams.get(key);
        if (v && /^\d+$/.test(v))
            return { key: 'o', id: v };
    }
    return undefined;
}
/** The host part of a workspace URL, and the workspace id a unified host routes by (if any). */
function workspaceRouting(text) {
    const url = checkedUrl(text, 'Workspace URL');
    const routed = routedWorkspaceId(url);
    return { host: url.origin, ...(routed ? { workspaceId: routed.id } : {}) };
}
/**
 * Azure `adb-<id>.<n>.azuredatabricks.net` and GCP `<id>.<n>.gcp.databricks.com` carry the id; a
 * unified-host URL carries it as `?o=<id>` (a numeric `?w=` too).
 */
function workspaceIdFromUrl(text) {
    const url = checkedUrl(text, 'Workspace URL');
    const host = url.hostname;
    const azure = /^adb-(\d+)\./.exec(host);
    if (azure)
        return azure[1];
    const gcp = /^(\d+)\.\d+\.gcp\.databricks\.com$/.exec(host);
    if (gcp)
        return gcp[1];
    const routed = routedWorkspaceId(url)?.id;
    return routed && /^\d+$/.test(routed) ? routed : undefined;
}
const ACCOUNT_HOSTS = [
    [/\.azuredatabricks\.net$/, 'https://accounts.azuredatabricks.net'],
    [/\.databricks\.azure\.cn$/, 'https://accounts.databricks.azure.cn'],
    [/\.databricks\.azure\.us$/, 'https://accounts.databricks.azure.us'],
    [/\.gcp\.databricks\.com$/, 'https://accounts.gcp.databricks.com'],
    [/\.cloud\.databricks\.us$/, 'https://accounts.cloud.databricks.us'],
    [/\.cloud\.databricks\.com$/, 'https://accounts.cloud.databricks.com'],
];
/** Every cloud's account console host. */
const ACCOUNT_HOST_VALUES = ACCOUNT_HOSTS.map(([, host]) => host);
/** The account console host for the cloud the workspace runs in, or undefined if unknown. */
function accountHostFor(workspaceUrl) {
    const host = checkedUrl(workspaceUrl, 'Workspace URL').hostname;
    return ACCOUNT_HOSTS.find(([pattern]) => pattern.test(host))?.[1];
}
/** The given account host, else the one for the workspace's cloud; an error says what to pass. */
function resolveAccountHost(workspaceUrl, given) {
    if (given)
        return checkedUrl(given, 'Account host').origin;
    const derived = accountHostFor(workspaceUrl);
    if (!derived) {
        throw new errors_UsageError(`Cannot tell the account host from ${workspaceUrl}; pass --account-host ` +
            '(e.g. https://accounts.azuredatabricks.net).');
    }
    return derived;
}
/**
 * The workspace id: from settings, the URL, or the `x-databricks-org-id` header the workspace
 * answers with. When more than one source gives one, they must agree: acting on the assignments of
 * another workspace would lock its users out.
 */
function resolveWorkspaceId(sources) {
    const fromUrl = workspaceIdFromUrl(sources.workspaceUrl);
    const header = sources.orgIdHeader?.trim() || undefined;
    const known = [
        ['--workspace-id', sources.given],
        ['the workspace URL', fromUrl],
        ['the x-databricks-org-id header', header],
    ].filter((s) => s[1] !== undefined);
    if (known.length === 0) {
        throw new errors_UsageError(`Cannot tell the workspace id of ${sources.workspaceUrl}; pass --workspace-id.`);
    }
    const [firstSource, id] = known[0];
    if (!/^\d+$/.test(id))
        throw new errors_UsageError(`Workspace id "${id}" from ${firstSource} is not a number.`);
    const other = known.find(([, v]) => v !== id);
    if (other) {
        throw new errors_UsageError(`Workspace id ${id} from ${firstSource} does not match ${other[1]} from ${other[0]}; ` +
            'check --workspace-url and --workspace-id.');
    }
    return id;
}

// EXTERNAL MODULE: ./node_modules/@actions/artifact/lib/artifact.js + 177 modules
var artifact = __webpack_require__(92629);
// EXTERNAL MODULE: ./node_modules/@actions/github/lib/github.js
var github = __webpack_require__(61351);
// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(77598);
// EXTERNAL MODULE: ./node_modules/zod/v4/classic/iso.js
var iso = __webpack_require__(64377);
;// CONCATENATED MODULE: ./src/snapshot/schema.ts


/**
 * The snapshot a stop writes before its first change. Bump SNAPSHOT_SCHEMA_VERSION on any change a
 * reader of the previous version would misread; a reader refuses versions it does not know rather
 * than guess, because a misread snapshot restores the wrong thing.
 */
const SNAPSHOT_SCHEMA_VERSION = 1;
const schema_decimalId = schemas/* string */.YjP().regex(/^\d+$/, 'must be a decimal id');
/**
 * One item the stop changes (or planned to). `before` is the pre-halt value (the earliest one
 * recorded, across merged stops); `after` is the value the stop set. Restore compares the item's
 * current state with `after` to tell "as we left it" from "changed by hand". Their shapes belong to
 * the resource kind, which validates them itself.
 */
const SnapshotItemSchema = schemas/* object */.Ikc({
    kind: schemas/* enum */.k5n(RESOURCE_KINDS),
    id: schemas/* string */.YjP().min(1),
    name: schemas/* string */.YjP(),
    before: schemas/* unknown */.L5J(),
    after: schemas/* unknown */.L5J(),
    /** When this item's pre-halt value was first recorded (the first stop of a merged series). */
    recorded_at: iso/* datetime */.w$(),
});
const SnapshotCallerSchema = schemas/* object */.Ikc({
    id: schemas/* string */.YjP(),
    user_name: schemas/* string */.YjP(),
    display_name: schemas/* string */.YjP().optional(),
});
const SnapshotContentSchema = schemas/* object */.Ikc({
    schema_version: schemas/* literal */.euz(SNAPSHOT_SCHEMA_VERSION),
    tool: schemas/* literal */.euz('databricks-halt'),
    tool_version: schemas/* string */.YjP(),
    workspace_id: schema_decimalId,
    workspace_url: schemas/* string */.YjP(),
    account_id: schemas/* string */.YjP().optional(),
    created_at: iso/* datetime */.w$(),
    caller: SnapshotCallerSchema,
    /** The --keep values as given (for the record). */
    kept_principals: schemas/* array */.YOg(schemas/* string */.YjP()),
    /** Names of earlier un-restored snapshots this one supersedes (stop twice). */
    merged_from: schemas/* array */.YOg(schemas/* string */.YjP()),
    items: schemas/* array */.YOg(SnapshotItemSchema),
});
const SnapshotSchema = SnapshotContentSchema.extend({
    /** HMAC-SHA256 of the content (everything but checksum and signature), when a key was set. */
    signature: schemas/* string */.YjP().optional(),
    /** sha256 of the canonical JSON of everything else in the file (signature included). */
    checksum: schemas/* string */.YjP().regex(/^sha256:[0-9a-f]{64}$/),
});

;// CONCATENATED MODULE: ./src/snapshot/signing.ts



/**
 * Authentication of what databricks-halt reads back later (snapshots, restored markers, saved
 * plans): HMAC-SHA256 over the canonical JSON of the content, with a key only the approved job
 * holds (docs/adr/0008-snapshot-authentication.md). A checksum alone proves nothing: its algorithm
 * is public, so anyone who can write an artifact can recompute it.
 *
 * Keys come as one text, comma or newline separated, so a key can be rotated: the first key signs,
 * any key verifies.
 */
/** The CLI reads the keys from this variable; the Action from the `snapshot-key` input. */
const SNAPSHOT_KEY_ENV = 'DATABRICKS_HALT_SNAPSHOT_KEY';
const PREFIX = 'hmac-sha256:';
const SIGNATURE = /^hmac-sha256:[0-9a-f]{64}$/;
/** Short keys can be guessed offline from any signed file: ask for real randomness. */
const MIN_KEY_LENGTH = 32;
class SigningKeys {
    keys;
    constructor(keys) {
        this.keys = keys;
    }
    /**
     * Parse a key list. Undefined or blank → undefined (no authentication). `source` names where
     * the keys came from, for the error about a key that is too short (the key itself never shows).
     */
    static parse(text, source) {
        const keys = (text ?? '')
            .split(/[,\n]/)
            .map((k) => k.trim())
            .filter(Boolean);
        if (keys.length === 0)
            return undefined;
        const short = keys.findIndex((k) => k.length < MIN_KEY_LENGTH);
        if (short >= 0) {
            throw new errors_UsageError(`${source}: key ${short + 1} of ${keys.length} is shorter than ${MIN_KEY_LENGTH} ` +
                'characters. Use a random key, e.g. the output of `openssl rand -base64 32`.');
        }
        return new SigningKeys(keys);
    }
    /** How many keys verify (the first one also signs). */
    get count() {
        return this.keys.length;
    }
    /** The key texts, only so a face can mask them in its logs. */
    secrets() {
        return this.keys;
    }
    /** `hmac-sha256:<hex>` of the canonical JSON of `content`, with the first key. */
    sign(content) {
        return signatureWith(this.keys[0], canonicalJson(content));
    }
    /** Whether `signature` is a signature of `content` under any of the keys. */
    verify(content, signature) {
        if (signature === undefined || signature === null)
            return { ok: false, reason: 'unsigned' };
        if (typeof signature !== 'string' || !SIGNATURE.test(signature))
            return { ok: false, reason: 'malformed signature' };
        const canonical = canonicalJson(content);
        const given = Buffer.from(signature);
        const index = this.keys.findIndex((key) => {
            const expected = Buffer.from(signatureWith(key, canonical));
            return expected.length === given.length && (0,external_node_crypto_.timingSafeEqual)(expected, given);
        });
        if (index < 0)
            return { ok: false, reason: 'signed with another key, or edited after signing' };
        return { ok: true, keyIndex: index };
    }
    /**
     * verify, throwing a SafetyError (exit 3) that names `what` and the reason on failure. Nothing
     * must have been changed when this is called: callers check before their first write.
     */
    require(content, signature, what) {
        const verdict = this.verify(content, signature);
        if (verdict.ok)
            return;
        throw new SafetyError(`${what} is not authenticated (${verdict.reason}): refusing it. Nothing was changed. ` +
            `Only files signed with a key of ${SNAPSHOT_KEY_ENV} / snapshot-key are trusted; if the ` +
            'key was rotated, list the old key after the new one.');
    }
}
function signatureWith(key, canonical) {
    return PREFIX + (0,external_node_crypto_.createHmac)('sha256', key).update(canonical, 'utf8').digest('hex');
}
/** Sorted keys at every level, undefined dropped, int64 ids exact: one text per value. */
function canonicalize(value) {
    if (Array.isArray(value))
        return value.map(canonicalize);
    if (value === null || typeof value !== 'object')
        return value;
    const out = {};
    for (const key of Object.keys(value).sort()) {
        const v = value[key];
        if (v !== undefined)
            out[key] = canonicalize(v);
    }
    return out;
}
function canonicalJson(value) {
    return stringifyJson(canonicalize(value));
}
/** The `checksum` of a snapshot or plan: sha256 of its canonical JSON (content, signature). */
function checksumOf(content) {
    return `sha256:${(0,external_node_crypto_.createHash)('sha256').update(canonicalJson(content)).digest('hex')}`;
}
/** The warning shown when no key is set, naming the key as the face sets it. */
function unauthenticatedWarning(face) {
    const key = face === 'action' ? 'the input snapshot-key' : SNAPSHOT_KEY_ENV;
    return (`Snapshots are not authenticated: ${key} is not set, so a snapshot or marker anyone edited ` +
        'or planted would be accepted. Set a random key as a secret of the apply environment (see ' +
        'docs/adr/0008-snapshot-authentication.md).');
}
/** The CLI's wording of it. */
const UNAUTHENTICATED_WARNING = unauthenticatedWarning('cli');

;// CONCATENATED MODULE: ./src/snapshot/codec.ts






/** Larger than any real snapshot (a 20 000-item workspace is ~15 MB): refused before parsing. */
const MAX_SNAPSHOT_BYTES = 50 * 1024 * 1024;
/**
 * The one place a snapshot's text becomes a trusted object: JSON (int64-exact), schema, checksum
 * and workspace binding. Every store (directory, artifact) goes through here, so they refuse a bad
 * snapshot the same way.
 */
/**
 * Text to store: readable (indented) JSON with the checksum last. With keys, `signature` (HMAC of
 * the content without checksum and signature) is added and the checksum covers it too, so a
 * reader without the key still checks the file whole.
 */
function encodeSnapshot(content, keys) {
    const signed = keys ? { ...content, signature: keys.sign(content) } : content;
    const withChecksum = { ...signed, checksum: checksumOf(signed) };
    // Validate our own output too: a snapshot we could not read back is worse than none.
    SnapshotSchema.parse(withChecksum);
    return `${stringifyJson(withChecksum, 2)}\n`;
}
/**
 * Parse and check a snapshot's text. Throws UsageError (exit 2) naming `source` and the fault
 * (too large, not JSON, schema, checksum), or SafetyError (exit 3) when keys are given and the
 * snapshot is not signed with one of them.
 */
function decodeSnapshot(text, source, keys) {
    checkSize(text.length, source);
    let raw;
    try {
        raw = parseJson(text);
    }
    catch (e) {
        const why = errors_errorText(e);
        throw new errors_UsageError(`Snapshot ${source} is not valid JSON (truncated or damaged?): ${why}. ` +
            'Use an intact copy of the snapshot; nothing was changed.');
    }
    if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
        throw new errors_UsageError(`Snapshot ${source} is not a databricks-halt snapshot (not a JSON object).`);
    }
    const record = raw;
    const version = record.schema_version;
    if (typeof version === 'number' && version > SNAPSHOT_SCHEMA_VERSION) {
        throw new errors_UsageError(`Snapshot ${source} has schema version ${version}; this databricks-halt reads version ` +
            `${SNAPSHOT_SCHEMA_VERSION}. Restore it with the version of databricks-halt that wrote it.`);
    }
    const parsed = SnapshotSchema.safeParse(raw);
    if (!parsed.success) {
        const issues = parsed.error.issues
            .slice(0, 5)
            .map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`)
            .join('; ');
        throw new errors_UsageError(`Snapshot ${source} does not match the snapshot schema: ${issues}.`);
    }
    const { checksum, ...content } = record;
    if (checksumOf(content) !== checksum) {
        throw new errors_UsageError(`Snapshot ${source} is corrupt: its checksum does not match its content (edited or ` +
            'damaged). Nothing was changed. Use an intact copy of the snapshot.');
    }
    if (keys)
        verifySnapshot(parsed.data, source, keys);
    return parsed.data;
}
/** SafetyError (exit 3) unless the snapshot is signed with one of the keys. */
function verifySnapshot(snapshot, source, keys) {
    const { checksum: _checksum, signature, ...content } = snapshot;
    keys.require(content, signature, `Snapshot ${source}`);
}
/**
 * The size cap, checked by the stores before they read or download (and here again): a huge file
 * of small objects would exhaust memory while being parsed.
 */
function checkSize(bytes, source) {
    if (bytes <= MAX_SNAPSHOT_BYTES)
        return;
    throw new errors_UsageError(`Snapshot ${source} is ${(bytes / 1024 / 1024).toFixed(1)} MB, more than the ` +
        `${MAX_SNAPSHOT_BYTES / 1024 / 1024} MB a databricks-halt snapshot can be: not reading it. ` +
        'Nothing was changed.');
}
/** A snapshot must only ever be restored onto the workspace it was taken from. */
function checkBinding(snapshot, workspaceId, source) {
    if (snapshot.workspace_id !== workspaceId) {
        throw new SafetyError(`Snapshot ${source} belongs to workspace ${snapshot.workspace_id}, not ${workspaceId}. ` +
            'Refusing to apply it here; nothing was changed. Pick a snapshot of this workspace.');
    }
}
/** Read an entry from a store and return the checked snapshot. */
async function loadSnapshot(store, entry, workspaceId, keys) {
    const text = await store.read(entry);
    const snapshot = decodeSnapshot(text, entry.name, keys);
    checkBinding(snapshot, workspaceId, entry.name);
    return snapshot;
}
/** A marker is tiny; anything bigger is not one (and is not read). */
const MAX_MARKER_BYTES = 64 * 1024;
const MarkerSchema = schemas/* object */.Ikc({
    tool: schemas/* literal */.euz('databricks-halt'),
    marker: schemas/* literal */.euz('restored'),
    workspace_id: schemas/* string */.YjP().regex(/^\d+$/),
    /** The snapshot's own name where it was restored from (for people; not used to match). */
    snapshot: schemas/* string */.YjP(),
    /** What identifies the snapshot: its checksum, so a copy or a symlink closes the same one. */
    snapshot_checksum: schemas/* string */.YjP().regex(/^sha256:[0-9a-f]{64}$/),
    restored_at: iso/* datetime */.w$(),
    signature: schemas/* string */.YjP().optional(),
});
/** The text of a "restored" marker for `snapshot`, signed when keys are given. */
function encodeMarker(snapshot, name, restoredAt, keys) {
    const content = {
        tool: 'databricks-halt',
        marker: 'restored',
        workspace_id: snapshot.workspace_id,
        snapshot: name,
        snapshot_checksum: snapshot.checksum,
        restored_at: restoredAt,
    };
    const marker = keys ? { ...content, signature: keys.sign(content) } : content;
    return `${stringifyJson(marker, 2)}\n`;
}
/**
 * Parse and check a marker. Throws UsageError for junk and SafetyError when keys are given and
 * it is not signed with one of them: a forged marker must not close (hide) a genuine snapshot.
 */
function decodeMarker(text, source, keys) {
    if (text.length > MAX_MARKER_BYTES)
        throw new errors_UsageError(`Marker ${source} is too large.`);
    let raw;
    try {
        raw = parseJson(text);
    }
    catch (e) {
        throw new errors_UsageError(`Marker ${source} is not valid JSON: ${errors_errorText(e)}.`);
    }
    const parsed = MarkerSchema.safeParse(raw);
    if (!parsed.success)
        throw new errors_UsageError(`Marker ${source} is not a databricks-halt marker.`);
    if (keys) {
        const { signature, ...content } = parsed.data;
        keys.require(content, signature, `Marker ${source}`);
    }
    return parsed.data;
}
/**
 * The embedded created_at and checksum, for the stores' ordering and marker matching. Unchecked:
 * the engine decodes and (with a key) verifies the snapshot it uses, so a forged created_at that
 * makes a snapshot "newest" only makes it the one refused. A text that does not parse gives neither (the
 * stores then order it by their own time: file modification, artifact creation).
 */
function peekSnapshot(text) {
    try {
        const raw = JSON.parse(text);
        const at = typeof raw?.created_at === 'string' ? Date.parse(raw.created_at) : NaN;
        return {
            ...(Number.isFinite(at) ? { createdAt: new Date(at).toISOString() } : {}),
            ...(typeof raw?.checksum === 'string' ? { checksum: raw.checksum } : {}),
        };
    }
    catch {
        return {};
    }
}

;// CONCATENATED MODULE: ./src/snapshot/artifact-provenance.ts

/**
 * Which workflow runs may have made a snapshot or a restored marker. Anyone who can push a branch,
 * open a pull request from a fork, or slip a compromised action into any workflow can upload an
 * artifact with the snapshot's name pattern, so a name proves nothing. A run is trusted only if:
 * - its head repository is this repository (not a fork);
 * - it ran on the default branch or on a ref listed in `trusted-refs`;
 * - it was not triggered by a pull request event (pull_request, pull_request_target, …);
 * - it ran this project's workflow: its own workflow file is the one this run runs, or it (or a
 *   workflow it called) is one of this project's reusable workflows.
 * Facts come from GitHub's REST API (GET a workflow run, GET the repository), never from the
 * artifact. See docs/adr/0009-provenance-and-host-allow-list.md.
 */
/** File names of this project's reusable workflows; a run that called one ran the halt. */
const PROJECT_WORKFLOWS = ['databricks-halt.yml', 'fleet.yml'];
class RunProvenance {
    options;
    verdicts = new Map();
    defaultBranch;
    refs;
    ownWorkflow;
    constructor(options) {
        this.options = options;
        this.refs = new Set((options.trustedRefs ?? []).map(refName));
        this.ownWorkflow = options.workflowRef ? stripRef(options.workflowRef) : undefined;
    }
    /** undefined when the run is trusted, else why not (one short clause). Cached per run. */
    untrustedReason(runId) {
        let verdict = this.verdicts.get(runId);
        if (!verdict) {
            verdict = this.judge(runId);
            this.verdicts.set(runId, verdict);
        }
        return verdict;
    }
    async judge(runId) {
        const { octokit, owner, repo } = this.options;
        let run;
        try {
            ;
            ({ data: run } = await octokit.rest.actions.getWorkflowRun({
                owner,
                repo,
                run_id: Number(runId),
            }));
        }
        catch (error) {
            return `its workflow run ${runId} cannot be read (${errors_errorText(error)})`;
        }
        const self = `${owner}/${repo}`.toLowerCase();
        const head = run.head_repository?.full_name ?? '(unknown)';
        if (head.toLowerCase() !== self || (run.repository?.full_name ?? self).toLowerCase() !== self)
            return `run ${runId} is from ${head}, not ${owner}/${repo} (a fork)`;
        if (/^pull_request/.test(run.event))
            return `run ${runId} was triggered by ${run.event}`;
        const branch = run.head_branch ?? '';
        const defaultBranch = await this.getDefaultBranch();
        if (branch !== defaultBranch && !this.refs.has(branch))
            return `run ${runId} ran on ${branch || 'no branch'}, not the default branch ${defaultBranch} or a ref in trusted-refs`;
        // Full `owner/repo/.github/workflows/x.yml` names: the run's own file is in this repository.
        const own = `${self}/${stripRef(run.path)}`;
        const paths = [own, ...(run.referenced_workflows ?? []).map((w) => stripRef(w.path))];
        const ours = paths.some((p) => p === this.ownWorkflow ||
            PROJECT_WORKFLOWS.includes(p.split('/').pop() ?? ''));
        if (!ours) {
            const expected = [this.ownWorkflow, ...PROJECT_WORKFLOWS].filter(Boolean).join(', ');
            return `run ${runId} ran ${stripRef(run.path)}, not databricks-halt's workflow (${expected})`;
        }
        return undefined;
    }
    getDefaultBranch() {
        const { octokit, owner, repo } = this.options;
        this.defaultBranch ??= octokit.rest.repos
            .get({ owner, repo })
            .then(({ data }) => data.default_branch);
        return this.defaultBranch;
    }
}
/** `refs/heads/x` and `refs/tags/x` as the bare name a run's head_branch carries. */
function refName(ref) {
    return ref.trim().replace(/^refs\/(heads|tags)\//, '');
}
/** A workflow path without its `@ref`, lower case (owner and repository names ignore case). */
function stripRef(path) {
    return path.replace(/@.*$/, '').toLowerCase();
}

;// CONCATENATED MODULE: ./src/snapshot/artifact-store.ts










/**
 * Snapshots as workflow artifacts, so a restore in a later run (or days later) finds what a stop
 * saved. One artifact per stop, named after the workspace, run and attempt (artifact names are
 * unique per run across attempts). Artifacts are immutable, so a restore records itself with a
 * small marker artifact instead of editing the snapshot. See docs/adr/0006-artifact-snapshots.md.
 */
const SNAPSHOT = /^databricks-halt-snapshot-ws(\d+)-run(\d+)-attempt(\d+)(?:-(\d+))?$/;
const MARKER = /^databricks-halt-restored-ws(\d+)-artifact(\d+)$/;
/** Repository-wide listing is newest first; this many pages (100 each) bounds the search. */
const MAX_PAGES = 10;
/** Snapshot artifacts downloaded at once to read their embedded created_at. */
const DOWNLOADS_AT_ONCE = 4;
class ArtifactSnapshotStore {
    options;
    description;
    client = new artifact/* DefaultArtifactClient */.t9();
    known = new Map();
    repo;
    warnedRunOnly = false;
    provenance;
    /** Artifacts of runs that are not trusted, with the reason: never candidates. */
    untrusted = new Map();
    /** Downloaded snapshot texts by artifact id: artifacts are immutable, so one download serves. */
    texts = new Map();
    constructor(options) {
        this.options = options;
        const [owner, name] = (options.repository ?? '').split('/');
        if (owner && name)
            this.repo = { owner, name };
        if (this.canSearchRepository()) {
            this.provenance = new RunProvenance({
                octokit: github/* getOctokit */.Q(options.githubToken),
                owner,
                repo: name,
                trustedRefs: options.trustedRefs,
                workflowRef: options.workflowRef,
            });
        }
        this.description = `workflow artifacts of ${options.repository ?? 'this run'} (run ${options.runId})`;
    }
    /** The run holding an entry's artifact, for outputs and links. */
    runIdOf(entry) {
        return this.known.get(entry.ref)?.runId ?? SNAPSHOT.exec(entry.name)?.[2];
    }
    async save(entry) {
        const name = await this.freeName(entry.workspaceId);
        const dir = await this.scratch();
        const file = (0,external_node_path_.join)(dir, `${name}.json`);
        await (0,promises_.writeFile)(file, entry.content, 'utf8');
        let id;
        try {
            ;
            ({ id } = await this.client.uploadArtifact(name, [file], dir, {
                retentionDays: this.options.retentionDays,
            }));
        }
        catch (error) {
            throw new Error(`Could not upload the snapshot artifact ${name}: ${errors_errorText(error)}`, {
                cause: error,
            });
        }
        // Resolve only once the backend lists it: that is what a later restore will look for.
        const { artifact } = await this.client.getArtifact(name);
        if (id === undefined || artifact.id !== id)
            throw new Error(`Snapshot artifact ${name} is not listed after upload.`);
        const found = this.remember({
            id,
            name,
            runId: this.options.runId,
            createdAt: artifact.createdAt?.toISOString() ?? entry.createdAt,
            takenAt: peekSnapshot(entry.content).createdAt ?? entry.createdAt,
            digest: artifact.digest,
        });
        this.texts.set(id, Promise.resolve(entry.content));
        this.options.logger.info(`Saved snapshot artifact ${name} (id ${id}), kept ${this.options.retentionDays ?? 'the default'} days.`);
        return toEntry(found, entry.workspaceId, false);
    }
    async list(workspaceId) {
        const all = await this.findAll();
        await this.readTimes(all.filter((a) => SNAPSHOT.exec(a.name)?.[1] === workspaceId));
        return entriesOf(all, workspaceId);
    }
    /**
     * Sets each snapshot's embedded created_at (takenAt), downloading it (digest and size checked)
     * if not yet done: the upload time says nothing about when the snapshot was taken. One that
     * cannot be read keeps the upload time; reading it for use then fails with the reason.
     */
    async readTimes(snapshots) {
        await mapLimit(snapshots, DOWNLOADS_AT_ONCE, async (found) => {
            if (found.takenAt !== undefined)
                return;
            try {
                found.takenAt = peekSnapshot(await this.textOf(found)).createdAt;
            }
            catch (e) {
                this.options.logger.debug(`Snapshot artifact ${found.name}: ${errors_errorText(e)}`);
            }
        });
    }
    async resolve(name) {
        const wanted = name.trim();
        // The repository listing is paged and slow: list it at most once per resolve.
        let all;
        const findAll = () => (all ??= this.findAll());
        const candidates = /^\d+$/.test(wanted)
            ? await this.byRunOrArtifactId(wanted, findAll)
            : (await findAll()).filter((a) => a.name === wanted);
        const hint = this.options.workspaceIdHint;
        const matching = candidates.filter((a) => SNAPSHOT.test(a.name) && (!hint || SNAPSHOT.exec(a.name)?.[1] === hint));
        const workspaces = new Set(matching.map((a) => SNAPSHOT.exec(a.name)[1]));
        if (matching.length === 0) {
            this.refuseUntrusted(wanted);
            throw new errors_UsageError(`No snapshot artifact found for restore-from "${wanted}"${hint ? ` (workspace ${hint})` : ''}: give the ` +
                'run id of the stop, the snapshot artifact id or name, or `latest`. Other runs need github-token ' +
                'with `actions: read`; artifacts past their retention are gone.');
        }
        if (workspaces.size > 1) {
            throw new errors_UsageError(`Run ${wanted} holds snapshots of workspaces ${[...workspaces].join(', ')}: set workspace-id.`);
        }
        await this.readTimes(matching);
        const found = matching.sort(newestFirst)[0];
        const workspaceId = SNAPSHOT.exec(found.name)[1];
        const listed = await findAll();
        await this.readTimes(listed.filter((a) => SNAPSHOT.exec(a.name)?.[1] === workspaceId));
        const entry = entriesOf(listed, workspaceId).find((e) => e.ref === String(found.id));
        return entry ?? toEntry(found, workspaceId, false);
    }
    async read(entry) {
        // entry.ref is an artifact id, never a run id: look it up directly.
        const found = this.known.get(entry.ref) ?? (await this.findAll()).find((a) => String(a.id) === entry.ref);
        if (!found)
            throw new errors_UsageError(`Snapshot artifact ${entry.name} (id ${entry.ref}) not found.`);
        return this.textOf(found);
    }
    /** A snapshot artifact's text, downloaded once (a failed download is tried again next time). */
    textOf(found) {
        let text = this.texts.get(found.id);
        if (!text) {
            text = (async () => {
                // The cap before downloading: a zip is never larger than a little over its content.
                if (found.size !== undefined)
                    checkSize(found.size, found.name);
                const downloaded = await this.download(found, 'Snapshot artifact');
                checkSize(downloaded.length, found.name);
                return downloaded;
            })();
            this.texts.set(found.id, text);
            text.catch(() => this.texts.delete(found.id));
        }
        return text;
    }
    /** The one JSON file of an artifact, downloaded and checked against its recorded digest. */
    async download(found, what) {
        const path = await this.scratch();
        const { digestMismatch } = await this.client.downloadArtifact(found.id, {
            path,
            expectedHash: found.digest,
            ...(found.runId === this.options.runId ? {} : { findBy: this.findBy(found.runId) }),
        });
        if (digestMismatch)
            throw new errors_UsageError(`${what} ${found.name} does not match its recorded digest: refusing it.`);
        const files = (await (0,promises_.readdir)(path)).filter((f) => f.endsWith('.json'));
        if (files.length !== 1)
            throw new errors_UsageError(`${what} ${found.name} should hold one JSON file, not ${files.length}.`);
        return (0,promises_.readFile)((0,external_node_path_.join)(path, files[0]), 'utf8');
    }
    async markRestored(entry, marker) {
        const name = `databricks-halt-restored-ws${marker.workspaceId}-artifact${entry.ref}`;
        const current = await this.client.listArtifacts();
        if (current.artifacts.some((a) => a.name === name))
            return;
        const dir = await this.scratch();
        const file = (0,external_node_path_.join)(dir, 'restored.json');
        await (0,promises_.writeFile)(file, marker.text);
        try {
            const { id } = await this.client.uploadArtifact(name, [file], dir, {
                retentionDays: this.options.retentionDays,
            });
            this.options.logger.info(`Recorded that snapshot ${entry.name} is restored (artifact ${name}, id ${id}).`);
        }
        catch (error) {
            // A re-run attempt may find the marker of an earlier attempt: then it is recorded already.
            if (!/already exists/i.test(errors_errorText(error)))
                throw error;
        }
    }
    /** Marker texts of a workspace; one that cannot be downloaded is passed on empty (refused). */
    async markers(workspaceId) {
        const mine = (await this.findAll()).filter((a) => MARKER.exec(a.name)?.[1] === workspaceId);
        return Promise.all(mine.map(async (found) => {
            if ((found.size ?? 0) > MAX_MARKER_BYTES)
                return { name: found.name, text: '' };
            const text = await this.download(found, 'Marker artifact').catch(() => '');
            return { name: found.name, text };
        }));
    }
    /** Snapshots and markers of this run (always) and of the whole repository (with a token). */
    async findAll() {
        const byId = new Map();
        for (const a of (await this.client.listArtifacts()).artifacts)
            byId.set(a.id, this.fromArtifact(a, this.options.runId));
        if (this.canSearchRepository()) {
            // This run's own listing (its runtime token) is first-hand: the REST copy of one of its
            // artifacts adds nothing, and may lack its workflow run (then it would look untrusted).
            for (const a of await this.listRepository())
                if (!byId.has(a.id))
                    byId.set(a.id, this.remember(a));
        }
        else if (!this.warnedRunOnly) {
            this.warnedRunOnly = true;
            this.options.logger.info('Looking in this run only: other runs need github-token with `actions: read`.');
        }
        const ours = [...byId.values()].filter((a) => SNAPSHOT.test(a.name) || MARKER.test(a.name));
        return this.trusted(ours);
    }
    /**
     * Only artifacts of trusted runs (this run always is): the others are dropped and named in one
     * warning, once per artifact. See artifact-provenance.ts.
     */
    async trusted(candidates) {
        const provenance = this.provenance;
        if (!provenance)
            return candidates;
        const verdicts = await Promise.all(candidates.map((a) => a.runId === this.options.runId
            ? undefined
            : // GitHub's schema lets an artifact's workflow_run be null: no run, nothing to trust.
                a.runId === ''
                    ? 'GitHub names no workflow run for it'
                    : provenance.untrustedReason(a.runId)));
        const skipped = [];
        const kept = candidates.filter((found, i) => {
            const reason = verdicts[i];
            if (reason === undefined)
                return true;
            if (!this.untrusted.has(found.id))
                skipped.push(`${found.name} (id ${found.id}): ${reason}`);
            this.untrusted.set(found.id, { found, reason });
            this.known.delete(String(found.id));
            return false;
        });
        if (skipped.length > 0) {
            this.options.logger.warning(`Skipped ${skipped.length} snapshot or marker artifact(s) from untrusted workflow runs:\n` +
                skipped.map((line) => `- ${line}`).join('\n'), 'Untrusted artifacts skipped');
        }
        return kept;
    }
    /** A name, artifact id or run id the user gave that only untrusted artifacts match: refuse it. */
    refuseUntrusted(wanted) {
        const hit = [...this.untrusted.values()].find(({ found }) => found.name === wanted || String(found.id) === wanted || found.runId === wanted);
        if (!hit)
            return;
        throw new SafetyError(`Refusing restore-from "${wanted}": artifact ${hit.found.name} (id ${hit.found.id}) is not ` +
            `trusted because ${hit.reason}. Only artifacts of this repository's databricks-halt ` +
            'workflow on the default branch (or a ref in trusted-refs), not triggered by a pull request, are used.');
    }
    async listRepository() {
        const octokit = github/* getOctokit */.Q(this.options.githubToken);
        const found = [];
        for (let page = 1; page <= MAX_PAGES; page++) {
            const { data } = await octokit.rest.actions
                .listArtifactsForRepo({
                owner: this.repo.owner,
                repo: this.repo.name,
                per_page: 100,
                page,
            })
                .catch((error) => {
                // Without this list a stop could not see an open snapshot: stop rather than guess.
                throw new errors_UsageError(`Cannot list the artifacts of ${this.options.repository} to find snapshots: ` +
                    `${errors_errorText(error)}. The job needs \`permissions: actions: read\` for github-token.`, { cause: error });
            });
            for (const a of data.artifacts) {
                if (a.expired) {
                    if (SNAPSHOT.test(a.name))
                        this.options.logger.warning(`Snapshot artifact ${a.name} has expired (retention) and cannot be restored.`);
                    continue;
                }
                found.push({
                    id: a.id,
                    name: a.name,
                    runId: String(a.workflow_run?.id ?? ''),
                    createdAt: a.created_at ?? '',
                    digest: a.digest ?? undefined,
                    size: a.size_in_bytes,
                });
            }
            if (page * 100 >= data.total_count)
                break;
        }
        return found;
    }
    /** A number from the user: a run id (the stop's run) first, else an artifact id. */
    async byRunOrArtifactId(id, findAll) {
        if (id === this.options.runId)
            return (await this.client.listArtifacts()).artifacts.map((a) => this.fromArtifact(a, id));
        if (this.canSearchRepository()) {
            // An unknown run is a 404: then the number may still be an artifact id.
            const artifacts = await this.client
                .listArtifacts({ findBy: this.findBy(id) })
                .then((r) => r.artifacts)
                .catch(() => []);
            if (artifacts.length > 0)
                return this.trusted(artifacts.map((a) => this.fromArtifact(a, id)));
        }
        return (await findAll()).filter((a) => String(a.id) === id);
    }
    findBy(runId) {
        if (!this.canSearchRepository()) {
            throw new errors_UsageError(`The snapshot is in run ${runId}: reading another run's artifacts needs github-token with \`actions: read\`.`);
        }
        return {
            token: this.options.githubToken,
            workflowRunId: Number(runId),
            repositoryOwner: this.repo.owner,
            repositoryName: this.repo.name,
        };
    }
    canSearchRepository() {
        return Boolean(this.options.githubToken && this.repo);
    }
    /** The run's own name, or with a counter when this run already stopped this workspace. */
    async freeName(workspaceId) {
        const base = `databricks-halt-snapshot-ws${workspaceId}-run${this.options.runId}-attempt${this.options.runAttempt}`;
        const taken = new Set((await this.client.listArtifacts()).artifacts.map((a) => a.name));
        let name = base;
        for (let n = 2; taken.has(name); n++)
            name = `${base}-${n}`;
        return name;
    }
    fromArtifact(a, runId) {
        return this.remember({
            id: a.id,
            name: a.name,
            runId,
            createdAt: a.createdAt?.toISOString() ?? '',
            digest: a.digest,
            size: a.size,
        });
    }
    remember(found) {
        // GitHub's REST times have seconds, the results service milliseconds: compare them as instants.
        if (found.createdAt)
            found.createdAt = new Date(found.createdAt).toISOString();
        this.known.set(String(found.id), found);
        return found;
    }
    async scratch() {
        const dir = (0,external_node_path_.join)(this.options.tempDir ?? (0,external_node_os_.tmpdir)(), `databricks-halt-${(0,external_node_crypto_.randomBytes)(6).toString('hex')}`);
        await (0,promises_.mkdir)(dir, { recursive: true });
        return dir;
    }
}
/** A workspace's snapshots in `all`, newest first, each marked restored or not. */
function entriesOf(all, workspaceId) {
    const restoredIds = new Set(all.flatMap((a) => {
        const marker = MARKER.exec(a.name);
        return marker?.[1] === workspaceId ? [marker[2]] : [];
    }));
    // A restored snapshot also settles every older one: a later stop merged their values into it.
    let settled = false;
    return all
        .filter((a) => SNAPSHOT.exec(a.name)?.[1] === workspaceId)
        .sort(newestFirst)
        .map((found) => {
        settled ||= restoredIds.has(String(found.id));
        return toEntry(found, workspaceId, settled);
    });
}
function toEntry(found, workspaceId, restored) {
    return {
        ref: String(found.id),
        name: found.name,
        workspaceId,
        createdAt: found.takenAt ?? found.createdAt,
        restored,
    };
}
/**
 * Newest first by the snapshot's own created_at (the upload time for one that cannot be read);
 * ties, to the millisecond, go to the later upload, then to the higher artifact id (ids grow).
 */
function newestFirst(a, b) {
    const at = (f) => f.takenAt ?? f.createdAt;
    return at(b).localeCompare(at(a)) || b.createdAt.localeCompare(a.createdAt) || b.id - a.id;
}

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(73024);
;// CONCATENATED MODULE: ./src/snapshot/directory-store.ts






const SNAPSHOT_FILE = /snapshot.*\.json$/;
/** Markers of databricks-halt before 0.2: an empty-ish file beside the snapshot. */
const RESTORED_SUFFIX = '.restored';
/** Markers now: one per snapshot checksum in the workspace's directory, whatever file was used. */
const MARKER_FILE = /^restored-([0-9a-f]{64})\.json$/;
/**
 * Snapshots as files for the CLI: `<root>/<workspace-id>/<time>-snapshot.json`, one per stop,
 * written atomically (temp file, fsync, rename, fsync of the directory) so a crash leaves either
 * the old state or a complete file, never half a snapshot. A restore drops a `.restored` marker
 * beside the file instead of editing it, so the checksummed content never changes.
 */
class DirectoryStore {
    root;
    constructor(root = '.databricks-halt') {
        this.root = (0,external_node_path_.resolve)(root);
    }
    get description() {
        return `directory ${this.root}`;
    }
    async save(entry) {
        const dir = this.dirFor(entry.workspaceId);
        await (0,promises_.mkdir)(dir, { recursive: true });
        const stamp = entry.createdAt.replace(/[:.]/g, '-');
        const name = `${stamp}-${(0,external_node_crypto_.randomBytes)(3).toString('hex')}-snapshot.json`;
        const path = (0,external_node_path_.join)(dir, name);
        await writeAtomic(path, entry.content);
        // Resolve only once it reads back identically: the engine changes nothing until then.
        if ((await (0,promises_.readFile)(path, 'utf8')) !== entry.content) {
            throw new Error(`Snapshot ${path} did not read back as written.`);
        }
        return {
            ref: path,
            name,
            workspaceId: entry.workspaceId,
            createdAt: entry.createdAt,
            restored: false,
        };
    }
    async list(workspaceId) {
        const dir = this.dirFor(workspaceId);
        let names;
        try {
            names = await (0,promises_.readdir)(dir);
        }
        catch (e) {
            if (e.code === 'ENOENT')
                return [];
            throw new errors_UsageError(`Cannot read the snapshot directory ${dir}: ${e.message}`);
        }
        const present = new Set(names);
        const closed = new Set(names.flatMap((n) => MARKER_FILE.exec(n)?.[1] ?? []));
        const files = names.filter((n) => SNAPSHOT_FILE.test(n));
        const entries = await Promise.all(files.map((n) => this.entryFor((0,external_node_path_.join)(dir, n), present.has(n + RESTORED_SUFFIX), closed)));
        // Newest first by the time inside the file, not by its name (a name says nothing).
        return entries.sort((a, b) => b.createdAt.localeCompare(a.createdAt) || b.name.localeCompare(a.name));
    }
    async resolve(name) {
        const candidates = [(0,external_node_path_.resolve)(name), ...(await this.findByFileName((0,external_node_path_.basename)(name)))];
        for (const path of candidates) {
            if (await isFile(path))
                return this.entryFor(path, await isFile(path + RESTORED_SUFFIX));
        }
        throw new errors_UsageError(`Snapshot "${name}" not found (looked for that path and for that file name under ` +
            `${this.root}). Pass the path printed by stop, or check --snapshot-dir.`);
    }
    async read(entry) {
        try {
            // The size cap before reading: a huge file would exhaust memory while being parsed.
            checkSize((await (0,promises_.stat)(entry.ref)).size, entry.name);
            return await (0,promises_.readFile)(entry.ref, 'utf8');
        }
        catch (e) {
            if (e instanceof errors_UsageError)
                throw e;
            throw new errors_UsageError(`Cannot read snapshot ${entry.ref}: ${e.message}`);
        }
    }
    /**
     * The marker goes into the workspace's directory under the snapshot's checksum, so restoring a
     * copy (or a symlink) elsewhere closes the snapshot the next stop would otherwise merge with.
     */
    async markRestored(_entry, marker) {
        const dir = this.dirFor(marker.workspaceId);
        await (0,promises_.mkdir)(dir, { recursive: true });
        const hex = marker.checksum.replace(/^sha256:/, '');
        await writeAtomic((0,external_node_path_.join)(dir, `restored-${hex}.json`), marker.text);
    }
    async markers(workspaceId) {
        const dir = this.dirFor(workspaceId);
        const names = (await (0,promises_.readdir)(dir).catch(() => [])).filter((n) => MARKER_FILE.test(n));
        const read = async (name) => {
            const path = (0,external_node_path_.join)(dir, name);
            const size = (await (0,promises_.stat)(path)).size;
            return { name, text: size > MAX_MARKER_BYTES ? '' : await (0,promises_.readFile)(path, 'utf8') };
        };
        return Promise.all(names.map(read));
    }
    dirFor(workspaceId) {
        if (!/^\d+$/.test(workspaceId))
            throw new errors_UsageError(`Invalid workspace id "${workspaceId}".`);
        return (0,external_node_path_.join)(this.root, workspaceId);
    }
    async findByFileName(file) {
        let dirs;
        try {
            dirs = await (0,promises_.readdir)(this.root);
        }
        catch {
            return [];
        }
        return dirs.filter((d) => /^\d+$/.test(d)).map((d) => (0,external_node_path_.join)(this.root, d, file));
    }
    async entryFor(path, legacyMarker, closed) {
        const name = (0,external_node_path_.basename)(path);
        const parent = (0,external_node_path_.basename)((0,external_node_path_.dirname)(path));
        const info = await (0,promises_.stat)(path);
        const inside = info.size <= MAX_SNAPSHOT_BYTES ? peekSnapshot(await (0,promises_.readFile)(path, 'utf8')) : {};
        const hex = inside.checksum?.replace(/^sha256:/, '');
        return {
            ref: path,
            name,
            workspaceId: /^\d+$/.test(parent) ? parent : '',
            createdAt: inside.createdAt ?? info.mtime.toISOString(),
            restored: legacyMarker || Boolean(hex && closed?.has(hex)),
        };
    }
}
async function isFile(path) {
    try {
        return (await (0,promises_.stat)(path)).isFile();
    }
    catch {
        return false;
    }
}
async function writeAtomic(path, content) {
    const tmp = (0,external_node_path_.join)((0,external_node_path_.dirname)(path), `.${(0,external_node_path_.basename)(path)}.${(0,external_node_crypto_.randomBytes)(4).toString('hex')}.tmp`);
    try {
        const file = await (0,promises_.open)(tmp, external_node_fs_.constants.O_WRONLY | external_node_fs_.constants.O_CREAT | external_node_fs_.constants.O_EXCL, 0o600);
        try {
            await file.writeFile(content, 'utf8');
            await file.sync();
        }
        finally {
            await file.close();
        }
        await (0,promises_.rename)(tmp, path);
    }
    catch (e) {
        await (0,promises_.rm)(tmp, { force: true });
        throw e;
    }
    await syncDir((0,external_node_path_.dirname)(path));
}
/** Make the rename itself durable. Not every platform can open a directory; that is not fatal. */
async function syncDir(dir) {
    let handle;
    try {
        handle = await (0,promises_.open)(dir, external_node_fs_.constants.O_RDONLY);
        await handle.sync();
    }
    catch {
        // Windows and some filesystems refuse; the rename is still atomic there.
    }
    finally {
        await handle?.close();
    }
}

;// CONCATENATED MODULE: ./src/action/store-helper.ts



/**
 * Workflow artifacts on a runner. A local trial (INPUT_* variables, no runner) has no artifact
 * service, so it keeps snapshots in the CLI's directory store instead of failing the stop.
 */
function createStore(settings, inputs, logger) {
    if (!process.env.ACTIONS_RUNTIME_TOKEN || !process.env.ACTIONS_RESULTS_URL) {
        const store = new DirectoryStore('.databricks-halt');
        logger.info(`Not on a GitHub runner (no ACTIONS_RUNTIME_TOKEN): snapshots go to ${store.root}.`);
        return { store, runIdOf: () => undefined };
    }
    const store = new ArtifactSnapshotStore({
        logger,
        retentionDays: inputs.retentionDays,
        githubToken: inputs.githubToken,
        repository: process.env.GITHUB_REPOSITORY,
        runId: process.env.GITHUB_RUN_ID ?? '0',
        runAttempt: process.env.GITHUB_RUN_ATTEMPT ?? '1',
        workspaceIdHint: settings.workspaceId ?? workspaceIdFromUrl(settings.workspaceUrl),
        tempDir: process.env.RUNNER_TEMP,
        trustedRefs: inputs.trustedRefs,
        workflowRef: process.env.GITHUB_WORKFLOW_REF,
    });
    return { store, runIdOf: (entry) => store.runIdOf(entry) };
}

// EXTERNAL MODULE: ./node_modules/@azure/identity/dist/esm/index.js + 165 modules
var esm = __webpack_require__(73016);
;// CONCATENATED MODULE: ./src/auth/github-oidc.ts


/**
 * The runner's GitHub OIDC ID token, the credential both federated sign-in paths start from.
 * The runner only offers it to jobs granted `permissions: id-token: write`, and never to
 * pull_request runs from forks: say so instead of the toolkit's bare "env variable" message.
 */
const GITHUB_ISSUER = 'https://token.actions.githubusercontent.com';
function hasIdTokenEnvironment(env = process.env) {
    return Boolean(env.ACTIONS_ID_TOKEN_REQUEST_URL && env.ACTIONS_ID_TOKEN_REQUEST_TOKEN);
}
const MISSING_PERMISSION = 'The GitHub OIDC token is not available to this job (ACTIONS_ID_TOKEN_REQUEST_URL and ' +
    'ACTIONS_ID_TOKEN_REQUEST_TOKEN are not set). Grant it in the workflow: `permissions: ' +
    '{ id-token: write, contents: read, actions: read }` on the job (and on the caller of a reusable ' +
    'workflow, since permissions can only shrink). Pull requests from forks never get it.';
async function getGitHubIdToken(audience) {
    if (!hasIdTokenEnvironment())
        throw new errors_UsageError(MISSING_PERMISSION);
    let token;
    try {
        token = await core/* getIDToken */.V9(audience);
    }
    catch (error) {
        throw new errors_UsageError(`Could not get a GitHub OIDC token for audience "${audience}": ${errors_errorText(error)}. ` +
            'Check that the job has `permissions: id-token: write`.', { cause: error });
    }
    if (!token)
        throw new errors_UsageError(`GitHub returned an empty OIDC token for audience "${audience}".`);
    // getIDToken masks it already; masking again costs nothing and does not depend on that detail.
    core/* setSecret */.Pq(token);
    return token;
}
function claimsOf(jwt) {
    try {
        const payload = jwt?.split('.')[1];
        return payload
            ? JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'))
            : {};
    }
    catch {
        return {};
    }
}
/**
 * When to renew a token that expires at `expiresAt`: five minutes early, or halfway through its
 * life for short-lived ones (federated tokens follow the GitHub token's minutes-long lifetime), and
 * never later than 30 s before expiry, which Databricks already rejects. So a long halt never
 * presents a stale token.
 */
function refreshTime(expiresAt, now = Date.now()) {
    const halfLife = Math.max(0, expiresAt - now) / 2;
    return expiresAt - Math.max(30_000, Math.min(5 * 60_000, halfLife));
}

;// CONCATENATED MODULE: ./src/auth/azure-credential.ts


/** The Azure Databricks resource (the same app id in every Azure cloud). */
const AZURE_DATABRICKS_SCOPE = '2ff814a6-3304-4ab8-85cb-cd0e6f879c1d/.default';
/** Databricks rejects tokens that expire within ~30 s; refresh well before that. */
const REFRESH_MARGIN_MS = 60_000;
/**
 * An Entra ID token for Azure Databricks. One token serves the workspace and the account host.
 * Cached until close to expiry; concurrent callers share one request (the CLI credential spawns
 * `az`, which takes a second or two).
 */
class AzureCredentialProvider {
    azureCredential;
    description;
    options;
    token;
    constructor(
    /** Also serves Azure Resource Manager tokens (network checks). */
    azureCredential, description, options = {}) {
        this.azureCredential = azureCredential;
        this.description = description;
        this.options = options;
        this.token = new RefreshingToken(() => this.fetch(), options.now);
    }
    getToken(_audience) {
        return this.token.get();
    }
    async fetch() {
        let token;
        try {
            token = await this.azureCredential.getToken(AZURE_DATABRICKS_SCOPE);
        }
        catch (e) {
            const hint = this.options.hint ? ` ${this.options.hint}` : '';
            throw new UsageError(`${this.description}: could not get a token: ${firstLine(e)}${hint}`);
        }
        if (!token)
            throw new UsageError(`${this.description}: no token returned.`);
        return { token: token.token, refreshAt: token.expiresOnTimestamp - REFRESH_MARGIN_MS };
    }
}
/**
 * @azure/identity is loaded on first use only: it is large (startup time and ~25 MB of memory)
 * and token or profile sign-ins never need it.
 */
function lazyCredential(make) {
    let credential;
    return {
        async getToken(scopes) {
            credential ??= Promise.resolve(/* import() */).then(__webpack_require__.bind(__webpack_require__, 73016)).then(make);
            return (await credential).getToken(scopes);
        },
    };
}
function azureCliProvider(options = {}) {
    const tenant = options.tenantId ? `, tenant ${options.tenantId}` : '';
    return new AzureCredentialProvider(lazyCredential((id) => new id.AzureCliCredential({ tenantId: options.tenantId })), `azure-cli (az login${tenant})`, { hint: 'Sign in with `az login` (add --tenant if needed), or use --auth token.' });
}
function azureDefaultProvider() {
    const credential = lazyCredential((id) => new id.DefaultAzureCredential());
    return new AzureCredentialProvider(credential, 'azure-default', {
        hint: 'Set AZURE_CLIENT_ID/AZURE_TENANT_ID/AZURE_CLIENT_SECRET, sign in with `az login`, or use --auth token.',
    });
}
function firstLine(e) {
    return errorText(e).split('\n')[0].trim();
}

;// CONCATENATED MODULE: ./src/auth/token-provider.ts
/**
 * One token, cached until its refresh time. Concurrent callers share one fetch (a sign-in may
 * spawn `az` or call an identity provider); a failed fetch is not cached.
 */
class token_provider_RefreshingToken {
    fetch;
    now;
    cached;
    pending;
    constructor(fetch, now = Date.now) {
        this.fetch = fetch;
        this.now = now;
    }
    get() {
        if (this.cached && this.now() < this.cached.refreshAt)
            return Promise.resolve(this.cached.token);
        this.pending ??= this.fetch()
            .then((fetched) => {
            this.cached = fetched;
            return fetched.token;
        })
            .finally(() => (this.pending = undefined));
        return this.pending;
    }
}

;// CONCATENATED MODULE: ./src/auth/azure-oidc.ts






/**
 * GitHub OIDC → Entra ID → Azure Databricks. The runner's ID token is the client assertion of the
 * Entra app's federated credential; the Entra token it buys serves the workspace and the account
 * API alike. Tokens are refreshed well before expiry so a long halt never presents a stale one
 * (Databricks rejects tokens that expire within ~30 s).
 */
const AZURE_ASSERTION_AUDIENCE = 'api://AzureADTokenExchange';
const PUBLIC_AUTHORITY = 'https://login.microsoftonline.com';
class AzureOidcTokenProvider {
    options;
    description;
    credential;
    token = new token_provider_RefreshingToken(() => this.refresh());
    lastAssertion;
    constructor(options) {
        this.options = options;
        const authorityHost = (options.authorityHost || PUBLIC_AUTHORITY).replace(/\/+$/, '');
        this.description = `azure-oidc (client ${options.clientId}, tenant ${options.tenantId})`;
        this.credential = new esm.ClientAssertionCredential(options.tenantId, options.clientId, () => this.assertion(), {
            authorityHost,
            // Instance discovery only knows Microsoft's clouds; a sovereign or private host must skip it.
            disableInstanceDiscovery: authorityHost !== PUBLIC_AUTHORITY,
            ...(options.tlsCa ? { tlsOptions: { ca: options.tlsCa } } : {}),
        });
    }
    /** The same federated credential for Azure Resource Manager; its tokens are masked too. */
    azureCredential = {
        getToken: async (scopes, options) => {
            const token = await this.credential.getToken(scopes, options);
            if (token)
                core/* setSecret */.Pq(token.token);
            return token;
        },
    };
    /** One token for both audiences (the Azure Databricks resource covers the account API too). */
    getToken() {
        return this.token.get();
    }
    async refresh() {
        // Checked here too: identity wraps errors from the assertion callback into generic ones.
        if (!hasIdTokenEnvironment())
            await getGitHubIdToken(AZURE_ASSERTION_AUDIENCE);
        let token;
        try {
            token = await this.credential.getToken(AZURE_DATABRICKS_SCOPE);
        }
        catch (error) {
            throw this.explain(error);
        }
        core/* setSecret */.Pq(token.token);
        return { token: token.token, refreshAt: refreshTime(token.expiresOnTimestamp) };
    }
    /** Called by MSAL for every new token: GitHub ID tokens live minutes, so fetch a fresh one. */
    async assertion() {
        this.lastAssertion = await getGitHubIdToken(AZURE_ASSERTION_AUDIENCE);
        return this.lastAssertion;
    }
    /** Turn Entra's codes into what to change in the federated credential or the workflow. */
    explain(error) {
        if (error instanceof errors_UsageError)
            return error;
        const message = errors_errorText(error);
        const { sub, aud, iss } = claimsOf(this.lastAssertion);
        const app = `Entra app ${this.options.clientId} (tenant ${this.options.tenantId})`;
        const expected = `Add a federated credential to ${app} with issuer ${GITHUB_ISSUER}, ` +
            `subject "${sub ?? 'repo:ORG/REPO:environment:NAME'}" and audience ${AZURE_ASSERTION_AUDIENCE}.`;
        const code = /AADSTS(\d+)/.exec(message)?.[1];
        const reasons = {
            '700213': `Entra rejected the GitHub token: no federated credential matches its subject "${sub}" (AADSTS700213). The subject must match exactly (environment, branch or pull_request). ${expected}`,
            '700212': `Entra rejected the GitHub token: no federated credential matches its audience "${String(aud)}" (AADSTS700212). ${expected}`,
            '700211': `Entra rejected the GitHub token: no federated credential matches its issuer "${iss}" (AADSTS700211). ${expected}`,
            '700016': `Entra does not know client id ${this.options.clientId} in tenant ${this.options.tenantId} (AADSTS700016): check azure-client-id and azure-tenant-id.`,
            '90002': `Entra does not know tenant ${this.options.tenantId} (AADSTS90002): check azure-tenant-id.`,
        };
        if (code && reasons[code])
            return new errors_UsageError(reasons[code]);
        if (/endpoints_resolution_error/.test(message)) {
            return new errors_UsageError(`Could not reach Entra ID at ${this.options.authorityHost || PUBLIC_AUTHORITY} for tenant ` +
                `${this.options.tenantId} (endpoints_resolution_error: wrong azure-authority-host or ` +
                `azure-tenant-id, an untrusted certificate, or no network). ${message}`);
        }
        return new Error(`Signing in to Entra ID as ${app} failed: ${message}`);
    }
}

;// CONCATENATED MODULE: ./src/databricks/errors.ts

/**
 * A failed Databricks API call. Classified by `error_code` first and HTTP status second, as the
 * reference says: the same status carries transient and permanent codes.
 */
class DatabricksError extends Error {
    name = 'DatabricksError';
    /** HTTP status; 0 when no response arrived (reset, refused, timeout). */
    status;
    error_code;
    requestId;
    /** Server-suggested wait before retrying, in ms (Retry-After header or google.rpc.RetryInfo). */
    retryAfterMs;
    method;
    /** Path only (no query): never carries a secret. */
    path;
    /** Attempts made, including the one that failed. A POST retried after a lost response may
     *  meet the effect of its own first attempt (e.g. "already deleted"); callers can check this. */
    attempts = 1;
    constructor(init) {
        super(init.message, init.cause === undefined ? undefined : { cause: init.cause });
        this.status = init.status;
        this.error_code = init.error_code;
        this.requestId = init.requestId;
        this.retryAfterMs = init.retryAfterMs;
        this.method = init.method;
        this.path = init.path;
    }
    /** One line for logs and reports: "404 RESOURCE_DOES_NOT_EXIST: Job 1 does not exist (GET /api/...)" */
    describe() {
        const status = this.status === 0 ? 'network' : String(this.status);
        const id = this.requestId ? `, request ${this.requestId}` : '';
        return `${status} ${this.error_code}: ${this.message} (${this.method} ${this.path}${id})`;
    }
}
const STATUS_CODES = {
    400: 'BAD_REQUEST',
    401: 'UNAUTHENTICATED',
    403: 'PERMISSION_DENIED',
    404: 'NOT_FOUND',
    409: 'RESOURCE_CONFLICT',
    429: 'REQUEST_LIMIT_EXCEEDED',
    499: 'CANCELLED',
    500: 'INTERNAL_ERROR',
    501: 'NOT_IMPLEMENTED',
    502: 'BAD_GATEWAY',
    503: 'TEMPORARILY_UNAVAILABLE',
    504: 'DEADLINE_EXCEEDED',
};
function codeForStatus(status) {
    return STATUS_CODES[status] ?? (status >= 500 ? 'INTERNAL_ERROR' : 'UNKNOWN');
}
/** Parse every error body shape the API is known to send. Never throws. */
function parseErrorBody(status, text) {
    const trimmed = text.trim();
    const fallback = codeForStatus(status);
    if (trimmed === '')
        return { error_code: fallback, message: `HTTP ${status} with an empty body` };
    if (trimmed.startsWith('{')) {
        const parsed = parseJsonError(status, trimmed);
        if (parsed)
            return parsed;
    }
    if (/^<(!doctype|html|head|body)/i.test(trimmed))
        return parseHtmlError(status, trimmed);
    return codePrefixed(trimmed) ?? { error_code: fallback, message: truncate(trimmed) };
}
/** "CODE: message", as plain-text bodies (and some legacy and HTML ones) carry their code. */
function codePrefixed(text) {
    const m = /^([A-Z][A-Z0-9_]{2,}):\s*([\s\S]*)$/.exec(text);
    return m ? { error_code: m[1], message: m[2].trim() || m[1] } : undefined;
}
function parseJsonError(status, text) {
    let body;
    try {
        body = parseJson(text);
    }
    catch {
        return undefined;
    }
    if (!isRecord(body))
        return undefined;
    const details = Array.isArray(body.details) ? body.details.filter(isRecord) : [];
    const requestId = details.map((d) => d.request_id).find((v) => typeof v === 'string');
    const retryDelayMs = details.map((d) => parseDuration(d.retry_delay)).find((v) => v !== undefined);
    const extra = {
        ...(typeof requestId === 'string' && requestId ? { requestId } : {}),
        ...(retryDelayMs !== undefined ? { retryDelayMs } : {}),
    };
    if (typeof body.error_code === 'string' || typeof body.message === 'string') {
        const code = typeof body.error_code === 'string' ? body.error_code : codeForStatus(status);
        const message = typeof body.message === 'string' ? body.message : code;
        return { error_code: code, message, ...extra };
    }
    if (Array.isArray(body.schemas) && body.schemas.some((s) => String(s).includes(':Error'))) {
        const scimStatus = Number(body.status) || status;
        const detail = typeof body.detail === 'string' ? body.detail : `SCIM error ${scimStatus}`;
        return { error_code: `SCIM_${scimStatus}`, message: detail, ...extra };
    }
    if (typeof body.error === 'string') {
        // Legacy shape; some put "CODE: message" inside.
        const inner = codePrefixed(body.error) ?? {
            error_code: codeForStatus(status),
            message: body.error,
        };
        return { ...inner, ...extra };
    }
    return undefined;
}
function parseHtmlError(status, html) {
    const pre = /<pre[^>]*>([\s\S]*?)<\/pre>/i.exec(html);
    const title = /<title[^>]*>([\s\S]*?)<\/title>/i.exec(html);
    const message = decodeEntities((pre ?? title)?.[1]?.trim() ?? `HTTP ${status} (HTML page)`);
    return codePrefixed(message) ?? { error_code: codeForStatus(status), message: truncate(message) };
}
function decodeEntities(s) {
    return s
        .replace(/&lt;/g, '<')
        .replace(/&gt;/g, '>')
        .replace(/&quot;/g, '"')
        .replace(/&#39;/g, "'")
        .replace(/&amp;/g, '&');
}
/** google.protobuf.Duration: "1.5s" in JSON, or {seconds, nanos}. */
function parseDuration(value) {
    if (typeof value === 'string') {
        const m = /^(\d+(?:\.\d+)?)s$/.exec(value.trim());
        return m ? Math.round(Number(m[1]) * 1000) : undefined;
    }
    if (isRecord(value)) {
        const seconds = Number(value.seconds ?? 0);
        const nanos = Number(value.nanos ?? 0);
        if (Number.isFinite(seconds) && Number.isFinite(nanos)) {
            return Math.round(seconds * 1000 + nanos / 1e6);
        }
    }
    return undefined;
}
/** Retry-After: delta seconds or an HTTP date. */
function parseRetryAfter(header, now = Date.now()) {
    if (header === null)
        return undefined;
    const value = header.trim();
    if (/^\d+(\.\d+)?$/.test(value))
        return Math.round(Number(value) * 1000);
    const date = Date.parse(value);
    if (Number.isNaN(date))
        return undefined;
    return Math.max(0, date - now);
}
function truncate(s, max = 500) {
    return s.length > max ? `${s.slice(0, max)}…` : s;
}
function isRecord(v) {
    return typeof v === 'object' && v !== null && !Array.isArray(v);
}
const NOT_FOUND_CODES = new Set(['RESOURCE_DOES_NOT_EXIST', 'NOT_FOUND', 'SCIM_404']);
const DOES_NOT_EXIST = /does not exist|not found|no such|doesn't exist/i;
/**
 * Missing object, in both forms the API uses: 404 RESOURCE_DOES_NOT_EXIST (newer APIs) and
 * 400 INVALID_PARAMETER_VALUE "Job 42 does not exist." (jobs, clusters, runs).
 */
function isNotFound(e) {
    if (!(e instanceof DatabricksError))
        return false;
    if (NOT_FOUND_CODES.has(e.error_code))
        return true;
    if (e.status === 404)
        return true;
    return e.status === 400 && DOES_NOT_EXIST.test(e.message);
}
/**
 * Whether an error's message names the object `id` as a whole token (a compound id such as
 * "dashboard/schedule" is named when any of its parts is). "Cluster 0101-abc does not exist" names
 * 0101-abc but not 0101; job 42 is not named by "Cluster 0101-42-x".
 */
function namesId(e, id) {
    return id
        .split('/')
        .filter((part) => part !== '')
        .some((part) => {
        const escaped = part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
        return new RegExp(`(^|[^\\w-])${escaped}($|[^\\w-])`).test(e.message);
    });
}
/**
 * A write's target is gone: a not-found answer (either form) whose message names the target's id,
 * or one to a GET of the target itself (its own read). Any other 4xx on a write, such as
 * jobs/update answering 400 "Cluster 0101-… does not exist." about a cluster the job names, is the
 * write failing, not the target missing (the SDKs map 400 to not-found only on the object's own
 * get: databricks-sdk-go apierr/error_overrides.go). See docs/adr/0010-write-error-classification.md.
 */
function isTargetMissing(e, id) {
    if (!(e instanceof DatabricksError) || !isNotFound(e) || e.status === 403)
        return false;
    if (e.error_code === 'ENDPOINT_NOT_FOUND' || e.error_code === 'FEATURE_DISABLED')
        return false;
    return namesId(e, id) || (e.method === 'GET' && e.status === 404 && e.path.includes(id));
}
/**
 * The workspace does not have this API's feature (tier, region, not enabled): `FEATURE_DISABLED`
 * at any status (e.g. 404 "Model serving is not enabled for your shard…"), or 404
 * `ENDPOINT_NOT_FOUND` (the API is not served there). PERMISSION_DENIED is never this.
 */
function isFeatureUnavailable(e) {
    if (!(e instanceof DatabricksError) || e.status === 403)
        return false;
    if (e.error_code === 'PERMISSION_DENIED')
        return false;
    return (e.error_code === 'FEATURE_DISABLED' ||
        (e.status === 404 && e.error_code === 'ENDPOINT_NOT_FOUND'));
}
function isPermissionDenied(e) {
    return e instanceof DatabricksError && (e.status === 403 || e.error_code === 'PERMISSION_DENIED');
}
function isUnauthenticated(e) {
    return e instanceof DatabricksError && (e.status === 401 || e.error_code === 'UNAUTHENTICATED');
}
function isInvalidState(e) {
    return e instanceof DatabricksError && e.error_code === 'INVALID_STATE';
}
/** 429, or the throttling codes servers sometimes send with another status (SCIM: 500). */
function isThrottled(e) {
    if (!(e instanceof DatabricksError))
        return false;
    if (e.status === 429)
        return true;
    if (e.error_code === 'REQUEST_LIMIT_EXCEEDED' || e.error_code === 'RESOURCE_EXHAUSTED') {
        // The clusters API also uses REQUEST_LIMIT_EXCEEDED for resource caps (400): not a throttle.
        return e.status >= 500;
    }
    return e.status >= 500 && /REQUEST_LIMIT_EXCEEDED/.test(e.message);
}

;// CONCATENATED MODULE: ./src/auth/databricks-oidc.ts





/**
 * GitHub OIDC → Databricks OAuth token federation (RFC 8693 token exchange), which works on every
 * cloud and needs no Entra app. The account API and the workspace API are different token issuers,
 * so each audience gets its own exchange and its own cached token.
 */
const TOKEN_EXCHANGE = 'urn:ietf:params:oauth:grant-type:token-exchange';
const JWT_TYPE = 'urn:ietf:params:oauth:token-type:jwt';
const ATTEMPTS = 3;
class DatabricksOidcTokenProvider {
    options;
    description;
    audience;
    tokens = {
        workspace: new token_provider_RefreshingToken(() => this.exchange('workspace')),
        account: new token_provider_RefreshingToken(() => this.exchange('account')),
    };
    constructor(options) {
        this.options = options;
        const audience = options.audience || options.accountId;
        if (!audience) {
            throw new errors_UsageError('databricks-oidc needs the audience of the GitHub token: set account-id (the default ' +
                'audience of a federation policy) or oidc-audience.');
        }
        this.audience = audience;
        this.description = `databricks-oidc (service principal ${options.clientId})`;
    }
    getToken(audience) {
        return this.tokens[audience].get();
    }
    endpoint(audience) {
        if (audience === 'workspace')
            return `${this.options.workspaceUrl.replace(/\/+$/, '')}/oidc/v1/token`;
        const { accountHost, accountId } = this.options;
        if (!accountHost || !accountId) {
            throw new errors_UsageError('databricks-oidc needs account-id (and account-host off the public clouds) for the account API.');
        }
        return `${accountHost.replace(/\/+$/, '')}/oidc/accounts/${accountId}/v1/token`;
    }
    async exchange(audience) {
        const endpoint = this.endpoint(audience);
        const subjectToken = await getGitHubIdToken(this.audience);
        const body = new URLSearchParams({
            grant_type: TOKEN_EXCHANGE,
            subject_token: subjectToken,
            subject_token_type: JWT_TYPE,
            scope: 'all-apis',
            client_id: this.options.clientId,
        });
        const response = await post(endpoint, body);
        const text = await response.text();
        if (!response.ok)
            throw this.explain(endpoint, response.status, text, subjectToken);
        const reply = JSON.parse(text);
        if (!reply.access_token)
            throw new Error(`The token exchange at ${endpoint} returned no access_token.`);
        core/* setSecret */.Pq(reply.access_token);
        const expiresAt = Date.now() + (reply.expires_in ?? 3600) * 1000;
        return { token: reply.access_token, refreshAt: refreshTime(expiresAt) };
    }
    explain(endpoint, status, text, subjectToken) {
        let detail = text.slice(0, 500);
        try {
            const parsed = JSON.parse(text);
            detail = [parsed.error ?? parsed.error_code, parsed.error_description ?? parsed.message]
                .filter(Boolean)
                .join(': ');
        }
        catch {
            // Not JSON: keep the text.
        }
        const { sub, aud } = claimsOf(subjectToken);
        if (status === 400 || status === 401 || status === 403) {
            return new errors_UsageError(`Databricks refused to exchange the GitHub token at ${endpoint} (${status} ${detail}). ` +
                `Check the federation policy of service principal ${this.options.clientId}: issuer ` +
                `${GITHUB_ISSUER}, audiences including "${String(aud)}" (set oidc-audience if the policy uses ` +
                `another) and subject "${sub}" exactly; and that databricks-client-id is the ` +
                "service principal's application id.");
        }
        return new Error(`The token exchange at ${endpoint} failed: ${status} ${detail}`);
    }
}
/** A few retries on throttling and gateway errors, honouring Retry-After; no retry on refusals. */
async function post(endpoint, body) {
    for (let attempt = 1;; attempt++) {
        let response;
        try {
            response = await fetch(endpoint, {
                method: 'POST',
                headers: {
                    'content-type': 'application/x-www-form-urlencoded',
                    accept: 'application/json',
                },
                body,
                signal: AbortSignal.timeout(30_000),
            });
        }
        catch (error) {
            if (attempt >= ATTEMPTS)
                throw new Error(`Could not reach ${endpoint}: ${errors_errorText(error)}`, { cause: error });
        }
        if (response && (![429, 502, 503, 504].includes(response.status) || attempt >= ATTEMPTS))
            return response;
        const retryAfterMs = parseRetryAfter(response?.headers.get('retry-after') ?? null);
        await new Promise((resolve) => setTimeout(resolve, retryAfterMs ? Math.min(retryAfterMs, 30_000) : 500 * 2 ** attempt));
    }
}

;// CONCATENATED MODULE: ./src/auth/static-token.ts

/** A token that does not change: a PAT, or a Databricks/Entra token minted elsewhere. One token
 *  serves both the workspace and the account host (true for PATs of account admins and Entra). */
class StaticTokenProvider {
    token;
    description;
    constructor(token, description) {
        this.token = token;
        this.description = description;
        if (token.trim() === '')
            throw new errors_UsageError(`${description}: the token is empty.`);
    }
    async getToken(_audience) {
        return this.token.trim();
    }
}
/** `--auth token`: the token comes from the environment only, never from a flag (shell history). */
function tokenFromEnv(env) {
    const token = env.DATABRICKS_TOKEN;
    if (!token || token.trim() === '') {
        throw new errors_UsageError('DATABRICKS_TOKEN is not set. Export a personal access token in DATABRICKS_TOKEN, or choose ' +
            'another method with --auth azure-cli | azure-default | profile:NAME.');
    }
    return new StaticTokenProvider(token, 'token (DATABRICKS_TOKEN)');
}

;// CONCATENATED MODULE: ./src/auth/action-auth.ts






function resolveAuthMethod(auth) {
    if (auth.method !== 'auto')
        return auth.method;
    if (auth.azureClientId)
        return 'azure-oidc';
    if (auth.databricksClientId)
        return 'databricks-oidc';
    return 'token';
}
function createTokenProvider(settings, auth, seams = {}) {
    switch (resolveAuthMethod(auth)) {
        case 'azure-oidc':
            return new AzureOidcTokenProvider({
                clientId: need(auth.azureClientId, 'azure-client-id', 'azure-oidc'),
                tenantId: need(auth.azureTenantId, 'azure-tenant-id', 'azure-oidc'),
                authorityHost: auth.azureAuthorityHost,
                tlsCa: seams.tlsCa,
            });
        case 'databricks-oidc':
            return new DatabricksOidcTokenProvider({
                clientId: need(auth.databricksClientId, 'databricks-client-id', 'databricks-oidc'),
                workspaceUrl: settings.workspaceUrl,
                accountId: settings.accountId,
                accountHost: settings.accountId
                    ? resolveAccountHost(settings.workspaceUrl, settings.accountHost)
                    : undefined,
                audience: auth.oidcAudience,
            });
        case 'token':
            return maskedEnvToken();
    }
}
/**
 * Sign in before anything else, so a missing permission or a rejected federated credential fails
 * the step with its own explanation rather than as the first failed API call.
 */
async function signIn(settings, tokens) {
    await tokens.getToken('workspace');
    if (settings.accountId)
        await tokens.getToken('account');
}
function maskedEnvToken() {
    if (!process.env.DATABRICKS_TOKEN?.trim()) {
        throw new errors_UsageError('auth is token but DATABRICKS_TOKEN is not set: pass it to the step (`env: DATABRICKS_TOKEN: ' +
            '${{ secrets.DATABRICKS_TOKEN }}`), or sign in without a stored secret by setting ' +
            'azure-client-id (azure-oidc) or databricks-client-id (databricks-oidc).');
    }
    core/* setSecret */.Pq(process.env.DATABRICKS_TOKEN.trim());
    return tokenFromEnv(process.env);
}
function need(value, input, method) {
    if (!value)
        throw new errors_UsageError(`auth ${method} needs the ${input} input.`);
    return value;
}

;// CONCATENATED MODULE: ./src/cli/exit-codes.ts
const EXIT_OK = 0;
/** Some items failed, conflicted, were gone or did not converge; or --fail-if-active found some. */
const EXIT_ITEMS = 1;
const EXIT_USAGE = 2;
const EXIT_SAFETY = 3;
/** The engine already folded every reason to fail (items, `--fail-if-active`) into the report. */
function exitCodeForReport(report) {
    return report.exitCode === 0 ? EXIT_OK : EXIT_ITEMS;
}
/**
 * Refusals carry their own code. Anything else escaped the engine's per-item reporting (an
 * unexpected bug, a network failure while listing): the run did not finish, so 1, not 0.
 */
function exitCodeForError(error) {
    // UsageError and SafetyError carry their code. Read the field rather than instanceof: a second
    // copy of errors.ts (a bundle loaded beside the sources) fails instanceof.
    const code = error?.exitCode;
    return code === EXIT_USAGE || code === EXIT_SAFETY ? code : EXIT_ITEMS;
}

;// CONCATENATED MODULE: ./package.json
const package_namespaceObject = {"rE":"0.1.0"};
;// CONCATENATED MODULE: ./src/cli/version.ts

/** Recorded in every snapshot and printed by --version; bundled by ncc from package.json. */
const VERSION = package_namespaceObject.rE;

;// CONCATENATED MODULE: ./src/wording.ts
/** Settings key → the Action's input (also how the Action names a settings error). */
const ACTION_INPUTS = {
    mode: 'mode',
    workspaceUrl: 'workspace-url',
    workspaceId: 'workspace-id',
    accountId: 'account-id',
    accountHost: 'account-host',
    keep: 'keep-principals',
    unkeep: 'unkeep-principals',
    only: 'resources',
    dryRun: 'dry-run',
    force: 'force',
    restartCompute: 'restart-compute',
    waitMinutes: 'wait-minutes',
    maxConcurrency: 'max-concurrency',
    snapshot: 'restore-from',
    azureWorkspaceResourceId: 'azure-workspace-resource-id',
    checkSubnets: 'check-subnets',
    verifyRanges: 'verify-ranges',
    plan: 'plan',
    planMaxAgeHours: 'plan-max-age',
    onDrift: 'on-drift',
    allowHosts: 'allowed-hosts',
    ignoreOpenSnapshot: 'ignore-open-snapshot',
    auth: 'auth',
};
/** Settings key → the CLI's flag. */
const CLI_FLAGS = {
    accountId: '--account-id',
    keep: '--keep',
    unkeep: '--unkeep',
    only: '--only',
    skip: '--skip',
    dryRun: '--dry-run',
    force: '--force',
    restartCompute: '--restart-compute',
    waitMinutes: '--wait',
    snapshot: '--snapshot',
    azureWorkspaceResourceId: '--azure-workspace-resource-id',
    checkSubnets: '--check-subnets',
    verifyRanges: '--verify-ranges',
    plan: '--plan',
    planOut: '--plan-out',
    planMaxAgeHours: '--plan-max-age',
    onDrift: '--on-drift',
    ignoreOpenSnapshot: '--ignore-open-snapshot',
    auth: '--auth',
};
/**
 * An option as the face names it: `--force` / `force: true`, `--keep ops` / `keep-principals: ops`.
 * An option only the CLI has (`--plan-out`, `--skip`) keeps its CLI name.
 */
function wording_option(face, key, value) {
    const input = ACTION_INPUTS[key];
    if (face === 'action' && input)
        return `${input}: ${value ?? 'true'}`;
    const flag = CLI_FLAGS[key] ?? key;
    return value === undefined ? flag : `${flag} ${value}`;
}
/** An option's bare name: `--keep` / `keep-principals`. */
function optionName(face, key) {
    const input = ACTION_INPUTS[key];
    return face === 'action' && input ? input : (CLI_FLAGS[key] ?? key);
}
/** How to run without a resource kind: `--skip KIND` / leaving it out of the resources input. */
function skipKind(face, kind) {
    return face === 'action' ? `leave ${kind} out of the resources input` : `--skip ${kind}`;
}
/** How to make a new saved plan: a dry run with --plan-out / the workflow's plan job. */
function newPlan(face) {
    return face === 'action'
        ? 'run the workflow again, so its plan job (dry-run: true) makes a new plan for approval'
        : 'make a new plan with --plan-out';
}
/** A run to start next: `restore --force` / `mode: restore with force: true`. */
function command(face, mode, ...options) {
    if (face === 'action')
        return `mode: ${mode}${options.length ? ` with ${options.join(', ')}` : ''}`;
    return [mode, ...options].join(' ');
}

;// CONCATENATED MODULE: ./src/engine/order.ts
/**
 * Run tasks by dependency, not in waves (docs/adr/0012-order-by-dependency.md): a task starts as
 * soon as every task of the kinds it waits for has finished, so one slow kind (access removal at
 * 5 requests a second) holds back only what depends on it. Kinds with no task here are not waited
 * for (a kind out of scope cannot restart anything the halt touches). A cycle is refused before
 * anything runs. Results come back in task order.
 */
async function inDependencyOrder(tasks) {
    const present = new Set(tasks.map((t) => t.kind));
    const waitsFor = (t) => t.after.filter((k) => present.has(k) && k !== t.kind);
    refuseCycles(tasks.map((t) => [t.kind, waitsFor(t)]));
    const settled = new Map();
    const results = new Array(tasks.length);
    // Tasks are started in an order where every kind waited for is already in `settled`.
    const pending = tasks.map((t, i) => ({ t, i }));
    const started = new Map();
    while (pending.length > 0) {
        const index = pending.findIndex(({ t }) => waitsFor(t).every((k) => settled.has(k)));
        const { t, i } = pending.splice(index, 1)[0];
        const before = Promise.all(waitsFor(t).map((k) => settled.get(k)));
        results[i] = before.then(() => t.run());
        started.set(t.kind, [...(started.get(t.kind) ?? []), results[i]]);
        // A kind is settled when all of its tasks are (failures are reported per item, not thrown).
        if (!pending.some((p) => p.t.kind === t.kind)) {
            settled.set(t.kind, Promise.allSettled(started.get(t.kind)));
        }
    }
    return Promise.all(results);
}
function refuseCycles(edges) {
    const next = new Map();
    for (const [kind, after] of edges) {
        const set = next.get(kind) ?? new Set();
        after.forEach((k) => set.add(k));
        next.set(kind, set);
    }
    const state = new Map();
    const visit = (kind, path) => {
        if (state.get(kind) === 'done')
            return;
        if (state.get(kind) === 'open') {
            throw new Error(`Stop order has a cycle: ${[...path, kind].join(' → ')}`);
        }
        state.set(kind, 'open');
        for (const k of next.get(kind) ?? [])
            visit(k, [...path, kind]);
        state.set(kind, 'done');
    };
    for (const kind of next.keys())
        visit(kind, []);
}

;// CONCATENATED MODULE: ./src/resources/resource.ts
const KEEP_TAG = 'databricks-halt';
const KEEP_VALUE = 'keep';

;// CONCATENATED MODULE: ./src/resources/compare.ts

/** Structural equality of JSON values; key order does not matter, array order does. */
function deepEqual(a, b) {
    if (a === b)
        return true;
    if (typeof a !== typeof b || a === null || b === null || typeof a !== 'object')
        return false;
    if (Array.isArray(a) !== Array.isArray(b))
        return false;
    if (Array.isArray(a)) {
        const other = b;
        return a.length === other.length && a.every((v, i) => deepEqual(v, other[i]));
    }
    const ra = a;
    const rb = b;
    const keys = new Set([...Object.keys(ra), ...Object.keys(rb)]);
    // An absent key and an undefined value are the same thing once written as JSON.
    for (const key of keys)
        if (!deepEqual(ra[key], rb[key]))
            return false;
    return true;
}
/** A plain JSON object (not null, not an array): what a recorded value must be to be read. */
function isObject(value) {
    return typeof value === 'object' && value !== null && !Array.isArray(value);
}
/** Top-level keys whose values differ between two objects (absent = undefined). */
function differingKeys(a, b, ignore = []) {
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
    return keys.filter((k) => !ignore.includes(k) && !deepEqual(a[k], b[k]));
}
/**
 * checkRecord for a value a stop only paused: before and after are objects equal but for
 * pause_status, after is PAUSED and before was not. `path` prefixes the field names.
 */
function checkPausedOnly(before, after, path = '') {
    if (!isObject(before) || !isObject(after))
        return `${path || 'before/after'}: not an object`;
    const other = differingKeys(before, after, ['pause_status']);
    if (other.length > 0)
        return `${path}${other[0]}: differs between before and after (a halt changes only pause_status)`;
    if (pauseOf(after) !== 'PAUSED')
        return `${path}pause_status: after must be PAUSED`;
    if (pauseOf(before) === 'PAUSED')
        return `${path}pause_status: before was already PAUSED`;
    return undefined;
}
/** A schedule's or trigger's pause status: an omitted one means UNPAUSED. */
function pauseOf(block) {
    return String(block?.pause_status ?? 'UNPAUSED');
}
/** The block with its pause_status spelled out, so an omitted one compares equal to UNPAUSED. */
function withPauseStatus(block) {
    if (block === undefined || block === null)
        return block;
    return { ...block, pause_status: pauseOf(block) };
}
/** A JSON-safe deep copy (snapshots must not share objects with live listings). */
function clone(value) {
    return value === undefined ? value : structuredClone(value);
}
/**
 * Whether tags carry `databricks-halt: keep`. Tags come as a map (jobs, clusters, pools) or as
 * `[{key, value}]` (warehouses' `tags.custom_tags`).
 */
function hasKeepTag(...tagSets) {
    return tagSets.some((tags) => {
        if (Array.isArray(tags)) {
            return tags.some((t) => typeof t === 'object' &&
                t !== null &&
                t.key === KEEP_TAG &&
                String(t.value).toLowerCase() === KEEP_VALUE);
        }
        if (tags && typeof tags === 'object') {
            const value = tags[KEEP_TAG];
            return typeof value === 'string' && value.toLowerCase() === KEEP_VALUE;
        }
        return false;
    });
}
const KEEP_REASON = `tagged ${KEEP_TAG}: ${KEEP_VALUE}`;
/** Ids of the jobs left alone: their runs and clusters are left alone too. */
function keptJobIds(inventory) {
    return new Set((inventory.jobs ?? []).filter((j) => j.kept).map((j) => j.id));
}
/**
 * Restore of one recorded value put back whole: as the stop left it → the pre-halt value back;
 * already as before → nothing; edited by hand during the halt → conflict, left as edited.
 */
function decideWholeRestore(value, record, current, options) {
    if (!current)
        return { outcome: 'gone', detail: `${value.noun} no longer exists` };
    if (value.same(current.state, record.before)) {
        return { outcome: 'unchanged', detail: `already ${value.show(record.before)}` };
    }
    if (!options.force && !value.same(current.state, record.after)) {
        const now = (value.showNow ?? value.show)(current.state);
        return {
            outcome: 'conflict',
            detail: `${value.edited} during the halt (now ${now}); left as edited`,
        };
    }
    const detail = `${value.show(current.state)} → ${value.show(record.before)}`;
    return { outcome: 'changed', detail, write: record.before };
}
/** Whether the item as listed now shows the value written (restore's verify). */
function matchesWhole(value) {
    return (current, expected) => current !== undefined && value.same(current.state, expected);
}

;// CONCATENATED MODULE: ./src/engine/plan.ts

/** Decide per item, from the listings alone. Pure: nothing is written here. */
function planStop(resources, inventory) {
    const entries = [];
    for (const resource of resources) {
        for (const item of inventory[resource.kind] ?? [])
            entries.push(planItem(resource, item));
    }
    return entries;
}
/** The decision for one item: also used for items that appear during a stop. */
function planItem(resource, item) {
    const base = { kind: resource.kind, id: item.id, name: item.name };
    if (resource.reportOnly) {
        const outcome = item.active ? 'report_only' : 'inactive';
        return { resource, item, report: { ...base, outcome, detail: item.detail } };
    }
    if (item.kept) {
        return { resource, item, report: { ...base, outcome: 'kept', detail: item.kept } };
    }
    if (item.handledBy) {
        return { resource, item, report: { ...base, outcome: 'unchanged', detail: item.handledBy } };
    }
    const after = resource.halted(item);
    if (after === undefined) {
        return { resource, item, report: { ...base, outcome: 'already_halted', detail: item.detail } };
    }
    const before = resource.recordedBefore ? resource.recordedBefore(item.state, after) : item.state;
    const change = { before: clone(before), after: clone(after) };
    const detail = `${resource.describe(change.before)} → ${resource.describe(change.after)}`;
    const report = { ...base, outcome: 'planned', ...change, detail };
    return { resource, item, change, report };
}

;// CONCATENATED MODULE: ./src/engine/apply.ts





/**
 * Apply a saved plan by dependency (docs/adr/0012-order-by-dependency.md): what restarts compute
 * (job schedules and triggers, alert and dashboard schedules) is paused first; each compute kind
 * is stopped as soon as the kinds that start it are done (runs and all-purpose clusters after the
 * jobs, warehouses after jobs, alerts and dashboard schedules, JOB/PIPELINE clusters after the runs
 * and pipelines); access removal, pools and apps start at once and hold nothing back. Kinds that
 * do not wait for each other run side by side in their own rate classes. One item failing never
 * stops the others.
 */
async function applyStop(rt, entries, inventory, progress, options = { relist: true }) {
    const changes = entries.filter((e) => e.change);
    const run = { progress, options };
    const tasks = [];
    for (const resource of rt.resources.filter((r) => !r.reportOnly)) {
        const mine = changes.filter((e) => e.resource === resource);
        for (const [after, planned] of byStarters(resource, mine)) {
            progress.add(resource.kind, planned.length);
            const work = planned.map((e) => ({ item: e.item, ...e.change, late: false }));
            tasks.push({ kind: resource.kind, after, run: () => haltKind(rt, resource, work, run) });
        }
        const late = resource.late;
        if (late && options.relist) {
            tasks.push({
                kind: resource.kind,
                after: late.after,
                run: async () => {
                    const work = await lateItems(rt, resource, inventory);
                    progress.add(resource.kind, work.length);
                    return haltKind(rt, resource, work, run);
                },
            });
        }
    }
    return (await inDependencyOrder(tasks)).flat();
}
/** A kind's planned items, grouped by the kinds that must be done first (the kind's own first). */
function byStarters(resource, planned) {
    const groups = new Map();
    const key = (after) => [...after].sort().join(',');
    groups.set(key(resource.startedBy), { after: resource.startedBy, entries: [] });
    for (const e of planned) {
        const after = resource.startedByOf?.(e.item) ?? resource.startedBy;
        const group = groups.get(key(after)) ?? { after, entries: [] };
        group.entries.push(e);
        groups.set(key(after), group);
    }
    return new Map([...groups.values()].map((g) => [g.after, g.entries]));
}
async function haltKind(rt, resource, work, { progress, options }) {
    if (work.length === 0)
        return [];
    progress.start(resource.kind);
    rt.logger.info(`${resource.kind}: halting ${work.length}`);
    const reports = await mapLimit(work, rt.settings.maxConcurrency, async ({ item, before, after, late }) => {
        const base = { kind: resource.kind, id: item.id, name: item.name, before, after };
        const change = `${resource.describe(item.state)} → ${resource.describe(after)}`;
        const detail = [change, late ? '(appeared during stop)' : '', options.note ?? '']
            .filter(Boolean)
            .join(' ');
        try {
            await resource.halt(rt.resCtx, item, after);
            return { ...base, outcome: 'changed', detail };
        }
        catch (e) {
            const error = errors_errorText(e);
            if (targetMissing(resource, e, item.id)) {
                // Deleted since the listing: nothing is left to halt (restore will find it gone). Any
                // other refusal, a 400 about another object included, is a failure (ADR 0010).
                const gone = { kind: base.kind, id: base.id, name: base.name };
                return { ...gone, outcome: 'already_halted', detail: `no longer exists (${error})` };
            }
            rt.logger.error(`${resource.kind} ${item.name} (${item.id}): ${error}`);
            return { ...base, outcome: 'failed', detail, error };
        }
        finally {
            progress.tick(resource.kind);
        }
    });
    const failed = reports.filter((r) => r.outcome === 'failed').length;
    rt.logger.info(`${resource.kind}: ${reports.length - failed} changed, ${failed} failed`);
    return reports;
}
/**
 * Items that appeared since the listing (a schedule fired a run before its job was paused, and
 * the run's JOB cluster). Restore leaves them alone (runs and JOB clusters are not started again),
 * so they are not in the snapshot; anything else new is for the final sweep, which records it.
 */
async function lateItems(rt, resource, inventory) {
    let fresh;
    try {
        fresh = await resource.list(rt.resCtx);
    }
    catch (e) {
        rt.logger.warning(`${resource.kind}: could not list again before halting: ${errors_errorText(e)}`);
        return [];
    }
    resource.refine?.(fresh, inventory);
    // The plan was made from the first listing: anything in it is already planned or left alone.
    const known = new Set((inventory[resource.kind] ?? []).map((i) => i.id));
    return fresh
        .filter((i) => !known.has(i.id) && resource.late.accept(i))
        .map((i) => planItem(resource, i))
        .filter((e) => e.change)
        .map((e) => ({ item: e.item, ...e.change, late: true }));
}
/** Whether a failed write says its own target no longer exists (ADR 0010). */
function targetMissing(resource, e, id) {
    return resource.targetMissing?.(e, id) ?? isTargetMissing(e, id);
}

;// CONCATENATED MODULE: ./src/engine/census.ts
/**
 * Outcomes after which a stop has turned an active item off (itself, or with what owns it); in a
 * dry run, `planned` is what it would turn off, so the census shows the run that would follow.
 */
const STOPPED = new Set(['changed', 'unchanged', 'planned']);
/**
 * stop: active items per kind as listed, and how many are left active once the halts land (kept,
 * failed, not drained by --wait, cannot be stopped). Items that appeared during the stop (runs
 * fired since the listing) count as active before.
 */
function stopCensus(inventory, items) {
    const census = {};
    for (const [kind, listed] of entries(inventory)) {
        const mine = items.filter((i) => i.kind === kind && i.id !== '*');
        const outcome = new Map(mine.map((i) => [i.id, i.outcome]));
        const ids = new Set(listed.map((i) => i.id));
        const active = [
            ...listed.filter((i) => i.active).map((i) => i.id),
            ...mine.filter((i) => !ids.has(i.id)).map((i) => i.id),
        ];
        const after = active.filter((id) => !STOPPED.has(outcome.get(id) ?? '')).length;
        census[kind] = { before: active.length, after };
    }
    return census;
}
/**
 * restore: active items per kind as found, plus those the restore turned back on (a removed
 * assignment is not listed at all until the restore puts it back); in a dry run, would turn on.
 */
const TURNED_ON = new Set(['changed', 'planned']);
function restoreCensus(inventory, items) {
    const census = {};
    for (const [kind, listed] of entries(inventory)) {
        const active = new Set(listed.filter((i) => i.active).map((i) => i.id));
        const turnedOn = items.filter((i) => i.kind === kind && TURNED_ON.has(i.outcome) && !active.has(i.id)).length;
        census[kind] = { before: active.size, after: active.size + turnedOn };
    }
    return census;
}
function entries(inventory) {
    return Object.entries(inventory);
}

;// CONCATENATED MODULE: ./src/engine/keep.ts


/** Whether a --keep value names this principal: id, user name, group name, SP app id, display name. */
function principalMatches(principal, value) {
    const v = value.trim();
    const lower = v.toLowerCase();
    return (principal.principal_id === v ||
        principal.user_name?.toLowerCase() === lower ||
        principal.service_principal_name?.toLowerCase() === lower ||
        principal.group_name === v ||
        principal.display_name === v);
}
/**
 * The caller's own assignment, matched by id and also by user name / SP application id (the
 * workspace SCIM id and the account principal id need not be equal). The caller must be assigned
 * directly with ADMIN: access through a group would vanish when the group's assignment is removed,
 * half-way through the stop, and locking ourselves out is exactly what must never happen.
 */
function guardCaller(caller, assignments, workspaceId) {
    const mine = assignments.find((a) => {
        const p = a.state?.principal;
        if (!p)
            return false;
        const name = caller.userName.toLowerCase();
        return (p.principal_id === caller.id ||
            p.user_name?.toLowerCase() === name ||
            p.service_principal_name?.toLowerCase() === name);
    });
    const fix = `Assign ${caller.userName} directly to workspace ${workspaceId} with ADMIN (account console → ` +
        'Workspaces → Permissions → Add, or PUT /api/2.0/accounts/<account-id>/workspaces/' +
        `${workspaceId}/permissionassignments/principals/<principal-id> {"permissions":["ADMIN"]}) ` +
        'and run stop again. Nothing was changed.';
    if (!mine) {
        throw new SafetyError(`The caller ${caller.userName} is not directly assigned to workspace ${workspaceId}: its ` +
            'access comes through a group (or account admin rights) that stop would remove, locking ' +
            `it out half-way. ${fix}`);
    }
    if (!mine.state?.permissions.includes('ADMIN')) {
        throw new SafetyError(`The caller ${caller.userName} is assigned to workspace ${workspaceId} without ADMIN ` +
            `(${mine.state?.permissions.join(', ') || 'no permissions'}); it could not pause other ` +
            `users' jobs or stop their compute. ${fix}`);
    }
    return mine;
}
/**
 * Resolve --keep values to assignments. A value matching no direct assignment is looked up in the
 * account: a principal that reaches the workspace only through an assigned group is warned about
 * (removing the group removes it too); one that is nowhere is a usage error before any change,
 * because a typo here would silently remove the very principal the user meant to keep.
 */
async function resolveKept(values, assignments, lookupGroups, inherited = [], face) {
    const kept = new Map();
    const warnings = [];
    const unknown = [];
    const assignedGroups = assignments.filter((a) => a.state?.principal.group_name !== undefined);
    for (const value of values) {
        const hits = assignments.filter((a) => a.state && principalMatches(a.state.principal, value));
        const why = inherited.includes(value)
            ? `${value}, kept by the open snapshot`
            : wording_option(face, 'keep', value);
        for (const hit of hits)
            kept.set(hit.id, `kept principal (${why})`);
        if (hits.length > 0)
            continue;
        const found = await lookupGroups(value, assignedGroups.map((g) => g.id));
        const viaGroups = found ? assignedGroups.filter((g) => found.groupIds.includes(g.id)) : [];
        if (!found || viaGroups.length === 0) {
            // Inherited from the open snapshot: it matched when that stop ran. Gone since is no typo.
            if (inherited.includes(value)) {
                warnings.push(`Kept principal "${value}" (from the open snapshot's keep list) is no longer assigned ` +
                    'to the workspace; nothing to keep.');
            }
            else
                unknown.push(value);
            continue;
        }
        const groups = viaGroups.map((g) => g.name).join(', ');
        warnings.push(`Kept principal ${found.name} is not assigned to the workspace directly; it reaches it only ` +
            `through group(s) ${groups}, whose assignment stop removes. Keep the group too, or assign ` +
            `${found.name} directly, if it must keep access.`);
    }
    if (unknown.length > 0) {
        throw new errors_UsageError(`${optionName(face, 'keep')} ${unknown.map((u) => `"${u}"`).join(', ')} matches no principal assigned to this ` +
            'workspace (by id, user name, group name, service principal application id or display ' +
            'name). Check the spelling; nothing was changed.');
    }
    return { kept, warnings };
}

;// CONCATENATED MODULE: ./src/engine/keep-list.ts



/** given ∪ inherited, de-duplicated case-insensitively (user names are), in first-seen order. */
function keepValues(list) {
    const seen = new Set();
    const out = [];
    for (const value of [...list.inherited, ...list.given]) {
        const key = value.trim().toLowerCase();
        if (seen.has(key))
            continue;
        seen.add(key);
        out.push(value.trim());
    }
    return out;
}
/**
 * Apply `--unkeep`: drop every value that names, or resolves only to, an unkept principal. An
 * `--unkeep` value that drops nothing is refused (a typo would silently keep someone).
 */
function dropUnkept(values, unkeep, assignments, face) {
    if (unkeep.length === 0)
        return [...values];
    const principals = (assignments ?? []).flatMap((a) => (a.state ? [a.state.principal] : []));
    const dropped = new Set();
    const unmatched = [];
    for (const u of unkeep) {
        const byName = values.filter((v) => v.toLowerCase() === u.trim().toLowerCase());
        const byPrincipal = principals.filter((p) => principalMatches(p, u));
        for (const p of byPrincipal)
            dropped.add(p.principal_id);
        const resolvesToDropped = values.filter((v) => {
            const hits = principals.filter((p) => principalMatches(p, v));
            return hits.length > 0 && hits.every((p) => dropped.has(p.principal_id));
        });
        if (byName.length === 0 && resolvesToDropped.length === 0)
            unmatched.push(u);
    }
    if (unmatched.length > 0) {
        throw new errors_UsageError(`${optionName(face, 'unkeep')} ${unmatched.map((u) => `"${u}"`).join(', ')} is not in the keep list ` +
            `(${values.length > 0 ? values.join(', ') : 'empty'}). Check the spelling; nothing was changed.`);
    }
    const unkept = new Set(unkeep.map((u) => u.trim().toLowerCase()));
    return values.filter((v) => {
        if (unkept.has(v.toLowerCase()))
            return false;
        const hits = principals.filter((p) => principalMatches(p, v));
        return hits.length === 0 || !hits.every((p) => dropped.has(p.principal_id));
    });
}

;// CONCATENATED MODULE: ./src/databricks/pagination.ts
/** `page_token` → `next_page_token`, absent (or empty) on the last page. */
function paginateToken(client, spec) {
    return tokenPages(client, spec, false);
}
/** Jobs style: `limit` + `page_token` → `has_more` and `next_page_token`. */
function paginateJobs(client, spec) {
    return tokenPages(client, spec, true);
}
async function* tokenPages(client, spec, honourHasMore) {
    let pageToken;
    const seen = new Set();
    do {
        const page = await client.get(spec.path, { ...spec.query, page_token: pageToken }, spec);
        yield* itemsOf(page, spec.itemsKey);
        // has_more: false ends the list even if a token came along.
        const last = honourHasMore && page.has_more === false;
        pageToken = last ? undefined : nextToken(page, seen, spec.path);
    } while (pageToken);
}
/** SCIM: `startIndex` (1-based) + `count`, until a page is empty or totalResults is reached. */
async function* paginateScim(client, spec) {
    const count = spec.count ?? 1000;
    let startIndex = 1;
    for (;;) {
        const page = await client.get(spec.path, { ...spec.query, startIndex, count }, spec);
        const items = (page.Resources ?? []);
        yield* items;
        startIndex += items.length;
        if (items.length === 0)
            return;
        if (typeof page.totalResults === 'number' && startIndex > page.totalResults)
            return;
    }
}
/** One call, the whole list. */
async function* listUnpaged(client, spec) {
    const page = await client.get(spec.path, spec.query, spec);
    yield* itemsOf(page, spec.itemsKey);
}
/** Drain a generator into an array. */
async function collect(items) {
    const out = [];
    for await (const item of items)
        out.push(item);
    return out;
}
function itemsOf(page, key) {
    const items = page[key];
    return Array.isArray(items) ? items : [];
}
function nextToken(page, seen, path) {
    const token = page.next_page_token;
    if (typeof token !== 'string' || token === '')
        return undefined;
    // A server that hands out the same token twice would loop forever.
    if (seen.has(token))
        throw new Error(`Pagination of ${path} repeated a page token`);
    seen.add(token);
    return token;
}

;// CONCATENATED MODULE: ./src/databricks/scim.ts

/** GET /api/2.0/preview/scim/v2/Me: the caller (for a service principal, userName is its application id). */
async function getMe(workspace, options) {
    const response = await workspace.requestWithHeaders({
        rateClass: 'scim',
        ...options,
        method: 'GET',
        path: '/api/2.0/preview/scim/v2/Me',
        query: { excludedAttributes: 'entitlements' },
    });
    const orgId = response.headers.get('x-databricks-org-id') ?? undefined;
    const date = Date.parse(response.headers.get('date') ?? '');
    return {
        user: response.body,
        ...(orgId ? { orgId } : {}),
        ...(Number.isFinite(date) ? { serverTime: date } : {}),
    };
}
function accountPrefix(account) {
    return `${account.accountPath()}/scim/v2`;
}
/** GET /api/2.0/accounts/{account_id}/scim/v2/{Users|Groups|ServicePrincipals}, paged by startIndex. */
function listAccountScim(account, kind, request = {}, options) {
    const { count, ...query } = request;
    return paginateScim(account, {
        rateClass: 'scim',
        ...options,
        path: `${accountPrefix(account)}/${kind}`,
        query,
        count,
    });
}
/** GET /api/2.0/accounts/{account_id}/scim/v2/{kind}/{id} */
function getAccountScim(account, kind, id, options) {
    return account.get(`${accountPrefix(account)}/${kind}/${encodeURIComponent(id)}`, undefined, {
        rateClass: 'scim',
        ...options,
    });
}
/** A SCIM filter string literal: `"..."` with quotes and backslashes escaped. */
function scimString(value) {
    return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}
/** GET /api/2.0/preview/scim/v2/Users of the workspace (workspace-local users included). */
function listWorkspaceUsers(workspace, request = {}, options) {
    const { count, ...query } = request;
    return paginateScim(workspace, {
        rateClass: 'scim',
        ...options,
        path: '/api/2.0/preview/scim/v2/Users',
        query,
        count,
    });
}
/**
 * The account's deactivated users and service principals (ids), in one filtered list per type
 * instead of a GET per principal. Users are filtered server-side (`active eq false`: the SCIM
 * reference lets admins filter users on `active`). For service principals that filter is not
 * documented, so all of them are listed with only `id,active` and filtered here; accounts hold far
 * fewer of them, one page of 10,000 in practice. Groups have no `active` flag.
 */
async function listInactiveAccountPrincipals(account, options) {
    const inactive = new Set();
    const page = { attributes: 'id,active', count: 10_000 };
    for await (const u of listAccountScim(account, 'Users', { ...page, filter: 'active eq false' }, options)) {
        if (u.active === false)
            inactive.add(String(u.id));
    }
    for await (const sp of listAccountScim(account, 'ServicePrincipals', page, options)) {
        if (sp.active === false)
            inactive.add(String(sp.id));
    }
    return inactive;
}

;// CONCATENATED MODULE: ./src/engine/principal-lookup.ts

/** Look a principal up in the account directory, for the "only through a group" warning. */
function groupLookup(rt) {
    return async (value, assignedGroupIds) => {
        const account = rt.resCtx.clients.account;
        if (!account)
            return undefined;
        const found = await findPrincipal(account, value);
        if (!found)
            return undefined;
        const name = found.userName ?? found.displayName ?? found.applicationId ?? found.id;
        if (found.groups) {
            return { name, groupIds: found.groups.map((g) => g.value).filter((v) => !!v) };
        }
        // Listings may omit `groups`: ask the assigned groups (few) for their members instead.
        const groupIds = [];
        for (const gid of assignedGroupIds) {
            try {
                const group = await getAccountScim(account, 'Groups', gid);
                if ((group.members ?? []).some((m) => m.value === found.id))
                    groupIds.push(gid);
            }
            catch {
                // A group we cannot read cannot be shown to contain it.
            }
        }
        return { name, groupIds };
    };
}
async function findPrincipal(account, value) {
    const q = scimString(value);
    const queries = [
        () => first(listAccountScim(account, 'Users', { filter: `userName eq ${q}` })),
        () => first(listAccountScim(account, 'ServicePrincipals', { filter: `applicationId eq ${q}` })),
        () => first(listAccountScim(account, 'Users', { filter: `displayName eq ${q}` })),
        () => first(listAccountScim(account, 'ServicePrincipals', { filter: `displayName eq ${q}` })),
    ];
    if (/^\d+$/.test(value)) {
        queries.push(() => getAccountScim(account, 'Users', value), () => getAccountScim(account, 'ServicePrincipals', value));
    }
    for (const query of queries) {
        try {
            const found = await query();
            if (found)
                return found;
        }
        catch {
            // Not found, or not allowed to look: try the next way of finding it.
        }
    }
    return undefined;
}
async function first(items) {
    for await (const item of items)
        return item;
    return undefined;
}

;// CONCATENATED MODULE: ./src/engine/progress.ts
/** A progress line at least this often (by the clock) while a phase runs. */
const PROGRESS_INTERVAL_MS = 5_000;
/**
 * How often (real time) a phase with nothing finishing checks whether a line is due: a fraction of
 * the interval, so a stalled phase still says where it is. Lines are printed from 4/5 of the
 * interval on, so the next check always comes before the interval has passed.
 */
const CHECK_MS = 250;
const DUE_FRACTION = 0.8;
/**
 * Progress of one phase (list, halt, sweep, wait, restore, verify): `N/total` over the whole
 * phase, per kind, and an ETA. The ETA of a phase is its slowest kind's: kinds run side by side in
 * their own rate classes, so the phase ends when the last of them does. Lines go through the
 * logger, so they sit inside the phase's log group (Action) or under its heading (CLI, stderr).
 */
class Progress {
    logger;
    clock;
    phase;
    intervalMs;
    tracks = new Map();
    lastLine;
    timer;
    constructor(logger, clock, phase, intervalMs = PROGRESS_INTERVAL_MS) {
        this.logger = logger;
        this.clock = clock;
        this.phase = phase;
        this.intervalMs = intervalMs;
        this.lastLine = clock.now();
        this.timer = setInterval(() => this.maybeLine(), CHECK_MS);
        this.timer.unref();
    }
    /** `n` more items of `kind` to do (a kind may grow: runs fired since the listing). */
    add(kind, n) {
        const track = this.tracks.get(kind) ?? { done: 0, total: 0, startedAt: this.clock.now() };
        track.total += n;
        this.tracks.set(kind, track);
    }
    /** Restart a kind's ETA clock: its work starts now (it waited for the kinds that start it). */
    start(kind) {
        const track = this.tracks.get(kind);
        if (track && track.done === 0)
            track.startedAt = this.clock.now();
    }
    /** Polling phases (wait, verify): `done` of `total` items of `kind` are there now. */
    set(kind, done, total) {
        const track = this.tracks.get(kind) ?? { done: 0, total: 0, startedAt: this.clock.now() };
        track.total = Math.max(track.total, total);
        track.done = Math.min(track.total, done);
        this.tracks.set(kind, track);
        this.maybeLine();
    }
    /** One item of `kind` has an outcome. */
    tick(kind) {
        const track = this.tracks.get(kind);
        if (track)
            track.done++;
        this.maybeLine();
    }
    /** The phase is over: stop the timer and print where it ended. */
    end() {
        clearInterval(this.timer);
        if (this.total().total > 0)
            this.logger.info(this.line());
    }
    /** The line a face prints now, e.g. "Halt: 812/2040, ETA 1 min 4 s (permission_assignments 400/1673, …)". */
    line() {
        const { done, total } = this.total();
        const kinds = [...this.tracks]
            .filter(([, t]) => t.total > 0)
            .map(([kind, t]) => `${kind} ${t.done}/${t.total}`);
        const eta = done >= total ? 'done' : `ETA ${this.eta()}`;
        return `${this.phase}: ${done}/${total}, ${eta} (${kinds.join(', ')})`;
    }
    maybeLine() {
        const now = this.clock.now();
        if (now - this.lastLine < this.intervalMs * DUE_FRACTION)
            return;
        const { done, total } = this.total();
        if (total === 0 || done >= total)
            return;
        this.lastLine = now;
        this.logger.info(this.line());
    }
    total() {
        let done = 0;
        let total = 0;
        for (const t of this.tracks.values()) {
            done += t.done;
            total += t.total;
        }
        return { done, total };
    }
    /** The slowest kind's remaining time at its own pace so far; "estimating" before any pace. */
    eta() {
        const now = this.clock.now();
        let worst;
        for (const t of this.tracks.values()) {
            const left = t.total - t.done;
            // A kind that has not finished an item yet (or still waits for its starters) has no pace.
            if (left <= 0 || t.done === 0)
                continue;
            const perItem = Math.max(0, now - t.startedAt) / t.done;
            worst = Math.max(worst ?? 0, left * perItem);
        }
        return worst === undefined ? 'estimating' : formatDuration(worst);
    }
}
/** "45 s", "3 min 20 s", "1 h 5 min". */
function formatDuration(ms) {
    const s = Math.ceil(ms / 1000);
    if (s < 60)
        return `${s} s`;
    const m = Math.floor(s / 60);
    if (m < 60)
        return `${m} min ${s % 60} s`;
    return `${Math.floor(m / 60)} h ${m % 60} min`;
}
/** Run a phase with its progress reporter, which always stops with it. */
async function withProgress(logger, clock, phase, fn) {
    const progress = new Progress(logger, clock, phase);
    try {
        return await fn(progress);
    }
    finally {
        progress.end();
    }
}

;// CONCATENATED MODULE: ./src/engine/inventory.ts







const LIST_ITEM = (resource) => ({ kind: resource.kind, id: '*', name: '(list)' });
/**
 * List every kind in scope at the same time (they use different rate classes), with a progress
 * line per kind listed. A kind that cannot be listed is reported as failed and left out of the
 * plan: nothing is changed blind. `context` holds earlier listings that `refine` may need (the
 * final sweep re-lists compute only, and runs of kept jobs must stay kept).
 */
async function listAll(rt, resources = rt.resources, context = {}) {
    const inventory = {};
    const failures = [];
    await withProgress(rt.logger, rt.clock, 'List', async (progress) => {
        progress.add('kinds', resources.length);
        await Promise.all(resources.map(async (resource) => {
            const started = Date.now();
            try {
                inventory[resource.kind] = await resource.list(rt.resCtx);
                const n = inventory[resource.kind].length;
                rt.logger.debug(`${resource.kind}: listed ${n} in ${Date.now() - started} ms`);
            }
            catch (e) {
                const error = errors_errorText(e);
                if (resource.optionalFeature && isFeatureUnavailable(e)) {
                    // Not in this workspace: nothing to halt or restore, and not a failure (exit 0).
                    rt.logger.info(`${resource.kind}: not available in this workspace (${error})`);
                    const detail = `not available in this workspace: ${e.message}`;
                    failures.push({ ...LIST_ITEM(resource), outcome: 'not_available', detail });
                    return;
                }
                rt.logger.error(`${resource.kind}: cannot list: ${error}`);
                failures.push({ ...LIST_ITEM(resource), outcome: 'failed', error });
            }
            finally {
                progress.tick('kinds');
            }
        }));
    });
    for (const resource of resources) {
        const items = inventory[resource.kind];
        if (items)
            resource.refine?.(items, { ...context, ...inventory });
    }
    return { inventory, failures };
}
/**
 * Mark the caller and the kept principals as kept among the assignments. The keep list is the open
 * snapshot's (`inherited`) plus --keep, minus --unkeep (src/engine/keep-list.ts). With `guard`
 * (stop), the caller must be directly assigned with ADMIN, or a SafetyError is thrown before any
 * change. Returns the keep list in force, which a stop records in its snapshot.
 */
async function markKeptPrincipals(rt, inventory, guard, inherited = []) {
    const assignments = inventory.permission_assignments;
    const values = keepValues({ given: rt.settings.keep, inherited: [...inherited] });
    const keep = dropUnkept(values, rt.settings.unkeep, assignments, rt.settings.face);
    const carried = inherited.filter((v) => keep.includes(v.trim()));
    if (carried.length > 0) {
        rt.logger.info(`Keeping ${carried.join(', ')} from the open snapshot's keep list (drop one with ` +
            `${wording_option(rt.settings.face, 'unkeep', 'NAME')}).`);
    }
    if (!assignments)
        return { warnings: [], keep };
    const lookup = groupLookup(rt);
    const { kept, warnings } = await resolveKept(keep, assignments, lookup, inherited, rt.settings.face);
    const mine = guard
        ? guardCaller(rt.caller, assignments, rt.workspaceId)
        : findCaller(rt, assignments);
    for (const a of assignments) {
        if (a === mine)
            a.kept = 'the caller (never removed)';
        else if (kept.has(a.id))
            a.kept = kept.get(a.id);
    }
    for (const w of warnings)
        rt.logger.warning(w, 'Kept principal reaches the workspace through a group');
    return { warnings, keep };
}
function findCaller(rt, assignments) {
    try {
        return guardCaller(rt.caller, assignments, rt.workspaceId);
    }
    catch {
        return undefined;
    }
}

;// CONCATENATED MODULE: ./src/databricks/alerts.ts

/** SQL alerts v2: the only alert API with a schedule that can be paused. */
const BASE = '/api/2.0/alerts';
function listAlerts(workspace, request = {}, options) {
    return paginateToken(workspace, {
        rateClass: 'other',
        ...options,
        path: BASE,
        query: { page_size: 100, ...request },
        itemsKey: 'alerts',
    });
}
function getAlert(workspace, id, options) {
    return workspace.get(`${BASE}/${encodeURIComponent(id)}`, undefined, {
        rateClass: 'other',
        ...options,
    });
}
/**
 * PATCH /api/2.0/alerts/{id}?update_mask=schedule with the whole schedule block (cron, time zone
 * and pause status) as the body's `schedule`: a top-level mask, as the SDKs send it (the body is
 * the AlertV2 object: databricks-sdk-go service/sql/impl.go `alertsV2Impl.UpdateAlert`).
 */
function updateAlertPauseStatus(workspace, id, schedule, options) {
    return workspace.patch(`${BASE}/${encodeURIComponent(id)}`, { schedule }, { update_mask: 'schedule' }, { rateClass: 'other', ...options });
}

;// CONCATENATED MODULE: ./src/resources/alerts.ts



function observe(alert) {
    if (!alert.schedule || alert.lifecycle_state === 'DELETED')
        return undefined;
    const schedule = clone(alert.schedule);
    return {
        id: alert.id,
        name: alert.display_name ?? alert.id,
        state: { schedule },
        active: pauseOf(schedule) !== 'PAUSED',
        detail: `schedule ${pauseOf(schedule)}`,
    };
}
const alerts_describe = (state) => `schedule ${pauseOf(state.schedule)}`;
const whole = {
    noun: 'alert',
    edited: 'schedule changed',
    same: (a, b) => deepEqual(withPauseStatus(a.schedule), withPauseStatus(b.schedule)),
    show: alerts_describe,
    showNow: (state) => pauseOf(state.schedule),
};
/** SQL alerts (v2): their schedules wake warehouses, so they are paused like job schedules. */
const alerts = {
    kind: 'alerts',
    optionalFeature: true,
    startedBy: [],
    list: async (ctx) => (await collect(listAlerts(ctx.clients.workspace))).map(observe).filter((i) => i !== undefined),
    halted: (item) => item.active
        ? { schedule: { ...clone(item.state.schedule), pause_status: 'PAUSED' } }
        : undefined,
    async halt(ctx, item, after) {
        await updateAlertPauseStatus(ctx.clients.workspace, item.id, after.schedule);
    },
    describe: alerts_describe,
    checkRecord({ before, after }) {
        if (!isObject(before) || !isObject(after))
            return 'before/after: not an alert schedule';
        const other = differingKeys(before, after, ['schedule']);
        if (other.length > 0)
            return `${other[0]}: a halt changes only schedule.pause_status`;
        return checkPausedOnly(before.schedule, after.schedule, 'schedule.');
    },
    decideRestore: (record, current, options) => decideWholeRestore(whole, record, current, options),
    async write(ctx, record, value) {
        await updateAlertPauseStatus(ctx.clients.workspace, record.id, {
            ...value.schedule,
            pause_status: pauseOf(value.schedule),
        });
    },
    matches: matchesWhole(whole),
};

;// CONCATENATED MODULE: ./src/databricks/apps.ts


/** Databricks Apps. start/stop are asynchronous and return the App. */
const apps_BASE = '/api/2.0/apps';
function listApps(workspace, request = {}, options) {
    return paginateToken(workspace, {
        rateClass: 'apps',
        ...options,
        path: apps_BASE,
        query: { ...request },
        itemsKey: 'apps',
    });
}
function getApp(workspace, name, options) {
    return workspace.get(`${apps_BASE}/${encodeURIComponent(name)}`, undefined, {
        rateClass: 'apps',
        ...options,
    });
}
/**
 * POST …/{name}/stop → the App. Stopping a stopped app is INVALID_STATE; when that answer comes
 * to a retry, the first attempt (whose answer was lost) did it, so the current App is returned.
 */
function stopApp(workspace, name, options) {
    return appAction(workspace, name, 'stop', options);
}
/** POST …/{name}/start → the App (re-runs the last active deployment). Retry-tolerant as stopApp. */
function startApp(workspace, name, options) {
    return appAction(workspace, name, 'start', options);
}
async function appAction(workspace, name, action, options) {
    try {
        return await workspace.post(`${apps_BASE}/${encodeURIComponent(name)}/${action}`, {}, {
            rateClass: 'apps',
            ...options,
        });
    }
    catch (e) {
        if (isInvalidState(e) && e.attempts > 1)
            return getApp(workspace, name, options);
        throw e;
    }
}

;// CONCATENATED MODULE: ./src/resources/compute.ts


/**
 * checkRecord for compute: `before` was running (`wasRunning`, default: one of the running states),
 * `after` is the stopped state, and nothing else differs. A restore only ever starts it again.
 */
function checkComputeRecord(rules, record, wasRunning = (s) => rules.running.has(s)) {
    const { before, after } = record;
    if (!isObject(before) || !isObject(after))
        return 'before/after: not a compute state';
    if (typeof before.state !== 'string' || !wasRunning(before.state))
        return `state: before is ${String(before.state)}, not a running state`;
    if (after.state !== rules.stoppedState)
        return `state: after must be ${rules.stoppedState}`;
    const other = differingKeys(before, after, ['state']);
    return other.length > 0 ? `${other[0]}: differs between before and after` : undefined;
}
/** The value a stop sets: the stopped state when the item is running, else nothing to do. */
function haltedCompute(rules, item) {
    return rules.running.has(item.state.state)
        ? { ...item.state, state: rules.stoppedState }
        : undefined;
}
/**
 * Compute is never started again unless asked (--restart-compute), as the original tool did:
 * starting costs money and NICs, and the person restoring may want to check the network first.
 * With the flag, exactly what stop found running is started, if it is still stopped.
 */
function decideComputeRestore(rules, record, current, options) {
    if (!current)
        return { outcome: 'gone', detail: `${rules.noun} no longer exists` };
    const now = current.state.state;
    const before = record.before;
    if (!rules.running.has(before.state) || rules.restartable?.(before) === false) {
        return { outcome: 'unchanged', detail: `was ${before.state}; not started` };
    }
    if (rules.running.has(now))
        return { outcome: 'unchanged', detail: `already ${now}` };
    if (!options.restartCompute) {
        return {
            outcome: 'left_off',
            detail: `left ${now} (was ${before.state}); ${wording_option(options.face, 'restartCompute')} starts it`,
        };
    }
    if (now !== rules.stoppedState) {
        return {
            outcome: 'left_off',
            detail: `still ${now}; not started (run ${command(options.face, 'restore', wording_option(options.face, 'restartCompute'))} again later)`,
        };
    }
    return { outcome: 'changed', detail: `${now} → starting`, write: before };
}
/** A compute item as listed: active while in one of the running states. */
function observeCompute(rules, id, name, state) {
    return { id, name, state: { state }, active: rules.running.has(state), detail: state };
}
/** What every compute kind does the same way: stop what runs, restart only on request. */
function computeRules(rules) {
    return {
        halted: (item) => haltedCompute(rules, item),
        checkRecord: (record) => checkComputeRecord(rules, record),
        decideRestore: (record, current, options) => decideComputeRestore(rules, record, current, options),
    };
}

;// CONCATENATED MODULE: ./src/resources/apps.ts



const RUNNING = new Set(['STARTING', 'ACTIVE', 'UPDATING']);
const rules = { noun: 'app', running: RUNNING, stoppedState: 'STOPPED' };
function apps_observe(app) {
    return observeCompute(rules, app.name, app.name, app.compute_status?.state ?? 'UNKNOWN');
}
/** Databricks Apps: compute stopped on stop; started again only with --restart-compute. */
const apps = {
    kind: 'apps',
    optionalFeature: true,
    startedBy: [],
    sweep: true,
    list: async (ctx) => (await collect(listApps(ctx.clients.workspace))).map(apps_observe),
    ...computeRules(rules),
    async halt(ctx, item) {
        await stopApp(ctx.clients.workspace, item.id);
    },
    describe: (state) => state.state,
    async write(ctx, record) {
        await startApp(ctx.clients.workspace, record.id);
    },
    drained: (item) => ['STOPPED', 'ERROR'].includes(item.state.state),
};

;// CONCATENATED MODULE: ./src/databricks/clusters.ts


/** Clusters API 2.1. */
const clusters_BASE = '/api/2.1/clusters';
/** GET /api/2.1/clusters/list, every page (servers without paging answer in one). */
function listClusters(workspace, request = {}, options) {
    return paginateToken(workspace, {
        rateClass: 'clusters',
        ...options,
        path: `${clusters_BASE}/list`,
        query: { page_size: 100, ...request },
        itemsKey: 'clusters',
    });
}
/** GET /api/2.1/clusters/get. Missing clusters answer 400 INVALID_PARAMETER_VALUE (see isNotFound). */
function getCluster(workspace, request, options) {
    return workspace.get(`${clusters_BASE}/get`, { ...request }, { rateClass: 'clusters', ...options });
}
/** POST /api/2.1/clusters/delete: terminate (not permanent-delete). Idempotent, asynchronous. */
async function deleteCluster(workspace, request, options) {
    await workspace.post(`${clusters_BASE}/delete`, request, { rateClass: 'clusters', ...options });
}
/**
 * POST /api/2.1/clusters/start: only from TERMINATED. When a retry meets INVALID_STATE, the
 * first attempt (whose answer was lost) already started it: reported as 'already_starting'.
 */
async function startCluster(workspace, request, options) {
    try {
        await workspace.post(`${clusters_BASE}/start`, request, { rateClass: 'clusters', ...options });
        return 'started';
    }
    catch (e) {
        if (isInvalidState(e) && e.attempts > 1)
            return 'already_starting';
        throw e;
    }
}
/** POST /api/2.1/clusters/create → {cluster_id}; the cluster starts PENDING. */
function createCluster(workspace, request, options) {
    return workspace.post(`${clusters_BASE}/create`, request, { rateClass: 'clusters', ...options });
}
/**
 * POST /api/2.1/clusters/permanent-delete: terminates the cluster and removes it for good (no
 * longer listed, no action possible). Only ever sent for this tool's own probe clusters.
 */
async function permanentDeleteCluster(workspace, request, options) {
    await workspace.post(`${clusters_BASE}/permanent-delete`, request, { rateClass: 'clusters', ...options });
}
/** GET /api/2.1/clusters/spark-versions. */
async function sparkVersions(workspace, options) {
    const body = await workspace.get(`${clusters_BASE}/spark-versions`, {}, {
        rateClass: 'clusters',
        ...options,
    });
    return body.versions ?? [];
}
/** GET /api/2.1/clusters/list-node-types. */
async function listNodeTypes(workspace, options) {
    const body = await workspace.get(`${clusters_BASE}/list-node-types`, {}, {
        rateClass: 'clusters',
        ...options,
    });
    return body.node_types ?? [];
}

;// CONCATENATED MODULE: ./src/resources/clusters.ts




/** Clusters managed by a service the halt does not drive through the clusters API. */
const MANAGED = {
    SQL: 'SQL warehouse cluster: stops with its warehouse',
    MODELS: 'model serving cluster: managed by its serving endpoint',
};
/** Clusters owned by a run or a pipeline: never started again by hand. */
const OWNED = new Set(['JOB', 'PIPELINE', 'PIPELINE_MAINTENANCE']);
/**
 * The after-the-change probe (`network --verify-ranges`) tags its cluster so: a stop, restore or
 * status leaves it alone (never recorded, never started again, not drift); the probe deletes it.
 */
const PROBE_TAG = { key: 'databricks-halt', value: 'probe' };
const PROBE_NAME_PREFIX = 'databricks-halt-probe-';
const PROBE_REASON = 'probe cluster of network --verify-ranges (it deletes it)';
function isProbeCluster(c) {
    return c.custom_tags?.[PROBE_TAG.key] === PROBE_TAG.value;
}
const clusters_RUNNING = new Set(['PENDING', 'RUNNING', 'RESTARTING', 'RESIZING']);
const DOWN = new Set(['TERMINATED', 'TERMINATING']);
const clusters_rules = { noun: 'cluster', running: clusters_RUNNING, stoppedState: 'TERMINATED' };
function clusters_observe(c) {
    const state = c.state ?? 'UNKNOWN';
    const source = c.cluster_source ?? '';
    const managed = MANAGED[source];
    return {
        id: c.cluster_id,
        name: c.cluster_name ?? c.cluster_id,
        state: { state, ...(OWNED.has(source) ? { owner: source } : {}) },
        active: state !== 'TERMINATED',
        detail: `${state}${source ? ` (${source})` : ''}`,
        ...(hasKeepTag(c.custom_tags)
            ? { kept: KEEP_REASON }
            : isProbeCluster(c)
                ? { kept: PROBE_REASON }
                : managed
                    ? { handledBy: managed }
                    : {}),
        raw: { jobId: c.default_tags?.JobId },
    };
}
/**
 * Clusters: all-purpose (UI/API) clusters are terminated once jobs are paused (a job task on an
 * existing cluster would start it again). JOB and PIPELINE clusters normally end with the runs
 * and pipelines the stop cancels and stops; any still up after those are done (a development
 * pipeline's cluster, a run still terminating) are terminated then, unless their job is kept.
 * Only all-purpose clusters are started again, and only with --restart-compute.
 */
const clusters = {
    kind: 'clusters',
    // A job task on an existing cluster starts an all-purpose cluster; a JOB/PIPELINE cluster is
    // started by its run or pipeline, so it waits until those are cancelled and stopped.
    startedBy: ['jobs'],
    startedByOf: (item) => (item.state.owner ? ['job_runs', 'pipelines'] : ['jobs']),
    sweep: true,
    // A run fired before its job was paused starts a JOB cluster the first listing did not see.
    late: { after: ['job_runs', 'pipelines'], accept: (item) => item.state.owner !== undefined },
    list: async (ctx) => (await collect(listClusters(ctx.clients.workspace))).map(clusters_observe),
    refine(items, inventory) {
        const keptJobs = keptJobIds(inventory);
        for (const item of items) {
            const jobId = item.raw.jobId;
            if (!item.kept && jobId && keptJobs.has(String(jobId)))
                item.kept = `cluster of kept job ${jobId}`;
        }
    },
    halted: (item) => DOWN.has(item.state.state) ? undefined : { ...item.state, state: 'TERMINATED' },
    async halt(ctx, item) {
        await deleteCluster(ctx.clients.workspace, { cluster_id: item.id });
    },
    describe: (state) => state.state,
    // Any cluster not already down is terminated, so any such state may be recorded as before.
    checkRecord: (record) => checkComputeRecord(clusters_rules, record, (state) => !DOWN.has(state)),
    decideRestore(record, current, options) {
        if (record.before.owner && current) {
            return {
                outcome: 'unchanged',
                detail: `${record.before.owner} cluster: its owner starts a new one`,
            };
        }
        return decideComputeRestore(clusters_rules, record, current, options);
    },
    async write(ctx, record) {
        await startCluster(ctx.clients.workspace, { cluster_id: record.id });
    },
    drained: (item) => item.state.state === 'TERMINATED',
};

;// CONCATENATED MODULE: ./src/databricks/lakeview.ts

/** AI/BI (Lakeview) dashboards and their schedules. Schedule writes need the current etag. */
const lakeview_BASE = '/api/2.0/lakeview/dashboards';
function listDashboards(workspace, request = {}, options) {
    return paginateToken(workspace, {
        rateClass: 'other',
        ...options,
        path: lakeview_BASE,
        query: { page_size: 100, ...request },
        itemsKey: 'dashboards',
    });
}
function listSchedules(workspace, dashboardId, options) {
    return paginateToken(workspace, {
        rateClass: 'other',
        ...options,
        path: `${lakeview_BASE}/${encodeURIComponent(dashboardId)}/schedules`,
        query: { page_size: 100 },
        itemsKey: 'schedules',
    });
}
function getSchedule(workspace, dashboardId, scheduleId, options) {
    return workspace.get(`${lakeview_BASE}/${encodeURIComponent(dashboardId)}/schedules/${encodeURIComponent(scheduleId)}`, undefined, { rateClass: 'other', ...options });
}
/** PUT …/schedules/{schedule_id} with the whole schedule and its current etag. */
function updateSchedule(workspace, dashboardId, schedule, options) {
    return workspace.put(`${lakeview_BASE}/${encodeURIComponent(dashboardId)}/schedules/${encodeURIComponent(schedule.schedule_id)}`, schedule, { rateClass: 'other', ...options });
}

;// CONCATENATED MODULE: ./src/resources/dashboard-schedules.ts




const dashboard_schedules_whole = {
    noun: 'dashboard schedule',
    edited: 'changed',
    same: (a, b) => deepEqual(withPauseStatus(a), withPauseStatus(b)),
    show: pauseOf,
};
function dashboard_schedules_observe(dashboardId, dashboardName, s) {
    const { etag, create_time: _c, update_time: _u, ...rest } = s;
    const state = { ...clone(rest), dashboard_id: dashboardId };
    return {
        id: `${dashboardId}/${s.schedule_id}`,
        name: `${dashboardName}: ${s.display_name ?? s.schedule_id}`,
        state,
        active: pauseOf(state) !== 'PAUSED',
        detail: `schedule ${pauseOf(state)}`,
        raw: { etag },
    };
}
const etagOf = (item) => item?.raw?.etag;
/** AI/BI (Lakeview) dashboard schedules: paused like job schedules; writes carry a fresh etag. */
const dashboardSchedules = {
    kind: 'dashboard_schedules',
    optionalFeature: true,
    startedBy: [],
    async list(ctx) {
        const dashboards = await collect(listDashboards(ctx.clients.workspace));
        const perDashboard = await mapLimit(dashboards, ctx.settings.maxConcurrency, async (d) => {
            const schedules = await collect(listSchedules(ctx.clients.workspace, d.dashboard_id));
            return schedules.map((s) => dashboard_schedules_observe(d.dashboard_id, d.display_name ?? d.dashboard_id, s));
        });
        return perDashboard.flat();
    },
    halted: (item) => (item.active ? { ...clone(item.state), pause_status: 'PAUSED' } : undefined),
    async halt(ctx, item, after) {
        await put(ctx.clients.workspace, after, etagOf(item));
    },
    describe: (state) => `schedule ${pauseOf(state)}`,
    checkRecord(record) {
        const problem = checkPausedOnly(record.before, record.after);
        if (problem)
            return problem;
        // The write goes to the dashboard and schedule named in the value: they must be the record's.
        const { dashboard_id: dashboard, schedule_id: schedule } = record.before;
        if (`${String(dashboard)}/${String(schedule)}` !== record.id)
            return `dashboard_id/schedule_id: ${String(dashboard)}/${String(schedule)} is not the record id`;
        return undefined;
    },
    decideRestore: (record, current, options) => decideWholeRestore(dashboard_schedules_whole, record, current, options),
    async write(ctx, _record, value, current) {
        await put(ctx.clients.workspace, value, etagOf(current));
    },
    matches: matchesWhole(dashboard_schedules_whole),
};
function put(workspace, state, etag) {
    const { dashboard_id: dashboardId, ...schedule } = state;
    return updateSchedule(workspace, dashboardId, {
        ...schedule,
        ...(etag ? { etag } : {}),
    });
}

;// CONCATENATED MODULE: ./src/databricks/instance-pools.ts

/** Instance pools. */
const instance_pools_BASE = '/api/2.0/instance-pools';
/** GET /api/2.0/instance-pools/list (unpaged). */
function listInstancePools(workspace, options) {
    return listUnpaged(workspace, {
        rateClass: 'pools',
        ...options,
        path: `${instance_pools_BASE}/list`,
        itemsKey: 'instance_pools',
    });
}
function getInstancePool(workspace, request, options) {
    return workspace.get(`${instance_pools_BASE}/get`, { ...request }, { rateClass: 'pools', ...options });
}
/** POST /api/2.0/instance-pools/edit → {}. Idempotent. */
async function editInstancePool(workspace, request, options) {
    await workspace.post(`${instance_pools_BASE}/edit`, request, { rateClass: 'pools', ...options });
}

;// CONCATENATED MODULE: ./src/resources/instance-pools.ts



/**
 * Fields instance-pools/edit accepts (databricks-sdk-go `compute.EditInstancePool`). All are
 * resent as read: an omitted one may revert to its default.
 */
const EDITABLE = [
    'instance_pool_name',
    'node_type_id',
    'min_idle_instances',
    'max_capacity',
    'idle_instance_autotermination_minutes',
    'custom_tags',
    'remote_disk_throughput',
    'total_initial_remote_disk_size',
];
function editable(pool) {
    const state = {};
    for (const field of EDITABLE)
        if (pool[field] !== undefined)
            state[field] = clone(pool[field]);
    return state;
}
const num = (v) => (typeof v === 'number' ? v : 0);
/** Minimum and autotermination both 0: idle instances go at once, returned ones too. */
const drainSet = (s) => num(s.min_idle_instances) === 0 && s.idle_instance_autotermination_minutes === 0;
/**
 * Active: it keeps instances warm (a minimum), holds idle ones, or has used or pending ones while
 * its autotermination is not 0: those come back as idle when their clusters terminate and then
 * stay for the autotermination time (often 60 minutes), VMs and NICs in the subnet. With minimum
 * and autotermination 0 (drained), used instances go as soon as their clusters stop: the clusters
 * are what is active then (a kept cluster may hold them for the whole halt).
 */
function instance_pools_observe(pool) {
    const state = editable(pool);
    const idle = num(pool.stats?.idle_count) + num(pool.stats?.pending_idle_count);
    const used = num(pool.stats?.used_count) + num(pool.stats?.pending_used_count);
    return {
        id: pool.instance_pool_id,
        name: pool.instance_pool_name ?? pool.instance_pool_id,
        state,
        active: num(state.min_idle_instances) > 0 || idle > 0 || (used > 0 && !drainSet(state)),
        detail: `min_idle ${num(state.min_idle_instances)}, idle ${idle}, used ${used}, autoterm ${num(state.idle_instance_autotermination_minutes)} min`,
        raw: { idle },
        ...(hasKeepTag(pool.custom_tags) ? { kept: KEEP_REASON } : {}),
    };
}
const instance_pools_describe = (state) => `min_idle ${num(state.min_idle_instances)}, autoterm ${num(state.idle_instance_autotermination_minutes)} min`;
const instance_pools_whole = {
    noun: 'pool',
    edited: 'edited',
    same: deepEqual,
    show: instance_pools_describe,
};
/**
 * Instance pools: idle instances keep NICs in the subnet, so the halt sets min_idle_instances 0
 * and idle_instance_autotermination_minutes 0 (drop idle instances at once, including those the
 * pool's clusters return as they stop), resending every other editable field unchanged; restore
 * puts both back. `--wait` waits until no idle (or pending idle) instance is left. The whole editable config is one block:
 * any other edit during the halt is a conflict.
 */
const instancePools = {
    kind: 'instance_pools',
    startedBy: [],
    list: async (ctx) => (await collect(listInstancePools(ctx.clients.workspace)))
        .filter((pool) => pool.state !== 'DELETED')
        .map(instance_pools_observe),
    /**
     * Minimum 0 and autotermination 0, before the clusters stop (stage 1), so the instances they
     * return are released at once. Nothing to write when both are 0 already (still active only
     * while its clusters run: they drain it as they stop).
     */
    halted(item) {
        if (!item.active)
            return undefined;
        if (drainSet(item.state))
            return undefined;
        return { ...clone(item.state), min_idle_instances: 0, idle_instance_autotermination_minutes: 0 };
    },
    async halt(ctx, item, after) {
        await edit(ctx.clients.workspace, item.id, after);
    },
    checkRecord: (record) => checkPoolRecord(record),
    describe: instance_pools_describe,
    decideRestore(record, current, options) {
        const decision = decideWholeRestore(instance_pools_whole, record, current, options);
        return decision.write && current
            ? { ...decision, write: drainFieldsOf(record.before, current.state) }
            : decision;
    },
    async write(ctx, record, value) {
        await edit(ctx.clients.workspace, record.id, value);
    },
    matches: matchesWhole(instance_pools_whole),
    drained: (item) => item.raw?.idle === 0,
};
/**
 * What restore writes: the pool as it is now with the two fields the stop set put back. The
 * checked record differs from the stop's value in those fields only, so an unforced restore
 * writes exactly the pre-halt pool; a forced one over a hand edit (or over a forged record)
 * never writes anything else the stop did not take away.
 */
function drainFieldsOf(before, now) {
    const out = clone(now);
    for (const field of ['min_idle_instances', 'idle_instance_autotermination_minutes']) {
        if (before[field] === undefined)
            delete out[field];
        else
            out[field] = before[field];
    }
    return out;
}
function edit(workspace, id, state) {
    // The halt's zeros are in `state` explicitly (an omitted field means "unset" to this API); a
    // field the pool never had stays omitted on restore, as it was.
    return editInstancePool(workspace, { ...clone(state), instance_pool_id: id });
}
/** The fields a halt sets on a pool (to 0); every other field is resent unchanged. */
const IDLE_FIELDS = ['min_idle_instances', 'idle_instance_autotermination_minutes'];
/**
 * A pool record: before and after differ only in the idle fields, which the halt set to 0, so a
 * restore can never change a pool's name, node type, capacity or tags.
 */
function checkPoolRecord(record) {
    const { before, after } = record;
    if (!isObject(before) || !isObject(after))
        return 'before/after: not pool settings';
    const other = differingKeys(before, after, IDLE_FIELDS);
    if (other.length > 0)
        return `${other[0]}: differs between before and after (a halt changes only ${IDLE_FIELDS.join(' and ')})`;
    for (const field of IDLE_FIELDS) {
        if (after[field] !== undefined && after[field] !== 0)
            return `after.${field}: must be 0`;
        const was = before[field];
        if (was !== undefined && !(typeof was === 'number' && Number.isInteger(was) && was >= 0))
            return `before.${field}: not a count`;
    }
    return undefined;
}

;// CONCATENATED MODULE: ./src/databricks/jobs.ts

/** Jobs API 2.2. Ids are int64 decimal strings; top-level settings blocks are replaced whole on update. */
const jobs_BASE = '/api/2.2/jobs';
/** GET /api/2.2/jobs/list, every page. */
function listJobs(workspace, request = {}, options) {
    return paginateJobs(workspace, {
        rateClass: 'jobs_read',
        ...options,
        path: `${jobs_BASE}/list`,
        query: { limit: 100, ...request },
        itemsKey: 'jobs',
    });
}
/** GET /api/2.2/jobs/get. Missing jobs answer 400 INVALID_PARAMETER_VALUE (see isNotFound). */
function getJob(workspace, request, options) {
    return workspace.get(`${jobs_BASE}/get`, { ...request }, { rateClass: 'jobs_read', ...options });
}
/** POST /api/2.2/jobs/update → {}. Idempotent. */
async function updateJob(workspace, request, options) {
    await workspace.post(`${jobs_BASE}/update`, request, { rateClass: 'jobs_write', ...options });
}
/** GET /api/2.2/jobs/runs/list, every page (newest first). */
function listRuns(workspace, request = {}, options) {
    return paginateJobs(workspace, {
        rateClass: 'runs',
        ...options,
        path: `${jobs_BASE}/runs/list`,
        query: { limit: 25, ...request },
        itemsKey: 'runs',
    });
}
/** POST /api/2.2/jobs/runs/cancel → {} (asynchronous). */
async function cancelRun(workspace, request, options) {
    await workspace.post(`${jobs_BASE}/runs/cancel`, request, { rateClass: 'runs', ...options });
}
/** POST /api/2.2/jobs/runs/cancel-all: a job's active runs, or with all_queued_runs every queued run. */
async function cancelAllRuns(workspace, request, options) {
    await workspace.post(`${jobs_BASE}/runs/cancel-all`, request, { rateClass: 'runs', ...options });
}

;// CONCATENATED MODULE: ./src/resources/job-runs.ts



const FINISHING = new Set(['TERMINATING', 'TERMINATED', 'SKIPPED', 'INTERNAL_ERROR']);
function job_runs_observe(run) {
    const lifeCycle = run.state?.life_cycle_state ?? run.status?.state ?? 'UNKNOWN';
    return {
        id: run.run_id,
        name: run.run_name ?? `run ${run.run_id}`,
        state: { life_cycle_state: lifeCycle, ...(run.job_id ? { job_id: run.job_id } : {}) },
        active: !FINISHING.has(lifeCycle),
        detail: lifeCycle,
    };
}
/**
 * Active job runs: cancelled as soon as the jobs are paused, so a schedule cannot start a
 * replacement; listed again just before cancelling to catch runs fired since the first listing.
 * Recorded for the report only: restore does not restart runs.
 */
const jobRuns = {
    kind: 'job_runs',
    // A schedule, trigger or continuous block fires runs: cancel them once those are paused.
    startedBy: ['jobs'],
    sweep: true,
    late: { after: ['jobs'], accept: () => true },
    list: async (ctx) => (await collect(listRuns(ctx.clients.workspace, { active_only: true }))).map(job_runs_observe),
    refine(items, inventory) {
        const keptJobs = keptJobIds(inventory);
        for (const run of items) {
            if (run.state.job_id && keptJobs.has(run.state.job_id))
                run.kept = `run of kept job ${run.state.job_id}`;
        }
    },
    halted: (item) => (item.active ? { ...item.state, life_cycle_state: 'TERMINATED' } : undefined),
    async halt(ctx, item) {
        await cancelRun(ctx.clients.workspace, { run_id: item.id });
    },
    describe: (state) => state.life_cycle_state,
    // Never restarted, but a record is still checked: only the life cycle state may differ.
    checkRecord({ before, after }) {
        if (!isObject(before) || !isObject(after))
            return 'before/after: not a run state';
        if (after.life_cycle_state !== 'TERMINATED')
            return 'life_cycle_state: after must be TERMINATED';
        const other = differingKeys(before, after, ['life_cycle_state']);
        return other.length > 0 ? `${other[0]}: differs between before and after` : undefined;
    },
    decideRestore: () => ({
        outcome: 'left_off',
        detail: 'cancelled runs are not restarted; jobs start new runs on their next trigger',
    }),
    async write() {
        // Nothing to write: runs are never restarted.
    },
    drained: () => false,
};

;// CONCATENATED MODULE: ./src/resources/jobs.ts



/** The top-level settings blocks that start a job by themselves. */
const JOB_BLOCKS = ['schedule', 'trigger', 'continuous', 'triggers'];
function isUnpaused(name, block) {
    if (block === undefined || block === null)
        return false;
    if (name === 'triggers')
        return Array.isArray(block) && block.some((t) => pauseOf(t) !== 'PAUSED');
    return pauseOf(block) !== 'PAUSED';
}
/** The block resent whole with only pause_status set (a trigger keeps its file_arrival…). */
function paused(name, block) {
    if (name === 'triggers')
        return block.map((t) => ({ ...clone(t), pause_status: 'PAUSED' }));
    return { ...clone(block), pause_status: 'PAUSED' };
}
/** An omitted pause_status means UNPAUSED: compare blocks with it spelled out. */
function normalized(name, block) {
    return name === 'triggers' && Array.isArray(block)
        ? block.map((t) => withPauseStatus(t))
        : withPauseStatus(block);
}
const sameBlock = (name, a, b) => deepEqual(normalized(name, a), normalized(name, b));
function blocksOf(settings) {
    const state = {};
    for (const name of JOB_BLOCKS)
        if (settings?.[name] !== undefined)
            state[name] = clone(settings[name]);
    return state;
}
function jobs_describe(state) {
    const parts = JOB_BLOCKS.filter((b) => state[b] !== undefined).map((b) => b === 'triggers'
        ? `triggers[${(Array.isArray(state[b]) ? state[b] : []).map(pauseOf).join(',')}]`
        : `${b} ${pauseOf(state[b])}`);
    return parts.join(', ') || 'no schedule or trigger';
}
/** One job as listed: its blocks, whether any starts it, and the keep tag. */
function jobs_observe(job) {
    const state = blocksOf(job.settings);
    return {
        id: job.job_id,
        name: job.settings?.name ?? `job ${job.job_id}`,
        state,
        active: JOB_BLOCKS.some((b) => isUnpaused(b, state[b])),
        detail: jobs_describe(state),
        ...(hasKeepTag(job.settings?.tags) ? { kept: KEEP_REASON } : {}),
    };
}
/**
 * Jobs: every unpaused schedule, trigger, continuous block and triggers[] array is paused by
 * resending the block whole with pause_status PAUSED (jobs/update replaces top-level blocks whole,
 * so a partial block would lose the cron or the file-arrival config). Each block is recorded,
 * merged and judged on its own.
 */
const jobs = {
    kind: 'jobs',
    startedBy: [],
    list: async (ctx) => (await collect(listJobs(ctx.clients.workspace))).map(jobs_observe),
    halted(item) {
        const after = {};
        for (const name of JOB_BLOCKS) {
            if (isUnpaused(name, item.state[name]))
                after[name] = paused(name, item.state[name]);
        }
        return Object.keys(after).length > 0 ? after : undefined;
    },
    recordedBefore(state, after) {
        const before = {};
        for (const name of JOB_BLOCKS)
            if (after[name] !== undefined)
                before[name] = state[name];
        return before;
    },
    checkRecord: (record) => checkJobRecord(record),
    stillHalted(record, current) {
        if (!current)
            return undefined;
        const names = JOB_BLOCKS.filter((b) => b in record.after && sameBlock(b, current.state[b], record.after[b]));
        if (names.length === 0)
            return undefined;
        return { ...record, before: pick(record.before, names), after: pick(record.after, names) };
    },
    async halt(ctx, item, after) {
        await updateBlocks(ctx.clients.workspace, item.id, after);
    },
    describe: jobs_describe,
    merge(earlier, later) {
        const e = earlier;
        const l = later;
        return { before: { ...l.before, ...e.before }, after: { ...e.after, ...l.after } };
    },
    decideRestore(record, current, options) {
        if (!current)
            return { outcome: 'gone', detail: 'job no longer exists' };
        const write = {};
        const conflicts = [];
        const already = [];
        for (const name of JOB_BLOCKS) {
            if (!(name in record.before))
                continue;
            const now = current.state[name];
            if (sameBlock(name, now, record.before[name]))
                already.push(name);
            else if (options.force || sameBlock(name, now, record.after[name]))
                write[name] = record.before[name];
            else
                conflicts.push(name);
        }
        const restored = Object.keys(write);
        const parts = [
            restored.length ? `${jobs_describe(write)} restored` : '',
            conflicts.length
                ? `${conflicts.join(', ')} changed during the halt (now ${jobs_describe(pick(current.state, conflicts))}); left as edited`
                : '',
            already.length && !restored.length && !conflicts.length
                ? `already ${jobs_describe(pick(current.state, already))}`
                : '',
        ].filter(Boolean);
        const outcome = conflicts.length ? 'conflict' : restored.length ? 'changed' : 'unchanged';
        return {
            outcome,
            detail: parts.join('; '),
            ...(restored.length ? { write } : {}),
        };
    },
    async write(ctx, record, value) {
        await updateBlocks(ctx.clients.workspace, record.id, value);
    },
    matches(current, expected) {
        if (!current)
            return false;
        return JOB_BLOCKS.every((b) => !(b in expected) || sameBlock(b, current.state[b], expected[b]));
    },
};
/**
 * jobs/update with whole blocks. A `triggers` array has no key field, and the reference only says
 * that arrays "are merged" by `task_key` / `job_cluster_key`: a service that appends keyless
 * entries would leave every trigger twice, the unpaused originals included. So a `triggers` write
 * is re-read: if the array is not exactly what was sent, it is removed (`fields_to_remove`) and
 * sent again, then checked once more; still wrong is a failure naming what is left.
 */
async function updateBlocks(ws, jobId, value) {
    await updateJob(ws, { job_id: jobId, new_settings: value });
    if (value.triggers === undefined)
        return;
    if (sameBlock('triggers', await readTriggers(ws, jobId), value.triggers))
        return;
    await updateJob(ws, { job_id: jobId, fields_to_remove: ['triggers'] });
    await updateJob(ws, { job_id: jobId, new_settings: { triggers: value.triggers } });
    const now = await readTriggers(ws, jobId);
    if (sameBlock('triggers', now, value.triggers))
        return;
    throw new Error(`triggers of job ${jobId} are not as sent after jobs/update: ${jobs_describe({ triggers: now })} ` +
        `(sent ${jobs_describe({ triggers: value.triggers })}); check the job's triggers by hand`);
}
async function readTriggers(ws, jobId) {
    return (await getJob(ws, { job_id: jobId })).settings?.triggers;
}
function pick(state, names) {
    return Object.fromEntries(names.map((n) => [n, state[n]]));
}
/**
 * A job record: the same blocks in before and after, each one only paused (triggers[] element by
 * element), so a restore can only unpause what the stop paused, never change a cron or a trigger.
 */
function checkJobRecord(record) {
    const { before, after } = record;
    if (!isObject(before) || !isObject(after))
        return 'before/after: not job settings blocks';
    const names = [...new Set([...Object.keys(before), ...Object.keys(after)])];
    for (const name of names) {
        if (!JOB_BLOCKS.includes(name))
            return `${name}: not a block a halt pauses (${JOB_BLOCKS.join(', ')})`;
        if (!(name in before) || !(name in after))
            return `${name}: recorded in only one of before and after`;
        const problem = name === 'triggers'
            ? checkTriggers(before[name], after[name])
            : checkPausedOnly(before[name], after[name], `${name}.`);
        if (problem)
            return problem;
    }
    return names.length === 0 ? 'no block recorded' : undefined;
}
function checkTriggers(before, after) {
    if (!Array.isArray(before) || !Array.isArray(after) || before.length !== after.length)
        return 'triggers: before and after must be arrays of the same length';
    for (let i = 0; i < before.length; i++) {
        const b = before[i];
        const a = after[i];
        if (!isObject(b) || !isObject(a))
            return `triggers[${i}]: not an object`;
        const { pause_status: _b, ...restB } = b;
        const { pause_status: _a, ...restA } = a;
        if (!deepEqual(restB, restA))
            return `triggers[${i}]: differs in more than pause_status`;
        if (pauseOf(a) !== 'PAUSED')
            return `triggers[${i}].pause_status: after must be PAUSED`;
    }
    return before.some((t) => pauseOf(t) !== 'PAUSED') ? undefined : 'triggers: none was unpaused';
}

;// CONCATENATED MODULE: ./src/databricks/permission-assignments.ts

function prefix(account, workspaceId) {
    return `${account.accountPath()}/workspaces/${encodeURIComponent(workspaceId)}/permissionassignments`;
}
/**
 * The account answered that it cannot manage this workspace's assignments because the workspace
 * is not identity-federated (a workspace that still uses workspace-local users and groups).
 */
function isNotFederated(e) {
    return (e instanceof DatabricksError &&
        e.status >= 400 &&
        e.status < 500 &&
        e.status !== 401 &&
        e.status !== 403 &&
        (e.error_code === 'FEATURE_DISABLED' ||
            /identity federation|identity-federat|permission assignment apis? (is|are) not available/i.test(e.message)));
}
/** The plain-words error for a workspace without identity federation, with the way out. */
function notFederatedError(workspaceId, e) {
    return new Error(`Workspace ${workspaceId} is not enabled for identity federation, so the account API cannot ` +
        `list or change its permission assignments (${e.describe()}). Either enable identity ` +
        'federation for it (account console → Workspaces → the workspace → Permissions), or halt ' +
        'without touching access: add --skip permission_assignments (Action: a resources input ' +
        'without permission_assignments).');
}
/** GET …/permissionassignments (unpaged). */
async function listPermissionAssignments(account, workspaceId, options) {
    const body = await account.get(prefix(account, workspaceId), undefined, {
        rateClass: 'account_read',
        ...options,
    });
    return body.permission_assignments ?? [];
}
/**
 * PUT …/principals/{principal_id}: idempotent upsert. Only USER/ADMIN count; an empty list
 * removes access, so callers must never send one by accident. The service is eventually
 * consistent: a PUT right after a DELETE can answer "not in workspace" for a while, which is
 * retried within the call's budget rather than failed.
 */
async function updatePermissionAssignment(account, workspaceId, principalId, permissions, options) {
    if (permissions.length === 0)
        throw new Error('Refusing to PUT an empty permissions list');
    return account.put(`${prefix(account, workspaceId)}/principals/${encodeURIComponent(principalId)}`, { permissions }, {
        rateClass: 'account_write',
        ...options,
        retry: { retryIf: notYetInWorkspace, ...options?.retry },
    });
}
const notYetInWorkspace = (e) => e.status < 500 && /not in workspace/i.test(e.message);
const NOT_ASSIGNED = /not in workspace|not found in (the )?account|no permission assignment|not assigned/i;
/**
 * DELETE …/principals/{principal_id}. 'absent' when the principal has no assignment: either it
 * was never there or this call's own earlier attempt removed it before its answer was lost.
 */
async function deletePermissionAssignment(account, workspaceId, principalId, options) {
    try {
        await account.delete(`${prefix(account, workspaceId)}/principals/${encodeURIComponent(principalId)}`, undefined, { rateClass: 'account_write', ...options });
        return 'deleted';
    }
    catch (e) {
        if (isNotAssigned(e, principalId))
            return 'absent';
        throw e;
    }
}
/**
 * The principal is not assigned: a not-found naming it, or one of the texts the service uses for
 * it. A 404 about anything else (the workspace, the account) is a failed DELETE (ADR 0010).
 */
function isNotAssigned(e, principalId) {
    if (isTargetMissing(e, principalId))
        return true;
    return (e instanceof DatabricksError &&
        e.status >= 400 &&
        e.status < 500 &&
        e.status !== 403 &&
        NOT_ASSIGNED.test(e.message));
}
/** A PUT or DELETE of one principal answered that this principal is gone from the account. */
function isPrincipalGone(e, principalId) {
    if (isTargetMissing(e, principalId))
        return true;
    return (e instanceof DatabricksError &&
        e.status >= 400 &&
        e.status < 500 &&
        /not found in (the )?account/i.test(e.message));
}

;// CONCATENATED MODULE: ./src/resources/permission-assignments.ts




const WRITABLE = new Set(['USER', 'ADMIN']);
/** The permissions a PUT can write (UNKNOWN is listed by the service but cannot be sent). */
const writable = (permissions) => permissions.filter((p) => WRITABLE.has(p));
function account(clients) {
    if (!clients.account)
        throw new Error('permission_assignments needs the account API (--account-id)');
    return clients.account;
}
function principalName(p) {
    return p.user_name ?? p.group_name ?? p.display_name ?? p.service_principal_name ?? p.principal_id;
}
function principalKind(p) {
    if (p.group_name !== undefined)
        return 'group';
    if (p.service_principal_name !== undefined)
        return 'service principal';
    return 'user';
}
function permission_assignments_observe(a, inactive) {
    const permissions = [...(a.permissions ?? [])].sort();
    const principal = clone(a.principal);
    const unwritable = permissions.filter((p) => !WRITABLE.has(p));
    const known = inactive !== undefined && principalKind(principal) !== 'group';
    const principalActive = known ? !inactive.has(principal.principal_id) : undefined;
    return {
        id: principal.principal_id,
        name: principalName(principal),
        state: {
            principal,
            permissions,
            ...(principalActive === undefined ? {} : { principal_active: principalActive }),
        },
        active: true,
        detail: `${principalKind(principal)} ${permissions.join(',') || '(none)'}` +
            (principalActive === false ? ' (deactivated in the account)' : ''),
        // The service flags some assignments with an error, and a PUT can only write USER and ADMIN
        // (not UNKNOWN, not an empty list): we could remove them but never restore them, so they are
        // left alone and reported. Removing one would also record a `before` that checkRecord refuses,
        // and restore would then refuse the whole snapshot.
        ...(a.error
            ? { kept: `not changed: the service reports an error on it (${a.error})` }
            : !permissions.some((p) => WRITABLE.has(p))
                ? { kept: `not changed: ${unwritableReason(unwritable)}` }
                : {}),
    };
}
function unwritableReason(unwritable) {
    return unwritable.length > 0
        ? `permission ${unwritable.join(',')} cannot be written back`
        : 'it lists no permission, so there would be nothing to write back';
}
/** Account-level workspace permission assignments: removed on stop (except kept), PUT back. */
const permissionAssignments = {
    kind: 'permission_assignments',
    startedBy: [],
    access: true,
    async list(ctx) {
        try {
            const [assignments, inactive] = await Promise.all([
                listPermissionAssignments(account(ctx.clients), ctx.workspaceId),
                inactivePrincipals(ctx),
            ]);
            return assignments.map((a) => permission_assignments_observe(a, inactive));
        }
        catch (e) {
            if (isNotFederated(e))
                throw notFederatedError(ctx.workspaceId, e);
            throw e;
        }
    },
    halted: (item) => (item.state === null ? undefined : null),
    // Only what a PUT can write back is recorded (UNKNOWN is listed but cannot be sent).
    recordedBefore: (state) => state === null ? null : { ...state, permissions: writable(state.permissions) },
    checkRecord: (record) => checkAssignmentRecord(record),
    // One filtered account list per principal type, so the dry run shows them too.
    async goneNow(ctx, records) {
        const inactive = await listInactiveAccountPrincipals(account(ctx.clients));
        const gone = new Map();
        for (const record of records) {
            const reason = deactivatedSince(record, inactive);
            if (reason)
                gone.set(record.id, reason);
        }
        return gone;
    },
    async halt(ctx, item) {
        await deletePermissionAssignment(account(ctx.clients), ctx.workspaceId, item.id);
    },
    describe: (state) => state === null ? 'not assigned' : `assigned ${state.permissions.join(',')}`,
    decideRestore(record, current, options) {
        const before = record.before;
        if (before === null)
            return { outcome: 'unchanged', detail: 'nothing recorded' };
        const now = current?.state ?? null;
        const target = { principal: before.principal, permissions: writable(before.permissions) };
        if (now !== null && deepEqual(writable(now.permissions), target.permissions)) {
            return { outcome: 'unchanged', detail: `already ${before.permissions.join(',')}` };
        }
        if (now !== null && !options.force) {
            // Re-assigned by hand with other permissions during the halt: someone decided; leave it.
            return {
                outcome: 'conflict',
                detail: `assigned ${now.permissions.join(',')} during the halt (was ${before.permissions.join(',')}); left as is`,
            };
        }
        // Said out loud: the plan's reviewer sees that an inactive principal gets its assignment back.
        const dormant = before.principal_active === false ? ' (deactivated before the halt)' : '';
        return {
            outcome: 'changed',
            detail: `${now === null ? 'not assigned' : now.permissions.join(',')} → ${target.permissions.join(',')}${dormant}`,
            write: target,
        };
    },
    async write(ctx, record, value) {
        if (value === null)
            return;
        const permissions = writable(value.permissions);
        // Deactivated principals were sorted out by goneNow; a deleted one fails here (targetMissing).
        await updatePermissionAssignment(account(ctx.clients), ctx.workspaceId, record.id, permissions);
    },
    // "Principal not found in account." names no id, but a PUT has one principal: the target.
    targetMissing: (e, id) => isPrincipalGone(e, id),
    matches(current, expected) {
        if (expected === null)
            return current === undefined;
        return (current?.state != null &&
            deepEqual(writable(current.state.permissions), writable(expected.permissions)));
    },
};
/**
 * A stop removes an assignment: the record is of the principal it names, `after` is "not
 * assigned", and `before` holds only permissions a PUT can give (USER, ADMIN).
 */
function checkAssignmentRecord(record) {
    const before = record.before;
    if (record.after !== null)
        return 'after: must be null (not assigned)';
    if (!isObject(before) || !isObject(before.principal))
        return 'before.principal: missing';
    if (String(before.principal.principal_id) !== record.id)
        return `before.principal.principal_id: ${String(before.principal.principal_id)} is not the record id`;
    const permissions = before.permissions;
    if (!Array.isArray(permissions) || permissions.length === 0)
        return 'before.permissions: must list USER or ADMIN';
    const other = permissions.filter((p) => typeof p !== 'string' || !WRITABLE.has(p));
    if (other.length > 0)
        return `before.permissions: ${other.join(',')} is not USER or ADMIN`;
    const extra = Object.keys(before).filter((k) => !BEFORE_FIELDS.has(k));
    if (extra.length > 0)
        return `before.${extra[0]}: not a field a stop records`;
    return checkPrincipalActive(before);
}
const BEFORE_FIELDS = new Set(['principal', 'permissions', 'principal_active']);
/** `principal_active` is a boolean, and only on users and service principals (groups have none). */
function checkPrincipalActive(before) {
    if (!('principal_active' in before))
        return undefined;
    const flag = before.principal_active;
    if (typeof flag !== 'boolean')
        return 'before.principal_active: must be true or false';
    if (principalKind(before.principal) === 'group')
        return 'before.principal_active: a group has no active flag';
    return undefined;
}
/**
 * The account's deactivated users and service principals, for a stop to record; undefined (not
 * known: restore then treats them as it did before it was recorded) with a warning if unreadable.
 */
async function inactivePrincipals(ctx) {
    // Only a stop records it; restore asks once in goneNow, and its verify re-lists for free.
    if (ctx.settings.mode !== 'stop')
        return undefined;
    try {
        return await listInactiveAccountPrincipals(account(ctx.clients));
    }
    catch (e) {
        ctx.logger.warning(`Cannot list the account's deactivated principals (${errors_errorText(e)}); a restore will not ` +
            're-assign principals that are inactive then, even those already inactive now.');
        return undefined;
    }
}
/**
 * Why a recorded principal is not to be re-assigned, or undefined. Inactive now is `gone` unless
 * the record says it was already inactive at stop: then the stop took its assignment away and
 * restore gives exactly that back. A record without the flag (older snapshot) keeps the old rule.
 */
function deactivatedSince(record, inactive) {
    const before = record.before;
    if (before === null || principalKind(before.principal) === 'group')
        return undefined;
    if (!inactive.has(record.id) || before.principal_active === false)
        return undefined;
    return before.principal_active === true
        ? `${principalName(before.principal)} was deactivated in the account since the stop; not re-assigned`
        : `${principalName(before.principal)} is deactivated in the account and the snapshot does not ` +
            'say whether it was before the stop; not re-assigned';
}

;// CONCATENATED MODULE: ./src/databricks/pipelines.ts

/** Lakeflow Declarative Pipelines. */
const pipelines_BASE = '/api/2.0/pipelines';
/** GET /api/2.0/pipelines, every page (max_results is capped at 100 by the API). */
function listPipelines(workspace, request = {}, options) {
    return paginateToken(workspace, {
        rateClass: 'pipelines',
        ...options,
        path: pipelines_BASE,
        query: { max_results: 100, ...request },
        itemsKey: 'statuses',
    });
}
function getPipeline(workspace, pipelineId, options) {
    return workspace.get(`${pipelines_BASE}/${encodeURIComponent(pipelineId)}`, undefined, {
        rateClass: 'pipelines',
        ...options,
    });
}
/** POST …/{id}/stop: cancels the active update; a no-op when none. */
async function stopPipeline(workspace, pipelineId, options) {
    await workspace.post(`${pipelines_BASE}/${encodeURIComponent(pipelineId)}/stop`, {}, {
        rateClass: 'pipelines',
        ...options,
    });
}
/**
 * POST …/{id}/updates → {update_id}. Fails while an update is active. Not idempotent (each call
 * starts an update): retried only when it certainly did not run (retry-helper `idempotent`).
 */
function startUpdate(workspace, pipelineId, request = { full_refresh: false }, options) {
    return workspace.post(`${pipelines_BASE}/${encodeURIComponent(pipelineId)}/updates`, request, {
        rateClass: 'pipelines',
        ...options,
        retry: { idempotent: false, ...options?.retry },
    });
}

;// CONCATENATED MODULE: ./src/resources/pipelines.ts




const pipelines_RUNNING = new Set(['DEPLOYING', 'STARTING', 'RUNNING', 'RESETTING', 'RECOVERING']);
/**
 * Only continuous pipelines are started again: triggered ones are started by their (restored)
 * jobs or schedules, and starting one by hand would run an update nobody asked for.
 */
const pipelines_rules = {
    noun: 'pipeline',
    running: pipelines_RUNNING,
    stoppedState: 'IDLE',
    restartable: (before) => before.continuous === true,
};
function pipelines_observe(p) {
    return observeCompute(pipelines_rules, p.pipeline_id, p.name ?? p.pipeline_id, p.state ?? 'UNKNOWN');
}
/** `continuous` is only in the pipeline's spec: read it for the running ones (few), not all. */
async function withContinuous(ctx, item) {
    if (!item.active)
        return;
    const details = await getPipeline(ctx.clients.workspace, item.id);
    item.state.continuous = details.spec?.continuous === true;
    if (item.state.continuous)
        item.detail = `${item.detail} (continuous)`;
}
/** Lakeflow declarative pipelines: stopped on stop; continuous ones restarted on --restart-compute. */
const pipelines = {
    kind: 'pipelines',
    // Triggered pipelines are scheduled through jobs (pipeline tasks).
    startedBy: ['jobs'],
    sweep: true,
    async list(ctx) {
        const out = (await collect(listPipelines(ctx.clients.workspace))).map(pipelines_observe);
        await mapLimit(out, ctx.settings.maxConcurrency, (item) => withContinuous(ctx, item));
        return out;
    },
    ...computeRules(pipelines_rules),
    async halt(ctx, item) {
        await stopPipeline(ctx.clients.workspace, item.id);
    },
    describe: (state) => `${state.state}${state.continuous ? ' (continuous)' : ''}`,
    async write(ctx, record) {
        await startUpdate(ctx.clients.workspace, record.id, { full_refresh: false });
    },
    drained: (item) => !pipelines_RUNNING.has(item.state.state) && item.state.state !== 'STOPPING',
};

;// CONCATENATED MODULE: ./src/databricks/serving-endpoints.ts

/** Model serving endpoints: report only (the REST API has no stop). */
const serving_endpoints_BASE = '/api/2.0/serving-endpoints';
function listServingEndpoints(workspace, options) {
    return listUnpaged(workspace, {
        rateClass: 'other',
        ...options,
        path: serving_endpoints_BASE,
        itemsKey: 'endpoints',
    });
}

;// CONCATENATED MODULE: ./src/databricks/vector-search.ts

/** Vector search endpoints: report only (the only write, DELETE, destroys indexes). */
const vector_search_BASE = '/api/2.0/vector-search/endpoints';
function listEndpoints(workspace, options) {
    return paginateToken(workspace, {
        rateClass: 'other',
        ...options,
        path: vector_search_BASE,
        itemsKey: 'endpoints',
    });
}

;// CONCATENATED MODULE: ./src/resources/report-only.ts



/** Kinds with no stop API: listed by show, warned about by stop, never changed. */
function reportOnly(kind, list) {
    return {
        kind,
        startedBy: [],
        reportOnly: true,
        optionalFeature: true,
        list,
        halted: () => undefined,
        async halt() {
            throw new Error(`${kind} cannot be stopped through the API`);
        },
        describe: (state) => state.state,
        decideRestore: () => ({ outcome: 'unchanged', detail: 'never changed' }),
        async write() { },
    };
}
const servingEndpoints = reportOnly('serving_endpoints', async (ctx) => (await collect(listServingEndpoints(ctx.clients.workspace))).map((e) => {
    const state = e.state?.ready ?? 'UNKNOWN';
    return {
        id: e.id ?? e.name,
        name: e.name,
        state: { state },
        active: state === 'READY',
        detail: `${state}; no stop API (serverless, scales per its own config)`,
    };
}));
const vectorSearchEndpoints = reportOnly('vector_search_endpoints', async (ctx) => (await collect(listEndpoints(ctx.clients.workspace))).map((e) => {
    const state = e.endpoint_status?.state ?? 'UNKNOWN';
    return {
        id: e.id ?? e.name,
        name: e.name,
        state: { state },
        active: !['OFFLINE', 'DELETED'].includes(state),
        detail: `${state}; no stop API (deleting would destroy its indexes)`,
    };
}));

;// CONCATENATED MODULE: ./src/databricks/warehouses.ts

/** SQL warehouses. start/stop are idempotent and asynchronous. */
const warehouses_BASE = '/api/2.0/sql/warehouses';
/** GET /api/2.0/sql/warehouses, every page (older servers answer unpaged). */
function listWarehouses(workspace, request = {}, options) {
    return paginateToken(workspace, {
        rateClass: 'warehouses',
        ...options,
        path: warehouses_BASE,
        query: { ...request },
        itemsKey: 'warehouses',
    });
}
function getWarehouse(workspace, id, options) {
    return workspace.get(`${warehouses_BASE}/${encodeURIComponent(id)}`, undefined, {
        rateClass: 'warehouses',
        ...options,
    });
}
async function stopWarehouse(workspace, id, options) {
    await workspace.post(`${warehouses_BASE}/${encodeURIComponent(id)}/stop`, {}, {
        rateClass: 'warehouses',
        ...options,
    });
}
async function startWarehouse(workspace, id, options) {
    await workspace.post(`${warehouses_BASE}/${encodeURIComponent(id)}/start`, {}, {
        rateClass: 'warehouses',
        ...options,
    });
}

;// CONCATENATED MODULE: ./src/resources/warehouses.ts




const warehouses_RUNNING = new Set(['STARTING', 'RUNNING']);
const warehouses_rules = { noun: 'warehouse', running: warehouses_RUNNING, stoppedState: 'STOPPED' };
function warehouses_observe(w) {
    return {
        ...observeCompute(warehouses_rules, w.id, w.name ?? w.id, w.state ?? 'UNKNOWN'),
        ...(hasKeepTag(w.tags?.custom_tags) ? { kept: KEEP_REASON } : {}),
    };
}
/** SQL warehouses: stopped on stop; started again only with --restart-compute. */
const warehouses = {
    kind: 'warehouses',
    // Alerts, dashboard schedules and SQL tasks of jobs wake a warehouse.
    startedBy: ['jobs', 'alerts', 'dashboard_schedules'],
    sweep: true,
    list: async (ctx) => (await collect(listWarehouses(ctx.clients.workspace))).map(warehouses_observe),
    ...computeRules(warehouses_rules),
    async halt(ctx, item) {
        await stopWarehouse(ctx.clients.workspace, item.id);
    },
    describe: (state) => state.state,
    async write(ctx, record) {
        await startWarehouse(ctx.clients.workspace, record.id);
    },
    drained: (item) => ['STOPPED', 'DELETED'].includes(item.state.state),
};

;// CONCATENATED MODULE: ./src/resources/registry.ts











/**
 * Every kind, in the order reports list them (the stop orders by `startedBy`). Adding a kind = one module, one line here and its
 * name in RESOURCE_KINDS (settings.ts); see docs/adr/0005-resource-interface.md.
 */
const RESOURCES = [
    permissionAssignments,
    jobs,
    alerts,
    dashboardSchedules,
    jobRuns,
    pipelines,
    clusters,
    warehouses,
    instancePools,
    apps,
    servingEndpoints,
    vectorSearchEndpoints,
];

;// CONCATENATED MODULE: ./src/engine/record-checks.ts


/** Every record that fails its kind's checkRecord (pure; nothing is read or written). */
function recordViolations(items) {
    const byKind = new Map(RESOURCES.map((r) => [r.kind, r]));
    const violations = [];
    for (const item of items) {
        const resource = byKind.get(item.kind);
        let problem;
        try {
            problem = resource?.checkRecord
                ? resource.checkRecord(item)
                : `${item.kind} never records a change a restore applies`;
        }
        catch (e) {
            problem = `unreadable record (${errors_errorText(e)})`;
        }
        if (problem)
            violations.push({ item, problem });
    }
    return violations;
}
/**
 * Refuse a snapshot with any record that gives more than a stop took away (exit 2, before any
 * write), naming the records and fields. Restore refuses it whole, and stop will not merge it.
 */
function refuseForgedRecords(snapshot, source) {
    const violations = recordViolations(snapshot.items);
    if (violations.length === 0)
        return;
    const shown = violations
        .slice(0, 5)
        .map((v) => `${v.item.kind} ${v.item.id} (${v.item.name}): ${v.problem}`);
    const more = violations.length > 5 ? `; and ${violations.length - 5} more` : '';
    throw new errors_UsageError(`Snapshot ${source} has ${violations.length} record(s) that are not a change a stop makes: ` +
        `${shown.join('; ')}${more}. Refusing the whole snapshot; nothing was changed.`);
}

;// CONCATENATED MODULE: ./src/engine/open-snapshot.ts




/**
 * The snapshot a stop merges with and a plain restore applies: the newest snapshot of the
 * workspace, if no marker closes it. An older un-restored one behind a newer snapshot has been
 * merged into it (stop twice) or superseded, so it is never picked on its own.
 *
 * Closed means: a marker that decodes (and, with a key, is signed) names the snapshot's checksum.
 * Without a key the store's own "restored" (a marker by name) also counts, as before keys existed.
 */
async function openSnapshot(rt) {
    const [newest] = await rt.store.list(rt.workspaceId);
    if (!newest)
        return noIgnore(rt, undefined);
    if (newest.restored && !rt.keys)
        return noIgnore(rt, undefined);
    let snapshot;
    let closed;
    try {
        snapshot = decodeSnapshot(await rt.store.read(newest), newest.name);
        // A checked marker closes it whatever key signed it (it may predate a key rotation).
        closed = await isClosed(rt, snapshot);
        if (!closed) {
            if (rt.keys)
                verifySnapshot(snapshot, newest.name, rt.keys);
            checkBinding(snapshot, rt.workspaceId, newest.name);
            refuseForgedRecords(snapshot, newest.name);
        }
    }
    catch (e) {
        if (!(e instanceof errors_UsageError || e instanceof SafetyError) || rt.settings.mode !== 'stop')
            throw e;
        return unreadableForStop(rt, newest, e);
    }
    // Outside the try: noIgnore's refusal of the option is not a fault of the snapshot.
    return noIgnore(rt, closed ? undefined : { entry: newest, snapshot });
}
/**
 * A stop must merge with an open snapshot, or its pre-halt values would be lost for good: refuse,
 * naming the snapshot and the explicit way out. Never skipped silently.
 */
function unreadableForStop(rt, entry, e) {
    if (rt.settings.ignoreOpenSnapshot === entry.name) {
        rt.logger.warning(`Ignoring the newest snapshot ${entry.name} as asked (${errors_errorText(e)}). This stop starts ` +
            'afresh; whatever that snapshot recorded is not merged.', 'Snapshot ignored');
        return undefined;
    }
    const Refusal = e instanceof SafetyError ? SafetyError : errors_UsageError;
    throw new Refusal(`${e.message} It is the newest snapshot of workspace ${rt.workspaceId} and not restored, ` +
        'so this stop would have to merge with it. Put an intact copy back (or restore it), or, if ' +
        // The option last, with nothing after it: a period would be copied with the name.
        'you are sure it is not needed, run the stop again with this option: ' +
        wording_option(rt.settings.face, 'ignoreOpenSnapshot', entry.name));
}
/** --ignore-open-snapshot names only an unreadable newest snapshot; anything else is a mistake. */
function noIgnore(rt, result) {
    const name = rt.settings.ignoreOpenSnapshot;
    if (name === undefined)
        return result;
    throw new errors_UsageError(`${wording_option(rt.settings.face, 'ignoreOpenSnapshot', name)}: that is not an unreadable or untrusted open snapshot of ` +
        `workspace ${rt.workspaceId} (it only skips the newest snapshot when that cannot be used). ` +
        'Leave the option out. Nothing was changed.');
}
/** Whether a checked marker closes `snapshot`. Refused markers are named in a warning. */
async function isClosed(rt, snapshot) {
    for (const { name, text } of await rt.store.markers(rt.workspaceId)) {
        try {
            const marker = decodeMarker(text, name, rt.keys);
            if (marker.snapshot_checksum === snapshot.checksum)
                return true;
        }
        catch (e) {
            rt.logger.warning(`Ignoring marker ${name}: ${errors_errorText(e)}`, 'Marker ignored');
        }
    }
    return false;
}
/** Close a restored snapshot with a marker naming its checksum (signed with the key, if any). */
async function markRestored(rt, entry, snapshot) {
    const text = encodeMarker(snapshot, entry.name, new Date().toISOString(), rt.keys);
    await rt.store.markRestored(entry, {
        workspaceId: snapshot.workspace_id,
        checksum: snapshot.checksum,
        text,
    });
}

;// CONCATENATED MODULE: ./src/engine/report-builder.ts

function countOutcomes(items) {
    const counts = Object.fromEntries(ITEM_OUTCOMES.map((o) => [o, 0]));
    for (const item of items)
        counts[item.outcome]++;
    return counts;
}
function finishReport(base) {
    const counts = countOutcomes(base.items);
    const failing = base.items.some((i) => FAILING_OUTCOMES.has(i.outcome));
    return { ...base, finishedAt: new Date().toISOString(), counts, exitCode: failing ? 1 : 0 };
}
/** The fields every report shares: what ran, where, as whom, since when. */
function reportHeader(rt, mode, startedAt) {
    return {
        mode,
        dryRun: rt.settings.dryRun,
        workspaceId: rt.workspaceId,
        workspaceUrl: rt.workspaceUrl,
        ...(rt.accountId ? { accountId: rt.accountId } : {}),
        caller: rt.caller,
        startedAt,
    };
}

;// CONCATENATED MODULE: ./src/engine/verify.ts



/**
 * Re-read until every restored value shows. Permission assignments appear after a propagation
 * delay (minutes on large accounts), so the first read proving nothing is normal; only the
 * deadline turns a missing value into not_converged.
 */
async function verifyRestore(rt, expectations) {
    await withProgress(rt.logger, rt.clock, 'Verify', (progress) => verifyAll(rt, expectations, progress));
}
async function verifyAll(rt, expectations, progress) {
    const clock = rt.timing.clock;
    const nextDelay = pollDelays(rt.timing.pollIntervalMs);
    const deadline = clock.now() + rt.timing.verifyTimeoutMs;
    let pending = expectations;
    let said = 0;
    for (;;) {
        pending = await stillPending(rt, pending);
        progress.set('values', expectations.length - pending.length, expectations.length);
        if (pending.length === 0) {
            rt.logger.info(`verified: ${expectations.length} restored values show`);
            return;
        }
        if (clock.now() >= deadline)
            break;
        if (pending.length !== said)
            rt.logger.info(`waiting for ${(said = pending.length)} restored values to show`);
        await clock.sleep(Math.min(nextDelay(), Math.max(0, deadline - clock.now())));
    }
    for (const p of pending) {
        p.report.outcome = 'not_converged';
        p.report.detail = `${p.report.detail ?? ''}; not visible after ${Math.round(rt.timing.verifyTimeoutMs / 1000)} s`;
    }
    rt.logger.error(`${pending.length} restored values did not show before the deadline`);
}
async function stillPending(rt, pending) {
    const kinds = [...new Set(pending.map((p) => p.resource))];
    const lists = await Promise.all(kinds.map(async (resource) => {
        try {
            return [resource, new Map((await resource.list(rt.resCtx)).map((i) => [i.id, i]))];
        }
        catch (e) {
            rt.logger.warning(`${resource.kind}: cannot re-read for verify: ${errors_errorText(e)}`);
            return [resource, undefined];
        }
    }));
    const byKind = new Map(lists);
    return pending.filter((p) => {
        const current = byKind.get(p.resource);
        return !current || !p.resource.matches(current.get(p.id), p.expected);
    });
}

;// CONCATENATED MODULE: ./src/engine/restore-warnings.ts


/** What the person restoring should do next, said once at the end (and logged). */
function restoreWarnings(rt, entry, items) {
    const count = countOutcomes(items);
    const face = rt.settings.face;
    const warnings = [];
    if (count.conflict > 0) {
        warnings.push(`${count.conflict} item(s) were changed by hand during the halt and were left as edited. ` +
            `To put the pre-halt values back anyway, run ${command(face, 'restore', wording_option(face, 'force'))}; ` +
            `it acts on ${entry.name}.`);
    }
    if (count.gone > 0) {
        warnings.push(`${count.gone} item(s) were deleted during the halt; nothing to restore for them.`);
    }
    if (count.not_converged > 0) {
        warnings.push(`${count.not_converged} restored value(s) did not show before the deadline (permission ` +
            `changes can take minutes). Check with ${command(face, 'show')}; ` +
            `${command(face, 'restore', wording_option(face, 'snapshot', entry.name))} can be run again safely.`);
    }
    const compute = items.filter((i) => i.outcome === 'left_off' && i.kind !== 'job_runs').length;
    if (compute > 0 && !rt.settings.restartCompute) {
        warnings.push(`${compute} compute resource(s) that were running before the halt were left off; ` +
            `${command(face, 'restore', wording_option(face, 'restartCompute'))} starts them.`);
    }
    else if (compute > 0) {
        warnings.push(`${compute} compute resource(s) were still stopping and were not started; run ` +
            `${command(face, 'restore', wording_option(face, 'restartCompute'))} again in a few minutes.`);
    }
    for (const w of warnings)
        rt.logger.warning(w);
    return warnings;
}

;// CONCATENATED MODULE: ./src/plan/schema.ts


/**
 * A saved plan (`--plan-out`): what a dry run decided, for `--plan` to apply later, like
 * `terraform plan -out` / `apply`. Bump PLAN_SCHEMA_VERSION on any change an older reader would
 * misread; readers refuse versions they do not know. docs/adr/0011-restore-follow-ups.md.
 */
const PLAN_SCHEMA_VERSION = 1;
const PlanItemSchema = schemas/* object */.Ikc({
    kind: schemas/* enum */.k5n(RESOURCE_KINDS),
    id: schemas/* string */.YjP().min(1),
    name: schemas/* string */.YjP(),
    /** What the dry run said would happen, e.g. "schedule UNPAUSED → PAUSED". */
    detail: schemas/* string */.YjP().optional(),
});
const PlanContentSchema = schemas/* object */.Ikc({
    schema_version: schemas/* literal */.euz(PLAN_SCHEMA_VERSION),
    tool: schemas/* literal */.euz('databricks-halt'),
    type: schemas/* literal */.euz('plan'),
    tool_version: schemas/* string */.YjP(),
    mode: schemas/* enum */.k5n(['stop', 'restore']),
    workspace_id: schemas/* string */.YjP().regex(/^\d+$/),
    workspace_url: schemas/* string */.YjP(),
    /** The workspace's clock when the plan was made (its age is judged by the same clock). */
    created_at: iso/* datetime */.w$(),
    created_by: schemas/* string */.YjP(),
    /** The options the plan was made with; applying it uses these, not new ones. */
    options: schemas/* object */.Ikc({
        kinds: schemas/* array */.YOg(schemas/* enum */.k5n(RESOURCE_KINDS)),
        keep: schemas/* array */.YOg(schemas/* string */.YjP()),
        force: schemas/* boolean */.zMY(),
        restart_compute: schemas/* boolean */.zMY(),
    }),
    /** restore: exactly the snapshot the plan was made from. */
    snapshot: schemas/* object */.Ikc({ name: schemas/* string */.YjP().min(1), checksum: schemas/* string */.YjP().regex(/^sha256:[0-9a-f]{64}$/) })
        .optional(),
    /** The items the plan changes. */
    items: schemas/* array */.YOg(PlanItemSchema),
});
const PlanSchema = PlanContentSchema.extend({
    /** HMAC of the content, when a snapshot key is set (src/snapshot/signing.ts). */
    signature: schemas/* string */.YjP().optional(),
    /** sha256 over the canonical JSON of everything else (signature included). */
    checksum: schemas/* string */.YjP().regex(/^sha256:[0-9a-f]{64}$/),
}).strict();

;// CONCATENATED MODULE: ./src/plan/codec.ts




/** A plan is small (item ids and names); anything far larger is not one. */
const MAX_PLAN_BYTES = 20 * 1024 * 1024;
/** Text of a plan file: signed like snapshots when keys are given, checksum last. */
function encodePlan(content, keys) {
    const signed = keys ? { ...content, signature: keys.sign(content) } : content;
    const plan = { ...signed, checksum: checksumOf(signed) };
    PlanSchema.parse(plan);
    return `${stringifyJson(plan, 2)}\n`;
}
/**
 * Parse and check a plan's text: size, JSON, version, schema, checksum and, with keys, signature.
 * Every fault is a UsageError (exit 2): a plan that is not exactly what was approved runs nothing.
 */
function decodePlan(text, source, keys) {
    const refuse = (why) => new errors_UsageError(`Plan ${source} ${why} Nothing was changed; make a new plan with --plan-out.`);
    if (text.length > MAX_PLAN_BYTES)
        throw refuse('is too large to be a databricks-halt plan.');
    let raw;
    try {
        raw = parseJson(text);
    }
    catch (e) {
        throw refuse(`is not valid JSON (${errors_errorText(e)}).`);
    }
    const version = raw?.schema_version;
    if (typeof version === 'number' && version !== PLAN_SCHEMA_VERSION) {
        throw refuse(`has schema version ${version}; this databricks-halt reads version ${PLAN_SCHEMA_VERSION}.`);
    }
    const parsed = PlanSchema.safeParse(raw);
    if (!parsed.success) {
        const issues = parsed.error.issues
            .slice(0, 5)
            .map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`)
            .join('; ');
        throw refuse(`is not a databricks-halt plan (${issues}).`);
    }
    const { checksum, ...signed } = parsed.data;
    if (checksumOf(signed) !== checksum) {
        throw refuse('is corrupt: its checksum does not match its content (edited or damaged).');
    }
    if (keys) {
        const { signature, ...content } = signed;
        const verdict = keys.verify(content, signature);
        if (!verdict.ok)
            throw refuse(`is not authenticated (${verdict.reason}).`);
    }
    return parsed.data;
}

;// CONCATENATED MODULE: ./src/engine/saved-plan.ts






/** A plan dated this far in the future of the workspace's clock is refused (clock skew margin). */
const FUTURE_MARGIN_MS = 5 * 60_000;
const NOT_IN_PLAN = 'not in the approved plan';
async function loadPlan(path, keys) {
    let text;
    try {
        text = await (0,promises_.readFile)(path, 'utf8');
    }
    catch (e) {
        throw new errors_UsageError(`Cannot read the plan ${path}: ${errors_errorText(e)}. Nothing was changed.`);
    }
    return { plan: decodePlan(text, path, keys), source: path };
}
/** The run's settings as the plan fixes them; a plan of the other mode is refused. */
function settingsFromPlan(settings, { plan, source }) {
    if (plan.mode !== settings.mode) {
        throw new errors_UsageError(`Plan ${source} is a ${plan.mode} plan, not a ${settings.mode} plan: run ` +
            `${settings.face === 'action' ? command('action', plan.mode, wording_option('action', 'plan', source)) : `\`databricks-halt ${plan.mode} --plan ${source}\``}. Nothing was changed.`);
    }
    return {
        ...settings,
        only: plan.options.kinds,
        skip: [],
        keep: plan.options.keep,
        unkeep: [],
        force: plan.options.force,
        restartCompute: plan.options.restart_compute,
        ...(plan.snapshot ? { snapshot: plan.snapshot.name } : {}),
    };
}
/** Refuse a plan of another workspace, or one older than --plan-max-age on the workspace's clock. */
function checkPlanTarget(rt, { plan, source }) {
    if (plan.workspace_id !== rt.workspaceId) {
        throw new errors_UsageError(`Plan ${source} is for workspace ${plan.workspace_id}, not ${rt.workspaceId}. Nothing was ` +
            `changed; ${newPlan(rt.settings.face)}, of this workspace.`);
    }
    const age = rt.workspaceNow() - Date.parse(plan.created_at);
    const maxMs = rt.settings.planMaxAgeHours * 3_600_000;
    if (age > maxMs || age < -FUTURE_MARGIN_MS) {
        const hours = (age / 3_600_000).toFixed(1);
        throw new errors_UsageError(`Plan ${source} was made at ${plan.created_at}, ${hours} h ago by the workspace's clock; ` +
            `${optionName(rt.settings.face, 'planMaxAgeHours')} is ${rt.settings.planMaxAgeHours} h. ` +
            `The workspace may have changed since: ${newPlan(rt.settings.face)} and have it ` +
            'approved. Nothing was changed.');
    }
}
/** Write the plan of a dry run; the path is printed and goes in the report. */
async function writePlan(rt, path, items, snapshot) {
    const content = {
        schema_version: PLAN_SCHEMA_VERSION,
        tool: 'databricks-halt',
        type: 'plan',
        tool_version: rt.version,
        mode: rt.settings.mode === 'restore' ? 'restore' : 'stop',
        workspace_id: rt.workspaceId,
        workspace_url: rt.workspaceUrl,
        created_at: new Date(rt.workspaceNow()).toISOString(),
        created_by: rt.caller.userName,
        options: {
            kinds: rt.resources.map((r) => r.kind),
            keep: rt.settings.keep,
            force: rt.settings.force,
            restart_compute: rt.settings.restartCompute,
        },
        ...(snapshot ? { snapshot } : {}),
        items: items
            .filter((i) => i.outcome === 'planned')
            .map((i) => ({ kind: i.kind, id: i.id, name: i.name, detail: i.detail })),
    };
    const text = encodePlan(content, rt.keys);
    // Temp file and rename: an interrupted write never leaves half a plan to be approved.
    const tmp = (0,external_node_path_.join)((0,external_node_path_.dirname)(path), `.${(0,external_node_path_.basename)(path)}.${process.pid}.tmp`);
    try {
        await (0,promises_.writeFile)(tmp, text, { encoding: 'utf8', mode: 0o600 });
        await (0,promises_.rename)(tmp, path);
    }
    catch (e) {
        throw new errors_UsageError(`Cannot write the plan to ${path}: ${errors_errorText(e)}.`);
    }
    // The plan's own checksum (the last key); a restore plan's snapshot has a checksum too.
    const { checksum } = JSON.parse(text);
    rt.logger.info(`Plan saved: ${path} (${content.items.length} changes${rt.keys ? ', signed' : ''})`);
    return { path, items: content.items.length, checksum };
}
const keyOf = (i) => `${i.kind}\u0000${i.id}`;
/**
 * stop --plan: changes the plan did not cover (drift since it was made). --on-drift fail refuses
 * them before any change; include (the default: halting more is the safe direction) goes on.
 */
function refuseDrift(rt, loaded, changes) {
    if (rt.settings.onDrift !== 'fail')
        return;
    const approved = new Set(loaded.plan.items.map(keyOf));
    const extra = changes.filter((c) => !approved.has(keyOf(c)));
    if (extra.length === 0)
        return;
    const names = extra.slice(0, 10).map((c) => `${c.kind} ${c.name} (${c.id})`);
    throw new errors_UsageError(`${extra.length} item(s) are active now but ${NOT_IN_PLAN} ${loaded.source} ` +
        `(${wording_option(rt.settings.face, 'onDrift', 'fail')}): ${names.join(', ')}` +
        `${extra.length > 10 ? ', …' : ''}. Nothing was changed; ${newPlan(rt.settings.face)}, ` +
        `or use ${wording_option(rt.settings.face, 'onDrift', 'include')}.`);
}
/** Mark what a stop --plan changed beyond the plan, and say so once in the warnings. */
function markUnplanned(rt, loaded, items, warnings) {
    const approved = new Set(loaded.plan.items.map(keyOf));
    const acted = (i) => i.outcome === 'changed' || i.outcome === 'failed';
    const marked = items.map((i) => acted(i) && !approved.has(keyOf(i))
        ? { ...i, unplanned: true, detail: [i.detail, NOT_IN_PLAN].filter(Boolean).join(' · ') }
        : i);
    const extra = marked.filter((i) => i.unplanned);
    if (extra.length > 0) {
        const names = extra.slice(0, 10).map((i) => `${i.kind} ${i.name}`);
        const message = `${extra.length} item(s) ${NOT_IN_PLAN} were active and halted too ` +
            `(${wording_option(rt.settings.face, 'onDrift', 'include')}): ` +
            `${names.join(', ')}${extra.length > 10 ? ', …' : ''}.`;
        rt.logger.warning(message, 'Not in the approved plan');
        warnings.push(message);
    }
    return marked;
}
/** The report's note of the plan a run applied. */
function appliedPlan({ plan, source }, items) {
    return {
        path: source,
        createdAt: plan.created_at,
        createdBy: plan.created_by,
        items: plan.items.length,
        unplanned: items.filter((i) => i.unplanned).length,
    };
}

;// CONCATENATED MODULE: ./src/engine/restore.ts















/**
 * restore: load and check the snapshot (schema, checksum, workspace) before anything else, then
 * per item compare what is there now with what the stop set: as left → put the pre-halt value
 * back; changed by hand → conflict, left as edited (unless --force); gone → reported. Then verify
 * by re-reading, and mark the snapshot restored when nothing is left to retry.
 */
async function restore(rt, startedAt, saved) {
    const { entry, snapshot } = saved ? await plannedSnapshot(rt, saved) : await pickSnapshot(rt);
    // Whichever way it was picked (open, named, follow-up, planned): refused whole before any write
    // if a record gives back more than a stop takes away (ADR 0008).
    refuseForgedRecords(snapshot, entry.name);
    rt.logger.info(`Restoring from ${entry.name} (taken ${snapshot.created_at}, ${snapshot.items.length} items)`);
    const inScope = new Set(rt.resources.map((r) => r.kind));
    const kinds = rt.resources.filter((r) => snapshot.items.some((i) => i.kind === r.kind));
    const { inventory, failures } = await rt.logger.group('List', () => listAll(rt, kinds));
    // A kind with recorded items that is not available now cannot be put back: that is a failure.
    const items = failures.map((f) => f.outcome === 'not_available' ? { ...f, outcome: 'failed', error: f.detail } : f);
    const expectations = [];
    // The stop's order, kind by kind: access and schedules come back before the compute they start.
    const restored = await rt.logger.group('Restore', () => withProgress(rt.logger, rt.clock, 'Restore', (progress) => inDependencyOrder(kinds.map((resource) => ({
        kind: resource.kind,
        after: resource.startedBy,
        run: () => restoreKind(rt, resource, snapshot.items, inventory, { expectations, progress }),
    })))));
    items.push(...restored.flat());
    const outOfScope = snapshot.items.filter((i) => !inScope.has(i.kind));
    for (const i of outOfScope) {
        items.push({
            kind: i.kind,
            id: i.id,
            name: i.name,
            outcome: 'unchanged',
            detail: 'kind not selected; still halted',
        });
    }
    if (!rt.settings.dryRun && expectations.length > 0) {
        await rt.logger.group('Verify', () => verifyRestore(rt, expectations));
    }
    const complete = outOfScope.length === 0 && !items.some((i) => i.outcome === 'failed');
    if (!rt.settings.dryRun)
        await finish(rt, entry, snapshot, complete);
    const planOut = rt.settings.dryRun && rt.settings.planOut
        ? await writePlan(rt, rt.settings.planOut, items, {
            name: entry.name,
            checksum: snapshot.checksum,
        })
        : undefined;
    return finishReport({
        ...reportHeader(rt, 'restore', startedAt),
        snapshot: { ...entry, restored: entry.restored || (complete && !rt.settings.dryRun) },
        items,
        warnings: [...adminRegrants(rt, snapshot, items), ...restoreWarnings(rt, entry, items)],
        census: restoreCensus(inventory, items),
        ...(planOut ? { planOut } : {}),
        ...(saved ? { plan: appliedPlan(saved, items) } : {}),
    });
}
async function pickSnapshot(rt) {
    if (rt.settings.snapshot) {
        const entry = await rt.store.resolve(rt.settings.snapshot);
        const snapshot = await loadSnapshot(rt.store, entry, rt.workspaceId, rt.keys);
        return { entry, snapshot };
    }
    const open = await openSnapshot(rt);
    if (open)
        return open;
    const [newest] = await rt.store.list(rt.workspaceId);
    // A follow-up of the last restore (docs/adr/0011-restore-follow-ups.md): its hints, `--force`
    // and `--restart-compute`, act on the newest snapshot although that one is marked restored.
    if (newest && (rt.settings.force || rt.settings.restartCompute)) {
        rt.logger.info(`No open halt: applying ${followUpFlags(rt)} to the last snapshot, ${newest.name} ` +
            '(already restored; only what is not back yet changes).');
        return {
            entry: newest,
            snapshot: await loadSnapshot(rt.store, newest, rt.workspaceId, rt.keys),
        };
    }
    const face = rt.settings.face;
    const last = newest
        ? ` The last snapshot, ${newest.name}, is already restored: ` +
            `${command(face, 'restore', wording_option(face, 'force'))} or ` +
            `${command(face, 'restore', wording_option(face, 'restartCompute'))} apply follow-ups to it.`
        : '';
    const other = face === 'action'
        ? `Name another one with ${optionName(face, 'snapshot')}.`
        : 'Name another one with --snapshot, or check --snapshot-dir.';
    throw new errors_UsageError(`No un-restored snapshot of workspace ${rt.workspaceId} in ${rt.store.description}.${last} ` +
        other);
}
/**
 * restore --plan: exactly the snapshot the plan was made from, even if a newer one exists; one
 * that is gone or no longer the same (checksum) is refused before any change.
 */
async function plannedSnapshot(rt, { plan, source }) {
    const wanted = plan.snapshot;
    if (!wanted)
        throw new errors_UsageError(`Plan ${source} names no snapshot. Nothing was changed.`);
    let entry;
    try {
        entry = await rt.store.resolve(wanted.name);
    }
    catch (e) {
        throw new errors_UsageError(`The snapshot plan ${source} restores, ${wanted.name}, is gone from ` +
            `${rt.store.description} (${errors_errorText(e)}). Nothing was changed.`);
    }
    const snapshot = await loadSnapshot(rt.store, entry, rt.workspaceId, rt.keys);
    if (snapshot.checksum !== wanted.checksum) {
        throw new errors_UsageError(`The snapshot plan ${source} restores, ${wanted.name}, has changed since the plan was made ` +
            `(checksum ${snapshot.checksum}, planned ${wanted.checksum}). Nothing was changed; ` +
            `${newPlan(rt.settings.face)}.`);
    }
    return { entry, snapshot };
}
function followUpFlags(rt) {
    const flags = [
        rt.settings.force ? wording_option(rt.settings.face, 'force') : '',
        rt.settings.restartCompute ? wording_option(rt.settings.face, 'restartCompute') : '',
    ];
    return flags.filter(Boolean).join(rt.settings.face === 'action' ? ', ' : ' ');
}
async function restoreKind(rt, resource, records, inventory, { expectations, progress }) {
    const mine = records.filter((r) => r.kind === resource.kind);
    const listed = inventory[resource.kind];
    if (!listed)
        return []; // listing failed: already reported once for the kind
    const current = new Map(listed.map((i) => [i.id, i]));
    if (mine.length > 0)
        rt.logger.info(`${resource.kind}: restoring ${mine.length}`);
    const gone = await goneNow(rt, resource, mine);
    if (Array.isArray(gone))
        return gone;
    progress.add(resource.kind, mine.length);
    progress.start(resource.kind);
    const reports = await mapLimit(mine, rt.settings.maxConcurrency, async (record) => {
        try {
            const now = current.get(record.id);
            return await restoreOne(rt, resource, record, now, expectations, gone.get(record.id));
        }
        finally {
            progress.tick(resource.kind);
        }
    });
    if (mine.length > 0)
        rt.logger.info(`${resource.kind}: ${tally(reports, (r) => r.outcome)}`);
    return reports;
}
/**
 * What the kind says is gone now (deactivated principals), read once per kind; if it cannot be
 * read, every record of the kind fails: without it a deactivated principal could get access back.
 */
async function goneNow(rt, resource, mine) {
    if (mine.length === 0 || !resource.goneNow)
        return new Map();
    try {
        return await resource.goneNow(rt.resCtx, mine);
    }
    catch (e) {
        const error = `cannot tell what is gone: ${errors_errorText(e)}`;
        rt.logger.error(`${resource.kind}: ${error}`);
        return mine.map((r) => ({ kind: r.kind, id: r.id, name: r.name, outcome: 'failed', error }));
    }
}
async function restoreOne(rt, resource, record, now, expectations, goneReason) {
    const { force, restartCompute, face } = rt.settings;
    const options = { force, restartCompute, ...(face ? { face } : {}) };
    const base = { kind: resource.kind, id: record.id, name: record.name };
    let decision;
    try {
        decision = resource.decideRestore(record, now, options);
    }
    catch (e) {
        // A record whose shape this kind cannot read: report it, touch nothing.
        return { ...base, outcome: 'failed', error: `unreadable record: ${errors_errorText(e)}` };
    }
    if (decision.write === undefined)
        return { ...base, outcome: decision.outcome, detail: decision.detail };
    if (goneReason !== undefined)
        return { ...base, outcome: 'gone', detail: goneReason };
    const change = { before: now?.state ?? null, after: decision.write };
    if (rt.settings.dryRun)
        return { ...base, outcome: 'planned', ...change, detail: decision.detail };
    return write(rt, resource, record, decision, now, expectations);
}
async function write(rt, resource, record, decision, current, expectations) {
    const base = { kind: resource.kind, id: record.id, name: record.name };
    // As found (null: not listed, e.g. a removed assignment) → the value put back.
    const change = { before: current?.state ?? null, after: decision.write };
    try {
        await resource.write(rt.resCtx, record, decision.write, current);
    }
    catch (e) {
        const error = errors_errorText(e);
        // Deleted between the listing and the write (a job, or a principal removed from the account).
        if (targetMissing(resource, e, record.id))
            return { ...base, outcome: 'gone', detail: `no longer exists (${error})` };
        rt.logger.error(`${resource.kind} ${record.name} (${record.id}): ${error}`);
        return { ...base, outcome: 'failed', ...change, detail: decision.detail, error };
    }
    const report = {
        ...base,
        outcome: decision.outcome,
        ...change,
        detail: decision.detail,
    };
    if (resource.matches) {
        expectations.push({ resource, id: record.id, expected: decision.write, report });
    }
    return report;
}
async function finish(rt, entry, snapshot, complete) {
    if (!complete) {
        rt.logger.warning(`${entry.name} is not marked restored (some items failed or were not selected); run restore again to retry them.`);
        return;
    }
    await markRestored(rt, entry, snapshot);
    // Snapshots this one was merged from are covered by it: a later stop must not merge with them.
    if (snapshot.merged_from.length === 0)
        return;
    const older = await rt.store.list(rt.workspaceId);
    for (const old of older) {
        if (old.restored || !snapshot.merged_from.includes(old.name))
            continue;
        try {
            await markRestored(rt, old, await loadSnapshot(rt.store, old, rt.workspaceId, rt.keys));
        }
        catch (e) {
            rt.logger.warning(`${old.name} (merged into ${entry.name}) was not marked: ${errors_errorText(e)}`);
        }
    }
}
/**
 * Workspace ADMIN given back (or, in a dry run, to be given back), on a line of its own in the
 * plan and the summary: the most powerful thing a restore does should never hide in a table.
 */
function adminRegrants(rt, snapshot, items) {
    const given = new Set(items
        .filter((i) => i.kind === 'permission_assignments')
        .filter((i) => i.outcome === 'changed' || i.outcome === 'planned')
        .map((i) => i.id));
    const admins = snapshot.items.filter((r) => r.kind === 'permission_assignments' &&
        given.has(r.id) &&
        r.before?.permissions?.includes('ADMIN'));
    if (admins.length === 0)
        return [];
    const names = admins.map((r) => `${r.name} (${r.id})`).join(', ');
    const line = rt.settings.dryRun
        ? `Workspace ADMIN would be given back to ${admins.length} principal(s): ${names}.`
        : `Workspace ADMIN given back to ${admins.length} principal(s): ${names}.`;
    rt.logger.info(line);
    return [line];
}

;// CONCATENATED MODULE: ./src/arm/cloud.ts

const ARM_ENDPOINTS = {
    public: 'https://management.azure.com',
    'us-gov': 'https://management.usgovcloudapi.net',
    china: 'https://management.chinacloudapi.cn',
};
const WORKSPACE_HOSTS = [
    [/\.azuredatabricks\.net$/i, 'public'],
    [/\.databricks\.azure\.us$/i, 'us-gov'],
    [/\.databricks\.azure\.cn$/i, 'china'],
];
/** The cloud of an Azure Databricks workspace URL; undefined for AWS, GCP or anything else. */
function azureCloudOf(workspaceUrl) {
    const host = new URL(workspaceUrl).hostname;
    return WORKSPACE_HOSTS.find(([pattern]) => pattern.test(host))?.[1];
}
/** The management scope tokens are asked for: `<endpoint>/.default` of the cloud. */
function armScope(cloud) {
    return `${ARM_ENDPOINTS[cloud]}/.default`;
}
/** An endpoint override (tests, a private ARM): https only, since a bearer token goes there. */
function checkedArmEndpoint(text) {
    let url;
    try {
        url = new URL(text);
    }
    catch {
        throw new errors_UsageError(`ARM endpoint "${text}" is not a URL (e.g. https://management.azure.com).`);
    }
    if (url.protocol !== 'https:' || url.username || url.password) {
        throw new errors_UsageError(`ARM endpoint ${url.origin} must be an https:// URL without credentials.`);
    }
    return url.origin;
}

;// CONCATENATED MODULE: ./src/host-policy.ts




/**
 * Where credentials may go. A PAT, an Entra client assertion (the GitHub ID token) and a
 * Databricks token exchange are only ever sent to Databricks and Microsoft hosts, or to loopback
 * (the emulator). Anything else is refused before any token is requested, unless the user names
 * the host in `--allow-host` / `allowed-hosts`; such a host is then named in the output.
 * See docs/adr/0009-provenance-and-host-allow-list.md.
 */
/** Workspace hosts of every Databricks cloud: AWS, Azure, GCP, AWS GovCloud, Azure Gov, Azure China. */
const DATABRICKS_WORKSPACE_DOMAINS = [
    'azuredatabricks.net',
    'cloud.databricks.com',
    'gcp.databricks.com',
    'cloud.databricks.us',
    'databricks.azure.us',
    'databricks.azure.cn',
];
/** Entra authority hosts of Microsoft's clouds: public, US Government, China (21Vianet). */
const MICROSOFT_AUTHORITY_HOSTS = [
    esm.AzureAuthorityHosts.AzurePublicCloud,
    esm.AzureAuthorityHosts.AzureGovernment,
    esm.AzureAuthorityHosts.AzureChina,
].map((url) => new URL(url).hostname);
/** Resource Manager hosts of Microsoft's clouds: public, US Government, China. */
const MICROSOFT_ARM_HOSTS = Object.values(ARM_ENDPOINTS).map((url) => new URL(url).hostname);
/** The hosts the user opted in to, lower case, from `host`, `host:port` or a URL. */
function parseAllowedHosts(entries) {
    return entries.map((entry) => {
        const text = entry.trim();
        try {
            return new URL(text.includes('://') ? text : `https://${text}`).hostname;
        }
        catch {
            throw new errors_UsageError(`Allowed host "${text}" is not a host name (e.g. databricks.corp.example).`);
        }
    });
}
/**
 * Check every host a credential will be sent to. Throws a SafetyError naming the first host that
 * is neither known nor opted in; returns the opted-in hosts in use, for the caller to name.
 */
function checkHosts(hosts, allowed) {
    const optedIn = new Set();
    const check = (url, known, what, expected) => {
        if (known || isLoopback(url))
            return;
        if (allowed.includes(url.hostname)) {
            optedIn.add(url.hostname);
            return;
        }
        throw new SafetyError(`Refusing to send credentials to ${what} ${url.host}: it is not ${expected}. If it really is ` +
            `yours (a private DNS name, a proxy), allow it explicitly: --allow-host ${url.hostname} ` +
            `(CLI) or the input allowed-hosts: ${url.hostname} (Action).`);
    };
    const workspace = checkedUrl(hosts.workspaceUrl, 'Workspace URL');
    check(workspace, onDatabricksDomain(workspace.hostname), 'workspace', `on a Databricks domain (${DATABRICKS_WORKSPACE_DOMAINS.map((d) => `*.${d}`).join(', ')})`);
    if (hosts.accountHost) {
        const account = checkedUrl(hosts.accountHost, 'Account host');
        const expected = accountHostFor(hosts.workspaceUrl);
        // The account host of the workspace's own cloud; a workspace of no known cloud (loopback, an
        // opted-in name) may use any cloud's.
        const known = expected
            ? account.origin === expected
            : ACCOUNT_HOST_VALUES.includes(account.origin);
        check(account, known && account.protocol === 'https:', 'account host', expected
            ? `${expected}, the account host of the workspace's cloud`
            : 'a Databricks account host');
    }
    if (hosts.authorityHost) {
        const authority = checkedUrl(hosts.authorityHost, 'Authority host');
        check(authority, MICROSOFT_AUTHORITY_HOSTS.includes(authority.hostname) && authority.protocol === 'https:', 'Entra authority host', `one of Microsoft's (${MICROSOFT_AUTHORITY_HOSTS.join(', ')})`);
    }
    if (hosts.armEndpoint) {
        const arm = checkedUrl(hosts.armEndpoint, 'ARM endpoint');
        check(arm, MICROSOFT_ARM_HOSTS.includes(arm.hostname) && arm.protocol === 'https:', 'Resource Manager endpoint', `one of Microsoft's (${MICROSOFT_ARM_HOSTS.join(', ')})`);
    }
    return [...optedIn];
}
/** The hosts of a run: the workspace, the account host if given, and Entra's if used. */
function checkSettingsHosts(settings, authorityHost, armEndpoint) {
    return checkHosts({
        workspaceUrl: settings.workspaceUrl,
        accountHost: settings.accountHost,
        authorityHost,
        armEndpoint,
    }, parseAllowedHosts(settings.allowHosts));
}
/** A warning naming the opted-in hosts in use, so a reviewer sees where credentials went. */
function warnOptedIn(logger, hosts) {
    if (hosts.length === 0)
        return;
    logger.warning(`Sending credentials to ${hosts.join(', ')}: not a Databricks or Microsoft host, allowed ` +
        'only because allowed-hosts (--allow-host) names it.', 'Host outside Databricks and Microsoft');
}
function onDatabricksDomain(hostname) {
    return DATABRICKS_WORKSPACE_DOMAINS.some((domain) => hostname.endsWith(`.${domain}`));
}

;// CONCATENATED MODULE: ./src/util/clock.ts
const systemClock = {
    now: () => Date.now(),
    sleep(ms, signal) {
        return new Promise((resolve, reject) => {
            if (signal?.aborted)
                return reject(signal.reason);
            const onAbort = () => {
                clearTimeout(timer);
                reject(signal.reason);
            };
            const timer = setTimeout(() => {
                signal?.removeEventListener('abort', onAbort);
                resolve();
            }, ms);
            signal?.addEventListener('abort', onAbort, { once: true });
        });
    },
};

;// CONCATENATED MODULE: ./src/databricks/rate-class.ts
/**
 * Rate-limit classes: groups of endpoints that share one server-side limit. Each class gets its
 * own adaptive limiter, so throttling on one (account writes) never slows another (job updates).
 * The emulator keys its token buckets by the same list.
 */
const RATE_CLASSES = [
    'account_write',
    'account_read',
    'scim',
    'jobs_read',
    'jobs_write',
    'runs',
    'clusters',
    'warehouses',
    'pools',
    'pipelines',
    'apps',
    'other',
];

;// CONCATENATED MODULE: ./src/databricks/concurrency-helper.ts


/** Traffic needed after resuming from a throttle before another one counts (one decrease). */
const MIN_GAP_MS = 1000;
/** Lowest start rate the limiter falls to (requests per second). */
const MIN_RATE = 1;
/** Pause for a throttle that came without Retry-After, in ms. */
const DEFAULT_PAUSE_MS = 1000;
const DECREASE = 0.8;
/** Start small: a first burst of `ceiling` requests into an empty bucket is a 429 storm. */
const INITIAL_WINDOW = 4;
/** Successes in the last second enough to learn a first rate before a second has passed. */
const FIRST_ESTIMATE_MIN = 8;
const PROBE_PER_SECOND = 0.02;
const MIN_PROBE_PER_SECOND = 0.05;
class ClassLimiter {
    ceiling;
    window;
    rate = Infinity;
    nextStartAt = 0;
    pausedUntil = 0;
    inFlight = 0;
    waiting = [];
    waking = false;
    clock;
    lastEventAt;
    firstStartAt;
    recentSuccesses = [];
    lastProbeAt = 0;
    /** When the class resumed after the last throttle, and the successes of requests sent since. */
    resumedAt;
    servedSinceResume = 0;
    latencyMs = 0;
    counters = { requests: 0, retries: 0, throttled: 0, peakInFlight: 0 };
    constructor(options) {
        this.ceiling = Math.max(1, Math.floor(options.ceiling));
        this.window = Math.min(this.ceiling, INITIAL_WINDOW);
        this.clock = options.clock ?? systemClock;
    }
    acquire(isRetry = false) {
        return new Promise((resolve) => {
            const start = () => {
                this.counters.requests++;
                if (isRetry)
                    this.counters.retries++;
                resolve(this.lease());
            };
            // A retry goes first: it has waited its turn once already.
            if (isRetry)
                this.waiting.unshift(start);
            else
                this.waiting.push(start);
            this.pump();
        });
    }
    stats() {
        return {
            ...this.counters,
            inFlight: this.inFlight,
            concurrency: Math.floor(this.window),
            ratePerSecond: Number.isFinite(this.rate) ? Math.round(this.rate * 100) / 100 : null,
        };
    }
    lease() {
        const startedAt = this.clock.now();
        this.firstStartAt ??= startedAt;
        let released = false;
        return {
            release: (outcome, retryAfterMs) => {
                if (released)
                    return;
                released = true;
                this.inFlight--;
                if (outcome === 'ok')
                    this.onSuccess(startedAt);
                if (outcome === 'throttled')
                    this.onThrottle(startedAt, retryAfterMs);
                this.pump();
            },
        };
    }
    pump() {
        while (this.waiting.length > 0 && this.inFlight < Math.floor(this.window)) {
            const now = this.clock.now();
            const readyAt = Math.max(this.pausedUntil, this.nextStartAt);
            if (readyAt > now)
                return this.wakeAt(readyAt - now);
            const start = this.waiting.shift();
            this.inFlight++;
            this.counters.peakInFlight = Math.max(this.counters.peakInFlight, this.inFlight);
            if (Number.isFinite(this.rate)) {
                // Never bank unused time: after a pause or an idle spell, pace from now.
                this.nextStartAt = Math.max(this.nextStartAt, now) + 1000 / this.rate;
            }
            start();
        }
    }
    wakeAt(delayMs) {
        if (this.waking)
            return;
        this.waking = true;
        void this.clock.sleep(Math.max(1, Math.ceil(delayMs))).then(() => {
            this.waking = false;
            this.pump();
        });
    }
    onSuccess(startedAt) {
        const now = this.clock.now();
        this.latencyMs =
            this.latencyMs === 0 ? now - startedAt : this.latencyMs * 0.9 + (now - startedAt) * 0.1;
        this.recentSuccesses.push(now);
        if (this.resumedAt !== undefined && startedAt >= this.resumedAt)
            this.servedSinceResume++;
        if (this.recentSuccesses.length > 4096)
            this.recentSuccesses = this.recentSuccesses.slice(-2048);
        // Slow start (one more slot per success) until the first throttle, then one per window.
        const step = this.lastEventAt === undefined ? 1 : 1 / Math.max(1, this.window);
        this.window = Math.min(this.ceiling, this.window + step);
        this.probe(now);
    }
    /** Additive increase, only while demand is waiting on the pace (an idle class learns nothing). */
    probe(now) {
        if (!Number.isFinite(this.rate))
            return;
        const seconds = Math.min(1, (now - this.lastProbeAt) / 1000);
        this.lastProbeAt = now;
        if (this.waiting.length === 0 || now < this.pausedUntil)
            return;
        this.rate += Math.max(MIN_PROBE_PER_SECOND, this.rate * PROBE_PER_SECOND) * seconds;
    }
    onThrottle(startedAt, retryAfterMs) {
        const now = this.clock.now();
        this.counters.throttled++;
        this.pausedUntil = Math.max(this.pausedUntil, now + (retryAfterMs ?? DEFAULT_PAUSE_MS));
        // Requests already in flight when we last slowed down say nothing new about the limit, and
        // a throttle needs a second of traffic at the new pace before it says anything about that.
        const last = this.lastEventAt;
        const resumed = this.resumedAt ?? last;
        if (last !== undefined && (startedAt < last || now - resumed < MIN_GAP_MS))
            return;
        this.rate = this.decreasedRate(now);
        const needed = Number.isFinite(this.rate)
            ? Math.ceil((this.rate * this.latencyMs) / 1000) + 1
            : 1;
        this.window = Math.min(this.ceiling, Math.max(1, needed, this.window / 2));
        this.lastEventAt = now;
        this.lastProbeAt = now;
        this.resumedAt = this.pausedUntil;
        this.servedSinceResume = 0;
    }
    decreasedRate(now) {
        if (Number.isFinite(this.rate)) {
            // What the server served since we resumed is a floor for the cut: a token bucket serves
            // its rate (plus the burst it refilled during the pause), and a server that only throttles
            // now and then (random 429s) served nearly everything, so the pace must not collapse.
            const seconds = this.resumedAt === undefined ? 0 : (now - this.resumedAt) / 1000;
            const served = seconds > 0 ? Math.min(this.rate, this.servedSinceResume / seconds) : 0;
            return Math.max(MIN_RATE, this.rate * DECREASE, served);
        }
        // First throttle: we were unpaced. What the server let through in the last second is its
        // rate plus whatever of its burst was left: a fair first guess that later throttles correct.
        // A handful of answers in the first moments (a throttle storm at the start, someone else
        // emptying the bucket) says nothing yet: pause, and stay unpaced.
        const count = this.recentSuccesses.filter((t) => t >= now - 1000).length;
        const sending = now - (this.firstStartAt ?? now);
        if (count >= FIRST_ESTIMATE_MIN || (sending >= 1000 && count >= 2)) {
            return Math.max(MIN_RATE, count);
        }
        return Infinity;
    }
}
/** One limiter per rate class. */
class RateLimiters {
    options;
    limiters = new Map();
    constructor(options) {
        this.options = options;
    }
    for(rateClass) {
        let limiter = this.limiters.get(rateClass);
        if (!limiter) {
            limiter = new ClassLimiter(this.options);
            this.limiters.set(rateClass, limiter);
        }
        return limiter;
    }
    stats() {
        const out = {};
        for (const rateClass of RATE_CLASSES) {
            const limiter = this.limiters.get(rateClass);
            if (limiter)
                out[rateClass] = limiter.stats();
        }
        return out;
    }
}

;// CONCATENATED MODULE: ./src/databricks/query.ts
/**
 * Encode as the Databricks API expects:
 * `{filter_by: {cluster_states: ['RUNNING', 'PENDING']}}` →
 * `filter_by.cluster_states=RUNNING&filter_by.cluster_states=PENDING`. Undefined/null are left out.
 */
function encodeQuery(params) {
    if (!params)
        return '';
    const search = new URLSearchParams();
    for (const [key, value] of Object.entries(params))
        append(search, key, value);
    const text = search.toString();
    return text ? `?${text}` : '';
}
function append(search, key, value) {
    if (value === undefined || value === null)
        return;
    if (Array.isArray(value)) {
        for (const item of value)
            append(search, key, item);
        return;
    }
    if (typeof value === 'object') {
        for (const [child, v] of Object.entries(value))
            append(search, `${key}.${child}`, v);
        return;
    }
    search.append(key, String(value));
}

;// CONCATENATED MODULE: ./src/databricks/retry-helper.ts

const DEFAULT_RETRY_BUDGET_MS = 300_000;
const DEFAULT_MAX_ATTEMPTS = 20;
const BACKOFF_BASE_MS = 250;
const BACKOFF_CAP_MS = 10_000;
const TRANSIENT_STATUS = new Set([0, 429, 502, 503, 504]);
/** Transient at any status: databricks-sdk-go apierr/error_overrides.go `allTransientErrors`. */
const SDK_TRANSIENT_MESSAGES = [
    /com\.databricks\.backend\.manager\.util\.UnknownWorkerEnvironmentException/,
    /does not have any associated worker environments/,
    /There is no worker environment with id/,
    /Unknown worker environment/,
    /ClusterNotReadyException/,
    /worker env .* not found/,
    /Timed out after /,
    /deadline exceeded/,
    /worker environment not ready/i,
    // Jobs: unpausing a continuous job while its run is being started.
    /a concurrent request to run the continuous job is already in progress/i,
];
/** Server codes that mean "try again", when sent with a 5xx. */
const TRANSIENT_5XX_CODES = /REQUEST_LIMIT_EXCEEDED|TEMPORARILY_UNAVAILABLE/;
function isTransientMessage(message) {
    return SDK_TRANSIENT_MESSAGES.some((re) => re.test(message));
}
function isTransient(e, options, now = Date.now()) {
    if (e.status === 401)
        return false;
    // An unknown host or an untrusted certificate will not mend within a retry budget.
    if (e.status === 0 && e.error_code === 'CONNECTION_FAILED')
        return false;
    if (options.idempotent === false)
        return certainlyNotRun(e);
    if (TRANSIENT_STATUS.has(e.status) || isThrottled(e))
        return true;
    if (e.status === 403) {
        return options.retryForbiddenUntil !== undefined && now < options.retryForbiddenUntil;
    }
    if (isTransientMessage(e.message))
        return true;
    if (e.status >= 500 && TRANSIENT_5XX_CODES.test(`${e.error_code} ${e.message}`))
        return true;
    return options.retryIf?.(e) ?? false;
}
/** Throttled (the service refused it unread) or the connection was refused (never sent). */
function certainlyNotRun(e) {
    if (e.status === 429 || isThrottled(e))
        return true;
    return e.status === 0 && /ECONNREFUSED/.test(e.message);
}
/** Exponential backoff with full jitter: uniform in [0, min(cap, base * 2^(attempt-1))]. */
function backoffMs(attempt, random = Math.random) {
    const ceiling = Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** Math.max(0, attempt - 1));
    return Math.round(random() * ceiling);
}
/** Milliseconds to wait before the next attempt, or undefined to give up. */
function nextDelay(e, attempt, startedAt, options, now = Date.now()) {
    if (!isTransient(e, options, now))
        return undefined;
    if (attempt >= (options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS))
        return undefined;
    // A server-given wait is honoured exactly; a little jitter spreads the retries of a burst.
    const delay = e.retryAfterMs !== undefined
        ? e.retryAfterMs + Math.round(Math.random() * 50)
        : backoffMs(attempt);
    const deadline = startedAt + (options.budgetMs ?? DEFAULT_RETRY_BUDGET_MS);
    if (now + delay > deadline)
        return undefined;
    if (e.status === 403 && now + delay > options.retryForbiddenUntil)
        return undefined;
    return delay;
}

;// CONCATENATED MODULE: ./src/databricks/unreachable.ts

/**
 * What a host that has never answered most likely suffers from, for one actionable line. Node's
 * fetch puts the socket's code (ECONNREFUSED, ENOTFOUND, a TLS code) on `cause`.
 */
function likelyCause(host, code, timeoutMs) {
    const url = new URL(host);
    const hostPort = `${url.hostname}:${url.port || (url.protocol === 'https:' ? 443 : 80)}`;
    if (timeoutMs !== undefined) {
        return (`no answer within ${timeoutMs / 1000} s: a firewall or proxy drops the connection, or a ` +
            `private-link workspace is not reachable from this network (raise --timeout if it is only slow)`);
    }
    if (code === 'ECONNREFUSED') {
        return `connection refused: nothing accepts connections on ${hostPort}; check the URL and its port`;
    }
    if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') {
        return `DNS failure: ${url.hostname} does not resolve; check the URL for a typo`;
    }
    if (code !== undefined && /WRONG_VERSION_NUMBER|ERR_SSL_|EPROTO/.test(code)) {
        return `wrong scheme: ${hostPort} does not speak HTTPS; check the URL's scheme and port`;
    }
    if (code !== undefined && /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|ERR_TLS/.test(code)) {
        return (`TLS failure (${code}): the certificate of ${url.hostname} is not trusted; behind a proxy ` +
            `that inspects TLS, set NODE_EXTRA_CA_CERTS to its CA file`);
    }
    if (url.protocol === 'http:') {
        return `the connection closed without an answer (${code ?? 'no code'}); if ${hostPort} serves HTTPS, use https://`;
    }
    return `the connection failed (${code ?? 'no code'})`;
}
/** Codes that will not mend while a host has never answered: give up at once, not after 80 s. */
const FIRST_CONTACT_FATAL = /^(ECONNREFUSED|ENOTFOUND|EAI_AGAIN|EPROTO|ERR_INVALID_URL)$|CERT|SELF_SIGNED|UNABLE_TO_VERIFY|ERR_TLS|ERR_SSL_|WRONG_VERSION/;
/** The socket's error code under fetch's "fetch failed" (in `cause.cause`). */
function networkCode(e) {
    return e.cause?.cause?.code;
}
/**
 * A host that never answered: the same network error, now naming the likely cause, and bad
 * input for the faces (exit 2, read from `exitCode` as for UsageError). A GET changes nothing
 * even if it arrived, and the first request to each host is one: so "nothing was changed".
 */
function unreachableHost(host, e, timeoutMs) {
    const nothing = e.method === 'GET' ? ' Nothing was changed.' : '';
    const error = new DatabricksError({
        status: 0,
        error_code: e.error_code,
        message: `Cannot reach ${host}: ${likelyCause(host, networkCode(e), timeoutMs)}.${nothing}`,
        method: e.method,
        path: e.path,
        cause: e.cause,
    });
    error.attempts = e.attempts;
    return Object.assign(error, { exitCode: 2 });
}

;// CONCATENATED MODULE: ./src/databricks/client.ts








const DEFAULT_TIMEOUT_MS = 60_000;
/**
 * Until a host has answered once, a request gets at most this long, and no retry budget beyond
 * it: a wrong URL, a closed port or a blocked network fails in seconds with its likely cause,
 * not after 80 s of retries (see docs/troubleshooting.md).
 */
const FIRST_CONTACT_MS = 20_000;
const USER_AGENT = 'databricks-halt/0.1';
/** One Databricks host. Retries, per-class adaptive concurrency and lossless int64 JSON. */
class DatabricksClient {
    host;
    audience;
    accountId;
    tokens;
    limiters;
    timeoutMs;
    retry;
    logger;
    clock;
    headers;
    /** Whether this host has sent any HTTP response yet. */
    answered = false;
    constructor(options) {
        this.headers = { ...options.headers };
        this.host = checkBaseUrl(options.host);
        this.audience = options.audience;
        this.accountId = options.accountId;
        this.tokens = options.tokens;
        this.clock = options.clock ?? systemClock;
        this.limiters = new RateLimiters({ ceiling: options.maxConcurrency ?? 16, clock: this.clock });
        this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
        this.retry = options.retry ?? {};
        this.logger = options.logger;
    }
    /** `/api/2.0/accounts/{account_id}`: where the paths of the account API start. */
    accountPath() {
        if (!this.accountId)
            throw new Error('The account client has no account id');
        return `/api/2.0/accounts/${encodeURIComponent(this.accountId)}`;
    }
    /** Per rate class: requests, retries, 429s met, in flight, current concurrency and rate. */
    stats() {
        return this.limiters.stats();
    }
    get(path, query, options) {
        return this.request({ ...options, method: 'GET', path, query });
    }
    post(path, body, options) {
        return this.request({ ...options, method: 'POST', path, body: body ?? {} });
    }
    put(path, body, options) {
        return this.request({ ...options, method: 'PUT', path, body: body ?? {} });
    }
    patch(path, body, query, options) {
        return this.request({ ...options, method: 'PATCH', path, body, query });
    }
    delete(path, query, options) {
        return this.request({ ...options, method: 'DELETE', path, query });
    }
    async request(spec) {
        return (await this.requestWithHeaders(spec)).body;
    }
    /** The full response, for callers that need headers (x-databricks-org-id). */
    async requestWithHeaders(spec) {
        const retry = { ...this.retry, ...spec.retry };
        const limiter = this.limiters.for(spec.rateClass ?? 'other');
        // The retry budget runs from the first attempt, not from the call: a call may queue behind
        // minutes of throttled work in its class before it is sent at all.
        let startedAt;
        for (let attempt = 1;; attempt++) {
            const lease = await limiter.acquire(attempt > 1);
            startedAt ??= this.clock.now();
            try {
                return await this.attempt(spec, lease);
            }
            catch (e) {
                if (!(e instanceof DatabricksError))
                    throw e;
                e.attempts = attempt;
                const firstContact = !this.answered && e.status === 0;
                const delay = firstContact
                    ? this.firstContactDelay(e, attempt, startedAt, retry)
                    : nextDelay(e, attempt, startedAt, retry, this.clock.now());
                if (delay === undefined) {
                    if (!firstContact)
                        throw e;
                    const timeout = e.error_code === 'TIMEOUT' ? this.attemptTimeout(spec) : undefined;
                    throw unreachableHost(this.host, e, timeout);
                }
                this.logger?.debug(`retrying ${e.describe()} in ${delay} ms (attempt ${attempt + 1})`);
                await this.clock.sleep(delay, spec.signal);
            }
        }
    }
    /** Before the first answer: refused, DNS, TLS, wrong scheme end at once; the rest get 20 s. */
    firstContactDelay(e, attempt, startedAt, retry) {
        if (FIRST_CONTACT_FATAL.test(networkCode(e) ?? ''))
            return undefined;
        const budgetMs = Math.min(retry.budgetMs ?? FIRST_CONTACT_MS, FIRST_CONTACT_MS);
        return nextDelay(e, attempt, startedAt, { ...retry, budgetMs }, this.clock.now());
    }
    attemptTimeout(spec) {
        const timeout = spec.timeoutMs ?? this.timeoutMs;
        return this.answered ? timeout : Math.min(timeout, FIRST_CONTACT_MS);
    }
    async attempt(spec, lease) {
        let outcome = 'error';
        let retryAfterMs;
        try {
            const response = await this.send(spec);
            outcome = 'ok';
            return response;
        }
        catch (e) {
            if (e instanceof DatabricksError && isThrottled(e)) {
                outcome = 'throttled';
                retryAfterMs = e.retryAfterMs;
            }
            throw e;
        }
        finally {
            lease.release(outcome, retryAfterMs);
        }
    }
    async send(spec) {
        spec.signal?.throwIfAborted();
        const token = await this.tokens.getToken(this.audience);
        const url = `${this.host}${spec.path}${encodeQuery(spec.query)}`;
        const headers = {
            ...this.headers,
            Authorization: `Bearer ${token}`,
            Accept: 'application/json',
            'User-Agent': USER_AGENT,
        };
        if (spec.body !== undefined)
            headers['Content-Type'] = 'application/json';
        // An own timer, cleared as soon as the body is read: AbortSignal.timeout would keep every
        // request's signal (and what fetch hangs on it) alive for the whole timeout.
        const controller = new AbortController();
        let timedOut = false;
        const timer = setTimeout(() => {
            timedOut = true;
            controller.abort();
        }, this.attemptTimeout(spec));
        const onAbort = () => controller.abort(spec.signal?.reason);
        spec.signal?.addEventListener('abort', onAbort, { once: true });
        let response;
        let text;
        try {
            response = await fetch(url, {
                method: spec.method,
                headers,
                body: spec.body === undefined ? undefined : stringifyJson(spec.body),
                signal: controller.signal,
            });
            this.answered = true;
            text = await response.text();
        }
        catch (e) {
            if (spec.signal?.aborted)
                throw e;
            throw networkError(spec, e, timedOut);
        }
        finally {
            clearTimeout(timer);
            spec.signal?.removeEventListener('abort', onAbort);
        }
        if (response.status >= 400)
            throw httpError(spec, response, text);
        return { status: response.status, headers: response.headers, body: parseBody(spec, text) };
    }
}
function parseBody(spec, text) {
    if (text.trim() === '')
        return {};
    try {
        return parseJson(text);
    }
    catch {
        throw new DatabricksError({
            status: 200,
            error_code: 'MALFORMED_RESPONSE',
            message: 'The response body is not JSON',
            method: spec.method,
            path: spec.path,
        });
    }
}
function httpError(spec, response, text) {
    const parsed = parseErrorBody(response.status, text);
    const retryAfterMs = parseRetryAfter(response.headers.get('retry-after')) ?? parsed.retryDelayMs;
    return new DatabricksError({
        status: response.status,
        error_code: parsed.error_code,
        message: parsed.message,
        requestId: parsed.requestId ?? response.headers.get('x-request-id') ?? undefined,
        retryAfterMs,
        method: spec.method,
        path: spec.path,
    });
}
/** Failures no retry can mend: the host name does not resolve, or its certificate is not trusted. */
const PERMANENT_NETWORK = /^(ENOTFOUND|ERR_INVALID_URL)$|CERT|SELF_SIGNED|UNABLE_TO_VERIFY|ERR_TLS/;
function networkError(spec, e, timedOut) {
    // Duck-typed: fetch's errors come from another realm under test runners (instanceof fails).
    const error = e;
    const code = error?.cause?.code;
    const detail = code ?? error?.cause?.message ?? error?.message ?? String(e);
    const permanent = code !== undefined && PERMANENT_NETWORK.test(code);
    return new DatabricksError({
        status: 0,
        error_code: timedOut ? 'TIMEOUT' : permanent ? 'CONNECTION_FAILED' : 'NETWORK_ERROR',
        message: timedOut ? 'The request timed out' : `No response: ${detail}`,
        method: spec.method,
        path: spec.path,
        cause: e,
    });
}
/** Normalise a base URL; plain http is allowed only to loopback (the emulator). */
function checkBaseUrl(raw) {
    const url = checkedUrl(raw, 'Host URL');
    return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}

;// CONCATENATED MODULE: ./src/databricks/clients.ts


/** The workspace and account clients the engine uses. Each host has its own per-class limiters. */
function createClients(options) {
    const workspace = options.workspace ?? createWorkspaceClient(options);
    const accountHost = options.accountHost ?? accountHostFor(options.workspaceUrl);
    const account = accountHost
        ? new DatabricksClient({
            ...common(options),
            host: accountHost,
            audience: 'account',
            accountId: options.accountId,
        })
        : undefined;
    return { workspace, account };
}
/** The workspace client alone: enough to learn who the caller is and which account this is. */
function createWorkspaceClient(options) {
    return new DatabricksClient({
        ...common(options),
        host: options.workspaceUrl,
        audience: 'workspace',
        ...(options.routeWorkspaceId
            ? { headers: { 'X-Databricks-Workspace-Id': options.routeWorkspaceId } }
            : {}),
    });
}
function common(options) {
    return {
        tokens: options.tokens,
        maxConcurrency: options.maxConcurrency,
        timeoutMs: options.timeoutMs,
        logger: options.logger,
        retry: options.retry,
        clock: options.clock,
    };
}

;// CONCATENATED MODULE: ./src/databricks/workspace-metadata.ts
/**
 * GET /.well-known/databricks-config (newer hosts only). Any failure answers undefined, as the
 * SDKs do: older hosts do not serve it. At most one quick retry (10 s in all).
 */
async function getHostMetadata(workspace, options) {
    try {
        const body = await workspace.get('/.well-known/databricks-config', undefined, {
            rateClass: 'other',
            timeoutMs: 10_000,
            retry: { maxAttempts: 2, budgetMs: 10_000 },
            ...options,
        });
        // workspace_id is an int64 key: parseJson already reads it as a decimal string.
        return body && typeof body === 'object' ? body : undefined;
    }
    catch {
        return undefined;
    }
}

;// CONCATENATED MODULE: ./src/engine/runtime.ts











const REAL_CLOCK = {
    now: () => Date.now(),
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};
function kindsInScope(settings) {
    const only = settings.only && settings.only.length > 0 ? settings.only : RESOURCE_KINDS;
    const kinds = RESOURCE_KINDS.filter((k) => only.includes(k) && !settings.skip.includes(k));
    if (kinds.length === 0) {
        const what = settings.face === 'action' ? 'The resources input leaves' : '--only/--skip leave';
        throw new errors_UsageError(`${what} no resource kind to act on.`);
    }
    return kinds;
}
function checkedSettings(settings) {
    const parsed = SettingsSchema.safeParse(settings);
    if (!parsed.success) {
        const issue = parsed.error.issues[0];
        throw new errors_UsageError(`Invalid setting ${issue.path.join('.')}: ${issue.message}`);
    }
    return parsed.data;
}
/**
 * Everything a mode needs before it may change anything: checked settings, clients, who the
 * caller is, and which workspace this really is (URL, --workspace-id and the server's own
 * x-databricks-org-id must agree).
 */
async function setup(input) {
    const settings = checkedSettings(input.settings);
    const workspaceUrl = normalizeWorkspaceUrl(settings.workspaceUrl);
    const kinds = kindsInScope(settings);
    const needsAccount = kinds.includes('permission_assignments') && settings.mode !== 'network';
    const accountHost = needsAccount
        ? resolveAccountHost(workspaceUrl, settings.accountHost)
        : settings.accountHost;
    // Again here, so a Settings made by any face gets it before the first request carries a token.
    checkSettingsHosts({ ...settings, workspaceUrl, accountHost });
    // The account client waits until the account id is known; the workspace client tells us it.
    const workspace = createWorkspaceClient(clientOptions(input, settings, workspaceUrl));
    const me = await whoAmI(workspace, workspaceUrl, settings.face);
    let accountId = settings.accountId;
    let metadataId;
    if (!accountId || !me.orgId) {
        const metadata = await getHostMetadata(workspace);
        accountId ??= metadata?.account_id;
        metadataId = metadata?.workspace_id;
    }
    const clients = createClients({
        ...clientOptions(input, settings, workspaceUrl),
        accountHost,
        accountId,
        workspace,
    });
    if (needsAccount && !accountId) {
        throw new errors_UsageError('The account id is needed to change permission assignments: pass ' +
            `${optionName(settings.face, 'accountId')} (account console → top right), or ` +
            `${skipKind(settings.face, 'permission_assignments')}.`);
    }
    const workspaceId = resolveWorkspaceId({
        given: settings.workspaceId,
        workspaceUrl,
        orgIdHeader: me.orgId ?? metadataId,
    });
    const resources = RESOURCES.filter((r) => kinds.includes(r.kind));
    const resCtx = { clients, settings, logger: input.logger, workspaceId };
    return {
        settings,
        logger: input.logger,
        store: input.store,
        ...(input.snapshotKeys ? { keys: input.snapshotKeys } : {}),
        version: input.version,
        resCtx,
        workspaceUrl,
        workspaceId,
        accountId,
        caller: me.caller,
        workspaceNow: () => Date.now() + me.clockOffsetMs,
        resources,
        timing: {
            verifyTimeoutMs: input.timing?.verifyTimeoutMs ?? 600_000,
            pollIntervalMs: input.timing?.pollIntervalMs ?? 5_000,
            networkPollIntervalMs: input.timing?.networkPollIntervalMs ?? 30_000,
            clock: input.timing?.clock ?? REAL_CLOCK,
        },
        arm: { ...input.arm, credential: input.arm?.credential ?? input.tokens.azureCredential },
        clock: input.clock ?? systemClock,
    };
}
function clientOptions(input, settings, workspaceUrl) {
    const routing = workspaceRouting(workspaceUrl);
    return {
        workspaceUrl: routing.host,
        ...(routing.workspaceId ? { routeWorkspaceId: routing.workspaceId } : {}),
        tokens: input.tokens,
        maxConcurrency: settings.maxConcurrency,
        timeoutMs: settings.requestTimeoutSeconds === undefined
            ? undefined
            : settings.requestTimeoutSeconds * 1000,
        logger: input.logger,
    };
}
async function whoAmI(workspace, workspaceUrl, face) {
    try {
        const me = await getMe(workspace);
        const caller = {
            id: String(me.user.id),
            userName: me.user.userName ?? String(me.user.id),
            ...(me.user.displayName ? { displayName: me.user.displayName } : {}),
        };
        const clockOffsetMs = me.serverTime === undefined ? 0 : me.serverTime - Date.now();
        return { caller, ...(me.orgId ? { orgId: me.orgId } : {}), clockOffsetMs };
    }
    catch (e) {
        if (isUnauthenticated(e) || isPermissionDenied(e)) {
            throw new errors_UsageError(`Cannot sign in to ${workspaceUrl} (${errors_errorText(e)}). Check the credentials (${optionName(face, 'auth')}) and ` +
                'that the caller has access to this workspace. Nothing was changed.');
        }
        throw e;
    }
}

;// CONCATENATED MODULE: ./src/engine/local-users.ts



/**
 * Workspace-local users: in the workspace's own directory but not in the account, so the account
 * permission-assignment API cannot see them and a halt cannot remove their access. They are found
 * by listing the workspace's users and the account's (by id, then by user name) and reported, so
 * the person halting knows who still gets in. Never fatal: a failed check is a warning too.
 */
async function localUserWarnings(rt) {
    const account = rt.resCtx.clients.account;
    if (!account || !rt.resources.some((r) => r.kind === 'permission_assignments'))
        return [];
    try {
        const attributes = 'id,userName';
        const [local, known] = await Promise.all([
            collect(listWorkspaceUsers(rt.resCtx.clients.workspace, { attributes })),
            collect(listAccountScim(account, 'Users', { attributes })),
        ]);
        const ids = new Set(known.map((u) => u.id));
        const names = new Set(known.map((u) => u.userName?.toLowerCase()));
        const outside = local.filter((u) => !ids.has(u.id) && !names.has(u.userName?.toLowerCase()));
        if (outside.length === 0)
            return [];
        const list = outside.map((u) => `${u.userName ?? '?'} (${u.id})`).join(', ');
        const warning = `${outside.length} workspace-local user(s) are not in the account, so the account API ` +
            `cannot see or remove their access and the halt leaves them able to sign in: ${list}. ` +
            'Remove them in the workspace admin settings (Identity and access → Users) if they must ' +
            'be locked out.';
        rt.logger.warning(warning, 'Workspace-local users keep their access');
        return [warning];
    }
    catch (e) {
        const warning = `Could not check for workspace-local users: ${errors_errorText(e)}`;
        rt.logger.warning(warning);
        return [warning];
    }
}

;// CONCATENATED MODULE: ./src/engine/show.ts






/**
 * show: what is there and what is active. With --active only what a stop would still have to halt
 * (active and not kept; report-only kinds that run are listed too, as they cannot be stopped); with
 * --fail-if-active the exit code is 1 when anything haltable is active (the runbook's gate).
 */
async function show(rt, startedAt) {
    const { inventory, failures } = await rt.logger.group('List', () => listAll(rt));
    const { inherited, notes } = await openKeepList(rt);
    const { warnings } = await markKeptPrincipals(rt, inventory, false, inherited);
    warnings.unshift(...notes);
    warnings.push(...(await localUserWarnings(rt)));
    const items = [...failures];
    for (const resource of rt.resources) {
        for (const item of inventory[resource.kind] ?? []) {
            const base = { kind: resource.kind, id: item.id, name: item.name, detail: item.detail };
            if (resource.reportOnly)
                items.push({ ...base, outcome: item.active ? 'report_only' : 'inactive' });
            else if (item.kept)
                items.push({ ...base, outcome: 'kept', detail: `${item.detail}; ${item.kept}` });
            else
                items.push({ ...base, outcome: item.active ? 'active' : 'inactive' });
        }
    }
    const shown = rt.settings.active
        ? items.filter((i) => ['active', 'report_only', 'failed'].includes(i.outcome))
        : items;
    const report = finishReport({
        ...reportHeader(rt, 'show', startedAt),
        items: shown,
        warnings,
    });
    // show only fails as a gate (or when it could not list): active items are not failures otherwise,
    // nor is a kind the workspace does not have (not_available).
    const gate = rt.settings.failIfActive && report.counts.active > 0;
    const listFailed = failures.some((f) => f.outcome === 'failed');
    return { ...report, exitCode: gate || listFailed ? 1 : 0 };
}
/**
 * While a halt is open, show judges "active" against that halt's keep list, so the runbook's gate
 * (`show --fail-if-active`) passes without repeating --keep. An unreadable snapshot does not stop
 * show (it changes nothing); it is warned about, and only --keep counts then.
 */
async function openKeepList(rt) {
    try {
        const open = await openSnapshot(rt);
        return { inherited: open?.snapshot.kept_principals ?? [], notes: [] };
    }
    catch (e) {
        const note = `The open snapshot cannot be read (${errors_errorText(e)}); only ` +
            `${optionName(rt.settings.face, 'keep')} counts as kept.`;
        rt.logger.warning(note);
        return { inherited: [], notes: [note] };
    }
}

;// CONCATENATED MODULE: ./src/engine/status.ts



/**
 * status: is the workspace halted, by which snapshot, and what of the halt no longer holds. An
 * active item the open snapshot recorded "came back" (someone woke it); an active item it did not
 * record is "new" since the halt. Both are drift; `--fail-on-drift` makes either exit 1.
 *
 * The open snapshot is found, and trusted, exactly as stop and restore find it: an unsigned or
 * forged one is refused (openSnapshot throws), never reported on. Kept principals are the open
 * snapshot's keep list plus --keep, as for show and a second stop.
 */
async function status_status(rt, startedAt) {
    const open = await openSnapshot(rt);
    const header = reportHeader(rt, 'status', startedAt);
    if (!open) {
        const report = finishReport({ ...header, items: [], warnings: [], status: { halted: false } });
        return { ...report, exitCode: 0 };
    }
    const { inventory, failures } = await rt.logger.group('List', () => listAll(rt));
    const { warnings } = await markKeptPrincipals(rt, inventory, false, open.snapshot.kept_principals);
    const recorded = new Set(open.snapshot.items.map((i) => `${i.kind}\u0000${i.id}`));
    const items = [...failures];
    for (const resource of rt.resources) {
        // Report-only kinds cannot be halted, so they are neither recorded nor drift.
        if (resource.reportOnly)
            continue;
        for (const item of inventory[resource.kind] ?? []) {
            if (!item.active || item.kept)
                continue;
            const cameBack = recorded.has(`${resource.kind}\u0000${item.id}`);
            items.push({
                kind: resource.kind,
                id: item.id,
                name: item.name,
                detail: item.detail,
                outcome: 'active',
                drift: cameBack ? 'came_back' : 'new',
            });
        }
    }
    const report = finishReport({
        ...header,
        items,
        warnings,
        status: statusOf(open.entry.name, open.snapshot, items),
    });
    const drift = items.some((i) => i.drift !== undefined);
    const listFailed = failures.some((f) => f.outcome === 'failed');
    return { ...report, exitCode: (rt.settings.failOnDrift && drift) || listFailed ? 1 : 0 };
}
function statusOf(name, snapshot, items) {
    const kinds = {};
    for (const item of items) {
        if (!item.drift)
            continue;
        const counts = (kinds[item.kind] ??= { came_back: 0, new: 0 });
        counts[item.drift]++;
    }
    return {
        halted: true,
        snapshot: {
            name,
            created_at: snapshot.created_at,
            created_by: snapshot.caller.user_name,
            kept_principals: snapshot.kept_principals,
            items: snapshot.items.length,
        },
        drift: items.filter((i) => i.drift).length,
        kinds,
    };
}

;// CONCATENATED MODULE: ./src/engine/merge.ts
const merge_keyOf = (item) => `${item.kind}\u0000${item.id}`;
/**
 * Stop twice: combine the records of the latest un-restored snapshot with this stop's. The
 * earliest recorded pre-halt value wins (the second stop sees a halted workspace and would record
 * "paused" as the value to go back to, which is how the original script lost the way back); the
 * value set last is the one restore will compare against. Records of the earlier stop that this
 * one did not touch are carried over unchanged, so nothing it recorded is ever dropped.
 */
function mergeRecords(earlier, now, resources) {
    const previous = new Map(earlier.map((item) => [merge_keyOf(item), item]));
    const merged = [];
    const seen = new Set();
    for (const item of now) {
        const key = merge_keyOf(item);
        seen.add(key);
        const old = previous.get(key);
        if (!old) {
            merged.push(item);
            continue;
        }
        const resource = resources.get(item.kind);
        const values = resource?.merge
            ? resource.merge(old, item)
            : { before: old.before, after: item.after };
        merged.push({ ...item, ...values, recorded_at: old.recorded_at });
    }
    for (const item of earlier)
        if (!seen.has(merge_keyOf(item)))
            merged.push(item);
    return merged;
}
/**
 * Stop twice: the earlier records whose items are still as that stop left them. A record whose
 * item was changed by hand (access re-granted, a schedule unpaused or edited) or deleted since is
 * left out and named in `dropped`: merging it blindly would give back at the next restore what
 * someone took away on purpose. Kinds not listed this time (out of scope, listing failed) are
 * carried over unchanged: there is nothing to judge them by.
 */
function stillHalted(records, inventory, resources) {
    const kept = [];
    const dropped = [];
    for (const record of records) {
        const listed = inventory[record.kind];
        const resource = resources.get(record.kind);
        if (!listed || !resource) {
            kept.push(record);
            continue;
        }
        const current = listed.find((i) => i.id === record.id);
        const still = haltedPart(resource, record, current);
        if (still)
            kept.push({ ...record, before: still.before, after: still.after });
        if (!still || !deepEqualRecord(still, record))
            dropped.push(record);
    }
    return { kept, dropped };
}
function haltedPart(resource, record, current) {
    if (resource.stillHalted)
        return resource.stillHalted(record, current);
    if (resource.matches)
        return resource.matches(current, record.after) ? record : undefined;
    return current && resource.halted(current) === undefined ? record : undefined;
}
const deepEqualRecord = (a, b) => JSON.stringify(a.before) === JSON.stringify(b.before) &&
    JSON.stringify(a.after) === JSON.stringify(b.after);

;// CONCATENATED MODULE: ./src/engine/save-snapshot.ts




function toRecord(entry, now) {
    return {
        kind: entry.resource.kind,
        id: entry.item.id,
        name: entry.item.name,
        before: entry.change.before,
        after: entry.change.after,
        recorded_at: now,
    };
}
/**
 * Save a snapshot and resolve once it reads back; the caller changes nothing before that. It
 * covers the snapshots named in `mergedFrom` (an earlier stop, or this stop's first snapshot when
 * the final sweep records more), and restore marks those restored with it.
 */
async function saveSnapshot(rt, items, mergedFrom, createdAt) {
    const content = {
        schema_version: SNAPSHOT_SCHEMA_VERSION,
        tool: 'databricks-halt',
        tool_version: rt.version,
        workspace_id: rt.workspaceId,
        workspace_url: rt.workspaceUrl,
        ...(rt.accountId ? { account_id: rt.accountId } : {}),
        created_at: createdAt,
        caller: {
            id: rt.caller.id,
            user_name: rt.caller.userName,
            ...(rt.caller.displayName ? { display_name: rt.caller.displayName } : {}),
        },
        kept_principals: [...rt.settings.keep],
        merged_from: [...mergedFrom],
        items,
    };
    try {
        refuseUnrestorable(items);
        return await rt.store.save({
            workspaceId: rt.workspaceId,
            createdAt,
            content: encodeSnapshot(content, rt.keys),
        });
    }
    catch (e) {
        throw new Error(`Could not save the snapshot to ${rt.store.description}: ${errors_errorText(e)}. Nothing was changed.`, { cause: e });
    }
}
/**
 * A record its own restore would refuse (each kind's checkRecord, as restore runs it) must never be
 * saved: restore refuses such a snapshot whole, so every other record in it could not be given
 * back either. Only a bug in a kind can produce one; refusing here, before the first change of the
 * stop, keeps the workspace as it is.
 */
function refuseUnrestorable(items) {
    const [first, ...more] = recordViolations(items);
    if (!first)
        return;
    const { item, problem } = first;
    throw new Error(`${item.kind} ${item.id} (${item.name}) would be recorded as ${problem}` +
        `${more.length ? ` (and ${more.length} more)` : ''}, which a restore refuses. This is a bug ` +
        'in databricks-halt; please report it');
}

;// CONCATENATED MODULE: ./src/engine/sweep.ts








/**
 * The halt (docs/adr/0021-compute-sweep.md): access removal runs beside everything else. When
 * everything else is done (starters paused, compute stopped), the compute sweep lists compute
 * again and halts what a starter started before its pause (a run fired after the listing starts
 * its pipeline, an all-purpose cluster, a warehouse), so compute is quiet then, not only once
 * access removal (5 requests a second) has ended. If access removal ended first, the final sweep
 * comes at once and the compute sweep is left out. Without access removal there is nothing to wait
 * for and no sweep, as before.
 */
async function haltAndSweep(rt, plan, inventory, progress, recording) {
    const access = rt.resources.filter((r) => r.access);
    if (access.length === 0)
        return { applied: await applyStop(rt, plan, inventory, progress) };
    const others = rt.resources.filter((r) => !r.access);
    let accessRemoved = false;
    const removing = applyStop({ ...rt, resources: access }, plan, inventory, progress).finally(() => (accessRemoved = true));
    const computeThenSweep = async () => {
        const applied = await applyStop({ ...rt, resources: others }, plan, inventory, progress);
        // Access removal already over: the final sweep, right after, lists once for both.
        if (accessRemoved)
            return { applied };
        return { applied, swept: await sweep(rt, inventory, recording, 'Compute sweep') };
    };
    const [compute, removed] = await Promise.all([computeThenSweep(), removing]);
    const order = new Map(rt.resources.map((r, i) => [r.kind, i]));
    const applied = [...removed, ...compute.applied].sort((a, b) => (order.get(a.kind) ?? 0) - (order.get(b.kind) ?? 0));
    return { applied, swept: compute.swept };
}
/**
 * A sweep (docs/adr/0012-order-by-dependency.md, 0021): list the compute kinds again and halt
 * whatever runs now. The compute sweep runs once compute is stopped, for what a starter started
 * before its pause; the final sweep once access removal has ended, for what a user who was still
 * assigned started meanwhile. What a sweep finds is recorded first, in a snapshot that supersedes
 * the stop's latest one (it carries every record and names the ones it covers in `merged_from`,
 * so restore marks them all restored); if that save fails, nothing more is halted.
 */
async function sweep(rt, inventory, recording, name) {
    const kinds = rt.resources.filter((r) => r.sweep === true && !r.reportOnly);
    const { inventory: fresh, failures } = await listAll(rt, kinds, inventory);
    const warnings = failures.map((f) => `${f.kind}: not swept, cannot list (${f.error ?? ''}).`);
    const plan = planStop(kinds, fresh).filter((e) => e.change);
    if (plan.length === 0) {
        rt.logger.info(`${name}: nothing was started during the stop.`);
        return { items: [], warnings, recording };
    }
    const now = new Date().toISOString();
    const records = mergeRecords(recording.records, plan.map((e) => toRecord(e, now)), new Map(rt.resources.map((r) => [r.kind, r])));
    const mergedFrom = [...recording.mergedFrom, recording.entry.name];
    let entry;
    try {
        entry = await saveSnapshot(rt, records, mergedFrom, now);
    }
    catch (e) {
        const error = `not halted: ${errors_errorText(e)}`;
        rt.logger.error(`${name}: ${error}`);
        const items = plan.map((p) => ({ ...p.report, outcome: 'failed', error }));
        return { items, warnings, recording };
    }
    const names = firstFew(plan.map((e) => `${e.resource.kind} ${e.item.name}`));
    const message = `${name}: ${plan.length} started during the stop (${names.join(', ')}); ` +
        `recorded in ${entry.name} (${records.length} items, supersedes ${recording.entry.name}) and halted.`;
    rt.logger.info(`Snapshot saved: ${entry.ref}. ${message}`);
    const items = await withProgress(rt.logger, rt.clock, 'Sweep', (progress) => applyStop({ ...rt, resources: kinds }, plan, { ...inventory, ...fresh }, progress, {
        relist: false,
        note: '(started during stop)',
    }));
    return { items, warnings: [...warnings, message], recording: { entry, records, mergedFrom } };
}

;// CONCATENATED MODULE: ./src/engine/wait.ts



/**
 * stop --wait: re-read compute until clusters are TERMINATED, warehouses STOPPED, pools without
 * idle instances, pipelines and apps stopped and runs finished (kept items aside), printing
 * progress. What is still up at the deadline is reported not_converged, so a runbook gate fails.
 */
async function waitForDrain(rt, items, inventory, timeoutMs) {
    const kinds = rt.resources.filter((r) => r.drained && !r.reportOnly);
    // The engine's clock (real in use; tests pass one they move), as verify's deadline is.
    const clock = rt.timing.clock;
    const nextDelay = pollDelays(rt.timing.pollIntervalMs);
    const deadline = clock.now() + timeoutMs;
    const pending = await withProgress(rt.logger, rt.clock, 'Wait', async (progress) => {
        let pending = await undrained(rt, kinds, inventory, []);
        const first = pending.length;
        let said = '';
        while (pending.length > 0 && clock.now() < deadline) {
            progress.set('stopped', first - pending.length, first);
            // A progress line when something changed, not on every poll.
            const line = `waiting for ${summary(pending)}`;
            if (line !== said)
                rt.logger.info((said = line));
            await clock.sleep(Math.min(nextDelay(), Math.max(0, deadline - clock.now())));
            pending = await undrained(rt, kinds, inventory, pending);
        }
        progress.set('stopped', first - pending.length, first);
        return pending;
    });
    if (pending.length === 0) {
        rt.logger.info('all compute is stopped');
        return;
    }
    const minutes = Math.round(timeoutMs / 6000) / 10;
    rt.logger.error(`still running after ${minutes} min: ${summary(pending)}`);
    const reported = new Map(items.map((i) => [`${i.kind}/${i.id}`, i]));
    for (const { resource, item } of pending) {
        // item.detail, not describe(state): a kind that could not be listed has no state to describe.
        const detail = `still ${item.detail} after waiting ${minutes} min`;
        const existing = reported.get(`${resource.kind}/${item.id}`);
        if (existing)
            Object.assign(existing, { outcome: 'not_converged', detail });
        else
            items.push({
                kind: resource.kind,
                id: item.id,
                name: item.name,
                outcome: 'not_converged',
                detail,
            });
    }
}
/** A kind that cannot be listed keeps its previous pending items: unknown is not drained. */
async function undrained(rt, kinds, inventory, previous) {
    const lists = await Promise.all(kinds.map(async (resource) => {
        try {
            const listed = await resource.list(rt.resCtx);
            resource.refine?.(listed, inventory); // runs and clusters of kept jobs stay kept
            return listed
                .filter((item) => !item.kept && !resource.drained(item))
                .map((item) => ({ resource, item }));
        }
        catch (e) {
            rt.logger.warning(`${resource.kind}: cannot list while waiting: ${errors_errorText(e)}`);
            const before = previous.filter((p) => p.resource === resource);
            return before.length > 0 ? before : [{ resource, item: unknownItem(resource) }];
        }
    }));
    return lists.flat();
}
function summary(pending) {
    return tally(pending, (p) => p.resource.kind);
}
function unknownItem(resource) {
    return {
        id: '*',
        name: `(${resource.kind} list)`,
        state: { state: 'UNKNOWN' },
        active: true,
        detail: 'UNKNOWN',
    };
}

;// CONCATENATED MODULE: ./src/arm/client.ts
async function loadSdk() {
    const [databricks, network, resources, subscriptions] = await Promise.all([
        __webpack_require__.e(/* import() */ 177).then(__webpack_require__.bind(__webpack_require__, 36177)),
        __webpack_require__.e(/* import() */ 699).then(__webpack_require__.bind(__webpack_require__, 89699)),
        __webpack_require__.e(/* import() */ 985).then(__webpack_require__.bind(__webpack_require__, 77985)),
        __webpack_require__.e(/* import() */ 570).then(__webpack_require__.bind(__webpack_require__, 13570)),
    ]);
    return { databricks, network, resources, subscriptions };
}
class ArmClient {
    sdk;
    /** Object id (`oid` claim) of the signed-in identity, once a token was fetched. */
    objectId;
    options;
    constructor(sdk, options) {
        this.sdk = sdk;
        const inner = options.credential;
        const credential = {
            getToken: async (scopes, opts) => {
                const token = await inner.getToken(scopes, opts);
                if (token)
                    this.objectId = objectIdOf(token.token) ?? this.objectId;
                return token;
            },
        };
        this.options = { ...options, credential };
    }
    static async create(options) {
        return new ArmClient(await loadSdk(), options);
    }
    get endpoint() {
        return this.options.endpoint;
    }
    clientOptions() {
        return {
            endpoint: this.options.endpoint,
            credentials: { scopes: [this.options.scope] },
            retryOptions: { maxRetries: 3 },
            ...(this.options.tlsCa ? { tlsOptions: { ca: this.options.tlsCa } } : {}),
        };
    }
    /** Ids of the subscriptions the identity can read. */
    async listSubscriptions() {
        const client = new this.sdk.subscriptions.SubscriptionClient(this.options.credential, this.clientOptions());
        const ids = [];
        for await (const s of client.subscriptions.list())
            if (s.subscriptionId)
                ids.push(s.subscriptionId);
        return ids;
    }
    async listWorkspaces(subscriptionId) {
        const client = this.databricks(subscriptionId);
        const out = [];
        for await (const w of client.workspaces.listBySubscription())
            out.push(w);
        return out;
    }
    getWorkspace(id) {
        return this.databricks(id.subscriptionId).workspaces.get(id.resourceGroup, id.name);
    }
    getSubnet(vnet, subnetName) {
        return this.network(vnet.subscriptionId).subnets.get(vnet.resourceGroup, vnet.name, subnetName);
    }
    async listNics(group) {
        const out = [];
        for await (const nic of this.network(group.subscriptionId).networkInterfaces.list(group.resourceGroup))
            out.push(nic);
        return out;
    }
    async listVms(group) {
        const client = new this.sdk.resources.ResourceManagementClient(this.options.credential, group.subscriptionId, this.clientOptions());
        const out = [];
        const filter = "resourceType eq 'Microsoft.Compute/virtualMachines'";
        for await (const r of client.resources.listByResourceGroup(group.resourceGroup, { filter }))
            out.push(r);
        return out;
    }
    databricks(subscriptionId) {
        return new this.sdk.databricks.AzureDatabricksManagementClient(this.options.credential, subscriptionId, this.clientOptions());
    }
    network(subscriptionId) {
        return new this.sdk.network.NetworkManagementClient(this.options.credential, subscriptionId, this.clientOptions());
    }
}
/** The `oid` claim of an Entra access token (read, not verified: it only names who to grant). */
function objectIdOf(jwt) {
    try {
        const claims = JSON.parse(Buffer.from(jwt.split('.')[1] ?? '', 'base64url').toString('utf8'));
        const oid = claims.oid;
        return typeof oid === 'string' && /^[0-9a-fA-F-]{36}$/.test(oid) ? oid : undefined;
    }
    catch {
        return undefined;
    }
}

;// CONCATENATED MODULE: ./src/arm/errors.ts

/** What ARM said, from the SDK's RestError (duck-typed: the SDK is loaded lazily). */
function armErrorCode(e) {
    if (!e || typeof e !== 'object')
        return {};
    const { statusCode, code, details } = e;
    // A paged list's error says only "Pagination failed …"; ARM's own words are in details.
    const body = details?.error?.message;
    return {
        ...(typeof statusCode === 'number' ? { status: statusCode } : {}),
        ...(typeof code === 'string' ? { code } : {}),
        ...(typeof body === 'string' ? { message: body } : {}),
    };
}
/** The object id ARM names in an AuthorizationFailed message, for the role-assignment command. */
function objectIdIn(message) {
    return /object id '([0-9a-fA-F-]{36})'/.exec(message)?.[1];
}
/**
 * A failed ARM read as one line a person can act on: for a missing role, the exact
 * `az role assignment create` that fixes it.
 */
function explainArmError(e, what, scope, objectId) {
    const { status, code, message: armMessage } = armErrorCode(e);
    const message = armMessage ?? errors_errorText(e).split('\n')[0];
    if (code === 'AuthorizationFailed' || status === 403) {
        const assignee = objectIdIn(message) ?? objectId ?? '<object id of the signed-in identity>';
        return (`Cannot read ${what}: the identity lacks the Reader role on ${scope} (${code ?? status}). ` +
            `Grant it: az role assignment create --assignee ${assignee} --role Reader --scope ${scope}`);
    }
    const label = code ?? (status ? `HTTP ${status}` : 'error');
    return `Cannot read ${what} (${label}): ${message}`;
}

;// CONCATENATED MODULE: ./src/arm/resource-id.ts

/**
 * Azure resource ids, checked before use: they come from an input or from an ARM answer, and each
 * one becomes a request path. Names allow what ARM allows for these types; nothing else passes.
 */
const NAME = '[-\\w.()]{1,90}';
const GUID = '[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}';
const RG = `/subscriptions/(${GUID})/resourceGroups/(${NAME})`;
const WORKSPACE = new RegExp(`^${RG}/providers/Microsoft\\.Databricks/workspaces/(${NAME})$`, 'i');
const VNET = new RegExp(`^${RG}/providers/Microsoft\\.Network/virtualNetworks/(${NAME})$`, 'i');
const GROUP = new RegExp(`^${RG}$`, 'i');
function parse(pattern, text, what, example) {
    const m = pattern.exec(text.trim().replace(/\/+$/, ''));
    if (!m)
        throw new errors_UsageError(`${what} "${text}" is not a valid resource id (expected ${example}).`);
    return { id: m[0], subscriptionId: m[1], resourceGroup: m[2], name: m[3] ?? m[2] };
}
function parseWorkspaceId(text, what = 'Azure workspace resource id') {
    return parse(WORKSPACE, text, what, '/subscriptions/<subscription id>/resourceGroups/<group>/providers/Microsoft.Databricks/workspaces/<name>');
}
function parseVnetId(text) {
    return parse(VNET, text, 'The workspace’s customVirtualNetworkId', '/subscriptions/<id>/resourceGroups/<group>/providers/Microsoft.Network/virtualNetworks/<name>');
}
function parseResourceGroupId(text) {
    return parse(GROUP, text, 'The workspace’s managedResourceGroupId', '/subscriptions/<id>/resourceGroups/<group>');
}
function checkedName(text, what) {
    if (!new RegExp(`^${NAME}$`).test(text))
        throw new errors_UsageError(`${what} "${text}" is not valid.`);
    return text;
}
/** The NIC an ipConfiguration id belongs to: the id up to `/ipConfigurations/`. */
function nicIdOf(ipConfigurationId) {
    const at = ipConfigurationId.toLowerCase().indexOf('/ipconfigurations/');
    return at < 0 ? ipConfigurationId : ipConfigurationId.slice(0, at);
}
/** The last segment of a resource id (its name). */
function nameOf(id) {
    return id.replace(/\/+$/, '').split('/').pop() ?? id;
}

;// CONCATENATED MODULE: ./src/engine/network.ts







function noSignIn(face) {
    const how = face === 'action' ? 'auth: azure-oidc' : '--auth azure-cli or azure-default';
    return ('Subnet check skipped: it reads Azure Resource Manager, which needs an Azure sign-in ' +
        `(${how}).`);
}
/** An ARM client for the target, or the reason there is none (a `skipped` report). */
async function armClientFor(access, workspaceUrl, face) {
    if (!access?.credential)
        return skipped(noSignIn(face));
    const cloud = azureCloudOf(workspaceUrl);
    if (!cloud && !access.endpoint) {
        return skipped(`Subnet check skipped: ${workspaceUrl} is not an Azure Databricks workspace URL, so there is no VNet to read.`);
    }
    const endpoint = access.endpoint ? checkedArmEndpoint(access.endpoint) : ARM_ENDPOINTS[cloud];
    return ArmClient.create({
        credential: access.credential,
        endpoint,
        scope: armScope(cloud ?? 'public'),
        ...(access.tlsCa ? { tlsCa: access.tlsCa } : {}),
    });
}
function skipped(note) {
    return { status: 'skipped', note, verdict: 'unknown', subnets: [] };
}
function failed(note, partial = {}) {
    return { ...partial, status: 'failed', note, verdict: 'unknown', subnets: [] };
}
/** Thrown inside the check with the sentence for the report. */
class CheckFailure extends Error {
}
async function read(arm, what, scope, call) {
    try {
        return await call();
    }
    catch (e) {
        if (e instanceof errors_UsageError)
            throw new CheckFailure(e.message);
        throw new CheckFailure(explainArmError(e, what, scope, arm.objectId));
    }
}
async function checkSubnets(arm, target) {
    let partial = {};
    try {
        const workspace = await findWorkspace(arm, target);
        const mrg = parseResourceGroupId(workspace.managedResourceGroupId ?? '');
        partial = { workspaceResourceId: workspace.id, managedResourceGroupId: mrg.id };
        const params = workspace.parameters;
        const vnetText = params?.customVirtualNetworkId?.value;
        if (!vnetText)
            return await unInjected(arm, partial, mrg);
        const vnet = parseVnetId(vnetText);
        partial = { ...partial, vnetInjected: true, vnetId: vnet.id };
        const nics = await read(arm, 'the NICs of the managed resource group', mrg.id, () => arm.listNics(mrg));
        const roles = [
            ['host', params?.customPublicSubnetName?.value],
            ['container', params?.customPrivateSubnetName?.value],
        ];
        const subnets = [];
        for (const [role, name] of roles) {
            if (!name)
                throw new CheckFailure(`The workspace names no ${role} subnet in its parameters.`);
            subnets.push(await subnetReport(arm, vnet, role, checkedName(name, 'Subnet name'), nics));
        }
        const empty = subnets.every((s) => s.verdict === 'empty');
        return { ...partial, status: 'checked', verdict: empty ? 'empty' : 'not_empty', subnets };
    }
    catch (e) {
        if (e instanceof CheckFailure || e instanceof errors_UsageError)
            return failed(e.message, partial);
        return failed(`Subnet check failed: ${errors_errorText(e)}`, partial);
    }
}
async function unInjected(arm, partial, mrg) {
    const scope = mrg.id;
    const vms = await read(arm, 'the VMs of the managed resource group', scope, () => arm.listVms(mrg));
    const nics = await read(arm, 'the NICs of the managed resource group', scope, () => arm.listNics(mrg));
    const empty = vms.length === 0 && nics.length === 0;
    return {
        ...partial,
        status: 'checked',
        vnetInjected: false,
        note: 'The workspace is not VNet-injected: its compute runs in a VNet Azure Databricks manages, ' +
            'so there are no subnets of yours to change; counted the managed resource group instead.',
        verdict: empty ? 'empty' : 'not_empty',
        subnets: [],
        managed: { vms: vms.length, nics: nics.length },
    };
}
async function subnetReport(arm, vnet, role, name, nics) {
    const id = `${vnet.id}/subnets/${name}`;
    const subnet = await read(arm, `subnet ${name}`, vnet.id, () => arm.getSubnet(vnet, name));
    const prefixes = subnet.addressPrefixes?.length
        ? subnet.addressPrefixes
        : subnet.addressPrefix
            ? [subnet.addressPrefix]
            : [];
    const byId = new Map(nics.map((n) => [String(n.id).toLowerCase(), n]));
    const attached = (subnet.ipConfigurations ?? []).map((c) => {
        const nicId = nicIdOf(String(c.id));
        const nic = byId.get(nicId.toLowerCase());
        const config = nic?.ipConfigurations?.find((ip) => String(ip.id).toLowerCase() === String(c.id).toLowerCase());
        return {
            nic: nameOf(nicId),
            ...(nic?.virtualMachine?.id ? { vm: nameOf(nic.virtualMachine.id) } : {}),
            ...(config?.privateIPAddress ? { privateIp: config.privateIPAddress } : {}),
        };
    });
    return {
        role,
        name,
        id,
        prefixes,
        nics: attached,
        verdict: attached.length === 0 ? 'empty' : 'not_empty',
    };
}
/** The given resource (which must be this workspace) or the one whose id or URL matches. */
async function findWorkspace(arm, target) {
    if (target.resourceId) {
        const id = parseWorkspaceId(target.resourceId);
        const workspace = await read(arm, `workspace resource ${id.name}`, id.id, () => arm.getWorkspace(id));
        if (!matches(workspace, target)) {
            throw new CheckFailure(`Azure workspace ${id.id} is workspace ${workspace.workspaceId ?? '?'} ` +
                `(${workspace.workspaceUrl ?? '?'}), not ${target.workspaceId}: check ${optionName(target.face, 'azureWorkspaceResourceId')}.`);
        }
        return workspace;
    }
    const subscriptions = await read(arm, 'the subscriptions', 'the tenant', () => arm.listSubscriptions());
    for (const sub of subscriptions) {
        const list = await read(arm, 'the Databricks workspaces', `/subscriptions/${sub}`, () => arm.listWorkspaces(sub));
        const found = list.find((w) => matches(w, target));
        if (found)
            return found;
    }
    throw new CheckFailure(`No Microsoft.Databricks/workspaces resource for workspace ${target.workspaceId} in the ` +
        `${subscriptions.length} subscription(s) the identity can read. Give it Reader on the ` +
        `workspace resource, or pass ${optionName(target.face, 'azureWorkspaceResourceId')}.`);
}
function matches(w, target) {
    if (w.workspaceId && String(w.workspaceId) === target.workspaceId)
        return true;
    const host = new URL(target.workspaceUrl).host.toLowerCase();
    return (Boolean(w.workspaceUrl) &&
        String(w.workspaceUrl)
            .toLowerCase()
            .replace(/^https:\/\//, '') === host);
}
/** "host-subnet (10.139.0.0/18): nic-1, nic-2" per subnet, for progress and errors. */
function describeLeft(report) {
    if (report.managed)
        return `${report.managed.vms} VMs and ${report.managed.nics} NICs in the managed resource group`;
    return report.subnets
        .filter((s) => s.verdict === 'not_empty')
        .map((s) => `${s.name} (${s.prefixes.join(', ')}): ${firstFew(s.nics.map((n) => n.nic)).join(', ')}`)
        .join('; ');
}

// EXTERNAL MODULE: external "node:net"
var external_node_net_ = __webpack_require__(77030);
;// CONCATENATED MODULE: ./src/engine/probe.ts









/**
 * `network --verify-ranges` (docs/adr/0018-verify-ranges-probe.md): after a VNet change, start
 * one smallest single-node cluster tagged `databricks-halt: probe`, wait until its VMs' NICs
 * appear in the managed resource group, check each NIC's private IP lies in the prefixes of the
 * workspace's subnet it is attached to, then permanently delete the cluster. Whatever fails
 * half-way, the cluster is deleted (finally); a probe an interrupted run left is removed first.
 */
/** How long the probe waits for its NICs (a cluster usually has its VMs within ~5 minutes). */
const PROBE_TIMEOUT_MS = 20 * 60_000;
const ENDED = new Set(['TERMINATING', 'TERMINATED', 'ERROR']);
async function verifyRanges(rt, arm, network) {
    const prefixes = network.subnets.flatMap((s) => s.prefixes);
    const name = probeName(rt);
    const report = {
        result: 'fail',
        clusterName: name,
        ips: [],
        prefixes,
        leftoversRemoved: [],
        deleted: false,
    };
    if (!network.vnetInjected || !network.managedResourceGroupId) {
        report.note =
            'The workspace is not VNet-injected: its compute runs in a VNet Azure Databricks manages, so there are no ranges of yours to verify.';
        return report;
    }
    const notes = [];
    try {
        report.leftoversRemoved = await removeLeftovers(rt, notes);
        const spec = await probeSpec(rt);
        rt.logger.info(`starting probe cluster ${name} (${spec.node}, ${spec.version}, single node)`);
        const created = await createCluster(rt.resCtx.clients.workspace, {
            cluster_name: name,
            spark_version: spec.version,
            node_type_id: spec.node,
            num_workers: 0,
            autotermination_minutes: 10,
            spark_conf: { 'spark.databricks.cluster.profile': 'singleNode', 'spark.master': 'local[*]' },
            custom_tags: { [PROBE_TAG.key]: PROBE_TAG.value, ResourceClass: 'SingleNode' },
        });
        report.clusterId = created.cluster_id;
        const mrg = parseResourceGroupId(network.managedResourceGroupId);
        const nics = await waitForNics(rt, arm, mrg, created.cluster_id);
        report.ips = nics.flatMap((nic) => ipsOf(nic, network));
        report.result = report.ips.length > 0 && report.ips.every((i) => i.inRange) ? 'pass' : 'fail';
        if (report.result === 'fail')
            notes.push('a probe NIC lies outside the prefixes of the workspace subnet it is attached to');
    }
    catch (e) {
        notes.push(e instanceof CheckFailure ? e.message : `probe failed: ${errors_errorText(e)}`);
    }
    finally {
        report.deleted = await removeProbe(rt, report.clusterId, name, notes);
    }
    if (notes.length)
        report.note = notes.join('; ');
    return report;
}
function probeName(rt) {
    const stamp = new Date(rt.timing.clock.now()).toISOString().replace(/[-:]|\.\d+Z$/g, '');
    return `${PROBE_NAME_PREFIX}${stamp}-${crypto.randomUUID().slice(0, 8)}`;
}
/**
 * Probe clusters of earlier, interrupted runs: tagged, named as this tool names them and created
 * by this caller. A tagged cluster someone else made is named, never deleted.
 */
async function removeLeftovers(rt, notes) {
    const workspace = rt.resCtx.clients.workspace;
    const removed = [];
    for (const c of await collect(listClusters(workspace))) {
        if (!isProbeCluster(c))
            continue;
        if (!isOurs(rt, c)) {
            notes.push(`cluster ${c.cluster_name ?? ''} (${c.cluster_id}) is tagged ${PROBE_TAG.key}: ${PROBE_TAG.value} ` +
                `but was not made by this tool as ${rt.caller.userName}: left alone`);
            continue;
        }
        await permanentDelete(rt, c.cluster_id);
        rt.logger.info(`removed leftover probe cluster ${c.cluster_name} (${c.cluster_id})`);
        removed.push(`${c.cluster_name} (${c.cluster_id})`);
    }
    return removed;
}
function isOurs(rt, c) {
    return ((c.cluster_name ?? '').startsWith(PROBE_NAME_PREFIX) &&
        c.creator_user_name !== undefined &&
        c.creator_user_name.toLowerCase() === rt.caller.userName.toLowerCase());
}
async function permanentDelete(rt, clusterId) {
    try {
        await permanentDeleteCluster(rt.resCtx.clients.workspace, { cluster_id: clusterId });
    }
    catch (e) {
        // A retried call whose first attempt went through: the cluster is already gone.
        if (!isNotFound(e))
            throw e;
    }
}
/**
 * Delete the probe for good. Without an id (the create's answer was lost), find it by its
 * unique name. If the delete fails, at least terminate it and say how to remove it.
 */
async function removeProbe(rt, clusterId, name, notes) {
    const workspace = rt.resCtx.clients.workspace;
    let ids = clusterId ? [clusterId] : [];
    try {
        if (!clusterId) {
            const all = await collect(listClusters(workspace));
            ids = all.filter((c) => c.cluster_name === name && isProbeCluster(c)).map((c) => c.cluster_id);
        }
        for (const id of ids)
            await permanentDelete(rt, id);
        if (ids.length)
            rt.logger.info(`deleted probe cluster ${name}`);
        return true;
    }
    catch (e) {
        for (const id of ids)
            await deleteCluster(workspace, { cluster_id: id }).catch(() => undefined);
        const face = rt.settings.face;
        const again = command(face, 'network', wording_option(face, 'verifyRanges'));
        const next = face === 'action' ? `run with ${again}` : `\`databricks-halt ${again}\``;
        notes.push(`could not delete probe cluster ${name} (${errors_errorText(e)}); it auto-terminates after 10 ` +
            `idle minutes and the next ${next} deletes it`);
        return false;
    }
}
/** The smallest node type and newest LTS runtime, chosen as the Databricks SDKs choose them. */
async function probeSpec(rt) {
    const workspace = rt.resCtx.clients.workspace;
    const [nodes, versions] = await Promise.all([listNodeTypes(workspace), sparkVersions(workspace)]);
    const node = smallestNodeType(nodes);
    const version = latestLts(versions);
    if (!node)
        throw new CheckFailure('No usable node type in clusters/list-node-types for the probe.');
    if (!version)
        throw new CheckFailure('No LTS runtime in clusters/spark-versions for the probe.');
    return { node, version };
}
const UNAVAILABLE = new Set(['NotAvailableInRegion', 'NotEnabledOnSubscription']);
/** SDK `Smallest`: not deprecated first, then fewest cores, least memory; no GPU, no Graviton. */
function smallestNodeType(nodes) {
    const usable = nodes.filter((n) => !(n.node_info?.status ?? []).some((s) => UNAVAILABLE.has(s)) &&
        !(n.num_gpus ?? 0) &&
        !n.is_graviton &&
        !n.node_type_id.includes('-fleet.'));
    usable.sort((a, b) => Number(!!a.is_deprecated) - Number(!!b.is_deprecated) ||
        a.num_cores - b.num_cores ||
        a.memory_mb - b.memory_mb ||
        (a.instance_type_id ?? '').localeCompare(b.instance_type_id ?? ''));
    return usable[0]?.node_type_id;
}
/** SDK `Select({LongTermSupport, Latest})`: plain (not ML, GPU, Photon…) LTS, newest first. */
function latestLts(versions) {
    const plain = versions.filter((v) => /^\d+\.\d+\.x-scala/.test(v.key) &&
        !(v.name ?? '').includes('Beta') &&
        ((v.name ?? '').includes('LTS') || v.key.includes('-esr-')));
    const num = (key) => key.split('.x-')[0].split('.').map(Number);
    plain.sort((a, b) => {
        const [am, an] = num(a.key);
        const [bm, bn] = num(b.key);
        // Newest first; of one release, Scala 2.12 before 2.13 (as the SDK's tie-break).
        return bm - am || bn - an || a.key.localeCompare(b.key);
    });
    return plain[0]?.key;
}
/**
 * Until the probe's VMs (tagged with its ClusterId, as Databricks tags every cluster resource)
 * have NICs with private IPs. A probe that ends before that fails with its termination reason.
 */
async function waitForNics(rt, arm, mrg, clusterId) {
    const { clock } = rt.timing;
    const deadline = clock.now() + PROBE_TIMEOUT_MS;
    for (;;) {
        const cluster = await getCluster(rt.resCtx.clients.workspace, { cluster_id: clusterId });
        if (ENDED.has(cluster.state ?? '')) {
            const reason = cluster.termination_reason?.code ?? cluster.state_message ?? '';
            throw new CheckFailure(`probe cluster ended ${cluster.state}${reason ? ` (${reason})` : ''} before its NICs appeared`);
        }
        const nics = await probeNics(arm, mrg, clusterId);
        if (nics.length > 0)
            return nics;
        if (clock.now() >= deadline)
            throw new CheckFailure(`no NIC of the probe cluster appeared within ${PROBE_TIMEOUT_MS / 60_000} min`);
        rt.logger.info(`waiting for the probe cluster's NICs (${cluster.state ?? '?'})`);
        await clock.sleep(Math.min(rt.timing.networkPollIntervalMs, deadline - clock.now()));
    }
}
async function probeNics(arm, mrg, clusterId) {
    const what = 'the VMs and NICs of the managed resource group';
    const vms = await read(arm, what, mrg.id, () => arm.listVms(mrg));
    const mine = new Set(vms.filter((vm) => vm.tags?.ClusterId === clusterId).map((vm) => String(vm.id).toLowerCase()));
    if (mine.size === 0)
        return [];
    const nics = await read(arm, what, mrg.id, () => arm.listNics(mrg));
    return nics.filter((n) => mine.has(String(n.virtualMachine?.id ?? '').toLowerCase()) &&
        (n.ipConfigurations ?? []).some((c) => c.privateIPAddress));
}
/** Each IP of a NIC, checked against the prefixes of the workspace subnet it is attached to. */
function ipsOf(nic, network) {
    return (nic.ipConfigurations ?? [])
        .filter((c) => c.privateIPAddress)
        .map((c) => {
        const subnetId = String(c.subnet?.id ?? '');
        const subnet = network.subnets.find((s) => s.id.toLowerCase() === subnetId.toLowerCase());
        const ip = c.privateIPAddress;
        return {
            nic: String(nic.name ?? nameOf(String(nic.id))),
            ip,
            subnet: subnet?.name ?? (subnetId ? nameOf(subnetId) : '?'),
            inRange: subnet !== undefined && inPrefixes(ip, subnet.prefixes),
        };
    });
}
function inPrefixes(ip, prefixes) {
    const list = new external_node_net_.BlockList();
    for (const p of prefixes) {
        const [base, bits] = p.split('/');
        const type = base.includes(':') ? 'ipv6' : 'ipv4';
        list.addSubnet(base, Number(bits), type);
    }
    return list.check(ip, ip.includes(':') ? 'ipv6' : 'ipv4');
}

;// CONCATENATED MODULE: ./src/engine/network-mode.ts





/**
 * `network`: the subnet check on its own (exit 0 only when every subnet is empty), or with
 * --verify-ranges the after-the-change check (exit 0 only when the probe's NICs lie in range).
 */
async function network(rt, startedAt) {
    const arm = await armClientFor(rt.arm, rt.workspaceUrl, rt.settings.face);
    let result;
    if (arm instanceof ArmClient) {
        result = await rt.logger.group('Subnets', () => checkSubnets(arm, networkTarget(rt)));
        // The probe creates a cluster: a dry run (the reusable workflow's plan job, before anyone
        // approved) only says it would, so the write happens in the approved job or not at all.
        if (rt.settings.verifyRanges && rt.settings.dryRun && result.status === 'checked') {
            rt.logger.info(`dry run: ${wording_option(rt.settings.face, 'verifyRanges')} would start one single-node cluster ` +
                'tagged databricks-halt: probe, check its NICs against the subnets, and delete it; ' +
                'nothing started.');
        }
        else if (rt.settings.verifyRanges && result.status === 'checked') {
            const checked = result;
            result.probe = await rt.logger.group('Probe', () => verifyRanges(rt, arm, checked));
        }
    }
    else
        result = arm;
    const warnings = logNetwork(rt, result);
    const report = finishReport({ ...reportHeader(rt, 'network', startedAt), items: [], warnings });
    const probed = rt.settings.dryRun
        ? result.status === 'checked'
        : result.probe?.result === 'pass' && result.probe.deleted;
    const ok = rt.settings.verifyRanges
        ? probed
        : result.status === 'checked' && result.verdict === 'empty';
    return { ...report, network: result, exitCode: ok ? 0 : 1 };
}
function networkTarget(rt) {
    return {
        workspaceId: rt.workspaceId,
        workspaceUrl: rt.workspaceUrl,
        ...(rt.settings.face ? { face: rt.settings.face } : {}),
        ...(rt.settings.azureWorkspaceResourceId
            ? { resourceId: rt.settings.azureWorkspaceResourceId }
            : {}),
    };
}
/** Skips and failures become warnings (and annotations in the Action); verdicts are info. */
function logNetwork(rt, result) {
    if (result.status !== 'checked') {
        rt.logger.warning(result.note ?? 'Subnet check not done.', 'Subnet check');
        return result.note ? [result.note] : [];
    }
    if (result.note)
        rt.logger.info(result.note);
    if (result.verdict === 'empty')
        rt.logger.info('subnets: empty');
    else
        rt.logger.info(`subnets: not empty: ${describeLeft(result)}`);
    const probe = result.probe;
    if (!probe)
        return [];
    const ips = probe.ips.map((i) => `${i.ip}${i.inRange ? '' : ' (out of range)'}`).join(', ');
    const line = `probe ${probe.result}: ${ips || 'no NICs'} in ${probe.prefixes.join(', ')}`;
    if (probe.result === 'pass' && probe.deleted) {
        rt.logger.info(line);
        return [];
    }
    const warning = probe.note ? `${line} · ${probe.note}` : line;
    rt.logger.warning(warning, 'Probe');
    return [warning];
}
/**
 * stop --check-subnets: after compute has drained, re-read the subnets until no NIC is attached
 * (NICs stay up to ~15 minutes after compute stops), printing what is left when it changes. What
 * is still attached at the deadline is named and makes the stop exit 1.
 */
async function waitForEmptySubnets(rt, timeoutMs) {
    const arm = await armClientFor(rt.arm, rt.workspaceUrl, rt.settings.face);
    if (!(arm instanceof ArmClient))
        return arm;
    const { clock } = rt.timing;
    const deadline = clock.now() + timeoutMs;
    let result = await checkSubnets(arm, networkTarget(rt));
    let said = '';
    while (result.status === 'checked' && result.verdict !== 'empty' && clock.now() < deadline) {
        const line = `waiting for the subnets to empty: ${describeLeft(result)}`;
        if (line !== said)
            rt.logger.info((said = line));
        await clock.sleep(Math.min(rt.timing.networkPollIntervalMs, deadline - clock.now()));
        result = await checkSubnets(arm, networkTarget(rt));
    }
    if (result.status === 'checked' && result.verdict !== 'empty') {
        const minutes = Math.round(timeoutMs / 6000) / 10;
        rt.logger.error(`subnets still not empty after ${minutes} min: ${describeLeft(result)}`);
    }
    return result;
}

;// CONCATENATED MODULE: ./src/engine/stop.ts















/**
 * stop: list → plan → snapshot (saved and read back) → apply by dependency, access removal beside
 * it → compute sweep → final sweep → report. Every refusal happens before the snapshot is saved,
 * and nothing is changed unless the save succeeded; a sweep records what it finds before halting
 * it, the same way.
 */
async function stop(given, startedAt, saved) {
    const { inventory, failures } = await given.logger.group('List', () => listAll(given));
    const guard = given.resources.some((r) => r.kind === 'permission_assignments');
    if (guard)
        refuseBlindAssignments(given, inventory, failures);
    const prior = await openSnapshot(given);
    const inherited = prior?.snapshot.kept_principals ?? [];
    const { warnings, keep } = await markKeptPrincipals(given, inventory, guard, inherited);
    // From here on the keep list in force (the open halt's plus --keep) is what gets recorded.
    const rt = { ...given, settings: { ...given.settings, keep } };
    const plan = planStop(rt.resources, inventory);
    if (saved)
        refuseDrift(rt, saved, plan.filter((e) => e.change).map((e) => e.report));
    warnings.push(...reportOnlyWarnings(rt, plan));
    warnings.push(...(await localUserWarnings(rt)));
    if (prior)
        warnings.push(mergeNotice(rt, prior.entry.name, prior.snapshot.items.length));
    const byKind = new Map(rt.resources.map((r) => [r.kind, r]));
    const carried = stillHalted(prior?.snapshot.items ?? [], inventory, byKind);
    warnings.push(...carried.dropped.map((item) => droppedNotice(rt, item)));
    const now = new Date().toISOString();
    const records = mergeRecords(carried.kept, plan.filter((e) => e.change).map((e) => toRecord(e, now)), new Map(rt.resources.map((r) => [r.kind, r])));
    const base = { ...reportHeader(rt, 'stop', startedAt), warnings };
    const unchanged = plan.filter((e) => !e.change).map((e) => e.report);
    if (rt.settings.dryRun) {
        const planned = plan.filter((e) => e.change).map((e) => e.report);
        const planOut = rt.settings.planOut
            ? await writePlan(rt, rt.settings.planOut, planned)
            : undefined;
        const items = [...failures, ...planned, ...unchanged];
        const census = stopCensus(inventory, items);
        return finishReport({ ...base, items, census, ...(planOut ? { planOut } : {}) });
    }
    const mergedFrom = prior ? [prior.entry.name] : [];
    const first = await saveSnapshot(rt, records, mergedFrom, now);
    rt.logger.info(`Snapshot saved: ${first.ref} (${records.length} items)`);
    const halted = await rt.logger.group('Halt', () => withProgress(rt.logger, rt.clock, 'Halt', (progress) => haltAndSweep(rt, plan, inventory, progress, { entry: first, records, mergedFrom })));
    // What the sweeps halt is listed after the plan's items (an item a sweep found running again
    // shows as already halted by the plan first, then changed).
    const items = [...failures, ...halted.applied, ...unchanged];
    let snapshot = first;
    const took = (swept) => {
        items.push(...swept.items);
        warnings.push(...swept.warnings);
        snapshot = swept.recording.entry;
        return swept.recording;
    };
    if (rt.resources.some((r) => r.access)) {
        // Access removal has ended: what a still-assigned user started meanwhile.
        const latest = halted.swept ? took(halted.swept) : { entry: first, records, mergedFrom };
        took(await rt.logger.group('Final sweep', () => sweep(rt, inventory, latest, 'Final sweep')));
    }
    const timeoutMs = rt.settings.waitMinutes * 60_000;
    const waitStart = rt.timing.clock.now();
    if (timeoutMs > 0) {
        await rt.logger.group('Wait', () => waitForDrain(rt, items, inventory, timeoutMs));
    }
    const reported = saved ? markUnplanned(rt, saved, items, warnings) : items;
    const report = finishReport({
        ...base,
        snapshot,
        items: reported,
        census: stopCensus(inventory, items),
        ...(saved ? { plan: appliedPlan(saved, reported) } : {}),
    });
    if (!rt.settings.checkSubnets)
        return report;
    return withSubnets(rt, report, timeoutMs - (rt.timing.clock.now() - waitStart));
}
/** --check-subnets: wait for empty subnets within what is left of --wait; not empty → exit 1. */
async function withSubnets(rt, report, leftMs) {
    const network = await rt.logger.group('Subnets', () => waitForEmptySubnets(rt, Math.max(0, leftMs)));
    report.warnings.push(...logNetwork(rt, network));
    const notEmpty = network.status === 'checked' && network.verdict === 'not_empty';
    return { ...report, network, exitCode: notEmpty ? 1 : report.exitCode };
}
/**
 * Without the assignment list the lockout guard cannot see the caller, and a stop that pauses jobs
 * but leaves everyone's access in place is not the halt that was asked for: refuse before any change.
 */
function refuseBlindAssignments(rt, inventory, failures) {
    if (inventory.permission_assignments)
        return;
    const cause = failures.find((f) => f.kind === 'permission_assignments')?.error ?? 'unknown error';
    // Not identity-federated: the cause already says so plainly, with the way out.
    if (cause.includes('not enabled for identity federation')) {
        throw new SafetyError(`${cause} Nothing was changed.`);
    }
    throw new SafetyError(`Cannot list the permission assignments of workspace ${rt.workspaceId} (${cause}), so the ` +
        'caller cannot be protected from lock-out. The signed-in principal must be a Databricks ' +
        `account admin (and ${optionName(rt.settings.face, 'accountId')} must name its account). ` +
        `To halt without touching access, ${skipKind(rt.settings.face, 'permission_assignments')}. ` +
        'Nothing was changed.');
}
function droppedNotice(rt, item) {
    const message = `${item.kind} ${item.name} (${item.id}) is no longer as the earlier stop left it (changed by ` +
        'hand or deleted during the halt): that part of its earlier record is left out, so a restore ' +
        'will not undo the change.';
    rt.logger.warning(message, 'Record left out');
    return message;
}
function mergeNotice(rt, name, recorded) {
    const message = `The workspace is already halted by ${name}; this stop merges with it ` +
        `(earliest pre-halt values win, ${recorded} recorded items kept).`;
    rt.logger.info(message);
    return message;
}
function reportOnlyWarnings(rt, plan) {
    const active = plan.filter((e) => e.report.outcome === 'report_only');
    return active.map((e) => {
        const message = `${e.resource.kind} ${e.item.name} is running and cannot be stopped through the API (${e.item.detail}).`;
        rt.logger.warning(message, 'Cannot be stopped');
        return message;
    });
}

;// CONCATENATED MODULE: ./src/engine.ts









/**
 * The one entry both faces call. Throws UsageError (exit 2) or SafetyError (exit 3) before any
 * change; anything that happens after the first change is reported per item, never thrown, except
 * a snapshot that cannot be saved (then nothing was changed either).
 */
async function run(ctx) {
    const startedAt = new Date().toISOString();
    const saved = ctx.settings.plan ? await loadPlan(ctx.settings.plan, ctx.snapshotKeys) : undefined;
    const settings = saved ? settingsFromPlan(checkPlanFlags(ctx.settings), saved) : ctx.settings;
    if (!saved)
        checkPlanFlags(settings);
    const rt = await setup({ ...ctx, settings });
    if (saved)
        checkPlanTarget(rt, saved);
    ctx.logger.info(`${ctx.settings.mode}${ctx.settings.dryRun ? ' (dry run)' : ''}: workspace ${rt.workspaceId} ` +
        `as ${rt.caller.userName}, snapshots in ${ctx.store.description}`);
    if (rt.settings.mode === 'show')
        return show(rt, startedAt);
    if (rt.settings.mode === 'network')
        return network(rt, startedAt);
    if (rt.settings.mode === 'status')
        return status_status(rt, startedAt);
    // Said before the work and again in the report (CLI output, job summary), so it is seen.
    const unauthenticated = unauthenticatedWarning(rt.settings.face);
    if (!rt.keys)
        ctx.logger.warning(unauthenticated, 'No snapshot key');
    const report = rt.settings.mode === 'stop'
        ? await stop(rt, startedAt, saved)
        : await restore(rt, startedAt, saved);
    if (!rt.keys)
        report.warnings.unshift(unauthenticated);
    return report;
}
/** --plan-out and --plan only make sense for stop and restore, and not together. */
function checkPlanFlags(settings) {
    const { mode, plan, planOut, dryRun } = settings;
    if ((plan || planOut) && (mode === 'show' || mode === 'status')) {
        throw new errors_UsageError(`--plan and --plan-out are for stop and restore, not ${mode}.`);
    }
    if (planOut && !dryRun) {
        throw new errors_UsageError(`--plan-out writes the plan of a dry run: add --dry-run (${mode} --dry-run --plan-out FILE).`);
    }
    if (plan && planOut)
        throw new errors_UsageError('Use --plan-out to make a plan, or --plan to apply one, not both.');
    return settings;
}

// EXTERNAL MODULE: ./node_modules/zod/v4/classic/coerce.js
var coerce = __webpack_require__(49567);
;// CONCATENATED MODULE: ./src/kinds.ts


/** Short names people type; the canonical names are the API objects' (src/settings.ts). */
const ALIASES = {
    assignments: 'permission_assignments',
    permissions: 'permission_assignments',
    runs: 'job_runs',
    warehouse: 'warehouses',
    sql_warehouses: 'warehouses',
    pools: 'instance_pools',
    dashboards: 'dashboard_schedules',
    serving: 'serving_endpoints',
    vector_search: 'vector_search_endpoints',
};
/**
 * `--only jobs,clusters --only pools` or the Action's `resources: jobs, pools` →
 * ['jobs', 'clusters', 'instance_pools']. Both faces accept the same names; `label` says which
 * flag or input an error is about.
 */
function parseKinds(label, values) {
    const kinds = splitList(values).map((raw) => {
        const name = raw.toLowerCase().replace(/-/g, '_');
        const kind = RESOURCE_KINDS.includes(name)
            ? name
            : ALIASES[name];
        if (!kind) {
            throw new errors_UsageError(`${label}: unknown resource kind '${raw}'. Known kinds: ${RESOURCE_KINDS.join(', ')} ` +
                `(short names: ${Object.keys(ALIASES).join(', ')}).`);
        }
        return kind;
    });
    return [...new Set(kinds)];
}
/** Repeatable flags that also take comma-separated lists. */
function splitList(values) {
    return values
        .flatMap((v) => v.split(','))
        .map((v) => v.trim())
        .filter((v) => v !== '');
}

;// CONCATENATED MODULE: ./src/plan/max-age.ts

/** `24h` (also `90m`, `2d`, `3600s`, or plain hours) → hours; `label` names the flag or input. */
function parseHours(label, value) {
    const m = /^\s*(\d+(?:\.\d+)?)\s*([smhd]?)\s*$/i.exec(value);
    const unit = { s: 1 / 3600, m: 1 / 60, h: 1, d: 24, '': 1 };
    if (!m || Number(m[1]) <= 0) {
        throw new errors_UsageError(`${label}: '${value}' is not a duration (e.g. 24h, 90m, 2d).`);
    }
    return Number(m[1]) * unit[m[2].toLowerCase()];
}

;// CONCATENATED MODULE: ./src/input-helper.ts









/**
 * The Action's inputs as one typed object: the shared Settings the engine reads, plus what only the
 * Action needs (how to sign in, where snapshots live). Defaults are applied here too, because the
 * runner applies action.yml defaults but a local run with INPUT_* variables has none.
 */
const ACTION_AUTH_METHODS = ['auto', 'azure-oidc', 'databricks-oidc', 'token'];
/** Settings key → input name, so a schema error names the input the user wrote. */
const INPUT_OF = ACTION_INPUTS;
function getInputs() {
    const githubToken = input_helper_text('github-token') ?? process.env.GITHUB_TOKEN;
    if (githubToken)
        core/* setSecret */.Pq(githubToken);
    const snapshotKeys = signingKeys();
    const restoreFrom = input_helper_text('restore-from') ?? 'latest';
    const auth = authInputs();
    const settings = parseSettings({
        mode: required('mode'),
        workspaceUrl: workspaceUrl(),
        workspaceId: input_helper_text('workspace-id'),
        accountId: input_helper_text('account-id'),
        accountHost: input_helper_text('account-host'),
        keep: input_helper_list('keep-principals'),
        unkeep: input_helper_list('unkeep-principals'),
        only: kinds('resources'),
        dryRun: bool('dry-run', false),
        force: bool('force', false),
        restartCompute: bool('restart-compute', false),
        waitMinutes: number('wait-minutes', 0),
        failIfActive: bool('fail-if-active', false),
        failOnDrift: bool('fail-on-drift', false),
        maxConcurrency: number('max-concurrency', 16),
        snapshot: restoreFrom === 'latest' ? undefined : restoreFrom,
        ignoreOpenSnapshot: input_helper_text('ignore-open-snapshot'),
        plan: input_helper_text('plan'),
        planMaxAgeHours: parseHours('Input plan-max-age', input_helper_text('plan-max-age') ?? '24h'),
        onDrift: input_helper_text('on-drift') ?? 'include',
        auth: auth.method,
        azureWorkspaceResourceId: input_helper_text('azure-workspace-resource-id'),
        checkSubnets: bool('check-subnets', false),
        verifyRanges: bool('verify-ranges', false),
        allowHosts: input_helper_list('allowed-hosts'),
        face: 'action',
    });
    const retentionDays = number('retention-days', 90);
    if (retentionDays < 1)
        throw new errors_UsageError('Input retention-days must be at least 1.');
    return {
        settings,
        auth,
        artifacts: { retentionDays, githubToken, restoreFrom, trustedRefs: input_helper_list('trusted-refs') },
        ...(snapshotKeys ? { snapshotKeys } : {}),
    };
}
/** Masked whole and key by key before parsing, so no error or log line can show one. */
function signingKeys() {
    const raw = core/* getInput */.V4('snapshot-key');
    if (!raw.trim())
        return undefined;
    core/* setSecret */.Pq(raw);
    for (const key of raw.split(/[,\n]/).map((k) => k.trim()))
        if (key)
            core/* setSecret */.Pq(key);
    return SigningKeys.parse(raw, 'Input snapshot-key');
}
function authInputs() {
    return {
        method: oneOf('auth', ACTION_AUTH_METHODS, 'auto'),
        azureClientId: input_helper_text('azure-client-id'),
        azureTenantId: input_helper_text('azure-tenant-id'),
        azureAuthorityHost: input_helper_text('azure-authority-host'),
        databricksClientId: input_helper_text('databricks-client-id'),
        oidcAudience: input_helper_text('oidc-audience'),
    };
}
function parseSettings(raw) {
    const parsed = SettingsSchema.safeParse(raw);
    if (parsed.success)
        return parsed.data;
    const issues = parsed.error.issues.map((issue) => {
        const key = String(issue.path[0] ?? '');
        return `input ${INPUT_OF[key] ?? key}: ${issue.message}`;
    });
    throw new errors_UsageError(`Invalid inputs: ${issues.join('; ')}.`);
}
function input_helper_text(name) {
    return core/* getInput */.V4(name) || undefined;
}
function required(name) {
    const value = input_helper_text(name);
    if (!value)
        throw new errors_UsageError(`Input required and not supplied: ${name}.`);
    return value;
}
/** `workspace-url`, else DATABRICKS_HOST (as the CLI and the Databricks tools read it). */
function workspaceUrl() {
    const value = input_helper_text('workspace-url') ?? (process.env.DATABRICKS_HOST?.trim() || undefined);
    if (!value) {
        throw new errors_UsageError('Input required and not supplied: workspace-url (or set DATABRICKS_HOST in the step env).');
    }
    return normalizeWorkspaceUrl(value);
}
/** Newline- or comma-separated, blanks dropped. */
function input_helper_list(name) {
    return splitList(core/* getInput */.V4(name).split('\n'));
}
function kinds(name) {
    const items = input_helper_list(name);
    if (items.length === 0 || (items.length === 1 && items[0].toLowerCase() === 'all'))
        return undefined;
    return parseKinds(`Input ${name}`, items);
}
function bool(name, fallback) {
    const value = input_helper_text(name);
    if (value === undefined)
        return fallback;
    if (/^(true|yes|on|1)$/i.test(value))
        return true;
    if (/^(false|no|off|0)$/i.test(value))
        return false;
    throw new errors_UsageError(`Input ${name} must be true or false, not "${value}".`);
}
function number(name, fallback) {
    const value = input_helper_text(name);
    if (value === undefined)
        return fallback;
    const parsed = coerce/* number */.ai().int().min(0).safeParse(value.trim());
    if (!parsed.success)
        throw new errors_UsageError(`Input ${name} must be a whole number, not "${value}".`);
    return parsed.data;
}
function oneOf(name, allowed, fallback) {
    const value = input_helper_text(name) ?? fallback;
    if (!allowed.includes(value)) {
        throw new errors_UsageError(`Input ${name} must be one of ${allowed.join(', ')}, not "${value}".`);
    }
    return value;
}

;// CONCATENATED MODULE: ./src/action/plan-artifact.ts






/**
 * The Action's side of saved plans: the plan job's dry run writes a plan and uploads it as an
 * artifact (output `plan-artifact-id`); the apply job passes that id as `plan`, and exactly that
 * artifact of this run is downloaded (digest checked) and applied.
 */
const onRunner = () => Boolean(process.env.ACTIONS_RUNTIME_TOKEN && process.env.ACTIONS_RESULTS_URL);
async function scratch() {
    const dir = (0,external_node_path_.join)(process.env.RUNNER_TEMP ?? (0,external_node_os_.tmpdir)(), `databricks-halt-${(0,external_node_crypto_.randomBytes)(6).toString('hex')}`);
    await (0,promises_.mkdir)(dir, { recursive: true });
    return dir;
}
/** Where a dry run of stop or restore writes its plan (undefined for show or a real run). */
async function planOutPath(settings) {
    if (!settings.dryRun || settings.mode === 'show' || settings.plan)
        return undefined;
    return (0,external_node_path_.join)(await scratch(), 'databricks-halt-plan.json');
}
/** Upload the plan a dry run wrote; its artifact id, or undefined off a runner. */
async function uploadPlan(report, retentionDays, logger) {
    if (!report.planOut)
        return undefined;
    if (!onRunner()) {
        logger.info(`Not on a GitHub runner: the plan stays at ${report.planOut.path}.`);
        return undefined;
    }
    const run = process.env.GITHUB_RUN_ID ?? '0';
    const attempt = process.env.GITHUB_RUN_ATTEMPT ?? '1';
    const name = `databricks-halt-plan-ws${report.workspaceId}-run${run}-attempt${attempt}`;
    const dir = (0,external_node_path_.join)(report.planOut.path, '..');
    try {
        const { id } = await new artifact/* DefaultArtifactClient */.t9().uploadArtifact(name, [report.planOut.path], dir, { retentionDays });
        logger.info(`Uploaded the plan as artifact ${name} (id ${id}).`);
        return id === undefined ? undefined : String(id);
    }
    catch (e) {
        throw new Error(`Could not upload the plan artifact ${name}: ${errors_errorText(e)}`, { cause: e });
    }
}
/**
 * The `plan` input: an artifact id of this workflow run (what the plan job's `plan-artifact-id`
 * output says), downloaded with its digest checked; or a path to a plan file.
 */
async function resolvePlanInput(value) {
    if (!value || !/^\d+$/.test(value))
        return value;
    if (!onRunner())
        throw new errors_UsageError(`Input plan ${value} is an artifact id: that needs a GitHub runner.`);
    const client = new artifact/* DefaultArtifactClient */.t9();
    const { artifacts } = await client.listArtifacts();
    const found = artifacts.find((a) => String(a.id) === value);
    if (!found || !/^databricks-halt-plan-ws\d+-run\d+-attempt\d+$/.test(found.name)) {
        throw new errors_UsageError(`Input plan: artifact ${value} is not a databricks-halt plan of this workflow run. ` +
            "Pass the plan job's plan-artifact-id output. Nothing was changed.");
    }
    const dir = await scratch();
    const { digestMismatch } = await client.downloadArtifact(found.id, {
        path: dir,
        expectedHash: found.digest,
    });
    if (digestMismatch)
        throw new errors_UsageError(`Plan artifact ${found.name} does not match its digest.`);
    const files = (await (0,promises_.readdir)(dir)).filter((f) => f.endsWith('.json'));
    if (files.length !== 1)
        throw new errors_UsageError(`Plan artifact ${found.name} should hold one JSON file.`);
    return (0,external_node_path_.join)(dir, files[0]);
}

;// CONCATENATED MODULE: ./src/main.ts












/** The Action: inputs → sign-in → engine → outputs, annotations and job summary. */
async function main_run() {
    const logger = new CoreLogger();
    try {
        const { settings, auth, artifacts, snapshotKeys } = getInputs();
        // Before any token or ID token is requested: credentials go only to known or opted-in hosts.
        const authority = resolveAuthMethod(auth) === 'azure-oidc' ? auth.azureAuthorityHost : undefined;
        const armEndpoint = process.env.DATABRICKS_HALT_ARM_ENDPOINT?.trim() || undefined;
        warnOptedIn(logger, checkSettingsHosts(settings, authority, armEndpoint));
        const tokens = createTokenProvider(settings, auth);
        // Sign in first: a missing permission or a rejected credential fails here, with its own message.
        await logger.group(`Sign in: ${tokens.description}`, () => signIn(settings, tokens));
        const store = createStore(settings, artifacts, logger);
        const plan = await resolvePlanInput(settings.plan);
        const planOut = await planOutPath(settings);
        const report = await run({
            settings: { ...settings, plan, planOut },
            tokens,
            store: store.store,
            snapshotKeys,
            logger,
            version: VERSION,
            ...(armEndpoint ? { arm: { endpoint: armEndpoint } } : {}),
        });
        core/* setOutput */.uH('plan-artifact-id', (await uploadPlan(report, artifacts.retentionDays, logger)) ?? '');
        await publish(report, store, logger);
        if (report.exitCode !== 0)
            core/* setFailed */.C1(failureMessage(report));
    }
    catch (error) {
        logger.flush(); // a run that stopped half-way still says how many annotations it held back
        fail(error);
    }
}
/** setFailed, keeping the CLI's exit codes: 2 bad input, 3 refused by a safety guard, else 1. */
function fail(error) {
    core/* setFailed */.C1(errors_errorText(error));
    process.exitCode = exitCodeForError(error);
}


/***/ })

};
