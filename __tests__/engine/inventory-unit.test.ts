import { describe, expect, it } from '@jest/globals'
import { MemoryLogger } from '../../__fixtures__/memory-logger.js'
import { DatabricksError } from '../../src/databricks/errors.js'
import { listAll, markKeptPrincipals } from '../../src/engine/inventory.js'
import type { Runtime } from '../../src/engine/runtime.js'
import type { AssignmentState, Principal } from '../../src/resources/permission-assignments.js'
import type { Inventory, Observed, Resource } from '../../src/resources/resource.js'
import type { ResourceKind, Settings } from '../../src/settings.js'

/** Listing every kind, and marking the kept principals, with kinds and assignments made here. */
class TitledLogger extends MemoryLogger {
  readonly titles: Array<string | undefined> = []
  override warning(message: string, title?: string): void {
    super.warning(message)
    this.titles.push(title)
  }
}
const clock = { now: () => 1_000_000 }

const observed = (id: string): Observed<unknown> => ({
  id,
  name: `name ${id}`,
  state: {},
  active: true,
  detail: 'RUNNING',
})

function kind(
  k: ResourceKind,
  list: () => Promise<Observed<unknown>[]>,
  extra: Partial<Resource> = {},
): Resource {
  return { kind: k, startedBy: [], list, ...extra } as unknown as Resource
}

const apiError = (status: number, error_code: string, message: string, path: string) =>
  new DatabricksError({ status, error_code, message, method: 'GET', path })

describe('listAll', () => {
  it('lists every kind; one not in this workspace is not_available, others that fail are failed', async () => {
    const logger = new MemoryLogger()
    const rt = { logger, clock, resCtx: {} } as unknown as Runtime
    const refined: Array<{ kind: string; items: unknown; context: string[] }> = []
    const refine = (k: string) => (items: Observed<unknown>[] | undefined, inv: Inventory) =>
      void refined.push({ kind: k, items, context: Object.keys(inv).sort() })
    const jobs = [observed('j1'), observed('j2')]
    const appsError = apiError(400, 'FEATURE_DISABLED', 'Apps are not enabled', '/api/2.0/apps')
    const clustersError = apiError(
      400,
      'FEATURE_DISABLED',
      'odd, but clusters are not optional',
      '/api/2.1/clusters/list',
    )
    const vectorError = apiError(500, 'INTERNAL_ERROR', 'boom', '/api/2.0/vector-search/endpoints')
    const resources = [
      kind('jobs', async () => jobs, { refine: refine('jobs') }),
      kind(
        'apps',
        async () => {
          throw appsError
        },
        { optionalFeature: true, refine: refine('apps') },
      ),
      kind('clusters', async () => {
        throw clustersError
      }),
      kind(
        'vector_search_endpoints',
        async () => {
          throw vectorError
        },
        { optionalFeature: true },
      ),
      // No refine.
      kind('warehouses', async () => []),
    ]
    const { inventory, failures } = await listAll(rt, resources, { job_runs: [observed('r1')] })
    expect(inventory).toEqual({ jobs, warehouses: [] })
    expect(inventory.jobs).toBe(jobs)
    const byKind = (a: { kind: string }, b: { kind: string }) => a.kind.localeCompare(b.kind)
    expect([...failures].sort(byKind)).toStrictEqual([
      {
        kind: 'apps',
        id: '*',
        name: '(list)',
        outcome: 'not_available',
        detail: 'not available in this workspace: Apps are not enabled',
      },
      {
        kind: 'clusters',
        id: '*',
        name: '(list)',
        outcome: 'failed',
        error:
          '400 FEATURE_DISABLED: odd, but clusters are not optional (GET /api/2.1/clusters/list)',
      },
      {
        kind: 'vector_search_endpoints',
        id: '*',
        name: '(list)',
        outcome: 'failed',
        error: '500 INTERNAL_ERROR: boom (GET /api/2.0/vector-search/endpoints)',
      },
    ])
    // Refined once everything is listed, with the earlier listings too; failed kinds are not.
    expect(refined).toEqual([
      { kind: 'jobs', items: jobs, context: ['job_runs', 'jobs', 'warehouses'] },
    ])
    const debug = logger.lines.filter((l) => l.startsWith('debug: '))
    expect(debug.map((l) => l.replace(/ in \d+ ms$/, ' in N ms')).sort()).toEqual([
      'debug: jobs: listed 2 in N ms',
      'debug: warehouses: listed 0 in N ms',
    ])
    for (const l of debug) expect(Number(/ in (\d+) ms$/.exec(l)![1])).toBeLessThan(600_000)
    expect(logger.lines.filter((l) => !l.startsWith('debug: '))).toEqual([
      'info: apps: not available in this workspace (400 FEATURE_DISABLED: Apps are not enabled (GET /api/2.0/apps))',
      'error: clusters: cannot list: 400 FEATURE_DISABLED: odd, but clusters are not optional (GET /api/2.1/clusters/list)',
      'error: vector_search_endpoints: cannot list: 500 INTERNAL_ERROR: boom (GET /api/2.0/vector-search/endpoints)',
      'info: List: 5/5, done (kinds 5/5)',
    ])
  })

  it('lists the runtime’s kinds by default', async () => {
    const logger = new MemoryLogger()
    const resources = [kind('alerts', async () => [observed('a1')])]
    const rt = { logger, clock, resCtx: {}, resources } as unknown as Runtime
    expect(await listAll(rt)).toEqual({ inventory: { alerts: [observed('a1')] }, failures: [] })
  })
})

const principal = (p: Principal) => p
function assignment(p: Principal, permissions: string[]): Observed<AssignmentState> {
  return {
    id: p.principal_id,
    name: p.user_name ?? p.group_name ?? p.principal_id,
    state: { principal: p, permissions },
    active: true,
    detail: permissions.join(', '),
  }
}

function keepRuntime(settings: Partial<Settings>, callerAdmin = true) {
  const logger = new TitledLogger()
  const assignments = [
    assignment(principal({ principal_id: 'u1', user_name: 'me@example.com' }), [
      callerAdmin ? 'ADMIN' : 'USER',
    ]),
    assignment(principal({ principal_id: 'g-ops', group_name: 'ops' }), ['USER']),
    assignment(principal({ principal_id: 'g-team', group_name: 'team' }), ['USER']),
    assignment(principal({ principal_id: 'u2', user_name: 'ada@example.com' }), ['USER']),
    assignment(principal({ principal_id: 'u3', user_name: 'bob@example.com' }), ['USER']),
  ]
  const rt = {
    settings: { keep: [], unkeep: [], face: 'cli', ...settings },
    logger,
    caller: { id: 'u1', userName: 'me@example.com' },
    workspaceId: '123',
    resCtx: { clients: {} },
  } as unknown as Runtime
  return { rt, logger, assignments }
}
const keptMarks = (assignments: Observed<AssignmentState>[]) =>
  assignments.map((a) => [a.id, 'kept' in a ? a.kept : 'no mark'])

describe('markKeptPrincipals', () => {
  it('stop: keeps the caller, --keep and the open snapshot’s list minus --unkeep', async () => {
    const { rt, logger, assignments } = keepRuntime({ keep: ['ada@example.com'], unkeep: ['team'] })
    const result = await markKeptPrincipals(
      rt,
      { permission_assignments: assignments, jobs: [] },
      true,
      ['ops', 'team', 'gone-group'],
    )
    const gone =
      'Kept principal "gone-group" (from the open snapshot\'s keep list) is no longer assigned ' +
      'to the workspace; nothing to keep.'
    expect(result).toEqual({ warnings: [gone], keep: ['ops', 'gone-group', 'ada@example.com'] })
    expect(keptMarks(assignments)).toEqual([
      ['u1', 'the caller (never removed)'],
      ['g-ops', 'kept principal (ops, kept by the open snapshot)'],
      ['g-team', 'no mark'],
      ['u2', 'kept principal (--keep ada@example.com)'],
      ['u3', 'no mark'],
    ])
    expect(logger.lines).toEqual([
      "info: Keeping ops, gone-group from the open snapshot's keep list (drop one with --unkeep NAME).",
      `warning: ${gone}`,
    ])
    expect(logger.titles).toEqual(['Kept principal reaches the workspace through a group'])
  })

  it('stop refuses a caller without ADMIN before anything is marked', async () => {
    const { rt, assignments } = keepRuntime({ keep: ['ops'] }, false)
    await expect(
      markKeptPrincipals(rt, { permission_assignments: assignments }, true),
    ).rejects.toThrow(/^The caller me@example.com is assigned to workspace 123 without ADMIN/)
    expect(keptMarks(assignments).filter(([, k]) => k !== 'no mark')).toEqual([])
  })

  it('without the guard: the caller is kept if found, and a caller without ADMIN is not an error', async () => {
    const a = keepRuntime({ keep: ['u3'], face: 'action' }, false)
    expect(
      await markKeptPrincipals(a.rt, { permission_assignments: a.assignments }, false),
    ).toEqual({ warnings: [], keep: ['u3'] })
    expect(keptMarks(a.assignments)).toEqual([
      ['u1', 'no mark'],
      ['g-ops', 'no mark'],
      ['g-team', 'no mark'],
      ['u2', 'no mark'],
      ['u3', 'kept principal (keep-principals: u3)'],
    ])
    expect(a.logger.lines).toEqual([])

    const b = keepRuntime({})
    expect(
      await markKeptPrincipals(b.rt, { permission_assignments: b.assignments }, false),
    ).toEqual({ warnings: [], keep: [] })
    expect(keptMarks(b.assignments)[0]).toEqual(['u1', 'the caller (never removed)'])
    expect(
      keptMarks(b.assignments)
        .slice(1)
        .every(([, k]) => k === 'no mark'),
    ).toBe(true)
  })

  it('without assignments in scope: only the keep list, nothing resolved', async () => {
    const { rt, logger } = keepRuntime({ keep: ['nobody'], face: 'action' })
    expect(await markKeptPrincipals(rt, { jobs: [] }, true, ['ops ', 'team'])).toEqual({
      warnings: [],
      keep: ['ops', 'team', 'nobody'],
    })
    expect(logger.lines).toEqual([
      "info: Keeping ops , team from the open snapshot's keep list (drop one with unkeep-principals: NAME).",
    ])
  })
})
