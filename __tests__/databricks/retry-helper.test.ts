import { describe, expect, it } from '@jest/globals'
import { DatabricksError } from '../../src/databricks/errors.js'
import { backoffMs, isTransient, nextDelay } from '../../src/databricks/retry-helper.js'

const error = (status: number, error_code = 'X', message = 'm', retryAfterMs?: number) =>
  new DatabricksError({ status, error_code, message, method: 'POST', path: '/p', retryAfterMs })

describe('retry policy', () => {
  it('treats throttling, unavailability and lost responses as transient', () => {
    for (const status of [0, 429, 502, 503, 504]) expect(isTransient(error(status), {})).toBe(true)
    expect(isTransient(error(500, 'INTERNAL_ERROR', 'REQUEST_LIMIT_EXCEEDED: too many'), {})).toBe(
      true,
    )
    expect(isTransient(error(500, 'INTERNAL_ERROR', 'NullPointerException'), {})).toBe(false)
  })

  it('never retries client errors, whatever the per-call predicate says about 401', () => {
    for (const status of [400, 401, 403, 404, 409])
      expect(isTransient(error(status), {})).toBe(false)
    expect(isTransient(error(401), { retryIf: () => true })).toBe(false)
    expect(
      isTransient(error(400, 'INVALID_PARAMETER_VALUE', 'not in workspace'), {
        retryIf: (e) => /not in workspace/.test(e.message),
      }),
    ).toBe(true)
  })

  it("retries the SDKs' transient messages at any status, and the continuous-job race", () => {
    const messages = [
      'Timed out after 60s waiting for the cluster',
      'rpc error: context deadline exceeded',
      'com.databricks.backend.manager.util.UnknownWorkerEnvironmentException: gone',
      'Workspace 1 does not have any associated worker environments',
      'There is no worker environment with id 7',
      'worker env we-1 not found',
      'ClusterNotReadyException: cluster not ready',
      'A concurrent request to run the continuous job is already in progress. Please try again.',
    ]
    for (const status of [400, 404, 409, 500]) {
      for (const m of messages)
        expect([status, m, isTransient(error(status, 'X', m), {})]).toEqual([status, m, true])
    }
    // Not a transient text, and never for 401.
    expect(isTransient(error(400, 'INVALID_PARAMETER_VALUE', 'Cluster 1 does not exist'), {})).toBe(
      false,
    )
    expect(isTransient(error(401, 'UNAUTHENTICATED', 'Timed out after 5s'), {})).toBe(false)
  })

  it('a non-idempotent call is retried only when it certainly did not run', () => {
    const once = { idempotent: false }
    expect(isTransient(error(429, 'REQUEST_LIMIT_EXCEEDED'), once)).toBe(true)
    expect(isTransient(error(0, 'NETWORK_ERROR', 'No response: ECONNREFUSED'), once)).toBe(true)
    // It may have run: a lost answer, a 503, a transient message.
    expect(isTransient(error(0, 'NETWORK_ERROR', 'No response: ECONNRESET'), once)).toBe(false)
    expect(isTransient(error(0, 'TIMEOUT', 'The request timed out'), once)).toBe(false)
    expect(isTransient(error(503, 'TEMPORARILY_UNAVAILABLE'), once)).toBe(false)
    expect(isTransient(error(500, 'INTERNAL_ERROR', 'Timed out after 30s'), once)).toBe(false)
  })

  it('retries 403 only before the window closes', () => {
    const now = 1_000_000
    expect(isTransient(error(403), { retryForbiddenUntil: now + 1 }, now)).toBe(true)
    expect(isTransient(error(403), { retryForbiddenUntil: now }, now)).toBe(false)
    // A wait that would end after the window is not started.
    expect(
      nextDelay(
        error(403, 'PERMISSION_DENIED', 'm', 5000),
        1,
        now,
        { retryForbiddenUntil: now + 1000 },
        now,
      ),
    ).toBeUndefined()
  })

  it('backs off exponentially with full jitter, capped at 10 s', () => {
    expect(backoffMs(1, () => 1)).toBe(250)
    expect(backoffMs(3, () => 1)).toBe(1000)
    expect(backoffMs(30, () => 1)).toBe(10_000)
    expect(backoffMs(5, () => 0)).toBe(0)
  })

  it('honours a server wait and gives up past the budget or the attempt cap', () => {
    const now = 5_000
    const delay = nextDelay(error(429, 'REQUEST_LIMIT_EXCEEDED', 'm', 2000), 1, now, {}, now)!
    expect(delay).toBeGreaterThanOrEqual(2000)
    expect(delay).toBeLessThanOrEqual(2050)
    expect(nextDelay(error(429, 'R', 'm', 2000), 1, now, { budgetMs: 1000 }, now)).toBeUndefined()
    expect(nextDelay(error(503), 3, now, { maxAttempts: 3 }, now)).toBeUndefined()
  })
})
