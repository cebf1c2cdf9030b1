import type { ResourceKind } from '../settings.js'

/** One piece of work: it starts once every kind in `after` that has work here is done. */
export interface OrderedTask<R> {
  kind: ResourceKind
  after: readonly ResourceKind[]
  run: () => Promise<R>
}

/**
 * Run tasks by dependency, not in waves (docs/adr/0012-order-by-dependency.md): a task starts as
 * soon as every task of the kinds it waits for has finished, so one slow kind (access removal at
 * 5 requests a second) holds back only what depends on it. Kinds with no task here are not waited
 * for (a kind out of scope cannot restart anything the halt touches). A cycle is refused before
 * anything runs. Results come back in task order.
 */
export async function inDependencyOrder<R>(tasks: readonly OrderedTask<R>[]): Promise<R[]> {
  const present = new Set(tasks.map((t) => t.kind))
  const waitsFor = (t: OrderedTask<R>) => t.after.filter((k) => present.has(k) && k !== t.kind)
  refuseCycles(tasks.map((t) => [t.kind, waitsFor(t)] as const))
  const settled = new Map<ResourceKind, Promise<unknown>>()
  const results = new Array<Promise<R>>(tasks.length)
  // Tasks are started in an order where every kind waited for is already in `settled`.
  const pending = tasks.map((t, i) => ({ t, i }))
  const started = new Map<ResourceKind, Promise<R>[]>()
  while (pending.length > 0) {
    const index = pending.findIndex(({ t }) => waitsFor(t).every((k) => settled.has(k)))
    const { t, i } = pending.splice(index, 1)[0]
    const before = Promise.all(waitsFor(t).map((k) => settled.get(k)))
    results[i] = before.then(() => t.run())
    started.set(t.kind, [...(started.get(t.kind) ?? []), results[i]])
    // A kind is settled when all of its tasks are (failures are reported per item, not thrown).
    if (!pending.some((p) => p.t.kind === t.kind)) {
      settled.set(t.kind, Promise.allSettled(started.get(t.kind)!))
    }
  }
  return Promise.all(results)
}

function refuseCycles(edges: readonly (readonly [ResourceKind, readonly ResourceKind[]])[]): void {
  const next = new Map<ResourceKind, Set<ResourceKind>>()
  for (const [kind, after] of edges) {
    const set = next.get(kind) ?? new Set<ResourceKind>()
    after.forEach((k) => set.add(k))
    next.set(kind, set)
  }
  const state = new Map<ResourceKind, 'open' | 'done'>()
  const visit = (kind: ResourceKind, path: ResourceKind[]): void => {
    if (state.get(kind) === 'done') return
    if (state.get(kind) === 'open') {
      throw new Error(`Stop order has a cycle: ${[...path, kind].join(' → ')}`)
    }
    state.set(kind, 'open')
    for (const k of next.get(kind) ?? []) visit(k, [...path, kind])
    state.set(kind, 'done')
  }
  for (const kind of next.keys()) visit(kind, [])
}
