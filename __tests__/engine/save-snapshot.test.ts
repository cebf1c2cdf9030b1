import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Runtime } from '../../src/engine/runtime.js'
import { saveSnapshot } from '../../src/engine/save-snapshot.js'
import { DirectoryStore } from '../../src/snapshot/directory-store.js'
import type { SnapshotItem } from '../../src/snapshot/schema.js'

let dir: string
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'halt-save-'))
})
afterEach(async () => {
  await rm(dir, { recursive: true, force: true })
})

/** Just the parts of a runtime a save reads, with a real directory store. */
const runtime = (extra: Record<string, unknown> = {}) =>
  ({
    version: '0.0.0-test',
    workspaceId: '77',
    workspaceUrl: 'https://adb-77.7.azuredatabricks.net',
    caller: { id: '1', userName: 'admin@example.com' },
    settings: { keep: [] },
    store: new DirectoryStore(dir),
    ...extra,
  }) as unknown as Runtime

const assignment = (id: string, permissions: string[]): SnapshotItem => ({
  kind: 'permission_assignments',
  id,
  name: `user ${id}`,
  before: { principal: { principal_id: id, user_name: `u${id}@example.com` }, permissions },
  after: null,
  recorded_at: '2026-12-07T05:00:00.000Z',
})

describe('saveSnapshot', () => {
  it('saves records a restore accepts', async () => {
    const entry = await saveSnapshot(
      runtime(),
      [assignment('5', ['USER'])],
      [],
      '2026-12-07T05:00:00.000Z',
    )
    expect(entry.workspaceId).toBe('77')
    expect(await readdir(join(dir, '77'))).toEqual([entry.name])
  })

  it('refuses, before writing anything, a record its own restore would refuse', async () => {
    const items = [assignment('5', ['USER']), assignment('6', []), assignment('7', ['OWNER'])]
    await expect(saveSnapshot(runtime(), items, [], '2026-12-07T05:00:00.000Z')).rejects.toThrow(
      `Could not save the snapshot to directory ${dir}: permission_assignments 6 (user 6) would be ` +
        'recorded as before.permissions: must list USER or ADMIN (and 1 more), which a restore ' +
        'refuses. This is a bug in databricks-halt; please report it. Nothing was changed.',
    )
    await expect(readdir(dir)).resolves.toEqual([])
  })

  it("says where it could not save, keeping the store's own error as the cause", async () => {
    // The store's root is a file: the directory store cannot make its workspace directory there.
    const root = join(dir, 'a-file')
    await writeFile(root, 'not a directory')
    const rt = { ...runtime(), store: new DirectoryStore(root) } as Runtime
    const failed = await saveSnapshot(
      rt,
      [assignment('5', ['USER'])],
      [],
      '2026-12-07T05:00:00.000Z',
    )
      .then(() => undefined)
      .catch((e: unknown) => e as Error & { cause?: NodeJS.ErrnoException })
    expect(failed?.message).toMatch(
      new RegExp(
        `^Could not save the snapshot to directory ${root}: .+\\. Nothing was changed\\.$`,
      ),
    )
    expect(failed?.cause?.code).toBe('ENOTDIR')
    expect(failed?.message).toContain(failed!.cause!.message)
  })

  it('records who stopped what, under which account, and which snapshots it merged', async () => {
    const rt = runtime({
      accountId: 'acc-1',
      caller: { id: '1', userName: 'admin@example.com', displayName: 'Admin' },
      settings: { keep: ['ops@example.com'] },
    })
    const entry = await saveSnapshot(
      rt,
      [assignment('5', ['USER'])],
      ['older.json'],
      '2026-12-07T05:00:00.000Z',
    )
    const saved = JSON.parse(await readFile(entry.ref, 'utf8')) as Record<string, unknown>
    expect(saved).toMatchObject({
      tool: 'databricks-halt',
      tool_version: '0.0.0-test',
      workspace_id: 77, // written as the API's int64, not a string
      workspace_url: 'https://adb-77.7.azuredatabricks.net',
      account_id: 'acc-1',
      created_at: '2026-12-07T05:00:00.000Z',
      caller: { id: '1', user_name: 'admin@example.com', display_name: 'Admin' },
      kept_principals: ['ops@example.com'],
      merged_from: ['older.json'],
    })
  })

  it('names the first record a restore would refuse alone when it is the only one', async () => {
    await expect(
      saveSnapshot(runtime(), [assignment('6', [])], [], '2026-12-07T05:00:00.000Z'),
    ).rejects.toThrow(
      'permission_assignments 6 (user 6) would be recorded as before.permissions: must list USER ' +
        'or ADMIN, which a restore refuses.',
    )
  })
})
