import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { UsageError } from '../../src/errors.js'
import { DirectoryStore } from '../../src/snapshot/directory-store.js'

let root: string
/** Just enough of a snapshot for the store: it peeks at created_at and checksum only. */
const doc = (createdAt: string, checksum = `sha256:${'a'.repeat(64)}`) =>
  JSON.stringify({ created_at: createdAt, checksum })
const marker = (checksum = `sha256:${'a'.repeat(64)}`) => ({
  workspaceId: '77',
  checksum,
  text: '{"marker":"restored"}',
})
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'halt-store-'))
})
afterEach(async () => {
  await rm(root, { recursive: true, force: true })
})

describe('DirectoryStore', () => {
  it('writes one *snapshot*.json per save under <root>/<workspace-id>, newest first', async () => {
    const store = new DirectoryStore(root)
    const a = await store.save({
      workspaceId: '77',
      createdAt: '2026-11-26T09:00:00.000Z',
      content: doc('2026-11-26T09:00:00.000Z'),
    })
    const b = await store.save({
      workspaceId: '77',
      createdAt: '2026-11-26T10:00:00.000Z',
      content: doc('2026-11-26T10:00:00.000Z'),
    })
    expect(a.name).toMatch(/snapshot.*\.json$/)
    expect(a.ref.startsWith(join(root, '77'))).toBe(true)
    const files = await readdir(join(root, '77'))
    expect(files.filter((f) => f.endsWith('.tmp'))).toEqual([])
    const listed = await store.list('77')
    expect(listed.map((e) => e.name)).toEqual([b.name, a.name])
    expect(listed[0].createdAt).toBe('2026-11-26T10:00:00.000Z')
    expect(await store.read(listed[1])).toBe(doc('2026-11-26T09:00:00.000Z'))
    expect(await store.list('78')).toEqual([])
  })

  it('marks restored without touching the snapshot content', async () => {
    const store = new DirectoryStore(root)
    const a = await store.save({
      workspaceId: '77',
      createdAt: '2026-11-26T09:00:00.000Z',
      content: doc('2026-11-26T09:00:00.000Z'),
    })
    await store.markRestored(a, marker())
    const [listed] = await store.list('77')
    expect(listed.restored).toBe(true)
    expect(await store.read(listed)).toBe(doc('2026-11-26T09:00:00.000Z'))
    expect(await store.markers('77')).toEqual([
      { name: `restored-${'a'.repeat(64)}.json`, text: '{"marker":"restored"}' },
    ])
  })

  it('refuses a save that does not read back as written', async () => {
    const store = new DirectoryStore(root)
    // A lone surrogate cannot be stored as UTF-8: the file holds U+FFFD instead, so it differs.
    const content = `${doc('2026-11-26T09:30:00.000Z').slice(0, -1)},"note":"\uD800"}`
    const save = store.save({ workspaceId: '77', createdAt: '2026-11-26T09:30:00.000Z', content })
    await expect(save).rejects.toThrow(
      new RegExp(
        `^Snapshot ${root}/77/2026-11-26T09-30-00-000Z-[0-9a-f]{6}-snapshot\\.json did not read back as written\\.$`,
      ),
    )
  })

  it('resolves by path and by file name, and explains a miss', async () => {
    const store = new DirectoryStore(root)
    const a = await store.save({
      workspaceId: '77',
      createdAt: '2026-11-26T09:00:00.000Z',
      content: doc('2026-11-26T09:00:00.000Z'),
    })
    expect((await store.resolve(a.ref)).ref).toBe(a.ref)
    const byName = await store.resolve(a.name)
    expect(byName.ref).toBe(a.ref)
    expect(byName.workspaceId).toBe('77')
    const outside = join(root, 'my-snapshot.json')
    await writeFile(outside, 'X')
    expect((await store.resolve(outside)).workspaceId).toBe('')
    await expect(store.resolve('nope-snapshot.json')).rejects.toThrow(UsageError)
  })

  it('ignores what a crash mid-write leaves behind, and files that are not snapshots', async () => {
    const store = new DirectoryStore(root)
    const a = await store.save({
      workspaceId: '77',
      createdAt: '2026-11-26T09:00:00.000Z',
      content: doc('2026-11-26T09:00:00.000Z'),
    })
    await writeFile(join(root, '77', `.${a.name}.dead.tmp`), '{"half": ')
    await writeFile(join(root, '77', 'notes.json'), '{}')
    expect((await store.list('77')).map((e) => e.name)).toEqual([a.name])
  })

  it('orders by the created_at inside the file, not by the file name', async () => {
    const store = new DirectoryStore(root)
    const early = await store.save({
      workspaceId: '77',
      createdAt: '2026-11-26T09:00:00.000Z',
      content: doc('2026-11-26T09:00:00.000Z'),
    })
    // Named as if taken at 23:00, but the content says 08:00: it is the older one.
    await writeFile(
      join(root, '77', '2026-11-26T23-00-00-000Z-ffffff-snapshot.json'),
      doc('2026-11-26T08:00:00.000Z'),
    )
    const listed = await store.list('77')
    expect(listed.map((e) => [e.name, e.createdAt])).toEqual([
      [early.name, '2026-11-26T09:00:00.000Z'],
      ['2026-11-26T23-00-00-000Z-ffffff-snapshot.json', '2026-11-26T08:00:00.000Z'],
    ])
  })

  it('closes every copy of a snapshot by its checksum, wherever the restored copy was', async () => {
    const store = new DirectoryStore(root)
    const a = await store.save({
      workspaceId: '77',
      createdAt: '2026-11-26T09:00:00.000Z',
      content: doc('2026-11-26T09:00:00.000Z'),
    })
    const copy = join(root, 'copy-snapshot.json')
    await writeFile(copy, doc('2026-11-26T09:00:00.000Z'))
    await store.markRestored(await store.resolve(copy), marker())
    expect((await store.list('77')).map((e) => [e.ref, e.restored])).toEqual([[a.ref, true]])
  })

  it('refuses to read a file over the size cap, before reading it', async () => {
    const store = new DirectoryStore(root)
    const big = join(root, 'big-snapshot.json')
    await writeFile(big, Buffer.alloc(50 * 1024 * 1024 + 1, 32))
    await expect(store.read(await store.resolve(big))).rejects.toThrow(
      /Snapshot big-snapshot\.json is 50\.0 MB, more than the 50 MB/,
    )
  })

  it('refuses a workspace id that is not a number (it becomes a path)', async () => {
    const store = new DirectoryStore(root)
    await expect(store.list('../etc')).rejects.toThrow(UsageError)
  })
})
