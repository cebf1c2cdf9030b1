import { randomBytes } from 'node:crypto'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { createServer, type Server } from 'node:https'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { loopbackCertificate } from '../emulator/http/loopback-certificate.js'
import { GITHUB_ISSUER } from './github-double.js'
import { close, jwtClaims, listen, readBody, sendJson } from './http-util.js'

/**
 * A loopback Entra ID over https (MSAL refuses http authorities), with a self-signed certificate
 * for 127.0.0.1. It serves the OpenID metadata and the v2 token endpoint for the client-credentials
 * grant with a client assertion, and checks the assertion's iss/aud/sub against the federated
 * credentials it was given, failing with the AADSTS codes Entra uses.
 */

export interface FederatedCredential {
  tenantId: string
  clientId: string
  issuer: string
  audience: string
  subject: string
}

/** A credential trusting GitHub's OIDC tokens for `subject`, with Azure's default audience. */
export function githubCredential(
  tenantId: string,
  clientId: string,
  subject: string,
  audience = 'api://AzureADTokenExchange',
): FederatedCredential {
  return { tenantId, clientId, issuer: GITHUB_ISSUER, audience, subject }
}

export interface EntraDoubleOptions {
  credentials: FederatedCredential[]
  /** Called with every access token minted and its scope, e.g. to register it with the emulator. */
  onIssue?: (accessToken: string, scope: string) => void
  /** Scopes (resources) the tenant issues tokens for; default: Azure Databricks only. */
  scopes?: string[]
  expiresInSeconds?: number
}

export const DATABRICKS_SCOPE = '2ff814a6-3304-4ab8-85cb-cd0e6f879c1d/.default'
/** Azure Resource Manager (public cloud), for the network checks. */
export const ARM_SCOPE = 'https://management.azure.com/.default'

export class EntraDouble {
  url = ''
  /** PEM of the certificate, for `NODE_EXTRA_CA_CERTS` (a file) or a `tlsOptions.ca` seam. */
  ca = ''
  caFile = ''
  readonly issued: string[] = []
  readonly requests: { method: string; path: string; form?: Record<string, string> }[] = []
  /** Called with each token request's form as it arrives, before it is answered. */
  readonly observers = new Set<(form: Record<string, string>) => void>()
  expiresInSeconds: number
  private server?: Server

  private constructor(private readonly options: EntraDoubleOptions) {
    this.expiresInSeconds = options.expiresInSeconds ?? 3599
  }

  static async start(options: EntraDoubleOptions): Promise<EntraDouble> {
    const double = new EntraDouble(options)
    const pems = await loopbackCertificate('127.0.0.1')
    double.ca = pems.cert
    double.caFile = join(mkdtempSync(join(tmpdir(), 'entra-ca-')), 'ca.pem')
    writeFileSync(double.caFile, pems.cert)
    double.server = createServer(pems, (req, res) => {
      double
        .route(req, res)
        .catch((error: unknown) =>
          sendJson(res, 500, { error: 'server_error', error_description: String(error) }),
        )
    })
    double.url = `https://127.0.0.1:${await listen(double.server)}`
    return double
  }

  close(): Promise<void> {
    return this.server ? close(this.server) : Promise.resolve()
  }

  private async route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', this.url)
    const [, tenant = '', ...rest] = url.pathname.split('/')
    const path = rest.join('/')
    if (req.method === 'GET' && path === 'v2.0/.well-known/openid-configuration') {
      this.requests.push({ method: 'GET', path: url.pathname })
      const base = `${this.url}/${tenant}`
      return sendJson(res, 200, {
        issuer: `${base}/v2.0`,
        token_endpoint: `${base}/oauth2/v2.0/token`,
        authorization_endpoint: `${base}/oauth2/v2.0/authorize`,
        jwks_uri: `${base}/discovery/v2.0/keys`,
        response_types_supported: ['code', 'id_token', 'token'],
      })
    }
    if (req.method === 'POST' && path === 'oauth2/v2.0/token') {
      const form = Object.fromEntries(new URLSearchParams((await readBody(req)).toString('utf8')))
      this.requests.push({ method: 'POST', path: url.pathname, form })
      for (const observe of this.observers) observe(form)
      return this.token(res, tenant, form)
    }
    sendJson(res, 404, { error: 'not_found' })
  }

  private token(res: ServerResponse, tenant: string, form: Record<string, string>): void {
    const fail = (code: string, text: string) =>
      sendJson(res, 400, {
        error: 'invalid_client',
        error_description: `${code}: ${text}`,
        error_codes: [Number(code.slice(5))],
      })
    if (form.grant_type !== 'client_credentials')
      return sendJson(res, 400, { error: 'unsupported_grant_type' })
    if (form.client_assertion_type !== 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer') {
      return fail('AADSTS7000216', "'client_assertion', 'client_secret' or 'request' is required.")
    }
    if (!(this.options.scopes ?? [DATABRICKS_SCOPE]).includes(form.scope ?? ''))
      return sendJson(res, 400, {
        error: 'invalid_scope',
        error_description: 'AADSTS70011: invalid scope',
      })
    const mine = this.options.credentials.filter(
      (c) => c.tenantId === tenant && c.clientId === form.client_id,
    )
    if (mine.length === 0) {
      return fail(
        'AADSTS700016',
        `Application with identifier '${form.client_id}' was not found in the directory '${tenant}'.`,
      )
    }
    const claims = jwtClaims(form.client_assertion ?? '')
    const byIssuer = mine.filter((c) => c.issuer === claims.iss)
    if (byIssuer.length === 0)
      return fail(
        'AADSTS700211',
        `No matching federated identity record found for presented assertion issuer '${String(claims.iss)}'.`,
      )
    const bySubject = byIssuer.filter((c) => c.subject === claims.sub)
    if (bySubject.length === 0) {
      return fail(
        'AADSTS700213',
        `No matching federated identity record found for presented assertion subject '${String(claims.sub)}'.`,
      )
    }
    if (!bySubject.some((c) => c.audience === claims.aud)) {
      return fail(
        'AADSTS700212',
        `No matching federated identity record found for presented assertion audience '${String(claims.aud)}'.`,
      )
    }
    const accessToken = `entra.${randomBytes(24).toString('base64url')}`
    this.issued.push(accessToken)
    this.options.onIssue?.(accessToken, form.scope!)
    sendJson(res, 200, {
      token_type: 'Bearer',
      expires_in: this.expiresInSeconds,
      ext_expires_in: this.expiresInSeconds,
      access_token: accessToken,
    })
  }
}
