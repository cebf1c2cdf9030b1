import { describe, expect, it } from '@jest/globals'
import { planItem, planStop } from '../../src/engine/plan.js'
import type { Observed, Resource } from '../../src/resources/resource.js'
import type { ResourceKind } from '../../src/settings.js'

/** What stop decides per listed item, with kinds made for the test (plan.ts is pure). */
type State = { paused: boolean; extra?: string }

function kind(
  k: ResourceKind,
  extra: Partial<Resource<State>> = {},
): Resource<State> & { halted: (item: Observed<State>) => State | undefined } {
  return {
    kind: k,
    startedBy: [],
    list: async () => [],
    halted: (item) => (item.state.paused ? undefined : { paused: true }),
    halt: async () => {},
    decideRestore: () => ({ outcome: 'unchanged', detail: '' }),
    write: async () => {},
    describe: (s) => (s.paused ? 'PAUSED' : 'UNPAUSED'),
    ...extra,
  } as Resource<State> & { halted: (item: Observed<State>) => State | undefined }
}

const obs = (id: string, state: State, more: Partial<Observed<State>> = {}): Observed<State> => ({
  id,
  name: `name ${id}`,
  state,
  active: !state.paused,
  detail: `detail ${id}`,
  ...more,
})

describe('planItem', () => {
  it('report-only kinds: report_only when active, inactive when not; never a change', () => {
    const r = kind('serving_endpoints', { reportOnly: true }) as Resource
    const up = obs('s1', { paused: false }, { kept: 'tag' })
    const down = obs('s2', { paused: true })
    expect(planItem(r, up)).toStrictEqual({
      resource: r,
      item: up,
      report: {
        kind: 'serving_endpoints',
        id: 's1',
        name: 'name s1',
        outcome: 'report_only',
        detail: 'detail s1',
      },
    })
    expect(planItem(r, down)).toStrictEqual({
      resource: r,
      item: down,
      report: {
        kind: 'serving_endpoints',
        id: 's2',
        name: 'name s2',
        outcome: 'inactive',
        detail: 'detail s2',
      },
    })
  })

  it('kept, then handled through something else, then already halted', () => {
    const r = kind('jobs') as Resource
    const kept = obs(
      'j1',
      { paused: false },
      { kept: 'tagged databricks-halt: keep', handledBy: 'x' },
    )
    const handled = obs('j2', { paused: false }, { handledBy: 'stopped with its warehouse' })
    const halted = obs('j3', { paused: true })
    const base = (i: Observed<State>) => ({ kind: 'jobs', id: i.id, name: i.name })
    expect(planItem(r, kept)).toStrictEqual({
      resource: r,
      item: kept,
      report: { ...base(kept), outcome: 'kept', detail: 'tagged databricks-halt: keep' },
    })
    expect(planItem(r, handled)).toStrictEqual({
      resource: r,
      item: handled,
      report: { ...base(handled), outcome: 'unchanged', detail: 'stopped with its warehouse' },
    })
    expect(planItem(r, halted)).toStrictEqual({
      resource: r,
      item: halted,
      report: { ...base(halted), outcome: 'already_halted', detail: 'detail j3' },
    })
  })

  it('a change: the pre-halt value (all of the state) and the value set, copied', () => {
    const r = kind('jobs') as Resource
    const item = obs('j4', { paused: false, extra: 'x' })
    const entry = planItem(r, item)
    const change = { before: { paused: false, extra: 'x' }, after: { paused: true } }
    expect(entry).toStrictEqual({
      resource: r,
      item,
      change,
      report: {
        kind: 'jobs',
        id: 'j4',
        name: 'name j4',
        outcome: 'planned',
        ...change,
        detail: 'UNPAUSED → PAUSED',
      },
    })
    expect(entry.change!.before).not.toBe(item.state)
  })

  it('a kind that records only part of the state records that part', () => {
    const r = kind('clusters', {
      recordedBefore: (state, after) => ({ paused: state.paused, extra: `after ${after.paused}` }),
    }) as Resource
    const item = obs('c1', { paused: false, extra: 'not recorded' })
    const entry = planItem(r, item)
    expect(entry.change).toStrictEqual({
      before: { paused: false, extra: 'after true' },
      after: { paused: true },
    })
    expect(entry.report).toStrictEqual({
      kind: 'clusters',
      id: 'c1',
      name: 'name c1',
      outcome: 'planned',
      before: { paused: false, extra: 'after true' },
      after: { paused: true },
      detail: 'UNPAUSED → PAUSED',
    })
  })
})

describe('planStop', () => {
  it('one entry per listed item, kind by kind in the order given; unlisted kinds add none', () => {
    const jobs = kind('jobs') as Resource
    const alerts = kind('alerts') as Resource
    const apps = kind('apps') as Resource
    const j1 = obs('j1', { paused: false })
    const j2 = obs('j2', { paused: true })
    const a1 = obs('a1', { paused: false })
    const plan = planStop([alerts, apps, jobs], { jobs: [j1, j2], alerts: [a1] })
    expect(plan.map((e) => [e.resource.kind, e.item.id, e.report.outcome])).toEqual([
      ['alerts', 'a1', 'planned'],
      ['jobs', 'j1', 'planned'],
      ['jobs', 'j2', 'already_halted'],
    ])
    expect(plan[1]).toStrictEqual(planItem(jobs, j1))
    expect(planStop([], { jobs: [j1] })).toEqual([])
  })
})
