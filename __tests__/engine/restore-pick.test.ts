import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { MemoryLogger } from '../../__fixtures__/memory-logger.js'
import { markRestored } from '../../src/engine/open-snapshot.js'
import { restore } from '../../src/engine/restore.js'
import type { Runtime } from '../../src/engine/runtime.js'
import { saveSnapshot } from '../../src/engine/save-snapshot.js'
import type { LoadedPlan } from '../../src/engine/saved-plan.js'
import type { SavedPlan } from '../../src/plan/schema.js'
import { decodeSnapshot, encodeSnapshot } from '../../src/snapshot/codec.js'
import { DirectoryStore } from '../../src/snapshot/directory-store.js'
import type { SnapshotItem } from '../../src/snapshot/schema.js'
import type { SnapshotEntry } from '../../src/snapshot/store.js'

/**
 * Which snapshot a restore acts on, and its refusals, in process: a real directory store, and a
 * runtime with no resource kind in scope, so nothing past the choice talks to a workspace.
 */
let dir: string
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'halt-restore-pick-'))
})
afterEach(async () => {
  await rm(dir, { recursive: true, force: true })
})

const CREATED = '2026-12-07T05:00:00.000Z'

function runtime(settings: Record<string, unknown> = {}) {
  const logger = new MemoryLogger()
  const rt = {
    version: '0.0.0-test',
    workspaceId: '77',
    workspaceUrl: 'https://adb-77.7.azuredatabricks.net',
    caller: { id: '1', userName: 'admin@example.com' },
    settings: { keep: [], face: 'cli', dryRun: false, maxConcurrency: 2, ...settings },
    store: new DirectoryStore(dir),
    logger,
    resources: [],
    clock: { now: () => 0 },
  } as unknown as Runtime
  return { rt, logger }
}

const job = (id: string): SnapshotItem => ({
  kind: 'jobs',
  id,
  name: `job ${id}`,
  before: { schedule: { quartz_cron_expression: '0 0 * * * ?', pause_status: 'UNPAUSED' } },
  after: { schedule: { quartz_cron_expression: '0 0 * * * ?', pause_status: 'PAUSED' } },
  recorded_at: CREATED,
})

async function saved(createdAt = CREATED): Promise<SnapshotEntry> {
  return saveSnapshot(runtime().rt, [job('1')], [], createdAt)
}

async function closed(entry: SnapshotEntry): Promise<void> {
  const { rt } = runtime()
  const snapshot = decodeSnapshot(await rt.store.read(entry), entry.name)
  await markRestored(rt, entry, snapshot)
}

/** A snapshot, intact and unsigned, whose one record is not a change a stop makes. */
async function forged(createdAt = CREATED): Promise<SnapshotEntry> {
  const { rt } = runtime()
  const template = await saved('2026-12-07T00:00:00.000Z')
  const { checksum: _checksum, ...content } = decodeSnapshot(
    await rt.store.read(template),
    template.name,
  )
  await rm(join(dir, '77', template.name))
  return rt.store.save({
    workspaceId: '77',
    createdAt,
    content: encodeSnapshot({
      ...content,
      created_at: createdAt,
      items: [
        {
          kind: 'clusters',
          id: '9',
          name: 'c',
          before: { state: 'TERMINATED' },
          after: { state: 'TERMINATED' },
          recorded_at: createdAt,
        },
      ],
    }),
  })
}

const forgedRefusal = (entry: SnapshotEntry) =>
  `Snapshot ${entry.name} has 1 record(s) that are not a change a stop makes: clusters 9 (c): ` +
  'state: before is TERMINATED, not a running state. Refusing the whole snapshot; nothing was ' +
  'changed.'

describe('restore picks the open snapshot', () => {
  it('refuses when there is no snapshot at all (CLI)', async () => {
    const { rt } = runtime()
    await expect(restore(rt, CREATED)).rejects.toThrow(
      `No un-restored snapshot of workspace 77 in directory ${dir}. Name another one with ` +
        '--snapshot, or check --snapshot-dir.',
    )
  })

  it('refuses when there is no snapshot at all (Action)', async () => {
    const { rt } = runtime({ face: 'action' })
    await expect(restore(rt, CREATED)).rejects.toThrow(
      `No un-restored snapshot of workspace 77 in directory ${dir}. Name another one with restore-from.`,
    )
  })

  it('names the restored last snapshot and the follow-ups that act on it (CLI and Action)', async () => {
    const entry = await saved()
    await closed(entry)
    await expect(restore(runtime().rt, CREATED)).rejects.toThrow(
      `No un-restored snapshot of workspace 77 in directory ${dir}. The last snapshot, ` +
        `${entry.name}, is already restored: restore --force or restore --restart-compute apply ` +
        'follow-ups to it. Name another one with --snapshot, or check --snapshot-dir.',
    )
    await expect(restore(runtime({ face: 'action' }).rt, CREATED)).rejects.toThrow(
      `The last snapshot, ${entry.name}, is already restored: mode: restore with force: true or ` +
        'mode: restore with restart-compute: true apply follow-ups to it.',
    )
  })

  it('applies --force and --restart-compute to the restored last snapshot, saying so', async () => {
    const entry = await saved()
    await closed(entry)
    const { rt, logger } = runtime({ force: true, restartCompute: true })
    const report = await restore(rt, CREATED)
    expect(logger.lines).toContain(
      `info: No open halt: applying --force --restart-compute to the last snapshot, ${entry.name} ` +
        '(already restored; only what is not back yet changes).',
    )
    expect(report.snapshot).toMatchObject({ name: entry.name, restored: true })
    const action = runtime({ face: 'action', restartCompute: true })
    await restore(action.rt, CREATED)
    expect(action.logger.lines).toContain(
      `info: No open halt: applying restart-compute: true to the last snapshot, ${entry.name} ` +
        '(already restored; only what is not back yet changes).',
    )
  })

  it('names the follow-ups it applies in the face’s own words (--force alone; both in the Action)', async () => {
    const entry = await saved()
    await closed(entry)
    const cli = runtime({ force: true })
    await restore(cli.rt, CREATED)
    expect(cli.logger.lines).toContain(
      `info: No open halt: applying --force to the last snapshot, ${entry.name} ` +
        '(already restored; only what is not back yet changes).',
    )
    const action = runtime({ face: 'action', force: true, restartCompute: true })
    await restore(action.rt, CREATED)
    expect(action.logger.lines).toContain(
      'info: No open halt: applying force: true, restart-compute: true to the last snapshot, ' +
        `${entry.name} (already restored; only what is not back yet changes).`,
    )
  })

  it('takes the snapshot --snapshot names, even an older one', async () => {
    const older = await saved('2026-12-07T04:00:00.000Z')
    await saved('2026-12-07T05:00:00.000Z')
    const { rt, logger } = runtime({ snapshot: older.name })
    const report = await restore(rt, CREATED)
    expect(report.snapshot).toEqual({ ...older, restored: false })
    expect(logger.lines[0]).toBe(
      `info: Restoring from ${older.name} (taken 2026-12-07T04:00:00.000Z, 1 items)`,
    )
  })

  it('refuses a snapshot --snapshot names whose records are not a change a stop makes', async () => {
    const entry = await forged('2026-12-07T04:00:00.000Z')
    await saved()
    await expect(restore(runtime({ snapshot: entry.name }).rt, CREATED)).rejects.toThrow(
      forgedRefusal(entry),
    )
  })

  it('refuses such a snapshot as the follow-up of the last restore too (--force)', async () => {
    const entry = await forged()
    await closed(entry)
    await expect(restore(runtime({ force: true }).rt, CREATED)).rejects.toThrow(
      forgedRefusal(entry),
    )
  })

  it('leaves kinds out of scope halted, and does not mark the snapshot restored', async () => {
    const entry = await saved()
    const { rt, logger } = runtime()
    const report = await restore(rt, CREATED)
    expect(logger.lines).toContain(`info: Restoring from ${entry.name} (taken ${CREATED}, 1 items)`)
    expect(report.items).toEqual([
      {
        kind: 'jobs',
        id: '1',
        name: 'job 1',
        outcome: 'unchanged',
        detail: 'kind not selected; still halted',
      },
    ])
    expect(report.snapshot).toMatchObject({ name: entry.name, restored: false })
    expect(logger.lines).toContain(
      `warning: ${entry.name} is not marked restored (some items failed or were not selected); ` +
        'run restore again to retry them.',
    )
    expect((await rt.store.list('77')).map((e) => e.restored)).toEqual([false])
  })
})

describe('restore --plan takes exactly the planned snapshot', () => {
  const plan = (snapshot?: { name: string; checksum: string }): LoadedPlan => ({
    plan: { mode: 'restore', items: [], ...(snapshot ? { snapshot } : {}) } as unknown as SavedPlan,
    source: 'plan.json',
  })

  it('refuses a plan that names no snapshot', async () => {
    await expect(restore(runtime().rt, CREATED, plan())).rejects.toThrow(
      'Plan plan.json names no snapshot. Nothing was changed.',
    )
  })

  it('refuses a plan whose snapshot is gone', async () => {
    const wanted = { name: '77/gone.json', checksum: `sha256:${'0'.repeat(64)}` }
    await expect(restore(runtime().rt, CREATED, plan(wanted))).rejects.toThrow(
      /^The snapshot plan plan\.json restores, 77\/gone\.json, is gone from directory .+ \(.+\)\. Nothing was changed\.$/,
    )
  })

  it('refuses a plan whose snapshot has changed since, saying how to make a new plan', async () => {
    const entry = await saved()
    const planned = { name: entry.name, checksum: `sha256:${'0'.repeat(64)}` }
    const { rt } = runtime()
    const actual = decodeSnapshot(await rt.store.read(entry), entry.name).checksum
    await expect(restore(rt, CREATED, plan(planned))).rejects.toThrow(
      `The snapshot plan plan.json restores, ${entry.name}, has changed since the plan was made ` +
        `(checksum ${actual}, planned ${planned.checksum}). Nothing was changed; make a new plan ` +
        'with --plan-out.',
    )
  })

  it('refuses a planned snapshot whose records are not a change a stop makes', async () => {
    const entry = await forged()
    const { rt } = runtime()
    const checksum = decodeSnapshot(await rt.store.read(entry), entry.name).checksum
    await expect(restore(rt, CREATED, plan({ name: entry.name, checksum }))).rejects.toThrow(
      forgedRefusal(entry),
    )
  })

  it('takes the planned snapshot even when a newer one is open', async () => {
    const older = await saved('2026-12-07T04:00:00.000Z')
    await saved('2026-12-07T05:00:00.000Z')
    const { rt } = runtime()
    const checksum = decodeSnapshot(await rt.store.read(older), older.name).checksum
    const report = await restore(rt, CREATED, plan({ name: older.name, checksum }))
    expect(report.snapshot?.name).toBe(older.name)
    expect(report.plan).toEqual({ path: 'plan.json', items: 0, unplanned: 0 })
  })
})
