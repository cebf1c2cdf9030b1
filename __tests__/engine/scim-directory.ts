import { DatabricksClient } from '../../src/databricks/client.js'
import type { ScimGroup, ScimServicePrincipal, ScimUser } from '../../src/databricks/scim.js'
import { startRawServer, staticTokens } from '../databricks/raw-server.js'

/**
 * A canned SCIM directory for unit tests of the code that looks principals up: the account's
 * Users, ServicePrincipals and Groups (listed with an `attr eq "value"` filter and paged, or read
 * by id) and the workspace's Users. Entries are served exactly as given (a listing that omits
 * `groups` omits it). Every request is kept, and `fail` answers chosen requests with an error.
 */
export interface ScimDirectory {
  users: ScimUser[]
  servicePrincipals: ScimServicePrincipal[]
  groups: ScimGroup[]
  workspaceUsers: ScimUser[]
  /** `kind` or `kind/id` or `kind?filter` (kind: Users, ServicePrincipals, Groups, workspace) → status. */
  fail: Map<string, number>
  /** Every request: the directory (`Users`, `Groups/g1`, `workspace`…) and its query. */
  requests: Array<{ what: string; query: Record<string, string> }>
  account: DatabricksClient
  workspace: DatabricksClient
  close(): Promise<void>
}

export const ACCOUNT_ID = 'acc-1'

function unquote(s: string): string {
  return s.replace(/\\(.)/g, '$1')
}

export async function startScimDirectory(): Promise<ScimDirectory> {
  const dir = {
    users: [],
    servicePrincipals: [],
    groups: [],
    workspaceUsers: [],
    fail: new Map(),
    requests: [],
  } as unknown as ScimDirectory
  const accountPrefix = `/api/2.0/accounts/${ACCOUNT_ID}/scim/v2/`
  const server = await startRawServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x')
    const query = Object.fromEntries(url.searchParams)
    const what = url.pathname.startsWith(accountPrefix)
      ? url.pathname.slice(accountPrefix.length)
      : url.pathname === '/api/2.0/preview/scim/v2/Users'
        ? 'workspace'
        : url.pathname
    const { startIndex, count, ...shown } = query
    dir.requests.push({ what, query: shown })
    const answer = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' })
      res.end(JSON.stringify(body))
    }
    const failed =
      dir.fail.get(what) ?? (query.filter ? dir.fail.get(`${what}?${query.filter}`) : undefined)
    if (failed) {
      return answer(failed, { error_code: 'INTERNAL_ERROR', message: `failing ${what}` })
    }
    const [kind, id] = what.split('/')
    const entries: Array<Record<string, unknown>> | undefined = (
      {
        Users: dir.users,
        ServicePrincipals: dir.servicePrincipals,
        Groups: dir.groups,
        workspace: dir.workspaceUsers,
      } as unknown as Record<string, Array<Record<string, unknown>>>
    )[kind]
    if (!entries) return answer(404, { error_code: 'ENDPOINT_NOT_FOUND', message: `no ${what}` })
    if (id !== undefined) {
      const found = entries.find((e) => e.id === decodeURIComponent(id))
      if (!found)
        return answer(404, { error_code: 'RESOURCE_DOES_NOT_EXIST', message: `no ${what}` })
      return answer(200, found)
    }
    let matching = entries
    if (query.filter) {
      const m = /^(\w+) eq "((?:[^"\\]|\\.)*)"$/.exec(query.filter)
      if (!m) return answer(400, { error_code: 'INVALID_PARAMETER_VALUE', message: 'bad filter' })
      matching = entries.filter((e) => e[m[1]] === unquote(m[2]))
    }
    const from = Number(startIndex ?? 1) - 1
    const page = matching.slice(from, from + Number(count ?? 1000))
    return answer(200, { totalResults: matching.length, Resources: page })
  })
  const client = (audience: 'workspace' | 'account') =>
    new DatabricksClient({
      host: server.url,
      audience,
      tokens: staticTokens(),
      retry: { maxAttempts: 1 },
      ...(audience === 'account' ? { accountId: ACCOUNT_ID } : {}),
    })
  dir.account = client('account')
  dir.workspace = client('workspace')
  dir.close = () => server.close()
  return dir
}
