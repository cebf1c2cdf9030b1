import { describe, expect, it } from '@jest/globals'
import { MemoryLogger } from '../../__fixtures__/memory-logger.js'
import { restoreWarnings } from '../../src/engine/restore-warnings.js'
import type { Runtime } from '../../src/engine/runtime.js'
import type { ItemOutcome, ItemReport } from '../../src/report.js'
import type { ResourceKind, Settings } from '../../src/settings.js'
import type { SnapshotEntry } from '../../src/snapshot/store.js'

/** What a restore tells the person to do next: whole warnings, as each face words them. */
function runtime(settings: Partial<Settings>) {
  const logger = new MemoryLogger()
  return { rt: { settings, logger } as unknown as Runtime, logger }
}
const entry = { ref: '/x/snap-1.json', name: 'snap-1.json' } as SnapshotEntry
let n = 0
const item = (kind: ResourceKind, outcome: ItemOutcome): ItemReport => ({
  kind,
  id: String(++n),
  name: `item ${n}`,
  outcome,
})

describe('restoreWarnings', () => {
  it('CLI: conflicts, deleted items, values not shown yet, compute left off', () => {
    const { rt, logger } = runtime({ face: 'cli', restartCompute: false })
    const items = [
      item('jobs', 'conflict'),
      item('permission_assignments', 'conflict'),
      item('jobs', 'gone'),
      item('permission_assignments', 'not_converged'),
      item('permission_assignments', 'not_converged'),
      item('jobs', 'not_converged'),
      item('clusters', 'left_off'),
      item('warehouses', 'left_off'),
      // Runs are never started again: not compute left off.
      item('job_runs', 'left_off'),
      item('clusters', 'changed'),
      item('jobs', 'unchanged'),
    ]
    const warnings = [
      '2 item(s) were changed by hand during the halt and were left as edited. To put the ' +
        'pre-halt values back anyway, run restore --force; it acts on snap-1.json.',
      '1 item(s) were deleted during the halt; nothing to restore for them.',
      '3 restored value(s) did not show before the deadline (permission changes can take ' +
        'minutes). Check with show; restore --snapshot snap-1.json can be run again safely.',
      '2 compute resource(s) that were running before the halt were left off; ' +
        'restore --restart-compute starts them.',
    ]
    expect(restoreWarnings(rt, entry, items)).toEqual(warnings)
    expect(logger.lines).toEqual(warnings.map((w) => `warning: ${w}`))
  })

  it('Action, with restart-compute: compute still stopping is started by running it again', () => {
    const { rt, logger } = runtime({ face: 'action', restartCompute: true })
    const items = [
      item('jobs', 'conflict'),
      item('permission_assignments', 'not_converged'),
      item('clusters', 'left_off'),
      item('job_runs', 'left_off'),
    ]
    const warnings = [
      '1 item(s) were changed by hand during the halt and were left as edited. To put the ' +
        'pre-halt values back anyway, run mode: restore with force: true; it acts on snap-1.json.',
      '1 restored value(s) did not show before the deadline (permission changes can take ' +
        'minutes). Check with mode: show; mode: restore with restore-from: snap-1.json can be ' +
        'run again safely.',
      '1 compute resource(s) were still stopping and were not started; run mode: restore with ' +
        'restart-compute: true again in a few minutes.',
    ]
    expect(restoreWarnings(rt, entry, items)).toEqual(warnings)
    expect(logger.lines).toEqual(warnings.map((w) => `warning: ${w}`))
  })

  it('nothing to say after a clean restore (runs left off included)', () => {
    for (const restartCompute of [false, true]) {
      const { rt, logger } = runtime({ restartCompute })
      const items = [
        item('jobs', 'changed'),
        item('job_runs', 'left_off'),
        item('apps', 'unchanged'),
      ]
      expect(restoreWarnings(rt, entry, items)).toEqual([])
      expect(logger.lines).toEqual([])
    }
  })
})
