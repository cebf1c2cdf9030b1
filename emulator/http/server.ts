/** One node:http server per target (the account, each workspace), all on 127.0.0.1. */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { parseJson, stringifyJson } from '../../src/databricks/json.js'
import type { EmulatorCore } from '../core.js'
import type { WorkspaceState } from '../state/workspace.js'
import { ApiError, OAuthError, ScimError, errorBody, scimErrorBody, throttled } from './errors.js'
import type { Ctx, Obj, Reply, Route, Router } from './router.js'
import { checkFeature } from '../engine/features.js'

export interface Target {
  name: 'account' | string
  router: Router
  ws?: WorkspaceState
  /** Answers `/__emulator/...` (account server only). */
  admin?: (req: IncomingMessage, res: ServerResponse, body: string) => Promise<void> | void
}

/** Where a server listens: a loopback address and a port (0: a free one). */
export interface Address {
  host: string
  port: number
}

export async function listen(
  core: EmulatorCore,
  target: Target,
  at: Address = { host: '127.0.0.1', port: 0 },
): Promise<{ server: Server; url: string }> {
  const server = createServer((req, res) => {
    handle(core, target, req, res, urlOf(at.host, server)).catch((err) => {
      if (!res.headersSent)
        send(res, 500, stringifyJson({ error_code: 'INTERNAL_ERROR', message: String(err) }), {})
      else res.destroy()
    })
  })
  server.keepAliveTimeout = 5000
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(at.port, at.host, resolve)
  })
  return { server, url: urlOf(at.host, server) }
}

function urlOf(host: string, server: Server): string {
  return `http://${host.includes(':') ? `[${host}]` : host}:${port(server)}`
}

function port(server: Server): number {
  return (server.address() as AddressInfo).port
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = []
  for await (const chunk of req) chunks.push(chunk as Buffer)
  return Buffer.concat(chunks).toString('utf8')
}

function queryObject(query: URLSearchParams): Record<string, string> {
  const out: Record<string, string> = {}
  for (const key of new Set(query.keys())) out[key] = query.getAll(key).join(',')
  return out
}

/** What a unified host answers a workspace API call it cannot route: its sign-in page. */
const LOGIN_PAGE =
  '<!doctype html>\n<html>\n <head>\n  <meta charset="utf-8">\n  <title>Databricks - Sign In</title>\n </head>\n <body><div id="login-page"></div></body>\n</html>\n'

function routedHere(req: IncomingMessage, ws: WorkspaceState): boolean {
  return req.headers['x-databricks-workspace-id'] === ws.workspaceId
}

function logEntry(core: EmulatorCore, method: string, url: URL, target: Target) {
  return {
    at: core.now(),
    method,
    path: url.pathname,
    query: queryObject(url.searchParams),
    status: 0,
    target: target.name,
    principalId: undefined as string | undefined,
  }
}

async function handle(
  core: EmulatorCore,
  target: Target,
  req: IncomingMessage,
  res: ServerResponse,
  baseUrl: string,
): Promise<void> {
  const url = new URL(req.url ?? '/', baseUrl)
  const method = (req.method ?? 'GET').toUpperCase()
  const rawBody = await readBody(req)
  for (const observe of core.requestObservers)
    observe({ method, path: url.pathname, authorization: req.headers.authorization, body: rawBody })
  if (url.pathname.startsWith('/__emulator/') && target.admin) {
    return target.admin(req, res, rawBody)
  }
  if (core.latencyMs > 0) await new Promise((r) => setTimeout(r, core.latencyMs))
  if (target.ws?.unifiedHost && !routedHere(req, target.ws)) {
    core.requests.push({ ...logEntry(core, method, url, target), status: 200 })
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
    res.end(LOGIN_PAGE)
    return
  }
  core.clock.tick()
  const headers: Record<string, string> = {}
  if (target.ws) headers['x-databricks-org-id'] = target.ws.workspaceId
  // RFC 9110 §6.6.1: an origin server with a clock sends Date. From the emulator's clock, so a
  // client that reads the workspace's time (saved plans' age) follows clock.advance().
  headers.date = new Date(core.now()).toUTCString()
  const entry = logEntry(core, method, url, target)
  core.requests.push(entry)
  const fault = core.faults.check(method, url.pathname, { query: url.searchParams, rawBody })
  if (fault?.kind === 'reset') {
    entry.status = -1
    req.socket.destroy()
    return
  }
  let reply: Reply
  try {
    if (fault) {
      const extraHeaders =
        fault.retryAfter !== undefined ? { 'retry-after': String(fault.retryAfter) } : undefined
      throw new ApiError(fault.status, fault.errorCode, fault.message, { headers: extraHeaders })
    }
    const ctx = {
      method,
      path: url.pathname,
      query: url.searchParams,
      rawBody,
      headers: req.headers,
      core,
      target: target.name,
      ws: target.ws,
      baseUrl,
    } as Ctx
    reply = await dispatch(core, target, ctx, entry)
  } catch (err) {
    reply = errorReply(err)
  }
  entry.status = reply.status ?? 200
  // A request may have started or stopped compute: the ARM double's NICs follow at this time.
  core.arm?.reconcile(core.now())
  send(res, entry.status, stringifyJson(reply.body), { ...headers, ...reply.headers })
}

async function dispatch(
  core: EmulatorCore,
  target: Target,
  ctx: Ctx,
  entry: { principalId?: string },
): Promise<Reply> {
  const found = target.router.match(ctx.method, ctx.path)
  if (found === undefined) {
    throw new ApiError(404, 'ENDPOINT_NOT_FOUND', `No API found for '${ctx.method} ${ctx.path}'`)
  }
  if (found === 'method') {
    throw new ApiError(
      405,
      'METHOD_NOT_ALLOWED',
      `Method ${ctx.method} is not allowed for ${ctx.path}`,
    )
  }
  const { route, params } = found
  ctx.params = params
  if (params.accountId !== undefined && params.accountId !== core.account.accountId) {
    throw new ApiError(
      404,
      'RESOURCE_DOES_NOT_EXIST',
      `Account ${params.accountId} does not exist.`,
    )
  }
  if (route.access !== 'public') {
    ctx.principalId = authenticate(core, ctx)
    entry.principalId = ctx.principalId
  }
  const wait = core.rateLimiter.take(route.rateClass, target.name)
  if (wait > 0) throw throttled(wait)
  authorize(core, route, ctx)
  if (ctx.ws) checkFeature(ctx.ws, ctx.path)
  ctx.body = parseBody(ctx)
  return { body: (await route.handler(ctx)) ?? {} }
}

function authenticate(core: EmulatorCore, ctx: Ctx): string {
  const header = ctx.headers.authorization ?? ''
  const m = /^Bearer\s+(.+)$/i.exec(header)
  if (!m)
    throw new ApiError(
      401,
      'UNAUTHENTICATED',
      'Authentication is required: no bearer token was sent.',
    )
  const principalId = core.principalOf(m[1].trim())
  if (!principalId) throw new ApiError(401, 'UNAUTHENTICATED', 'Invalid access token.')
  return principalId
}

function authorize(core: EmulatorCore, route: Route, ctx: Ctx): void {
  const pid = ctx.principalId
  if (route.access === 'account-admin' && (!pid || !core.account.admins.has(pid))) {
    throw new ApiError(403, 'PERMISSION_DENIED', 'This API is only accessible by account admins.')
  }
  if (
    route.access === 'workspace-member' &&
    ctx.ws &&
    (!pid || !core.hasWorkspaceAccess(ctx.ws, pid))
  ) {
    throw new ApiError(
      403,
      'PERMISSION_DENIED',
      `User is not a member of workspace ${ctx.ws.workspaceId} or does not have access to it.`,
    )
  }
}

function parseBody(ctx: Ctx): Obj {
  const text = ctx.rawBody.trim()
  if (!text) return {}
  const type = String(ctx.headers['content-type'] ?? '')
  if (type.includes('application/x-www-form-urlencoded')) {
    return Object.fromEntries(new URLSearchParams(text))
  }
  try {
    const parsed = parseJson(text)
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) return parsed as Obj
  } catch {
    // fall through to the malformed-request error
  }
  throw new ApiError(400, 'MALFORMED_REQUEST', 'Could not parse request object: invalid JSON.')
}

function errorReply(err: unknown): Reply {
  if (err instanceof ApiError) {
    return { status: err.status, body: errorBody(err), headers: err.extra.headers }
  }
  if (err instanceof ScimError) return { status: err.status, body: scimErrorBody(err) }
  if (err instanceof OAuthError) {
    return { status: err.status, body: { error: err.error, error_description: err.message } }
  }
  return {
    status: 500,
    body: errorBody(new ApiError(500, 'INTERNAL_ERROR', `Emulator bug: ${String(err)}`)),
  }
}

/** A JSON answer with its length, plus any extra headers. */
export function send(
  res: ServerResponse,
  status: number,
  text: string,
  headers: Record<string, string>,
): void {
  res.writeHead(status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(text),
    ...headers,
  })
  res.end(text)
}
