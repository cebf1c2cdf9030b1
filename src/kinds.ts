import { RESOURCE_KINDS, type ResourceKind } from './settings.js'
import { UsageError } from './errors.js'

/** Short names people type; the canonical names are the API objects' (src/settings.ts). */
const ALIASES: Record<string, ResourceKind> = {
  assignments: 'permission_assignments',
  permissions: 'permission_assignments',
  runs: 'job_runs',
  warehouse: 'warehouses',
  sql_warehouses: 'warehouses',
  pools: 'instance_pools',
  dashboards: 'dashboard_schedules',
  serving: 'serving_endpoints',
  vector_search: 'vector_search_endpoints',
}

/**
 * `--only jobs,clusters --only pools` or the Action's `resources: jobs, pools` →
 * ['jobs', 'clusters', 'instance_pools']. Both faces accept the same names; `label` says which
 * flag or input an error is about.
 */
export function parseKinds(label: string, values: string[]): ResourceKind[] {
  const kinds = splitList(values).map((raw) => {
    const name = raw.toLowerCase().replace(/-/g, '_')
    const kind = (RESOURCE_KINDS as readonly string[]).includes(name)
      ? (name as ResourceKind)
      : ALIASES[name]
    if (!kind) {
      throw new UsageError(
        `${label}: unknown resource kind '${raw}'. Known kinds: ${RESOURCE_KINDS.join(', ')} ` +
          `(short names: ${Object.keys(ALIASES).join(', ')}).`,
      )
    }
    return kind
  })
  return [...new Set(kinds)]
}

/** Repeatable flags that also take comma-separated lists. */
export function splitList(values: string[]): string[] {
  return values
    .flatMap((v) => v.split(','))
    .map((v) => v.trim())
    .filter((v) => v !== '')
}
