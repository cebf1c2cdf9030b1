/** A tiny router: `/api/2.2/jobs/:action` style patterns, one per method. */
import type { IncomingHttpHeaders } from 'node:http'
import type { RateClass } from '../types.js'
import type { EmulatorCore } from '../core.js'
import type { WorkspaceState } from '../state/workspace.js'

// REST payloads are loose JSON by nature; handlers validate the fields they use.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Obj = Record<string, any>

/** Who may call: nobody needs a token, an account admin, or a workspace member. */
export type Access = 'public' | 'account-admin' | 'workspace-member'

export interface Ctx {
  method: string
  path: string
  params: Record<string, string>
  query: URLSearchParams
  body: Obj
  rawBody: string
  headers: IncomingHttpHeaders
  principalId?: string
  core: EmulatorCore
  target: 'account' | string
  /** The workspace this request is for (workspace servers only). */
  ws?: WorkspaceState
  baseUrl: string
}

export interface Reply {
  status?: number
  body: unknown
  headers?: Record<string, string>
}

export type Handler = (ctx: Ctx) => unknown

export interface Route {
  method: string
  pattern: string
  regex: RegExp
  keys: string[]
  handler: Handler
  rateClass: RateClass
  access: Access
}

export class Router {
  readonly routes: Route[] = []

  add(method: string, pattern: string, rateClass: RateClass, access: Access, handler: Handler) {
    const keys: string[] = []
    const source = pattern.replace(/[.]/g, '\\.').replace(/:(\w+)/g, (_, k: string) => {
      keys.push(k)
      return '([^/]+)'
    })
    this.routes.push({
      method,
      pattern,
      regex: new RegExp(`^${source}$`),
      keys,
      handler,
      rateClass,
      access,
    })
  }

  match(
    method: string,
    path: string,
  ): { route: Route; params: Record<string, string> } | 'method' | undefined {
    let pathMatched = false
    for (const route of this.routes) {
      const m = route.regex.exec(path)
      if (!m) continue
      pathMatched = true
      if (route.method !== method) continue
      const params: Record<string, string> = {}
      route.keys.forEach((k, i) => (params[k] = decodeURIComponent(m[i + 1])))
      return { route, params }
    }
    return pathMatched ? 'method' : undefined
  }
}
