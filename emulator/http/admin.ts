/**
 * The admin API on the account port, `/__emulator/...`: the same controls tests have in-process,
 * for a demo or a foreground emulator. No auth (loopback only) and not in the request log.
 */
import type { IncomingMessage, ServerResponse } from 'node:http'
import { parseJson, stringifyJson } from '../../src/databricks/json.js'
import type { EmulatorCore } from '../core.js'
import type { FaultRule, RandomFaults, RateLimitOption } from '../types.js'
import type { Obj } from './router.js'
import { send } from './server.js'

type AdminHandler = (core: EmulatorCore, body: Obj, url: URL) => unknown

const HANDLERS: Record<string, AdminHandler> = {
  'GET /__emulator/config': (core) => ({
    accountUrl: core.accountUrl,
    accountId: core.account.accountId,
    workspaces: core.workspaces.map((w) => ({ url: w.url, workspaceId: w.workspaceId })),
    adminToken: core.adminToken,
    adminPrincipalId: core.adminPrincipalId,
    now: core.now(),
    latencyMs: core.latencyMs,
    rateLimits: core.rateLimiter.current(),
  }),
  'GET /__emulator/clock': (core) => ({ now: core.now() }),
  'POST /__emulator/clock/advance': (core, b) => {
    core.clock.advance(Number(b.ms))
    return { now: core.now() }
  },
  'POST /__emulator/clock/speed': (core, b) => {
    core.clock.setSpeed(Number(b.speed))
    return { now: core.now() }
  },
  'POST /__emulator/faults': (core, b) => {
    const rule = { ...b } as FaultRule & { pathRegex?: string }
    if (rule.pathRegex) rule.path = new RegExp(rule.pathRegex)
    core.faults.add(rule)
    return {}
  },
  'POST /__emulator/faults/random': (core, b) => {
    core.faults.randomFaults(b as RandomFaults)
    return {}
  },
  'DELETE /__emulator/faults': (core) => {
    core.faults.clear()
    return {}
  },
  'GET /__emulator/requests': (core) => ({ requests: core.requests }),
  'DELETE /__emulator/requests': (core) => {
    core.requests.length = 0
    return {}
  },
  'PUT /__emulator/rate-limits': (core, b) => {
    core.rateLimiter.configure((b.rateLimits ?? b) as RateLimitOption)
    return { rateLimits: core.rateLimiter.current() }
  },
  'PUT /__emulator/latency': (core, b) => {
    core.latencyMs = Number(b.ms ?? b.latencyMs ?? 0)
    return {}
  },
  'POST /__emulator/tokens': (core, b) => {
    const token = String(b.token ?? core.newToken())
    core.tokens.set(token, { principalId: String(b.principalId) })
    return { token }
  },
  'DELETE /__emulator/tokens': (core, b) => {
    core.tokens.delete(String(b.token))
    return {}
  },
}

export function adminHandler(core: EmulatorCore) {
  return (req: IncomingMessage, res: ServerResponse, raw: string): void => {
    const url = new URL(req.url ?? '/', core.accountUrl)
    const handler = HANDLERS[`${req.method} ${url.pathname}`]
    let status = 200
    let body: unknown
    try {
      if (!handler) {
        status = 404
        body = {
          error_code: 'ENDPOINT_NOT_FOUND',
          message: `No admin API ${req.method} ${url.pathname}`,
        }
      } else {
        core.clock.tick()
        body = handler(core, (raw.trim() ? parseJson(raw) : {}) as Obj, url) ?? {}
      }
    } catch (err) {
      status = 400
      body = { error_code: 'INVALID_PARAMETER_VALUE', message: String(err) }
    }
    send(res, status, stringifyJson(body), {})
  }
}
