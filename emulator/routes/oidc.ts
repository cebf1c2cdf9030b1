/**
 * Discovery and OAuth token federation (RFC 8693). The subject JWT's signature is NOT verified:
 * the emulator only decodes its claims and matches iss/aud/sub against a configured federation
 * policy, which is what the halt tool's behaviour depends on.
 */
import type { Ctx, Obj, Router } from '../http/router.js'
import { OAuthError } from '../http/errors.js'

const TOKEN_EXCHANGE = 'urn:ietf:params:oauth:grant-type:token-exchange'
const JWT_TYPE = 'urn:ietf:params:oauth:token-type:jwt'

function decodeJwt(token: string): Obj {
  const parts = token.split('.')
  if (parts.length !== 3) throw new OAuthError(400, 'invalid_request', 'subject_token is not a JWT')
  try {
    return JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8')) as Obj
  } catch {
    throw new OAuthError(400, 'invalid_request', 'subject_token payload is not JSON')
  }
}

function exchange(ctx: Ctx): unknown {
  const { core } = ctx
  const form = ctx.body
  if (form.grant_type !== TOKEN_EXCHANGE) {
    throw new OAuthError(
      400,
      'unsupported_grant_type',
      `Unsupported grant_type: ${form.grant_type}`,
    )
  }
  if (!form.subject_token) throw new OAuthError(400, 'invalid_request', 'subject_token is required')
  if (form.subject_token_type && form.subject_token_type !== JWT_TYPE) {
    throw new OAuthError(400, 'invalid_request', 'subject_token_type must be a JWT')
  }
  const clientId = form.client_id
  if (!clientId)
    throw new OAuthError(400, 'invalid_request', 'client_id is required (no account-wide policy)')
  const sp = [...core.account.servicePrincipals.values()].find((s) => s.applicationId === clientId)
  const policies = core.federationPolicies.filter((p) => p.clientId === clientId)
  if (!sp || !policies.length) {
    throw new OAuthError(401, 'invalid_client', `No federation policy for client ${clientId}`)
  }
  const claims = decodeJwt(form.subject_token)
  const audiences = Array.isArray(claims.aud) ? claims.aud : [claims.aud]
  const ok = policies.some(
    (p) =>
      p.issuer === claims.iss &&
      p.subject === claims.sub &&
      audiences.some((a: unknown) => p.audiences.includes(String(a))),
  )
  if (!ok) {
    throw new OAuthError(
      400,
      'invalid_grant',
      'The subject token does not match any federation policy.',
    )
  }
  const nowSec = Math.floor(core.now() / 1000)
  if (typeof claims.exp === 'number' && claims.exp <= nowSec) {
    throw new OAuthError(400, 'invalid_grant', 'The subject token has expired.')
  }
  const expiresIn = typeof claims.exp === 'number' ? Math.min(3600, claims.exp - nowSec) : 3600
  const token = core.newToken('dkea')
  core.tokens.set(token, { principalId: sp.id, expiresAt: core.now() + expiresIn * 1000 })
  return {
    access_token: token,
    token_type: 'Bearer',
    expires_in: expiresIn,
    scope: form.scope ?? 'all-apis',
  }
}

function discovery(base: string): Obj {
  return {
    issuer: base,
    authorization_endpoint: `${base}/v1/authorize`,
    token_endpoint: `${base}/v1/token`,
    jwks_uri: `${base}/jwks.json`,
    grant_types_supported: [
      'client_credentials',
      TOKEN_EXCHANGE,
      'authorization_code',
      'refresh_token',
    ],
    response_types_supported: ['code'],
    token_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post', 'none'],
  }
}

export function workspaceOidcRoutes(r: Router): void {
  r.add('POST', '/oidc/v1/token', 'other', 'public', exchange)
  r.add('GET', '/oidc/.well-known/oauth-authorization-server', 'other', 'public', (ctx) =>
    discovery(`${ctx.baseUrl}/oidc`),
  )
  r.add('GET', '/.well-known/databricks-config', 'other', 'public', (ctx) => ({
    oidc_endpoint: `${ctx.baseUrl}/oidc`,
    account_id: ctx.core.account.accountId,
    workspace_id: ctx.ws!.workspaceId,
    cloud: 'azure',
    host_type: 'workspace',
    token_federation_default_oidc_audiences: [ctx.core.account.accountId],
  }))
}

export function accountOidcRoutes(r: Router): void {
  r.add('POST', '/oidc/accounts/:accountId/v1/token', 'other', 'public', exchange)
  r.add(
    'GET',
    '/oidc/accounts/:accountId/.well-known/oauth-authorization-server',
    'other',
    'public',
    (ctx) => discovery(`${ctx.baseUrl}/oidc/accounts/${ctx.core.account.accountId}`),
  )
  r.add('GET', '/.well-known/databricks-config', 'other', 'public', (ctx) => ({
    oidc_endpoint: `${ctx.baseUrl}/oidc/accounts/${ctx.core.account.accountId}`,
    account_id: ctx.core.account.accountId,
    cloud: 'azure',
    host_type: 'account',
    token_federation_default_oidc_audiences: [ctx.core.account.accountId],
  }))
}
