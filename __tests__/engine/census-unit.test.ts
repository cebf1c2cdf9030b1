import { describe, expect, it } from '@jest/globals'
import { restoreCensus, stopCensus } from '../../src/engine/census.js'
import type { ItemOutcome, ItemReport } from '../../src/report.js'
import type { Inventory, Observed } from '../../src/resources/resource.js'
import type { ResourceKind } from '../../src/settings.js'

/** The census from listings and outcomes alone (the engine tests check it against the emulator). */
const listed = (id: string, active: boolean): Observed<unknown> => ({
  id,
  name: `name of ${id}`,
  state: {},
  active,
  detail: active ? 'RUNNING' : 'TERMINATED',
})
const item = (kind: ResourceKind, id: string, outcome: ItemOutcome): ItemReport => ({
  kind,
  id,
  name: `name of ${id}`,
  outcome,
})

describe('stopCensus', () => {
  it('counts active items before, and those a stop did not turn off after', () => {
    const inventory: Inventory = {
      jobs: [
        listed('j1', true),
        listed('j2', true),
        listed('j3', true),
        listed('j4', false),
        listed('j5', true),
      ],
      clusters: [listed('c1', true), listed('c2', false)],
      alerts: [],
    }
    const items = [
      item('jobs', 'j1', 'changed'),
      item('jobs', 'j2', 'unchanged'),
      item('jobs', 'j3', 'planned'),
      item('jobs', 'j4', 'already_halted'),
      item('jobs', 'j5', 'failed'),
      // Appeared during the stop: active before.
      item('jobs', 'j6', 'changed'),
      item('jobs', 'j7', 'kept'),
      // A kind that could not be listed again: not an item.
      item('jobs', '*', 'failed'),
      item('clusters', 'c1', 'kept'),
      item('clusters', 'x1', 'changed'),
      // Not listed in this run's inventory: no census.
      item('warehouses', 'w1', 'failed'),
    ]
    expect(stopCensus(inventory, items)).toEqual({
      jobs: { before: 6, after: 2 },
      clusters: { before: 2, after: 1 },
      alerts: { before: 0, after: 0 },
    })
  })

  it('an active item with no outcome stays active', () => {
    expect(stopCensus({ apps: [listed('a1', true), listed('a2', true)] }, [])).toEqual({
      apps: { before: 2, after: 2 },
    })
  })

  it('each stopping outcome turns an item off', () => {
    for (const outcome of ['changed', 'unchanged', 'planned'] as const) {
      const census = stopCensus({ jobs: [listed('j1', true), listed('j2', true)] }, [
        item('jobs', 'j1', outcome),
      ])
      expect([outcome, census]).toEqual([outcome, { jobs: { before: 2, after: 1 } }])
    }
  })
})

describe('restoreCensus', () => {
  it('counts active items as found, plus those the restore turned on', () => {
    const inventory: Inventory = {
      jobs: [listed('j1', true), listed('j2', false), listed('j3', false), listed('j4', true)],
      clusters: [listed('c1', false)],
      warehouses: [listed('w1', true)],
    }
    const items = [
      item('jobs', 'j1', 'unchanged'),
      item('jobs', 'j2', 'changed'),
      item('jobs', 'j3', 'planned'),
      // Listed active already: not counted twice.
      item('jobs', 'j4', 'changed'),
      // A removed assignment is not listed until restore puts it back.
      item('jobs', 'j5', 'changed'),
      item('jobs', 'j6', 'left_off'),
      item('jobs', 'j7', 'conflict'),
      item('clusters', 'c1', 'changed'),
      item('alerts', 'a1', 'changed'),
    ]
    expect(restoreCensus(inventory, items)).toEqual({
      jobs: { before: 2, after: 5 },
      clusters: { before: 0, after: 1 },
      warehouses: { before: 1, after: 1 },
    })
  })
})
