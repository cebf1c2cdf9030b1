export const HELP = `databricks-halt: safely halt a Databricks workspace and restore exactly what it changed.

Usage:
  databricks-halt show    --workspace-url URL [options]   list what is running, scheduled, assigned
  databricks-halt stop    --workspace-url URL [options]   snapshot, then halt everything not kept
  databricks-halt restore --workspace-url URL [options]   put back what the last stop changed
  databricks-halt network --workspace-url URL [options]   Azure: are the workspace's subnets empty?
  databricks-halt status  --workspace-url URL [options]   is it halted, and what came back since
  databricks-halt desired-state [DIR] [--base REV]        check halt/*.yml, print the workflow matrix
  databricks-halt help COMMAND                            that command's own help (or COMMAND --help)

Every command accepts every option, so one set of options can be reused for all of them
(desired-state reads only files, and only its own options).

Target:
  --workspace-url URL      workspace, e.g. https://adb-1234567890123456.7.azuredatabricks.net
                           default: $DATABRICKS_HOST, else the host of the sign-in profile, else
                           of the [DEFAULT] profile in ~/.databrickscfg
  -p, --profile NAME       ~/.databrickscfg profile for the host and the sign-in
  --workspace-id ID        default: from an adb-<id>. host, else the x-databricks-org-id header
  --account-id ID          Databricks account id (default: $DATABRICKS_ACCOUNT_ID)
  --account-host URL       default: $DATABRICKS_HALT_ACCOUNT_HOST, else the account host of the
                           workspace's cloud

What to act on:
  --keep P                 principal to keep assigned: id, user name, group name, service principal
                           application id or display name; repeatable, comma-separated. While a
                           halt is open, its keep list is kept too (stop and show)
  --unkeep P               drop P from the open halt's keep list (a second stop then removes it)
  --only KINDS             act only on these kinds (comma-separated)
  --skip KINDS             leave these kinds alone (comma-separated)
                           kinds: permission_assignments, jobs, job_runs, pipelines, clusters,
                           warehouses, instance_pools, apps, alerts, dashboard_schedules,
                           serving_endpoints, vector_search_endpoints; short names: assignments,
                           permissions, runs, warehouse, sql_warehouses, pools, dashboards,
                           serving, vector_search

Snapshots:
  --snapshot-dir DIR       snapshots live in DIR/<workspace-id>/ (default DIR: ./.databricks-halt)
  --snapshot FILE          restore this snapshot (default: latest un-restored for the workspace)
  --ignore-open-snapshot NAME
                           stop: start afresh although the newest un-restored snapshot NAME is
                           unreadable or untrusted (only the name a refused stop printed)

Saved plans (like terraform plan -out / apply):
  --plan-out FILE          stop/restore --dry-run: write the plan (checksummed; signed when
                           DATABRICKS_HALT_SNAPSHOT_KEY is set)
  --plan FILE              stop/restore: apply that plan: its kinds, keep list, flags, snapshot
  --plan-max-age AGE       refuse a plan older than AGE by the workspace's clock (default 24h)
  --on-drift include|fail  stop --plan: items active now that the plan did not list are halted too
                           and reported as not in the approved plan (include, default), or the
                           stop is refused with nothing changed (fail)

Behaviour:
  --dry-run                stop/restore: print the plan, change nothing, write nothing
  --force                  restore: also put back items changed by hand during the halt
  --wait[=MIN]             stop: wait for compute to drain (default 20 minutes)
  --restart-compute        restore: start the clusters, warehouses, pipelines and apps stop halted
  --active                 show: only what is still active beyond the kept set
  --fail-if-active         show: exit 1 if anything is still active
  --check-subnets          stop --wait: also wait until the subnets have no NICs (Azure)
  --fail-on-drift          status: exit 1 if anything the halt stopped came back, or is new
  -y, --yes                stop/restore: do not ask for confirmation on a terminal
  --timeout SECONDS        give up on a request that has not answered in SECONDS (default 60;
                           20 until a host has answered once, so a wrong URL fails fast)
  --max-concurrency N      ceiling on parallel requests (default 16)
  --auth METHOD            token | azure-cli | azure-default | profile:NAME
                           default: token if $DATABRICKS_TOKEN is set, else the profile in
                           $DATABRICKS_CONFIG_PROFILE (~/.databrickscfg), else azure-default
                           profiles: a 'token', or 'auth_type = azure-cli' (+ azure_tenant_id);
                           the file is $DATABRICKS_CONFIG_FILE if set
  --allow-host HOST        also send credentials to HOST (repeatable); without it only Databricks
                           workspace and account hosts, Microsoft's Entra hosts and loopback

Network (Azure; reads Resource Manager with the Azure sign-in: azure-cli or azure-default):
  --azure-workspace-resource-id ID
                           /subscriptions/<id>/resourceGroups/<group>/providers/
                           Microsoft.Databricks/workspaces/<name> (default: looked up by URL)
  --verify-ranges          network, after a VNet change: start a small probe cluster, check
                           its NICs lie in the subnets' current prefixes, then delete it
  DATABRICKS_HALT_ARM_ENDPOINT  (environment) another Resource Manager endpoint (https)

Desired state (desired-state: DIR/<environment>.yml files, default DIR: halt):
  --base REV               compare with the files at git commit REV (default: none, so every
                           workspace counts as running before; all zeros, as GitHub sends for a
                           new branch, is none too)
  --head REV               read the files at git commit REV (default: the working tree)
  --summary FILE           append the changes as a Markdown table to FILE ($GITHUB_STEP_SUMMARY)

Output:
  -o, --output FORMAT      text (default) or json: the report as JSON on stdout (progress stays
                           on stderr); --json is short for --output json
  --debug                  debug lines on stderr: timings, stack traces (or DATABRICKS_HALT_DEBUG=1)
  --quiet                  print the summary only: no progress on stderr (errors still), no item tables
  -h, --help               this help
  --version                print the version
  DATABRICKS_HALT_SNAPSHOT_KEY=K1[,K2]  (environment) sign snapshots and markers with K1, accept
                           K1 or K2 (rotation); unsigned or wrongly signed ones are refused (exit 3)

Aliases (the Action's names for the same options):
  --keep-principals = --keep, --resources = --only, --restore-from = --snapshot

Exit codes:
  0 done · 1 some items failed, conflicted, were gone or did not converge (or --fail-if-active
  found something active, or status --fail-on-drift found drift) · 2 bad usage or input, incl. a
  corrupt snapshot · 3 refused by a safety guard (caller would be locked out, snapshot of another
  workspace, snapshot not signed with the key, a host that is not Databricks' or Microsoft's)
`

const SUMMARIES = {
  'desired-state':
    'databricks-halt desired-state: check every DIR/<environment>.yml (state, workspace-url, ' +
    'keep-principals, reason) and print, as JSON on stdout, the matrix of stop and restore runs ' +
    'its changes since --base ask for. Reads no workspace. Exit 2, naming the file and the ' +
    'field, for a file that is not valid.',
  show: 'databricks-halt show: list what is running, scheduled and assigned. Changes nothing.',
  stop: 'databricks-halt stop: save a snapshot, then halt everything not kept.',
  restore: 'databricks-halt restore: put back what the last stop changed, from its snapshot.',
  network:
    'databricks-halt network: Azure: report per subnet the NICs still attached; exit 0 only when all are empty.',
  status:
    'databricks-halt status: whether the workspace is halted, by which snapshot, and what came ' +
    'back or is new since. Changes nothing.',
} as const
type Command = keyof typeof SUMMARIES

/** Options that only one or two commands read; every other option applies to all. */
const ONLY_FOR: Record<string, readonly Command[]> = {
  '--dry-run': ['stop', 'restore'],
  '--force': ['restore'],
  '--wait[=MIN]': ['stop'],
  '--restart-compute': ['restore'],
  '--active': ['show'],
  '--fail-if-active': ['show'],
  '--fail-on-drift': ['status'],
  '--snapshot': ['restore'],
  '-y,': ['stop', 'restore'],
  '--check-subnets': ['stop'],
  '--azure-workspace-resource-id': ['stop', 'network'],
  '--verify-ranges': ['network'],
  '--plan-out': ['stop', 'restore'],
  '--plan': ['stop', 'restore'],
  '--plan-max-age': ['stop', 'restore'],
  '--on-drift': ['stop'],
  '--unkeep': ['stop', 'show', 'status'],
  '--base': ['desired-state'],
  '--head': ['desired-state'],
  '--summary': ['desired-state'],
}

/** desired-state reads files, not a workspace: only these options (and their sections) apply. */
const DESIRED_STATE_OPTIONS = ['--base', '--head', '--summary', '--quiet', '-h,', '--debug']

/** The whole help, or one command's: its purpose, usage, and only the options it reads. */
export function helpText(command?: Command): string {
  if (command === undefined) return HELP
  const lines = HELP.split('\n')
  const options = lines.slice(lines.findIndex((l) => l === 'Target:'))
  const kept: string[] = []
  let skipping = false
  for (const line of options) {
    const flag = /^ {2}(\S+)/.exec(line)?.[1]
    if (flag !== undefined) skipping = !appliesTo(flag, command)
    else if (!line.startsWith('   ')) skipping = false
    if (!skipping) kept.push(line)
  }
  const usage =
    command === 'desired-state'
      ? `Usage:\n  databricks-halt desired-state [DIR] [--base REV] [--head REV] [--summary FILE]\n`
      : `Usage:\n  databricks-halt ${command} --workspace-url URL [options]\n`
  const body = command === 'desired-state' ? withoutEmptySections(kept) : kept
  return `${SUMMARIES[command]}\n\n${usage}\n${body.join('\n')}`
}

function appliesTo(flag: string, command: Command): boolean {
  if (command === 'desired-state') return DESIRED_STATE_OPTIONS.includes(flag)
  return (ONLY_FOR[flag] ?? [command]).includes(command)
}

/** Drops the headings of sections none of whose options were kept. */
function withoutEmptySections(lines: string[]): string[] {
  const kept = lines.filter((line, i) => {
    if (!/^\S.*:$/.test(line)) return true
    const next = lines.slice(i + 1).find((l) => l !== '')
    return next !== undefined && next.startsWith(' ')
  })
  return kept.filter((line, i) => line !== '' || (i > 0 && kept[i - 1] !== ''))
}
