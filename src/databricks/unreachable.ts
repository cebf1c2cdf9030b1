import { DatabricksError } from './errors.js'

/**
 * What a host that has never answered most likely suffers from, for one actionable line. Node's
 * fetch puts the socket's code (ECONNREFUSED, ENOTFOUND, a TLS code) on `cause`.
 */
export function likelyCause(host: string, code: string | undefined, timeoutMs?: number): string {
  const url = new URL(host)
  const hostPort = `${url.hostname}:${url.port || (url.protocol === 'https:' ? 443 : 80)}`
  if (timeoutMs !== undefined) {
    return (
      `no answer within ${timeoutMs / 1000} s: a firewall or proxy drops the connection, or a ` +
      `private-link workspace is not reachable from this network (raise --timeout if it is only slow)`
    )
  }
  if (code === 'ECONNREFUSED') {
    return `connection refused: nothing accepts connections on ${hostPort}; check the URL and its port`
  }
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') {
    return `DNS failure: ${url.hostname} does not resolve; check the URL for a typo`
  }
  if (code !== undefined && /WRONG_VERSION_NUMBER|ERR_SSL_|EPROTO/.test(code)) {
    return `wrong scheme: ${hostPort} does not speak HTTPS; check the URL's scheme and port`
  }
  if (code !== undefined && /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|ERR_TLS/.test(code)) {
    return (
      `TLS failure (${code}): the certificate of ${url.hostname} is not trusted; behind a proxy ` +
      `that inspects TLS, set NODE_EXTRA_CA_CERTS to its CA file`
    )
  }
  if (url.protocol === 'http:') {
    return `the connection closed without an answer (${code ?? 'no code'}); if ${hostPort} serves HTTPS, use https://`
  }
  return `the connection failed (${code ?? 'no code'})`
}

/** Codes that will not mend while a host has never answered: give up at once, not after 80 s. */
export const FIRST_CONTACT_FATAL =
  /^(ECONNREFUSED|ENOTFOUND|EAI_AGAIN|EPROTO|ERR_INVALID_URL)$|CERT|SELF_SIGNED|UNABLE_TO_VERIFY|ERR_TLS|ERR_SSL_|WRONG_VERSION/

/** The socket's error code under fetch's "fetch failed" (in `cause.cause`). */
export function networkCode(e: DatabricksError): string | undefined {
  return (e.cause as { cause?: { code?: string } } | undefined)?.cause?.code
}

/**
 * A host that never answered: the same network error, now naming the likely cause, and bad
 * input for the faces (exit 2, read from `exitCode` as for UsageError). A GET changes nothing
 * even if it arrived, and the first request to each host is one: so "nothing was changed".
 */
export function unreachableHost(host: string, e: DatabricksError, timeoutMs?: number) {
  const nothing = e.method === 'GET' ? ' Nothing was changed.' : ''
  const error = new DatabricksError({
    status: 0,
    error_code: e.error_code,
    message: `Cannot reach ${host}: ${likelyCause(host, networkCode(e), timeoutMs)}.${nothing}`,
    method: e.method,
    path: e.path,
    cause: e.cause,
  })
  error.attempts = e.attempts
  return Object.assign(error, { exitCode: 2 as const })
}
