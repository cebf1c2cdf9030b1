import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { createServer as createHttpsServer, type Server } from 'node:https'
import { createServer as createNetServer, type AddressInfo } from 'node:net'
import { generate } from 'selfsigned'
import { DatabricksClient } from '../../src/databricks/client.js'
import { exitCodeForError } from '../../src/cli/exit-codes.js'
import { errorText } from '../../src/errors.js'
import { startRawServer, staticTokens, type RawServer } from './raw-server.js'

/** A loopback port nothing listens on: bound, then closed, so a connection there is refused. */
async function closedPort(): Promise<number> {
  const server = createNetServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  await new Promise<void>((resolve) => server.close(() => resolve()))
  return port
}

function client(host: string, options: { timeoutMs?: number } = {}) {
  // maxAttempts 2 keeps the retried cases (timeouts) short without any wall-clock wait.
  return new DatabricksClient({
    host,
    audience: 'workspace',
    tokens: staticTokens('dapi-secret-first-contact'),
    retry: { maxAttempts: 2 },
    ...options,
  })
}

async function failure(host: string, options: { timeoutMs?: number } = {}) {
  const error = await client(host, options)
    .get('/api/2.0/preview/scim/v2/Me')
    .catch((e: unknown) => e)
  const text = errorText(error)
  expect(text).not.toContain('dapi-secret-first-contact')
  return { error: error as { attempts: number }, text, code: exitCodeForError(error) }
}

let tls: Server
let tlsUrl = ''
let plain: RawServer
let silent: RawServer

beforeAll(async () => {
  const pems = await generate([{ name: 'commonName', value: 'localhost' }], { keySize: 2048 })
  tls = createHttpsServer({ key: pems.private, cert: pems.cert }, (_q, res) => res.end('{}'))
  await new Promise<void>((resolve) => tls.listen(0, '127.0.0.1', resolve))
  tlsUrl = `https://localhost:${(tls.address() as AddressInfo).port}`
  plain = await startRawServer((_q, res) => res.end('{}'))
  silent = await startRawServer(() => {}) // accepts, never answers
})

afterAll(async () => {
  tls.closeAllConnections()
  await new Promise<void>((resolve) => tls.close(() => resolve()))
  await plain.close()
  await silent.close()
})

describe('a host that has never answered fails at once, exit 2, with its likely cause', () => {
  it('connection refused', async () => {
    const port = await closedPort()
    const { error, text, code } = await failure(`http://127.0.0.1:${port}`)
    expect(text).toContain(`Cannot reach http://127.0.0.1:${port}: connection refused`)
    expect(text).toContain('Nothing was changed.')
    expect(error.attempts).toBe(1)
    expect(code).toBe(2)
  })

  it('DNS failure', async () => {
    const { error, text, code } = await failure('https://no-such-host.invalid')
    expect(text).toContain('DNS failure: no-such-host.invalid does not resolve')
    expect(error.attempts).toBe(1)
    expect(code).toBe(2)
  })

  it('TLS: an untrusted certificate', async () => {
    const { error, text, code } = await failure(tlsUrl)
    expect(text).toMatch(/TLS failure \(\w+\): the certificate of localhost is not trusted/)
    expect(text).toContain('NODE_EXTRA_CA_CERTS')
    expect(error.attempts).toBe(1)
    expect(code).toBe(2)
  })

  it('wrong scheme: https:// to a server that speaks plain HTTP', async () => {
    const { error, text, code } = await failure(plain.url.replace('http:', 'https:'))
    expect(text).toMatch(/wrong scheme: 127\.0\.0\.1:\d+ does not speak HTTPS/)
    expect(error.attempts).toBe(1)
    expect(code).toBe(2)
  })

  it('no answer: the per-request timeout, retried within the first-contact budget', async () => {
    const { error, text, code } = await failure(silent.url, { timeoutMs: 50 })
    expect(text).toContain('no answer within 0.05 s')
    expect(error.attempts).toBe(2)
    expect(code).toBe(2)
  })

  it('a host that has answered keeps the ordinary network error (exit 1: it may have changed things)', async () => {
    const c = client(plain.url)
    await c.get('/ok')
    await plain.close()
    const error = await c.get('/again').catch((e: unknown) => e)
    expect(errorText(error)).not.toContain('Cannot reach')
    expect(exitCodeForError(error)).toBe(1)
    plain = await startRawServer((_q, res) => res.end('{}'))
  })
})
