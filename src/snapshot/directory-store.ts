import { randomBytes } from 'node:crypto'
import { constants } from 'node:fs'
import { mkdir, open, readdir, readFile, rename, rm, stat } from 'node:fs/promises'
import { basename, dirname, join, resolve } from 'node:path'
import { UsageError } from '../errors.js'
import type { SnapshotEntry, SnapshotStore } from './store.js'

const SNAPSHOT_FILE = /snapshot.*\.json$/
const RESTORED_SUFFIX = '.restored'

/**
 * Snapshots as files for the CLI: `<root>/<workspace-id>/<time>-snapshot.json`, one per stop,
 * written atomically (temp file, fsync, rename, fsync of the directory) so a crash leaves either
 * the old state or a complete file, never half a snapshot. A restore drops a `.restored` marker
 * beside the file instead of editing it, so the checksummed content never changes.
 */
export class DirectoryStore implements SnapshotStore {
  readonly root: string

  constructor(root = '.databricks-halt') {
    this.root = resolve(root)
  }

  get description(): string {
    return `directory ${this.root}`
  }

  async save(entry: {
    workspaceId: string
    createdAt: string
    content: string
  }): Promise<SnapshotEntry> {
    const dir = this.dirFor(entry.workspaceId)
    await mkdir(dir, { recursive: true })
    const stamp = entry.createdAt.replace(/[:.]/g, '-')
    const name = `${stamp}-${randomBytes(3).toString('hex')}-snapshot.json`
    const path = join(dir, name)
    await writeAtomic(path, entry.content)
    // Resolve only once it reads back identically: the engine changes nothing until then.
    if ((await readFile(path, 'utf8')) !== entry.content) {
      throw new Error(`Snapshot ${path} did not read back as written.`)
    }
    return {
      ref: path,
      name,
      workspaceId: entry.workspaceId,
      createdAt: entry.createdAt,
      restored: false,
    }
  }

  async list(workspaceId: string): Promise<SnapshotEntry[]> {
    const dir = this.dirFor(workspaceId)
    let names: string[]
    try {
      names = await readdir(dir)
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return []
      throw new UsageError(`Cannot read the snapshot directory ${dir}: ${(e as Error).message}`)
    }
    const present = new Set(names)
    const files = names.filter((n) => SNAPSHOT_FILE.test(n))
    const entries = await Promise.all(
      files.map((n) => this.entryFor(join(dir, n), present.has(n + RESTORED_SUFFIX))),
    )
    return entries.sort(
      (a, b) => b.createdAt.localeCompare(a.createdAt) || b.name.localeCompare(a.name),
    )
  }

  async resolve(name: string): Promise<SnapshotEntry> {
    const candidates = [resolve(name), ...(await this.findByFileName(basename(name)))]
    for (const path of candidates) {
      if (await isFile(path)) return this.entryFor(path, await isFile(path + RESTORED_SUFFIX))
    }
    throw new UsageError(
      `Snapshot "${name}" not found (looked for that path and for that file name under ` +
        `${this.root}). Pass the path printed by stop, or check --snapshot-dir.`,
    )
  }

  async read(entry: SnapshotEntry): Promise<string> {
    try {
      return await readFile(entry.ref, 'utf8')
    } catch (e) {
      throw new UsageError(`Cannot read snapshot ${entry.ref}: ${(e as Error).message}`)
    }
  }

  async markRestored(entry: SnapshotEntry): Promise<void> {
    await writeAtomic(entry.ref + RESTORED_SUFFIX, `${new Date().toISOString()}\n`)
  }

  private dirFor(workspaceId: string): string {
    if (!/^\d+$/.test(workspaceId)) throw new UsageError(`Invalid workspace id "${workspaceId}".`)
    return join(this.root, workspaceId)
  }

  private async findByFileName(file: string): Promise<string[]> {
    let dirs: string[]
    try {
      dirs = await readdir(this.root)
    } catch {
      return []
    }
    return dirs.filter((d) => /^\d+$/.test(d)).map((d) => join(this.root, d, file))
  }

  private async entryFor(path: string, restored: boolean): Promise<SnapshotEntry> {
    const name = basename(path)
    const parent = basename(dirname(path))
    return {
      ref: path,
      name,
      workspaceId: /^\d+$/.test(parent) ? parent : '',
      createdAt: createdAtFromName(name) ?? (await stat(path)).mtime.toISOString(),
      restored,
    }
  }
}

/** `2026-11-26T09-52-00-123Z-…-snapshot.json` → `2026-11-26T09:52:00.123Z`. */
function createdAtFromName(name: string): string | undefined {
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2})-(\d{2})-(\d{2})-(\d{3})Z/.exec(name)
  return m ? `${m[1]}T${m[2]}:${m[3]}:${m[4]}.${m[5]}Z` : undefined
}

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile()
  } catch {
    return false
  }
}

async function writeAtomic(path: string, content: string): Promise<void> {
  const tmp = join(dirname(path), `.${basename(path)}.${randomBytes(4).toString('hex')}.tmp`)
  try {
    const file = await open(tmp, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, 0o600)
    try {
      await file.writeFile(content, 'utf8')
      await file.sync()
    } finally {
      await file.close()
    }
    await rename(tmp, path)
  } catch (e) {
    await rm(tmp, { force: true })
    throw e
  }
  await syncDir(dirname(path))
}

/** Make the rename itself durable. Not every platform can open a directory; that is not fatal. */
async function syncDir(dir: string): Promise<void> {
  let handle
  try {
    handle = await open(dir, constants.O_RDONLY)
    await handle.sync()
  } catch {
    // Windows and some filesystems refuse; the rename is still atomic there.
  } finally {
    await handle?.close()
  }
}
