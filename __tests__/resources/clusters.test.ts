import { describe, expect, it } from '@jest/globals'
import {
  clusters,
  isProbeCluster,
  PROBE_NAME_PREFIX,
  PROBE_TAG,
  type ClusterState,
} from '../../src/resources/clusters.js'
import type { Inventory, Observed, RestoreOptions } from '../../src/resources/resource.js'
import { useKindApi } from './kind-api.js'

const api = useKindApi()

const item = (state: string, owner?: string): Observed<ClusterState> => ({
  id: 'c1',
  name: 'c1',
  state: { state, ...(owner ? { owner } : {}) },
  active: state !== 'TERMINATED',
  detail: state,
})
const options = (o: Partial<RestoreOptions> = {}): RestoreOptions => ({
  force: false,
  restartCompute: true,
  ...o,
})
const record = (before: ClusterState) => ({
  id: 'c1',
  name: 'c1',
  before,
  after: { ...before, state: 'TERMINATED' },
})

describe('clusters: listing', () => {
  const listed = async (...list: Record<string, unknown>[]) => {
    api.routes.set('GET /api/2.1/clusters/list', { clusters: list })
    return clusters.list(api.ctx)
  }

  it('reads each cluster: state, owner, kept, managed, job id', async () => {
    const items = await listed(
      {
        cluster_id: 'c-ui',
        cluster_name: 'adhoc',
        state: 'RUNNING',
        cluster_source: 'UI',
        default_tags: { JobId: '5' },
      },
      { cluster_id: 'c-bare' },
      { cluster_id: 'c-job', cluster_name: 'job-7', state: 'PENDING', cluster_source: 'JOB' },
      { cluster_id: 'c-dlt', state: 'RUNNING', cluster_source: 'PIPELINE' },
      { cluster_id: 'c-maint', state: 'TERMINATED', cluster_source: 'PIPELINE_MAINTENANCE' },
      { cluster_id: 'c-sql', state: 'RUNNING', cluster_source: 'SQL' },
      { cluster_id: 'c-models', state: 'TERMINATING', cluster_source: 'MODELS' },
      {
        cluster_id: 'c-keep',
        state: 'RUNNING',
        cluster_source: 'SQL',
        custom_tags: { 'databricks-halt': 'KEEP' },
      },
      {
        cluster_id: 'c-probe',
        state: 'RUNNING',
        cluster_source: 'API',
        custom_tags: { 'databricks-halt': 'probe' },
      },
    )
    expect(items).toStrictEqual([
      {
        id: 'c-ui',
        name: 'adhoc',
        state: { state: 'RUNNING' },
        active: true,
        detail: 'RUNNING (UI)',
        raw: { jobId: '5' },
      },
      {
        id: 'c-bare',
        name: 'c-bare',
        state: { state: 'UNKNOWN' },
        active: true,
        detail: 'UNKNOWN',
        raw: { jobId: undefined },
      },
      {
        id: 'c-job',
        name: 'job-7',
        state: { state: 'PENDING', owner: 'JOB' },
        active: true,
        detail: 'PENDING (JOB)',
        raw: { jobId: undefined },
      },
      {
        id: 'c-dlt',
        name: 'c-dlt',
        state: { state: 'RUNNING', owner: 'PIPELINE' },
        active: true,
        detail: 'RUNNING (PIPELINE)',
        raw: { jobId: undefined },
      },
      {
        id: 'c-maint',
        name: 'c-maint',
        state: { state: 'TERMINATED', owner: 'PIPELINE_MAINTENANCE' },
        active: false,
        detail: 'TERMINATED (PIPELINE_MAINTENANCE)',
        raw: { jobId: undefined },
      },
      {
        id: 'c-sql',
        name: 'c-sql',
        state: { state: 'RUNNING' },
        active: true,
        detail: 'RUNNING (SQL)',
        handledBy: 'SQL warehouse cluster: stops with its warehouse',
        raw: { jobId: undefined },
      },
      {
        id: 'c-models',
        name: 'c-models',
        state: { state: 'TERMINATING' },
        active: true,
        detail: 'TERMINATING (MODELS)',
        handledBy: 'model serving cluster: managed by its serving endpoint',
        raw: { jobId: undefined },
      },
      {
        id: 'c-keep',
        name: 'c-keep',
        state: { state: 'RUNNING' },
        active: true,
        detail: 'RUNNING (SQL)',
        kept: 'tagged databricks-halt: keep',
        raw: { jobId: undefined },
      },
      {
        id: 'c-probe',
        name: 'c-probe',
        state: { state: 'RUNNING' },
        active: true,
        detail: 'RUNNING (API)',
        kept: 'probe cluster of network --verify-ranges (it deletes it)',
        raw: { jobId: undefined },
      },
    ])
    expect(api.requests.map((r) => [r.method, r.path])).toEqual([['GET', '/api/2.1/clusters/list']])
  })

  it('keeps the clusters of kept jobs, and no other', async () => {
    const items = await listed(
      { cluster_id: 'a', state: 'RUNNING', default_tags: { JobId: '7' } },
      { cluster_id: 'b', state: 'RUNNING', default_tags: { JobId: '8' } },
      { cluster_id: 'c', state: 'RUNNING' },
      {
        cluster_id: 'd',
        state: 'RUNNING',
        default_tags: { JobId: '7' },
        custom_tags: { 'databricks-halt': 'keep' },
      },
    )
    const job = (id: string, kept?: string) => ({
      id,
      name: id,
      state: {},
      active: true,
      detail: '',
      ...(kept ? { kept } : {}),
    })
    const inventory: Inventory = { jobs: [job('7', 'tagged'), job('8')] }
    clusters.refine!(items, inventory)
    expect(items.map((i) => [i.id, i.kept])).toEqual([
      ['a', 'cluster of kept job 7'],
      ['b', undefined],
      ['c', undefined],
      ['d', 'tagged databricks-halt: keep'],
    ])
  })

  it('knows its probe cluster by the tag alone', () => {
    expect(PROBE_TAG).toEqual({ key: 'databricks-halt', value: 'probe' })
    expect(PROBE_NAME_PREFIX).toBe('databricks-halt-probe-')
    expect(isProbeCluster({ custom_tags: { 'databricks-halt': 'probe' } })).toBe(true)
    expect(isProbeCluster({ custom_tags: { 'databricks-halt': 'keep' } })).toBe(false)
    expect(isProbeCluster({ custom_tags: { other: 'probe' } })).toBe(false)
    expect(isProbeCluster({})).toBe(false)
  })
})

describe('clusters: stop', () => {
  it('terminates anything not already down, owned clusters after their runs and pipelines', () => {
    for (const state of ['PENDING', 'RUNNING', 'RESTARTING', 'RESIZING', 'ERROR', 'UNKNOWN'])
      expect(clusters.halted(item(state, 'JOB'))).toStrictEqual({
        state: 'TERMINATED',
        owner: 'JOB',
      })
    expect(clusters.halted(item('RUNNING'))).toStrictEqual({ state: 'TERMINATED' })
    expect(clusters.halted(item('TERMINATED'))).toBeUndefined()
    expect(clusters.halted(item('TERMINATING'))).toBeUndefined()
    expect(clusters.startedBy).toEqual(['jobs'])
    expect(clusters.startedByOf!(item('RUNNING', 'JOB'))).toEqual(['job_runs', 'pipelines'])
    expect(clusters.startedByOf!(item('RUNNING'))).toEqual(['jobs'])
    expect([clusters.kind, clusters.sweep, clusters.late?.after]).toEqual([
      'clusters',
      true,
      ['job_runs', 'pipelines'],
    ])
    expect(clusters.late!.accept(item('RUNNING', 'JOB'))).toBe(true)
    expect(clusters.late!.accept(item('RUNNING'))).toBe(false)
  })

  it('is drained once terminated, and shows its state', () => {
    expect(clusters.drained!(item('TERMINATED'))).toBe(true)
    expect(clusters.drained!(item('TERMINATING'))).toBe(false)
    expect(clusters.describe({ state: 'RESIZING', owner: 'JOB' })).toBe('RESIZING')
  })
})

describe('clusters: the API calls', () => {
  it('terminates through clusters/delete and starts through clusters/start', async () => {
    api.routes.set('POST /api/2.1/clusters/delete', {})
    api.routes.set('POST /api/2.1/clusters/start', {})
    await clusters.halt(api.ctx, item('RUNNING'), { state: 'TERMINATED' })
    await clusters.write(api.ctx, record({ state: 'RUNNING' }), { state: 'RUNNING' }, undefined)
    expect(api.writes().map((r) => [r.path, r.body])).toEqual([
      ['/api/2.1/clusters/delete', { cluster_id: 'c1' }],
      ['/api/2.1/clusters/start', { cluster_id: 'c1' }],
    ])
  })
})

describe('clusters: what a record may hold', () => {
  const check = (before: unknown, after: unknown = { state: 'TERMINATED' }) =>
    clusters.checkRecord!({ id: 'c1', name: 'c1', before, after } as never)

  it('accepts any state not already down as the pre-halt one', () => {
    for (const state of ['RUNNING', 'PENDING', 'ERROR', 'UNKNOWN'])
      expect(check({ state })).toBeUndefined()
    expect(check({ state: 'RUNNING', owner: 'JOB' }, { state: 'TERMINATED', owner: 'JOB' })).toBe(
      undefined,
    )
  })

  it('refuses a cluster that was down, a missing state, and an owner changed', () => {
    expect(check({ state: 'TERMINATED' })).toBe('state: before is TERMINATED, not a running state')
    expect(check({ state: 'TERMINATING' })).toBe(
      'state: before is TERMINATING, not a running state',
    )
    expect(check({})).toBe('state: before is undefined, not a running state')
    expect(check({ state: 'RUNNING' }, { state: 'STOPPED' })).toBe(
      'state: after must be TERMINATED',
    )
    expect(check({ state: 'RUNNING', owner: 'JOB' })).toBe(
      'owner: differs between before and after',
    )
  })
})

describe('clusters: what restore decides', () => {
  const decide = (before: ClusterState, now?: string, o: Partial<RestoreOptions> = {}) =>
    clusters.decideRestore(record(before), now ? item(now) : undefined, options(o))

  it('never starts a JOB or PIPELINE cluster: its owner starts a new one', () => {
    expect(decide({ state: 'RUNNING', owner: 'JOB' }, 'TERMINATED')).toEqual({
      outcome: 'unchanged',
      detail: 'JOB cluster: its owner starts a new one',
    })
    expect(decide({ state: 'RUNNING', owner: 'PIPELINE' }, 'RUNNING')).toEqual({
      outcome: 'unchanged',
      detail: 'PIPELINE cluster: its owner starts a new one',
    })
    expect(decide({ state: 'RUNNING', owner: 'JOB' })).toEqual({
      outcome: 'gone',
      detail: 'cluster no longer exists',
    })
  })

  it('starts, with the flag, an all-purpose cluster that was in any running state', () => {
    for (const state of ['PENDING', 'RUNNING', 'RESTARTING', 'RESIZING'])
      expect(decide({ state }, 'TERMINATED')).toEqual({
        outcome: 'changed',
        detail: 'TERMINATED → starting',
        write: { state },
      })
    for (const now of ['PENDING', 'RUNNING', 'RESTARTING', 'RESIZING'])
      expect(decide({ state: 'RUNNING' }, now)).toEqual({
        outcome: 'unchanged',
        detail: `already ${now}`,
      })
    expect(decide({ state: 'ERROR' }, 'TERMINATED')).toEqual({
      outcome: 'unchanged',
      detail: 'was ERROR; not started',
    })
    expect(decide({ state: 'RUNNING' }, 'TERMINATING')).toEqual({
      outcome: 'left_off',
      detail: 'still TERMINATING; not started (run restore --restart-compute again later)',
    })
    expect(decide({ state: 'RUNNING' }, 'TERMINATED', { restartCompute: false })).toEqual({
      outcome: 'left_off',
      detail: 'left TERMINATED (was RUNNING); --restart-compute starts it',
    })
  })
})
