export const HELP = `databricks-halt: safely halt a Databricks workspace and restore exactly what it changed.

Usage:
  databricks-halt show    --workspace-url URL [options]   list what is running, scheduled, assigned
  databricks-halt stop    --workspace-url URL [options]   snapshot, then halt everything not kept
  databricks-halt restore --workspace-url URL [options]   put back what the last stop changed
  databricks-halt network --workspace-url URL [options]   Azure: are the workspace's subnets empty?

Every command accepts every option, so one set of options can be reused for all of them.

Target:
  --workspace-url URL      workspace, e.g. https://adb-1234567890123456.7.azuredatabricks.net
                           default: $DATABRICKS_HOST, else the host of the sign-in profile
  --workspace-id ID        default: from an adb-<id>. host, else the x-databricks-org-id header
  --account-id ID          Databricks account id (default: $DATABRICKS_ACCOUNT_ID)
  --account-host URL       default: the account host of the workspace's cloud

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

Behaviour:
  --dry-run                stop/restore: print the plan, change nothing, write nothing
  --force                  restore: also put back items changed by hand during the halt
  --wait[=MIN]             stop: wait for compute to drain (default 20 minutes)
  --restart-compute        restore: start the clusters, warehouses, pipelines and apps stop halted
  --active                 show: only what is still active beyond the kept set
  --fail-if-active         show: exit 1 if anything is still active
  --check-subnets          stop --wait: also wait until the subnets have no NICs (Azure)
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
  --verify-ranges          network: start a probe cluster, check its NICs lie in the subnets'
                           current prefixes, then delete it (after a VNet change)
  DATABRICKS_HALT_ARM_ENDPOINT  (environment) another Resource Manager endpoint (https)

Output:
  --json                   print the report as JSON on stdout (progress stays on stderr)
  --quiet                  print the summary only: no progress on stderr (errors still), no item tables
  -h, --help               this help
  --version                print the version
  DATABRICKS_HALT_DEBUG=1  (environment) debug lines on stderr: timings, stack traces
  DATABRICKS_HALT_SNAPSHOT_KEY=K1[,K2]  (environment) sign snapshots and markers with K1, accept
                           K1 or K2 (rotation); unsigned or wrongly signed ones are refused (exit 3)

Exit codes:
  0 done · 1 some items failed, conflicted, were gone or did not converge (or --fail-if-active
  found something active) · 2 bad usage or input, incl. a corrupt snapshot · 3 refused by a safety
  guard (caller would be locked out, snapshot of another workspace, snapshot not signed with the
  key, a host that is not Databricks' or Microsoft's)
`
