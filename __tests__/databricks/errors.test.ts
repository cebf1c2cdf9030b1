import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { DatabricksClient } from '../../src/databricks/client.js'
import {
  DatabricksError,
  isNotFound,
  parseErrorBody,
  parseRetryAfter,
} from '../../src/databricks/errors.js'
import { type RawServer, startRawServer, staticTokens } from './raw-server.js'

/** Each raw error shape the reference lists, served verbatim over loopback HTTP. */
const SHAPES: Record<
  string,
  { status: number; type: string; body: string; headers?: Record<string, string> }
> = {
  '/databricks': {
    status: 400,
    type: 'application/json',
    body: JSON.stringify({
      error_code: 'INVALID_STATE',
      message: 'Cluster 0123-456789-abc123 is in unexpected state Running.',
      details: [
        {
          '@type': 'type.googleapis.com/google.rpc.RequestInfo',
          request_id: '5f1c',
          serving_data: '',
        },
      ],
    }),
  },
  '/scim': {
    status: 404,
    type: 'application/scim+json',
    body: JSON.stringify({
      schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'],
      detail: 'User 42 not found',
      status: '404',
      scimType: 'invalidValue',
    }),
  },
  '/legacy': { status: 400, type: 'application/json', body: '{"error":"Invalid token format"}' },
  '/plain': {
    status: 400,
    type: 'text/plain',
    body: 'INVALID_PARAMETER_VALUE: Principal 9007199254740993 not in workspace 1',
  },
  '/html': {
    status: 502,
    type: 'text/html',
    body: '<html><head><title>Error 502</title></head><body><h2>HTTP ERROR 502</h2><pre>Bad gateway &amp; upstream down</pre></body></html>',
  },
  '/empty': { status: 404, type: 'text/plain', body: '' },
  '/retry-info': {
    status: 429,
    type: 'application/json',
    body: JSON.stringify({
      error_code: 'REQUEST_LIMIT_EXCEEDED',
      message: 'slow down',
      details: [{ '@type': 'type.googleapis.com/google.rpc.RetryInfo', retry_delay: '0.250s' }],
    }),
  },
}

let server: RawServer
let client: DatabricksClient

beforeAll(async () => {
  server = await startRawServer((req, res) => {
    const shape = SHAPES[new URL(req.url ?? '/', 'http://x').pathname]
    res.writeHead(shape.status, { 'content-type': shape.type, ...shape.headers })
    res.end(shape.body)
  })
  // No retries: each call must surface the parsed error of its one answer.
  client = new DatabricksClient({
    host: server.url,
    audience: 'workspace',
    tokens: staticTokens(),
    retry: { maxAttempts: 1 },
  })
})

afterAll(() => server.close())

async function failure(path: string): Promise<DatabricksError> {
  const error = await client.get(path).catch((e: unknown) => e)
  expect(error).toBeInstanceOf(DatabricksError)
  return error as DatabricksError
}

describe('error bodies served over HTTP', () => {
  it('parses the Databricks JSON shape with its request id', async () => {
    const e = await failure('/databricks')
    expect([e.status, e.error_code, e.requestId]).toEqual([400, 'INVALID_STATE', '5f1c'])
    expect(e.message).toBe('Cluster 0123-456789-abc123 is in unexpected state Running.')
    expect(isNotFound(e)).toBe(false)
  })

  it('names SCIM errors SCIM_<status> and treats a SCIM 404 as not found', async () => {
    const e = await failure('/scim')
    expect([e.status, e.error_code, e.message]).toEqual([404, 'SCIM_404', 'User 42 not found'])
    expect(isNotFound(e)).toBe(true)
  })

  it('parses the legacy {error} shape', async () => {
    const e = await failure('/legacy')
    expect([e.status, e.error_code, e.message]).toEqual([
      400,
      'BAD_REQUEST',
      'Invalid token format',
    ])
  })

  it('parses plain text "CODE: message" keeping big numbers verbatim', async () => {
    const e = await failure('/plain')
    expect(e.error_code).toBe('INVALID_PARAMETER_VALUE')
    expect(e.message).toBe('Principal 9007199254740993 not in workspace 1')
  })

  it('takes the message of an HTML page from its <pre>', async () => {
    const e = await failure('/html')
    expect([e.status, e.error_code, e.message]).toEqual([
      502,
      'BAD_GATEWAY',
      'Bad gateway & upstream down',
    ])
  })

  it('classifies an empty body by status', async () => {
    const e = await failure('/empty')
    expect([e.status, e.error_code]).toEqual([404, 'NOT_FOUND'])
    expect(isNotFound(e)).toBe(true)
  })

  it('reads google.rpc.RetryInfo retry_delay as the retry-after', async () => {
    const e = await failure('/retry-info')
    expect([e.status, e.retryAfterMs]).toEqual([429, 250])
  })
})

describe('classification helpers', () => {
  const error = (status: number, error_code: string, message: string) =>
    new DatabricksError({ status, error_code, message, method: 'GET', path: '/x' })

  it('accepts both missing-object forms and nothing else', () => {
    expect(isNotFound(error(404, 'RESOURCE_DOES_NOT_EXIST', 'gone'))).toBe(true)
    expect(isNotFound(error(400, 'INVALID_PARAMETER_VALUE', 'Job 42 does not exist.'))).toBe(true)
    expect(isNotFound(error(400, 'INVALID_PARAMETER_VALUE', 'Cluster X does not exist'))).toBe(true)
    expect(isNotFound(error(400, 'INVALID_PARAMETER_VALUE', 'limit must be at most 100'))).toBe(
      false,
    )
    expect(isNotFound(error(403, 'PERMISSION_DENIED', 'no'))).toBe(false)
  })

  it('parses Retry-After as seconds or an HTTP date', () => {
    const now = Date.parse('2026-01-01T00:00:00Z')
    expect(parseRetryAfter('3', now)).toBe(3000)
    expect(parseRetryAfter('Thu, 01 Jan 2026 00:00:05 GMT', now)).toBe(5000)
    expect(parseRetryAfter('soon', now)).toBeUndefined()
    expect(parseRetryAfter(null, now)).toBeUndefined()
  })

  it('reads a "CODE: message" prefix inside legacy and HTML bodies too', () => {
    expect(
      parseErrorBody(400, '{"error":"INVALID_STATE: busy","details":[{"request_id":"r1"}]}'),
    ).toEqual({
      error_code: 'INVALID_STATE',
      message: 'busy',
      requestId: 'r1',
    })
    expect(parseErrorBody(500, '<html><pre>TEMPORARILY_UNAVAILABLE: later</pre></html>')).toEqual({
      error_code: 'TEMPORARILY_UNAVAILABLE',
      message: 'later',
    })
  })

  it('never throws on garbage', () => {
    expect(parseErrorBody(500, '{not json').error_code).toBe('INTERNAL_ERROR')
    expect(parseErrorBody(418, 'I am a teapot').message).toBe('I am a teapot')
  })
})
