import { describe, expect, it } from '@jest/globals'
import { inDependencyOrder, type OrderedTask } from '../../src/engine/order.js'
import type { ResourceKind } from '../../src/settings.js'

/**
 * inDependencyOrder in process: each task records when it starts and, where the test holds it
 * back, finishes only when the test opens its gate. Nothing waits on the clock: `settle` lets
 * every pending promise run.
 */
const settle = () => new Promise<void>((resolve) => setImmediate(resolve))

function recorder() {
  const started: string[] = []
  const gates = new Map<string, () => void>()
  const task = (
    kind: ResourceKind,
    after: ResourceKind[],
    opts: { name?: string; gated?: boolean } = {},
  ): OrderedTask<string> => {
    const name = opts.name ?? kind
    return {
      kind,
      after,
      run: async () => {
        started.push(name)
        if (opts.gated) await new Promise<void>((resolve) => gates.set(name, resolve))
        return `${name} done`
      },
    }
  }
  const open = (name: string) => gates.get(name)!()
  return { started, task, open }
}

describe('inDependencyOrder', () => {
  it('starts each task once the kinds it waits for are done; results in task order', async () => {
    const { started, task, open } = recorder()
    const done = inDependencyOrder([
      task('jobs', [], { gated: true }),
      task('job_runs', ['jobs']),
      task('clusters', ['job_runs', 'jobs']),
      task('alerts', [], { gated: true }),
    ])
    await settle()
    expect(started).toEqual(['jobs', 'alerts'])
    open('jobs')
    await settle()
    expect(started).toEqual(['jobs', 'alerts', 'job_runs', 'clusters'])
    open('alerts')
    expect(await done).toEqual(['jobs done', 'job_runs done', 'clusters done', 'alerts done'])
  })

  it('starts tasks that wait for nothing at once, in task order', async () => {
    const { started, task, open } = recorder()
    const done = inDependencyOrder([
      task('warehouses', [], { gated: true }),
      task('jobs', []),
      task('alerts', []),
    ])
    await settle()
    expect(started).toEqual(['warehouses', 'jobs', 'alerts'])
    open('warehouses')
    expect(await done).toEqual(['warehouses done', 'jobs done', 'alerts done'])
  })

  it('tasks waiting for the same kind start in task order once it is done', async () => {
    const { started, task, open } = recorder()
    const done = inDependencyOrder([
      task('job_runs', ['jobs']),
      task('clusters', ['jobs']),
      task('jobs', [], { gated: true }),
    ])
    await settle()
    expect(started).toEqual(['jobs'])
    open('jobs')
    expect(await done).toEqual(['job_runs done', 'clusters done', 'jobs done'])
    expect(started).toEqual(['jobs', 'job_runs', 'clusters'])
  })

  it('does not wait for kinds without a task here, nor for its own kind', async () => {
    const { started, task } = recorder()
    const done = inDependencyOrder([task('warehouses', ['alerts']), task('jobs', ['jobs'])])
    await settle()
    expect(started).toEqual(['warehouses', 'jobs'])
    expect(await done).toEqual(['warehouses done', 'jobs done'])
  })

  it('a kind with several tasks is done only when all of them are', async () => {
    const { started, task, open } = recorder()
    const done = inDependencyOrder([
      task('clusters', [], { name: 'cluster 1', gated: true }),
      task('jobs', ['clusters']),
      task('clusters', [], { name: 'cluster 2', gated: true }),
    ])
    await settle()
    expect(started).toEqual(['cluster 1', 'cluster 2'])
    open('cluster 1')
    await settle()
    expect(started).toEqual(['cluster 1', 'cluster 2'])
    open('cluster 2')
    await settle()
    expect(started).toEqual(['cluster 1', 'cluster 2', 'jobs'])
    expect(await done).toEqual(['cluster 1 done', 'jobs done', 'cluster 2 done'])
  })

  it('a failed task still lets the kinds waiting for it start; the run rejects with its error', async () => {
    const { started, task } = recorder()
    const failing: OrderedTask<string> = {
      kind: 'jobs',
      after: [],
      run: async () => {
        started.push('jobs')
        throw new Error('jobs failed')
      },
    }
    const done = inDependencyOrder([failing, task('job_runs', ['jobs'])])
    await expect(done).rejects.toThrow('jobs failed')
    await settle()
    expect(started).toEqual(['jobs', 'job_runs'])
  })

  it('no tasks: nothing to do', async () => {
    expect(await inDependencyOrder([])).toEqual([])
  })
})

describe('cycles are refused before anything runs', () => {
  it('names the cycle from where it was entered', async () => {
    const { started, task } = recorder()
    await expect(
      inDependencyOrder([
        task('jobs', ['clusters']),
        task('clusters', ['job_runs']),
        task('job_runs', ['jobs']),
      ]),
    ).rejects.toThrow(new Error('Stop order has a cycle: jobs → clusters → job_runs → jobs'))
    expect(started).toEqual([])
  })

  it('a cycle below the first kind visited, with the path that led to it', async () => {
    const { started, task } = recorder()
    await expect(
      inDependencyOrder([
        task('alerts', ['warehouses']),
        task('warehouses', ['clusters']),
        task('clusters', ['pipelines']),
        task('pipelines', ['clusters']),
      ]),
    ).rejects.toThrow(
      new Error('Stop order has a cycle: alerts → warehouses → clusters → pipelines → clusters'),
    )
    expect(started).toEqual([])
  })

  it('a cycle through a kind with two tasks', async () => {
    const { started, task } = recorder()
    await expect(
      inDependencyOrder([
        task('clusters', ['jobs'], { name: 'cluster 1' }),
        task('clusters', [], { name: 'cluster 2' }),
        task('jobs', ['clusters']),
      ]),
    ).rejects.toThrow(new Error('Stop order has a cycle: clusters → jobs → clusters'))
    expect(started).toEqual([])
  })

  it('two paths to one kind are not a cycle', async () => {
    const { started, task } = recorder()
    const done = inDependencyOrder([
      task('warehouses', ['jobs', 'alerts']),
      task('jobs', ['clusters']),
      task('alerts', ['clusters']),
      task('clusters', []),
    ])
    expect(await done).toEqual(['warehouses done', 'jobs done', 'alerts done', 'clusters done'])
    expect(started).toEqual(['clusters', 'jobs', 'alerts', 'warehouses'])
  })
})
