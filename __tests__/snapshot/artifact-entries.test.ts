import { describe, expect, it } from '@jest/globals'
import { MemoryLogger } from '../../__fixtures__/memory-logger.js'
import {
  ArtifactSnapshotStore,
  entriesOf,
  newestFirst,
  type Found,
} from '../../src/snapshot/artifact-store.js'

// The artifact store's pure parts: which artifacts are a workspace's snapshots, their order, which
// are restored, and the names it parses. No GitHub is reached (the round trips are in
// __tests__/action/artifact-store.test.ts).

const snap = (ws: string, run: number, id: number, createdAt: string, takenAt?: string): Found => ({
  id,
  name: `databricks-halt-snapshot-ws${ws}-run${run}-attempt1`,
  runId: String(run),
  createdAt,
  ...(takenAt === undefined ? {} : { takenAt }),
})
const marker = (ws: string, artifactId: number, id: number): Found => ({
  id,
  name: `databricks-halt-restored-ws${ws}-artifact${artifactId}`,
  runId: '9',
  createdAt: '2026-01-01T00:00:00.000Z',
})
const at = (h: number) => `2026-01-01T${String(h).padStart(2, '0')}:00:00.000Z`

describe('artifact store entries (pure)', () => {
  it("lists a workspace's snapshots only, newest taken first, with the time they were taken", () => {
    const all = [
      snap('12', 1, 101, at(1), at(5)), // uploaded first, taken last
      snap('12', 2, 102, at(2), at(3)),
      snap('12', 3, 103, at(4)), // unreadable: its upload time
      snap('13', 4, 104, at(9), at(9)), // another workspace
      snap('1', 5, 105, at(9), at(9)), // a workspace id that is a prefix of 12
      marker('12', 999, 106),
      { ...snap('12', 6, 107, at(9)), name: 'databricks-halt-snapshot-ws12-run6-attempt1.json' },
      { ...snap('12', 7, 108, at(9)), name: 'xdatabricks-halt-snapshot-ws12-run7-attempt1' },
      { ...snap('12', 8, 109, at(9)), name: 'databricks-halt-snapshot-ws12-runX-attempt1' },
      { ...snap('12', 9, 110, at(9)), name: 'databricks-halt-snapshot-ws12-run9-attempt1-x' },
    ]
    expect(entriesOf(all, '12')).toEqual([
      {
        ref: '101',
        name: 'databricks-halt-snapshot-ws12-run1-attempt1',
        workspaceId: '12',
        createdAt: at(5),
        restored: false,
      },
      {
        ref: '103',
        name: 'databricks-halt-snapshot-ws12-run3-attempt1',
        workspaceId: '12',
        createdAt: at(4),
        restored: false,
      },
      {
        ref: '102',
        name: 'databricks-halt-snapshot-ws12-run2-attempt1',
        workspaceId: '12',
        createdAt: at(3),
        restored: false,
      },
    ])
    expect(entriesOf(all, '1').map((e) => e.ref)).toEqual(['105'])
    expect(entriesOf(all, '14')).toEqual([])
  })

  it('takes names with a counter, many-digit ids and attempts', () => {
    const counted: Found = {
      ...snap('7474644477722220123', 12345, 5, at(1)),
      name: 'databricks-halt-snapshot-ws7474644477722220123-run12345-attempt12-27',
    }
    expect(entriesOf([counted], '7474644477722220123').map((e) => e.name)).toEqual([counted.name])
  })

  it("marks a restored snapshot and every older one, by this workspace's markers only", () => {
    const all = [
      snap('12', 1, 201, at(1), at(1)),
      snap('12', 2, 202, at(2), at(2)),
      snap('12', 3, 203, at(3), at(3)),
      snap('12', 4, 204, at(4), at(4)),
      marker('12', 202, 301),
      marker('13', 204, 302), // another workspace's marker naming this id
      { ...marker('12', 204, 303), name: 'databricks-halt-restored-ws12-artifact204-x' },
      { ...marker('12', 204, 304), name: 'xdatabricks-halt-restored-ws12-artifact204' },
    ]
    expect(entriesOf(all, '12').map((e) => [e.ref, e.restored])).toEqual([
      ['204', false],
      ['203', false],
      ['202', true],
      ['201', true],
    ])
    expect(entriesOf([...all, marker('12', 204, 305)], '12').map((e) => e.restored)).toEqual([
      true,
      true,
      true,
      true,
    ])
    expect(entriesOf(all, '13').map((e) => [e.ref, e.restored])).toEqual([])
  })

  it('orders by the time taken, then the later upload, then the higher artifact id', () => {
    const a = snap('1', 1, 1, at(1), at(5))
    const b = snap('1', 1, 2, at(2), at(4))
    // Taken later wins, whatever the upload time or id.
    expect(Math.sign(newestFirst(a, b))).toBe(-1)
    expect(Math.sign(newestFirst(b, a))).toBe(1)
    // Same time taken: the later upload, even with a lower id.
    const c = snap('1', 1, 9, at(1), at(5))
    const d = snap('1', 1, 3, at(2), at(5))
    expect(Math.sign(newestFirst(c, d))).toBe(1)
    expect(Math.sign(newestFirst(d, c))).toBe(-1)
    // Same time taken and uploaded: the higher id.
    const e = snap('1', 1, 7, at(1), at(5))
    const f = snap('1', 1, 8, at(1), at(5))
    expect(newestFirst(e, f)).toBe(1)
    expect(newestFirst(f, e)).toBe(-1)
    expect(newestFirst(e, e)).toBe(0)
    // Without the time taken, the upload time counts.
    const g = snap('1', 1, 50, at(6))
    expect(Math.sign(newestFirst(g, a))).toBe(-1)
    expect(Math.sign(newestFirst(snap('1', 1, 51, at(3)), b))).toBe(1)
    expect([e, a, f, b, g].sort(newestFirst).map((x) => x.id)).toEqual([50, 8, 7, 1, 2])
  })
})

describe('artifact store without GitHub (pure)', () => {
  const store = (repository?: string) =>
    new ArtifactSnapshotStore({
      logger: new MemoryLogger(),
      runId: '31',
      runAttempt: '1',
      ...(repository === undefined ? {} : { repository }),
    })

  it('describes where it keeps snapshots', () => {
    expect(store('acme/platform').description).toBe('workflow artifacts of acme/platform (run 31)')
    expect(store().description).toBe('workflow artifacts of this run (run 31)')
  })

  it('names the run of an entry it never saw from its name, and none for another name', () => {
    const entry = (name: string) => ({
      ref: '777',
      name,
      workspaceId: '5',
      createdAt: '',
      restored: false,
    })
    const s = store('acme/platform')
    expect(s.runIdOf(entry('databricks-halt-snapshot-ws5-run5551-attempt2-3'))).toBe('5551')
    expect(s.runIdOf(entry('databricks-halt-snapshot-ws5-run5551-attempt2'))).toBe('5551')
    expect(s.runIdOf(entry('databricks-halt-restored-ws5-artifact777'))).toBeUndefined()
    expect(s.runIdOf(entry('my-build-output'))).toBeUndefined()
  })
})
