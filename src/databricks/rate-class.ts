/**
 * Rate-limit classes: groups of endpoints that share one server-side limit. Each class gets its
 * own adaptive limiter, so throttling on one (account writes) never slows another (job updates).
 * The emulator keys its token buckets by the same list.
 */
export const RATE_CLASSES = [
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
] as const
export type RateClass = (typeof RATE_CLASSES)[number]
