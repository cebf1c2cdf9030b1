/** SCIM directory reads (account and workspace) and the workspace `Me`. */
import type { Ctx, Obj, Router } from '../http/router.js'
import { ScimError, invalidParam } from '../http/errors.js'
import { SCIM_USER } from '../state/account.js'
import { intParam } from '../http/paging.js'

type Kind = 'Users' | 'Groups' | 'ServicePrincipals'

/** The account directory; a workspace's Users also hold its workspace-local users. */
function collection(ctx: Ctx, kind: Kind): Map<string, Obj> {
  const a = ctx.core.account
  if (kind === 'Users' && ctx.ws?.localUsers.size)
    return new Map([...a.users, ...ctx.ws.localUsers])
  return kind === 'Users' ? a.users : kind === 'Groups' ? a.groups : a.servicePrincipals
}

interface Clause {
  attr: string
  op: string
  value: string
}

/** Boolean attributes: compared with the literals `true` / `false` only (RFC 7644 §3.4.2.2). */
const BOOLEAN_ATTRS = new Set(['active'])

/**
 * `attr op "value"` (or `attr eq true|false` for a boolean attribute) clauses joined by and/or,
 * evaluated left to right (no parentheses). A boolean attribute compared with a string, or a
 * string attribute with a boolean, is an invalid filter (the strict reading).
 */
function parseFilter(filter: string): { clauses: Clause[]; joins: string[] } {
  const clauses: Clause[] = []
  const joins: string[] = []
  const re =
    /\s*([\w.]+)\s+(eq|ne|co|sw|ew)\s+(?:"((?:[^"\\]|\\.)*)"|(true|false)\b)\s*(?:(and|or)\b)?/giy
  let m: RegExpExecArray | null
  let end = 0
  while ((m = re.exec(filter))) {
    const boolean = m[4] !== undefined
    const op = m[2].toLowerCase()
    if (
      boolean !== BOOLEAN_ATTRS.has(m[1].toLowerCase()) ||
      (boolean && op !== 'eq' && op !== 'ne')
    )
      throw invalidParam(`Invalid filter: ${filter}`)
    const value = boolean ? m[4].toLowerCase() : m[3].replace(/\\(.)/g, '$1')
    clauses.push({ attr: m[1], op, value })
    if (m[5]) joins.push(m[5].toLowerCase())
    end = re.lastIndex
  }
  if (!clauses.length || end < filter.trim().length || joins.length !== clauses.length - 1) {
    throw invalidParam(`Invalid filter: ${filter}`)
  }
  return { clauses, joins }
}

function attrValues(item: Obj, attr: string): string[] {
  const [head, sub] = attr.split('.')
  const key = Object.keys(item).find((k) => k.toLowerCase() === head.toLowerCase())
  const v = key ? item[key] : undefined
  if (Array.isArray(v)) return v.map((e: Obj) => String(sub ? e?.[sub] : (e?.value ?? e)))
  return v === undefined || v === null ? [] : [String(v)]
}

function test(item: Obj, c: Clause): boolean {
  const values = attrValues(item, c.attr)
  // SCIM attribute comparisons are case-insensitive for these string attributes.
  const want = c.value.toLowerCase()
  const hit = values.some((raw) => {
    const v = raw.toLowerCase()
    if (c.op === 'co') return v.includes(want)
    if (c.op === 'sw') return v.startsWith(want)
    if (c.op === 'ew') return v.endsWith(want)
    return v === want
  })
  return c.op === 'ne' ? !values.some((v) => v.toLowerCase() === want) : hit
}

function matchesFilter(item: Obj, filter: string | null): boolean {
  if (!filter) return true
  const { clauses, joins } = parseFilter(filter)
  let result = test(item, clauses[0])
  joins.forEach((j, i) => {
    const next = test(item, clauses[i + 1])
    result = j === 'and' ? result && next : result || next
  })
  return result
}

function project(item: Obj, query: URLSearchParams): Obj {
  const attributes = query.get('attributes')
  const excluded = query.get('excludedAttributes')
  if (attributes) {
    const keep = new Set(['id', 'schemas', ...attributes.split(',').map((s) => s.trim())])
    return Object.fromEntries(Object.entries(item).filter(([k]) => keep.has(k)))
  }
  if (excluded) {
    const drop = new Set(excluded.split(',').map((s) => s.trim()))
    return Object.fromEntries(Object.entries(item).filter(([k]) => !drop.has(k)))
  }
  return item
}

function list(ctx: Ctx, kind: Kind): Obj {
  const filter = ctx.query.get('filter')
  const all = [...collection(ctx, kind).values()].filter((i) => matchesFilter(i, filter))
  const sortBy = ctx.query.get('sortBy')
  if (sortBy) {
    const dir = ctx.query.get('sortOrder') === 'descending' ? -1 : 1
    all.sort((a, b) => dir * String(a[sortBy] ?? '').localeCompare(String(b[sortBy] ?? '')))
  }
  const startIndex = Math.max(1, intParam(ctx.query, 'startIndex') ?? 1)
  const count = Math.min(intParam(ctx.query, 'count') ?? 10000, 10000)
  const page = all.slice(startIndex - 1, startIndex - 1 + count)
  return {
    schemas: ['urn:ietf:params:scim:api:messages:2.0:ListResponse'],
    totalResults: all.length,
    itemsPerPage: page.length,
    startIndex,
    Resources: page.map((i) => project(i, ctx.query)),
  }
}

function get(ctx: Ctx, kind: Kind): Obj {
  const item = collection(ctx, kind).get(ctx.params.id)
  const noun = kind === 'Users' ? 'User' : kind === 'Groups' ? 'Group' : 'ServicePrincipal'
  if (!item) throw new ScimError(404, `${noun} with id ${ctx.params.id} not found.`)
  return project(item, ctx.query)
}

/** The caller as the workspace sees it; workspace admins appear in the `admins` group. */
function me(ctx: Ctx): Obj {
  const { core, ws, principalId } = ctx
  const a = core.account
  const p = a.principal(principalId!)!
  const groups = a.directGroupsOf(principalId!).map((gid) => ({
    display: a.groups.get(gid)?.displayName,
    value: gid,
    type: 'direct',
  }))
  if (ws && core.effectivePermissions(ws, principalId!).has('ADMIN')) {
    groups.push({ display: 'admins', value: `admins-${ws.workspaceId}`, type: 'direct' })
  }
  const isSp = a.kindOf(principalId!) === 'service_principal'
  const out: Obj = {
    id: principalId,
    userName: isSp ? p.applicationId : p.userName,
    displayName: p.displayName,
    active: p.active ?? true,
    groups,
    emails: isSp ? [] : (p.emails ?? []),
    entitlements: [{ value: 'workspace-access' }],
    schemas: [SCIM_USER],
  }
  return project(out, ctx.query)
}

const KINDS: Kind[] = ['Users', 'Groups', 'ServicePrincipals']

export function accountScimRoutes(r: Router): void {
  for (const prefix of [
    '/api/2.0/accounts/:accountId/scim/v2',
    '/api/2.0/preview/accounts/:accountId/scim/v2',
  ]) {
    for (const kind of KINDS) {
      r.add('GET', `${prefix}/${kind}`, 'scim', 'account-admin', (ctx) => list(ctx, kind))
      r.add('GET', `${prefix}/${kind}/:id`, 'scim', 'account-admin', (ctx) => get(ctx, kind))
    }
  }
}

export function workspaceScimRoutes(r: Router): void {
  const prefix = '/api/2.0/preview/scim/v2'
  r.add('GET', `${prefix}/Me`, 'scim', 'workspace-member', me)
  for (const kind of KINDS) {
    r.add('GET', `${prefix}/${kind}`, 'scim', 'workspace-member', (ctx) => list(ctx, kind))
    r.add('GET', `${prefix}/${kind}/:id`, 'scim', 'workspace-member', (ctx) => get(ctx, kind))
  }
}
