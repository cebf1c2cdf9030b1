/**
 * The ARM double: Azure Resource Manager over https on 127.0.0.1 (the Azure SDK refuses to send
 * a bearer token over plain http), with a self-signed certificate the caller trusts via
 * NODE_EXTRA_CA_CERTS or a `tlsOptions.ca` seam. Paths, api-version, list envelopes
 * (`{value, nextLink}`) and error bodies (`{error: {code, message}}`) as ARM answers them.
 */
import { createServer, type Server } from 'node:https'
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { loopbackCertificate } from '../http/loopback-certificate.js'
import type { EmulatorCore } from '../core.js'
import type { Obj } from '../http/router.js'
import { ArmState, SUBSCRIPTION_ID, TENANT_ID, type ArmScope, type ArmWorkspace } from './state.js'

class ArmError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message)
  }
}

export async function startArmServer(
  core: EmulatorCore,
  arm: ArmState,
): Promise<{ server: Server; url: string; ca: string }> {
  const pems = await loopbackCertificate('ARM double (127.0.0.1)')
  const server = createServer(pems, (req, res) => {
    try {
      answer(core, arm, req, res)
    } catch (e) {
      const err = e instanceof ArmError ? e : new ArmError(500, 'InternalServerError', String(e))
      send(res, err.status, { error: { code: err.code, message: err.message } })
    }
  })
  server.keepAliveTimeout = 5000
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const port = (server.address() as AddressInfo).port
  return { server, url: `https://127.0.0.1:${port}`, ca: pems.cert }
}

function send(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body)
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    'x-ms-request-id': crypto.randomUUID(),
  })
  res.end(text)
}

function answer(core: EmulatorCore, arm: ArmState, req: IncomingMessage, res: ServerResponse) {
  const url = new URL(req.url ?? '/', 'https://127.0.0.1')
  const method = (req.method ?? 'GET').toUpperCase()
  const entry = {
    at: core.now(),
    method,
    path: url.pathname,
    query: Object.fromEntries(url.searchParams),
    status: 0,
    target: 'arm',
  }
  core.requests.push(entry)
  req.resume()
  const reply = (status: number, body: unknown) => {
    entry.status = status
    send(res, status, body)
  }
  try {
    authenticate(arm, req.headers.authorization)
    const fault = core.faults.check(method, url.pathname)
    if (fault?.kind === 'reset') return req.socket.destroy()
    if (fault) throw new ArmError(fault.status, fault.errorCode, fault.message)
    if (!url.searchParams.get('api-version')) {
      throw new ArmError(
        400,
        'MissingApiVersionParameter',
        'The api-version query parameter (?api-version=) is required for all requests.',
      )
    }
    if (method !== 'GET') throw new ArmError(405, 'MethodNotAllowed', `${method} is not served.`)
    arm.current()
    reply(200, route(arm, url))
  } catch (e) {
    const err = e instanceof ArmError ? e : new ArmError(500, 'InternalServerError', String(e))
    reply(err.status, { error: { code: err.code, message: err.message } })
  }
}

function oidOf(token: string): string {
  try {
    const claims = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8'))
    if (typeof claims?.oid === 'string') return claims.oid
  } catch {
    // not a JWT: the emulator's admin token
  }
  return '5f1c6a3e-0000-4000-8000-00000000c11e'
}

function authenticate(arm: ArmState, header: string | undefined): void {
  const token = /^Bearer\s+(.+)$/i.exec(header ?? '')?.[1]?.trim()
  if (!token) {
    throw new ArmError(
      401,
      'AuthenticationFailed',
      "Authentication failed. The 'Authorization' header is missing.",
    )
  }
  if (!arm.tokens.has(token))
    throw new ArmError(401, 'InvalidAuthenticationToken', 'The access token is invalid.')
  // ARM names the caller by the token's `oid` claim in an AuthorizationFailed message.
  arm.caller = oidOf(token)
}

const SUB = '/subscriptions/([^/]+)'
const RG = `${SUB}/resourcegroups/([^/]+)`
const ROUTES: [RegExp, (arm: ArmState, m: string[], url: URL) => unknown][] = [
  [/^\/subscriptions$/i, () => ({ value: [subscription()] })],
  [new RegExp(`^${SUB}$`, 'i'), (_arm, m) => (checkSub(m[1]), subscription())],
  [
    new RegExp(`^${SUB}/providers/microsoft\\.databricks/workspaces$`, 'i'),
    (arm, m) => {
      checkSub(m[1])
      // A list shows only what the caller may read; it never fails for one unreadable item.
      const readable = arm.workspaces.filter(() => !arm.denied.has('workspace'))
      return { value: readable.map((w) => w.resource()) }
    },
  ],
  [
    new RegExp(`^${RG}/providers/microsoft\\.databricks/workspaces/([^/]+)$`, 'i'),
    (arm, m) => {
      const w = find(arm, m, (x) => eq(x.resourceGroup, m[2]) && eq(x.name, m[3]), 'workspace')
      deny(arm, 'workspace', 'Microsoft.Databricks/workspaces/read', w.id)
      return w.resource()
    },
  ],
  [
    new RegExp(`^${RG}/providers/microsoft\\.network/virtualnetworks/([^/]+)$`, 'i'),
    (arm, m) => {
      const w = find(
        arm,
        m,
        (x) =>
          eq(
            x.vnetId,
            `/subscriptions/${m[1]}/resourceGroups/${m[2]}/providers/Microsoft.Network/virtualNetworks/${m[3]}`,
          ),
        'vnet',
      )
      deny(arm, vnetScope(w), 'Microsoft.Network/virtualNetworks/read', w.vnetId)
      return w.vnet()
    },
  ],
  [
    new RegExp(
      `^${RG}/providers/microsoft\\.network/virtualnetworks/([^/]+)/subnets/([^/]+)$`,
      'i',
    ),
    (arm, m) => {
      const vnet = `/subscriptions/${m[1]}/resourceGroups/${m[2]}/providers/Microsoft.Network/virtualNetworks/${m[3]}`
      const w = find(arm, m, (x) => eq(x.vnetId, vnet), 'vnet')
      deny(
        arm,
        vnetScope(w),
        'Microsoft.Network/virtualNetworks/subnets/read',
        `${w.vnetId}/subnets/${m[4]}`,
      )
      const role = (['host', 'container'] as const).find((r) => eq(w.subnetNames[r], m[4]))
      if (!role)
        throw notFound('Microsoft.Network/virtualNetworks/subnets', `${m[3]}/${m[4]}`, m[2])
      return w.subnet(role)
    },
  ],
  [
    new RegExp(`^${RG}/providers/microsoft\\.network/networkinterfaces$`, 'i'),
    (arm, m) => {
      const w = mrg(arm, m)
      deny(arm, 'managed-resource-group', 'Microsoft.Network/networkInterfaces/read', w.mrgId)
      return { value: w.nics().map(({ node, nic }) => w.nicResource(node, nic)) }
    },
  ],
  [
    new RegExp(`^${RG}/resources$`, 'i'),
    (arm, m, url) => {
      const w = mrg(arm, m)
      deny(
        arm,
        'managed-resource-group',
        'Microsoft.Resources/subscriptions/resourceGroups/resources/read',
        w.mrgId,
      )
      const filter = url.searchParams.get('$filter') ?? ''
      const type = /resourceType eq '([^']+)'/i.exec(filter)?.[1]
      const all: Obj[] = [...w.vms(), ...w.nics().map(({ node, nic }) => w.nicResource(node, nic))]
      return {
        value: all.filter((r) => !type || eq(r.type, type)).map(({ properties: _p, ...r }) => r),
      }
    },
  ],
]

function route(arm: ArmState, url: URL): unknown {
  // Matching is case-insensitive, as ARM's is.
  const path = url.pathname.replace(/\/+$/, '')
  for (const [pattern, handler] of ROUTES) {
    const m = pattern.exec(path)
    if (m) return handler(arm, [...m], url)
  }
  throw new ArmError(
    404,
    'InvalidResourceType',
    `The resource type could not be found: ${url.pathname}`,
  )
}

function eq(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase()
}

function subscription(): Obj {
  return {
    id: `/subscriptions/${SUBSCRIPTION_ID}`,
    subscriptionId: SUBSCRIPTION_ID,
    tenantId: TENANT_ID,
    displayName: 'Emulated subscription',
    state: 'Enabled',
  }
}

function checkSub(id: string): void {
  if (!eq(id, SUBSCRIPTION_ID))
    throw new ArmError(404, 'SubscriptionNotFound', `The subscription '${id}' could not be found.`)
}

function find(
  arm: ArmState,
  m: string[],
  match: (w: ArmWorkspace) => boolean,
  what: string,
): ArmWorkspace {
  checkSub(m[1])
  const w = arm.workspaces.find(match)
  if (!w)
    throw notFound(
      what === 'vnet' ? 'Microsoft.Network/virtualNetworks' : 'Microsoft.Databricks/workspaces',
      m[3],
      m[2],
    )
  return w
}

function mrg(arm: ArmState, m: string[]): ArmWorkspace {
  checkSub(m[1])
  const w = arm.workspaces.find((x) => eq(x.managedResourceGroup, m[2]))
  if (!w)
    throw new ArmError(404, 'ResourceGroupNotFound', `Resource group '${m[2]}' could not be found.`)
  return w
}

/** A non-injected workspace's VNet lives in its managed resource group: that role covers it. */
function vnetScope(w: ArmWorkspace): ArmScope {
  return w.injected ? 'vnet' : 'managed-resource-group'
}

function notFound(type: string, name: string, group: string): ArmError {
  return new ArmError(
    404,
    'ResourceNotFound',
    `The Resource '${type}/${name}' under resource group '${group}' was not found. For more details please go to https://aka.ms/ARMResourceNotFoundFix`,
  )
}

/** 403 AuthorizationFailed as ARM words it, when the role on `scope` was taken away. */
function deny(arm: ArmState, scope: ArmScope, action: string, scopeId: string): void {
  if (!arm.denied.has(scope)) return
  const client = arm.caller
  throw new ArmError(
    403,
    'AuthorizationFailed',
    `The client '${client}' with object id '${client}' does not have authorization to perform ` +
      `action '${action}' over scope '${scopeId}' or the scope is invalid. If access was ` +
      'recently granted, please refresh your credentials.',
  )
}
