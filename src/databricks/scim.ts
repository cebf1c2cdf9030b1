import type { CallOptions, DatabricksClient } from './client.js'
import { paginateScim } from './pagination.js'

/** SCIM 2.0: the workspace's `Me`, and the account directory (users, groups, service principals). */

export interface ComplexValue {
  value?: string
  display?: string
  type?: string
  $ref?: string
  primary?: boolean
}

export interface ScimUser {
  id: string
  userName?: string
  displayName?: string
  active?: boolean
  emails?: ComplexValue[]
  groups?: ComplexValue[]
  entitlements?: ComplexValue[]
  roles?: ComplexValue[]
  schemas?: string[]
}

export interface ScimGroup {
  id: string
  displayName?: string
  members?: ComplexValue[]
  groups?: ComplexValue[]
  entitlements?: ComplexValue[]
  roles?: ComplexValue[]
}

export interface ScimServicePrincipal {
  id: string
  applicationId?: string
  displayName?: string
  active?: boolean
  groups?: ComplexValue[]
  entitlements?: ComplexValue[]
  roles?: ComplexValue[]
}

export interface MeResponse {
  user: ScimUser
  /** The workspace id from `x-databricks-org-id`, when the server sends it. */
  orgId?: string
  /** The workspace's clock (epoch ms) from the `Date` header, when the server sends one. */
  serverTime?: number
}

/** GET /api/2.0/preview/scim/v2/Me: the caller (for a service principal, userName is its application id). */
export async function getMe(
  workspace: DatabricksClient,
  options?: CallOptions,
): Promise<MeResponse> {
  const response = await workspace.requestWithHeaders<ScimUser>({
    rateClass: 'scim',
    ...options,
    method: 'GET',
    path: '/api/2.0/preview/scim/v2/Me',
    query: { excludedAttributes: 'entitlements' },
  })
  const orgId = response.headers.get('x-databricks-org-id') ?? undefined
  const date = Date.parse(response.headers.get('date') ?? '')
  return {
    user: response.body,
    ...(orgId ? { orgId } : {}),
    ...(Number.isFinite(date) ? { serverTime: date } : {}),
  }
}

export type AccountScimKind = 'Users' | 'Groups' | 'ServicePrincipals'
type ScimOf<K extends AccountScimKind> = K extends 'Users'
  ? ScimUser
  : K extends 'Groups'
    ? ScimGroup
    : ScimServicePrincipal

export interface ScimListRequest {
  /** e.g. `userName eq "ada@example.com"`; quote values with scimString(). */
  filter?: string
  attributes?: string
  excludedAttributes?: string
  /** Page size; default 1000. */
  count?: number
}

function accountPrefix(account: DatabricksClient): string {
  return `${account.accountPath()}/scim/v2`
}

/** GET /api/2.0/accounts/{account_id}/scim/v2/{Users|Groups|ServicePrincipals}, paged by startIndex. */
export function listAccountScim<K extends AccountScimKind>(
  account: DatabricksClient,
  kind: K,
  request: ScimListRequest = {},
  options?: CallOptions,
): AsyncGenerator<ScimOf<K>> {
  const { count, ...query } = request
  return paginateScim<ScimOf<K>>(account, {
    rateClass: 'scim',
    ...options,
    path: `${accountPrefix(account)}/${kind}`,
    query,
    count,
  })
}

/** GET /api/2.0/accounts/{account_id}/scim/v2/{kind}/{id} */
export function getAccountScim<K extends AccountScimKind>(
  account: DatabricksClient,
  kind: K,
  id: string,
  options?: CallOptions,
): Promise<ScimOf<K>> {
  return account.get<ScimOf<K>>(
    `${accountPrefix(account)}/${kind}/${encodeURIComponent(id)}`,
    undefined,
    {
      rateClass: 'scim',
      ...options,
    },
  )
}

/** A SCIM filter string literal: `"..."` with quotes and backslashes escaped. */
export function scimString(value: string): string {
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`
}

/** GET /api/2.0/preview/scim/v2/Users of the workspace (workspace-local users included). */
export function listWorkspaceUsers(
  workspace: DatabricksClient,
  request: ScimListRequest = {},
  options?: CallOptions,
): AsyncGenerator<ScimUser> {
  const { count, ...query } = request
  return paginateScim<ScimUser>(workspace, {
    rateClass: 'scim',
    ...options,
    path: '/api/2.0/preview/scim/v2/Users',
    query,
    count,
  })
}

/**
 * The account's deactivated users and service principals (ids), in one filtered list per type
 * instead of a GET per principal. Users are filtered server-side (`active eq false`: the SCIM
 * reference lets admins filter users on `active`). For service principals that filter is not
 * documented, so all of them are listed with only `id,active` and filtered here; accounts hold far
 * fewer of them, one page of 10,000 in practice. Groups have no `active` flag.
 */
export async function listInactiveAccountPrincipals(
  account: DatabricksClient,
  options?: CallOptions,
): Promise<Set<string>> {
  const inactive = new Set<string>()
  const page = { attributes: 'id,active', count: 10_000 }
  for await (const u of listAccountScim(
    account,
    'Users',
    { ...page, filter: 'active eq false' },
    options,
  )) {
    if (u.active === false) inactive.add(String(u.id))
  }
  for await (const sp of listAccountScim(account, 'ServicePrincipals', page, options)) {
    if (sp.active === false) inactive.add(String(sp.id))
  }
  return inactive
}
