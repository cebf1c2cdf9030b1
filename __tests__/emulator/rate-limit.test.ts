import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { startEmulator, type Emulator } from '../../emulator/index.js'
import { RateLimiter } from '../../emulator/engine/rate-limit.js'
import { call } from './helpers.js'

describe('rate limits over HTTP', () => {
  let emu: Emulator
  beforeAll(async () => {
    emu = await startEmulator({
      scenario: 'small',
      clockSpeed: 0,
      rateLimits: { jobs_read: { perSecond: 0.2, burst: 3 } },
    })
  })
  afterAll(() => emu.close())

  it('a drained bucket answers 429 REQUEST_LIMIT_EXCEEDED with Retry-After and a precise RetryInfo', async () => {
    const statuses: number[] = []
    let throttled
    for (let i = 0; i < 4; i++) {
      const res = await call(emu.workspace.url, '/api/2.2/jobs/list', { token: emu.adminToken })
      statuses.push(res.status)
      if (res.status === 429) throttled = res
    }
    expect(statuses).toEqual([200, 200, 200, 429])
    expect(throttled!.json.error_code).toBe('REQUEST_LIMIT_EXCEEDED')
    // One token per 5 s: Retry-After is the delay rounded up to whole seconds, RetryInfo is exact.
    const info = throttled!.json.details.find((d: { '@type': string }) =>
      d['@type'].endsWith('RetryInfo'),
    )
    const delay = Number(/^([\d.]+)s$/.exec(info.retry_delay)![1])
    expect(delay).toBeGreaterThan(0)
    expect(delay).toBeLessThanOrEqual(5)
    expect(throttled!.headers.get('retry-after')).toBe(String(Math.max(1, Math.ceil(delay))))
  })

  it('classes are separate buckets; settings change at run time', async () => {
    expect(
      (await call(emu.workspace.url, '/api/2.1/clusters/list', { token: emu.adminToken })).status,
    ).toBe(200)
    emu.setRateLimits('off')
    for (let i = 0; i < 5; i++) {
      expect(
        (await call(emu.workspace.url, '/api/2.2/jobs/list', { token: emu.adminToken })).status,
      ).toBe(200)
    }
  })
})

/** A simulated client against the bucket with a fake real-time source (no sleeping). */
function simulate(
  perSecond: number,
  burst: number | undefined,
  wait: (delay: number) => number,
): number {
  let now = 0
  const limiter = new RateLimiter({ jobs_read: { perSecond, burst } }, () => now)
  let done = 0
  const latency = 2 // ms per request
  while (now < 20_000) {
    const delay = limiter.take('jobs_read', 'w')
    now += latency
    if (delay === 0) done++
    else now += wait(delay) * 1000
  }
  return done / 20
}

describe('bucket refill', () => {
  it('a client honouring the precise RetryInfo delay gets the full rate', () => {
    expect(simulate(30, undefined, (d) => d)).toBeGreaterThan(30 * 0.97)
    expect(simulate(30, undefined, (d) => d)).toBeLessThan(30 * 1.05 + 30 / 20)
  })

  it('a client honouring only the integer Retry-After stays within 1.3× of the rate', () => {
    for (const perSecond of [5, 20, 100]) {
      for (const burst of [undefined, 1, perSecond * 2]) {
        const got = simulate(perSecond, burst, (d) => Math.max(1, Math.ceil(d)))
        expect(got * 1.3).toBeGreaterThanOrEqual(perSecond)
      }
    }
  })
})
