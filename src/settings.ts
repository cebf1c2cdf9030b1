import { z } from 'zod'

/** Resource kinds, named after the Databricks API objects they act on. */
export const RESOURCE_KINDS = [
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
] as const
export type ResourceKind = (typeof RESOURCE_KINDS)[number]

export const AUTH_METHODS = [
  'auto',
  'token',
  'azure-oidc',
  'databricks-oidc',
  'azure-cli',
  'azure-default',
] as const

/**
 * The one typed settings object both faces (the Action's inputs, the CLI's flags) produce.
 * Everything after it (auth, client, engine, stores) reads only this.
 */
export const SettingsSchema = z.object({
  mode: z.enum(['show', 'stop', 'restore', 'network', 'status']),
  workspaceUrl: z.url(),
  /** Decimal string: workspace ids are int64 and may exceed 2^53. */
  workspaceId: z.string().regex(/^\d+$/).optional(),
  accountId: z.string().min(1).optional(),
  accountHost: z.url().optional(),
  /** Principals to keep: ids, user names, group names, SP application ids or display names. */
  keep: z.array(z.string().min(1)).default([]),
  /** Principals to drop from the open snapshot's keep list (which a second stop and show inherit). */
  unkeep: z.array(z.string().min(1)).default([]),
  only: z.array(z.enum(RESOURCE_KINDS)).optional(),
  skip: z.array(z.enum(RESOURCE_KINDS)).default([]),
  dryRun: z.boolean().default(false),
  force: z.boolean().default(false),
  restartCompute: z.boolean().default(false),
  /** stop: minutes to wait for compute to drain; 0 = do not wait. */
  waitMinutes: z.number().min(0).default(0),
  active: z.boolean().default(false),
  failIfActive: z.boolean().default(false),
  /** status: exit 1 when anything the halt stopped came back, or something new is active. */
  failOnDrift: z.boolean().default(false),
  maxConcurrency: z.number().int().min(1).max(256).default(16),
  /** Seconds one request may take; default 60 (20 until a host has answered once). */
  requestTimeoutSeconds: z.number().positive().optional(),
  /** restore: which snapshot; undefined = latest un-restored for the workspace. */
  snapshot: z.string().min(1).optional(),
  /** Hosts outside Databricks and Microsoft that may still receive credentials (opt-in). */
  allowHosts: z.array(z.string().min(1)).default([]),
  /** stop: start afresh although the newest open snapshot (this name) is unreadable or untrusted. */
  ignoreOpenSnapshot: z.string().min(1).optional(),
  /** stop/restore --dry-run: write the plan to this file (--plan-out). */
  planOut: z.string().min(1).optional(),
  /** stop/restore: apply this saved plan (--plan) instead of planning afresh. */
  plan: z.string().min(1).optional(),
  /** --plan: refuse a plan older than this, by the workspace's clock. */
  planMaxAgeHours: z.number().positive().default(24),
  /** stop --plan: what to do with active items the plan did not list. */
  onDrift: z.enum(['include', 'fail']).default('include'),
  /** Auth method, or `profile:NAME` for ~/.databrickscfg. */
  auth: z.union([z.enum(AUTH_METHODS), z.string().regex(/^profile:.+$/)]).default('auto'),
  /** Azure resource id of the workspace (network checks); else looked up by its URL. */
  azureWorkspaceResourceId: z.string().min(1).optional(),
  /** stop: also wait (within waitMinutes) until the workspace's subnets have no NICs. */
  checkSubnets: z.boolean().default(false),
  /** network: start a probe cluster and check its NICs lie in the subnets' current prefixes. */
  verifyRanges: z.boolean().default(false),
  /** Who runs it: messages name options as this face does (src/wording.ts). Absent: the CLI. */
  face: z.enum(['cli', 'action']).optional(),
})
export type Settings = z.infer<typeof SettingsSchema>
