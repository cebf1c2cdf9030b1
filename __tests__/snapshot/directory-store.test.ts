import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { mkdir, mkdtemp, readdir, rm, stat, utimes, writeFile } from 'node:fs/promises'
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
  it('keeps snapshots in .databricks-halt of the working directory unless told otherwise', () => {
    expect(new DirectoryStore().root).toBe(join(process.cwd(), '.databricks-halt'))
    expect(new DirectoryStore().description).toBe(
      `directory ${join(process.cwd(), '.databricks-halt')}`,
    )
  })

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
      /^Snapshot big-snapshot\.json is 50\.0 MB, more than the 50 MB/,
    )
  })

  it('peeks inside a file up to the size cap, and not one byte over it', async () => {
    const store = new DirectoryStore(root)
    await mkdir(join(root, '77'))
    const head = doc('2020-01-01T00:00:00.000Z')
    const at = (bytes: number) => head + ' '.repeat(bytes - head.length)
    await writeFile(join(root, '77', 'edge-snapshot.json'), at(50 * 1024 * 1024))
    await writeFile(join(root, '77', 'over-snapshot.json'), at(50 * 1024 * 1024 + 1))
    const byName = new Map((await store.list('77')).map((e) => [e.name, e.createdAt]))
    expect(byName.get('edge-snapshot.json')).toBe('2020-01-01T00:00:00.000Z')
    // Over the cap: not read at all, so the file's time stands in.
    expect(byName.get('over-snapshot.json')).not.toBe('2020-01-01T00:00:00.000Z')
  })

  it('fails a marker it could not write, and leaves no temporary file behind', async () => {
    const store = new DirectoryStore(root)
    const hex = 'b'.repeat(64)
    // A directory where the marker file goes: the rename onto it fails.
    await mkdir(join(root, '77', `restored-${hex}.json`), { recursive: true })
    await expect(store.markRestored({} as never, { ...marker(`sha256:${hex}`) })).rejects.toThrow(
      /EISDIR|ENOTEMPTY|EEXIST/,
    )
    expect(await readdir(join(root, '77'))).toEqual([`restored-${hex}.json`])
  })

  it('says a snapshot it saved is not restored', async () => {
    const store = new DirectoryStore(root)
    const saved = await store.save({
      workspaceId: '77',
      createdAt: '2026-11-26T09:00:00.000Z',
      content: doc('2026-11-26T09:00:00.000Z'),
    })
    expect(saved.restored).toBe(false)
  })

  it('closes every file it opens while saving', async () => {
    const store = new DirectoryStore(root)
    const open = async () => (await readdir('/proc/self/fd')).length
    const before = await open()
    for (let i = 0; i < 20; i++)
      await store.save({
        workspaceId: '77',
        createdAt: `2026-11-26T09:00:${String(i).padStart(2, '0')}.000Z`,
        content: doc('2026-11-26T09:00:00.000Z'),
      })
    expect(await open()).toBeLessThan(before + 5)
  })

  it('looks up a snapshot by file name only in workspace directories', async () => {
    const store = new DirectoryStore(root)
    for (const dir of ['backup', 'x77', '77x']) {
      await mkdir(join(root, dir))
      await writeFile(join(root, dir, `${dir}-snapshot.json`), doc('2026-11-26T09:00:00.000Z'))
      await expect(store.resolve(`${dir}-snapshot.json`)).rejects.toThrow(/not found/)
      // By its path it is found, but it names no workspace.
      expect((await store.resolve(join(root, dir, `${dir}-snapshot.json`))).workspaceId).toBe('')
    }
  })

  it('refuses a workspace id that is not a number (it becomes a path)', async () => {
    const store = new DirectoryStore(root)
    await expect(store.list('../etc')).rejects.toThrow(UsageError)
    for (const id of ['../77', '77/..', '7 7', ''])
      await expect(store.list(id)).rejects.toThrow(`Invalid workspace id "${id}".`)
  })

  it('keeps snapshots readable by the owner only, and names a workspace id it refuses', async () => {
    const store = new DirectoryStore(root)
    const a = await store.save({
      workspaceId: '77',
      createdAt: '2026-11-26T09:00:00.000Z',
      content: '{}',
    })
    expect((await stat(a.ref)).mode & 0o777).toBe(0o600)
    await expect(store.list('7a')).rejects.toThrow('Invalid workspace id "7a".')
    await expect(store.list('77/..')).rejects.toThrow(UsageError)
  })

  it('explains a snapshot directory it cannot read, and a miss of resolve', async () => {
    const store = new DirectoryStore(root)
    await writeFile(join(root, '77'), 'a file where the directory should be')
    await expect(store.list('77')).rejects.toThrow(
      new RegExp(`^Cannot read the snapshot directory ${root}/77: ENOTDIR`),
    )
    expect(await new DirectoryStore(join(root, 'none')).list('77')).toEqual([])
    await expect(store.resolve('nope-snapshot.json')).rejects.toThrow(
      `Snapshot "nope-snapshot.json" not found (looked for that path and for that file name under ` +
        `${root}). Pass the path printed by stop, or check --snapshot-dir.`,
    )
    // A directory of that name is not a snapshot either.
    await mkdir(join(root, 'dir-snapshot.json'))
    await expect(store.resolve(join(root, 'dir-snapshot.json'))).rejects.toThrow(UsageError)
  })

  it('says which snapshot it cannot read', async () => {
    const store = new DirectoryStore(root)
    const a = await store.save({
      workspaceId: '77',
      createdAt: '2026-11-26T09:00:00.000Z',
      content: '{}',
    })
    await rm(a.ref)
    await expect(store.read(a)).rejects.toThrow(UsageError)
    await expect(store.read(a)).rejects.toThrow(
      new RegExp(`^Cannot read snapshot ${a.ref}: ENOENT`),
    )
  })

  it('orders same-time snapshots by name, and a file without a readable time by its mtime', async () => {
    const store = new DirectoryStore(root)
    await mkdir(join(root, '77'))
    const at = '2026-11-26T09:00:00.000Z'
    await writeFile(join(root, '77', 'a-snapshot.json'), doc(at))
    await writeFile(join(root, '77', 'b-snapshot.json'), doc(at))
    await writeFile(join(root, '77', 'c-snapshot.json'), '{"created_at": "not a time"}')
    await writeFile(join(root, '77', 'd-snapshot.json'), 'not json')
    const old = new Date('2026-11-20T00:00:00.000Z')
    await utimes(join(root, '77', 'c-snapshot.json'), old, old)
    await utimes(join(root, '77', 'd-snapshot.json'), old, new Date('2026-11-30T00:00:00.000Z'))
    const listed = await store.list('77')
    expect(listed.map((e) => [e.name, e.createdAt, e.restored])).toEqual([
      ['d-snapshot.json', '2026-11-30T00:00:00.000Z', false],
      ['b-snapshot.json', at, false],
      ['a-snapshot.json', at, false],
      ['c-snapshot.json', '2026-11-20T00:00:00.000Z', false],
    ])
    // The created_at inside, normalised to an ISO instant.
    await writeFile(join(root, '77', 'e-snapshot.json'), doc('2026-12-01T10:00:00+01:00'))
    expect((await store.list('77'))[0]).toMatchObject({
      name: 'e-snapshot.json',
      createdAt: '2026-12-01T09:00:00.000Z',
    })
  })

  it('honours a marker of databricks-halt before 0.2 beside the snapshot, and only a matching checksum', async () => {
    const store = new DirectoryStore(root)
    const a = await store.save({
      workspaceId: '77',
      createdAt: '2026-11-26T09:00:00.000Z',
      content: doc('2026-11-26T09:00:00.000Z', `sha256:${'b'.repeat(64)}`),
    })
    const b = await store.save({
      workspaceId: '77',
      createdAt: '2026-11-26T10:00:00.000Z',
      content: JSON.stringify({ created_at: '2026-11-26T10:00:00.000Z' }),
    })
    await store.markRestored(a, marker())
    expect((await store.list('77')).map((e) => e.restored)).toEqual([false, false])
    await writeFile(`${a.ref}.restored`, '')
    expect((await store.list('77')).map((e) => [e.ref, e.restored])).toEqual([
      [b.ref, false],
      [a.ref, true],
    ])
    expect((await store.resolve(a.ref)).restored).toBe(true)
    expect((await store.resolve(b.ref)).restored).toBe(false)
  })

  it('passes a marker too large to be one on empty, and finds none without a directory', async () => {
    const store = new DirectoryStore(root)
    expect(await store.markers('77')).toEqual([])
    await mkdir(join(root, '77'))
    const big = `restored-${'c'.repeat(64)}.json`
    const edge = `restored-${'d'.repeat(64)}.json`
    await writeFile(join(root, '77', big), ' '.repeat(64 * 1024 + 1))
    await writeFile(join(root, '77', edge), ' '.repeat(64 * 1024))
    await writeFile(join(root, '77', 'restored-short.json'), '{}')
    const found = await store.markers('77')
    expect(found.map((m) => [m.name, m.text.length]).sort()).toEqual(
      [
        [big, 0],
        [edge, 64 * 1024],
      ].sort(),
    )
  })
})
