/**
 * Features a workspace may lack (tier, region, or not enabled by its admin). A list or any other
 * call of a disabled feature answers as the real service does: `404 FEATURE_DISABLED` (seen for
 * model serving: "Model serving is not enabled for your shard. Please contact your organization
 * admin or Databricks support.", databrickslabs/ucx#1617; and for other workspace features,
 * databrickslabs/ucx#557), or `404 ENDPOINT_NOT_FOUND` where the API is not served at all (alerts
 * v2 on a workspace it has not reached).
 */
import { ApiError } from '../http/errors.js'
import type { WorkspaceState } from '../state/workspace.js'

export const FEATURES = ['apps', 'serving', 'vector_search', 'alerts_v2', 'lakeview'] as const
export type Feature = (typeof FEATURES)[number]

const GATES: ReadonlyArray<{ feature: Feature; prefix: RegExp; answer: () => ApiError }> = [
  {
    feature: 'apps',
    prefix: /^\/api\/2\.0\/apps(\/|$)/,
    answer: () =>
      new ApiError(404, 'FEATURE_DISABLED', 'Databricks Apps is not enabled for this workspace.'),
  },
  {
    feature: 'serving',
    prefix: /^\/api\/2\.0\/serving-endpoints(\/|$)/,
    answer: () =>
      new ApiError(
        404,
        'FEATURE_DISABLED',
        'Model serving is not enabled for your shard. Please contact your organization admin or Databricks support.',
      ),
  },
  {
    feature: 'vector_search',
    prefix: /^\/api\/2\.0\/vector-search(\/|$)/,
    answer: () =>
      new ApiError(404, 'FEATURE_DISABLED', 'Vector search is not enabled for this workspace.'),
  },
  {
    feature: 'alerts_v2',
    prefix: /^\/api\/2\.0\/alerts(\/|$)/,
    answer: () => new ApiError(404, 'ENDPOINT_NOT_FOUND', 'No API found for this path.'),
  },
  {
    feature: 'lakeview',
    prefix: /^\/api\/2\.0\/lakeview(\/|$)/,
    answer: () =>
      new ApiError(404, 'FEATURE_DISABLED', 'AI/BI dashboards are not enabled for this workspace.'),
  },
]

/** Throws the workspace's answer when `path` belongs to a feature it has switched off. */
export function checkFeature(ws: WorkspaceState, path: string): void {
  if (ws.disabledFeatures.size === 0) return
  for (const gate of GATES) {
    if (ws.disabledFeatures.has(gate.feature) && gate.prefix.test(path)) throw gate.answer()
  }
}
