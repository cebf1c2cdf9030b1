import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import type { ServerResponse } from 'node:http'
import { checkBaseUrl, DatabricksClient } from '../../src/databricks/client.js'
import { DatabricksError } from '../../src/databricks/errors.js'
import { UsageError } from '../../src/errors.js'
import { type RawServer, startRawServer, staticTokens } from './raw-server.js'
import { ManualClock, waitFor } from '../../__fixtures__/manual-clock.js'

let server: RawServer
let flakyFailed = false
/** Answers of /slow, held until a test lets them go. */
const slow: ServerResponse[] = []

beforeAll(async () => {
  server = await startRawServer((req, res, body) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname
    if (path === '/hang') return // never answers: the client's timeout must end it
    if (path === '/slow') return void slow.push(res)
    if (path === '/flaky' && !flakyFailed) {
      flakyFailed = true
      res.writeHead(503, { 'content-type': 'application/json' })
      res.end('{"error_code":"TEMPORARILY_UNAVAILABLE","message":"try again"}')
      return
    }
    res.writeHead(200, {
      'content-type': 'application/json',
      'x-databricks-org-id': '9007199254740993',
    })
    // Echo what arrived; ids in the request body come back as the raw JSON text.
    res.end(body === '' ? '{"job_id": 9007199254740993, "big": 12345678901234567890}' : body)
  })
})

afterAll(() => server.close())

describe('DatabricksClient over loopback HTTP', () => {
  it('encodes nested query objects with dots and arrays as repeated keys', async () => {
    const client = new DatabricksClient({
      host: server.url,
      audience: 'workspace',
      tokens: staticTokens(),
    })
    await client.get('/api/2.1/clusters/list', {
      page_size: 100,
      filter_by: { cluster_states: ['RUNNING', 'PENDING'], is_pinned: false },
      skipped: undefined,
    })
    const path = server.requests.at(-1)!.path
    expect(path).toBe(
      '/api/2.1/clusters/list?page_size=100&filter_by.cluster_states=RUNNING&filter_by.cluster_states=PENDING&filter_by.is_pinned=false',
    )
  })

  it('asks the token provider on every request and sends a bearer token', async () => {
    const tokens = staticTokens('secret-abc')
    const client = new DatabricksClient({ host: server.url, audience: 'account', tokens })
    await client.get('/a')
    await client.get('/b')
    expect(tokens.calls).toBe(2)
    expect(server.requests.at(-1)!.authorization).toBe('Bearer secret-abc')
  })

  it('keeps int64 values exact both ways and exposes response headers', async () => {
    const client = new DatabricksClient({
      host: server.url,
      audience: 'workspace',
      tokens: staticTokens(),
    })
    const response = await client.requestWithHeaders<{ job_id: string; big: string }>({
      method: 'GET',
      path: '/ids',
    })
    expect(response.body).toEqual({ job_id: '9007199254740993', big: '12345678901234567890' })
    expect(response.headers.get('x-databricks-org-id')).toBe('9007199254740993')
    await client.post('/api/2.2/jobs/update', { job_id: '9007199254740993' })
    expect(server.requests.at(-1)!.body).toBe('{"job_id":9007199254740993}')
  })

  it('ends a hanging request at its timeout and retries within the budget', async () => {
    const client = new DatabricksClient({
      host: server.url,
      audience: 'workspace',
      tokens: staticTokens(),
      timeoutMs: 50,
      retry: { maxAttempts: 2 },
    })
    const before = server.requests.length
    const error = await client.get('/hang').catch((e: unknown) => e)
    expect(error).toBeInstanceOf(DatabricksError)
    expect((error as DatabricksError).error_code).toBe('TIMEOUT')
    expect((error as DatabricksError).attempts).toBe(2)
    expect(server.requests.length - before).toBe(2)
  })
})

describe('caller cancellation', () => {
  it('ends an in-flight call with the caller’s reason and does not retry it', async () => {
    const client = new DatabricksClient({
      host: server.url,
      audience: 'workspace',
      tokens: staticTokens(),
    })
    const before = server.requests.length
    const controller = new AbortController()
    const call = client.get('/hang', undefined, { signal: controller.signal })
    while (server.requests.length === before) await new Promise((r) => setImmediate(r))
    controller.abort(new Error('operator stopped'))
    await expect(call).rejects.toThrow('operator stopped')
    expect(server.requests.length - before).toBe(1)
  })
})

describe('retry budget', () => {
  it('runs from the first attempt, so a call that queued long still gets its retries', async () => {
    const clock = new ManualClock()
    const client = new DatabricksClient({
      host: server.url,
      audience: 'workspace',
      tokens: staticTokens(),
      maxConcurrency: 1,
      retry: { budgetMs: 800 },
      clock,
    })
    const before = server.requests.length
    let settled = false
    const calls = Promise.all([client.get('/slow'), client.get('/flaky')]).finally(
      () => (settled = true),
    )
    // The flaky call waits behind the slow one for longer than the whole budget.
    await waitFor(() => slow.length === 1)
    await clock.advance(1_000)
    slow.shift()!.writeHead(200).end('{}')
    // Its first attempt meets a 503 and sleeps a backoff (≤ 250 ms) well inside its own budget.
    await waitFor(() => settled || clock.pending === 1)
    await clock.advance(250)
    const [, flaky] = await calls
    expect(flaky).toHaveProperty('job_id')
    const paths = server.requests.slice(before).map((r) => r.path)
    expect(paths).toEqual(['/slow', '/flaky', '/flaky'])
  })
})

describe('base URL check', () => {
  it('refuses plain http to a non-loopback host before sending anything', () => {
    for (const url of [
      'http://adb-1.2.azuredatabricks.net',
      'http://10.0.0.5:8080',
      'http://127.example.com',
    ]) {
      expect(() => checkBaseUrl(url)).toThrow(UsageError)
    }
    expect(
      () =>
        new DatabricksClient({
          host: 'http://example.com',
          audience: 'workspace',
          tokens: staticTokens(),
        }),
    ).toThrow(/plain http/)
  })

  it('accepts https anywhere and http on loopback', () => {
    expect(checkBaseUrl('https://adb-1.2.azuredatabricks.net/')).toBe(
      'https://adb-1.2.azuredatabricks.net',
    )
    expect(checkBaseUrl('adb-1.2.azuredatabricks.net')).toBe('https://adb-1.2.azuredatabricks.net')
    expect(checkBaseUrl('http://127.0.0.1:8080')).toBe('http://127.0.0.1:8080')
    expect(checkBaseUrl('http://localhost:1')).toBe('http://localhost:1')
    expect(checkBaseUrl('http://[::1]:9')).toBe('http://[::1]:9')
  })
})
