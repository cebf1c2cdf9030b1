import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { UsageError } from '../../src/errors.js'
import { DirectoryStore } from '../../src/snapshot/directory-store.js'

let root: string
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
      content: 'A',
    })
    const b = await store.save({
      workspaceId: '77',
      createdAt: '2026-11-26T10:00:00.000Z',
      content: 'B',
    })
    expect(a.name).toMatch(/snapshot.*\.json$/)
    expect(a.ref.startsWith(join(root, '77'))).toBe(true)
    const files = await readdir(join(root, '77'))
    expect(files.filter((f) => f.endsWith('.tmp'))).toEqual([])
    const listed = await store.list('77')
    expect(listed.map((e) => e.name)).toEqual([b.name, a.name])
    expect(listed[0].createdAt).toBe('2026-11-26T10:00:00.000Z')
    expect(await store.read(listed[1])).toBe('A')
    expect(await store.list('78')).toEqual([])
  })

  it('marks restored without touching the snapshot content', async () => {
    const store = new DirectoryStore(root)
    const a = await store.save({
      workspaceId: '77',
      createdAt: '2026-11-26T09:00:00.000Z',
      content: 'A',
    })
    await store.markRestored(a)
    const [listed] = await store.list('77')
    expect(listed.restored).toBe(true)
    expect(await store.read(listed)).toBe('A')
  })

  it('resolves by path and by file name, and explains a miss', async () => {
    const store = new DirectoryStore(root)
    const a = await store.save({
      workspaceId: '77',
      createdAt: '2026-11-26T09:00:00.000Z',
      content: 'A',
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
      content: 'A',
    })
    await writeFile(join(root, '77', `.${a.name}.dead.tmp`), '{"half": ')
    await writeFile(join(root, '77', 'notes.json'), '{}')
    expect((await store.list('77')).map((e) => e.name)).toEqual([a.name])
  })

  it('refuses a workspace id that is not a number (it becomes a path)', async () => {
    const store = new DirectoryStore(root)
    await expect(store.list('../etc')).rejects.toThrow(UsageError)
  })
})
