import { randomBytes } from 'node:crypto'
import { constants } from 'node:fs'
import { mkdir, open, readdir, readFile, rename, rm, stat } from 'node:fs/promises'
import { basename, dirname, join, resolve } from 'node:path'
import { UsageError } from '../errors.js'
import { MAX_MARKER_BYTES, MAX_SNAPSHOT_BYTES, checkSize, peekSnapshot } from './codec.js'
import type { MarkerText, SnapshotEntry, SnapshotStore } from './store.js'

const SNAPSHOT_FILE = /snapshot.*\.json$/
/** Markers of databricks-halt before 0.2: an empty-ish file beside the snapshot. */
const RESTORED_SUFFIX = '.restored'
/** Markers now: one per snapshot checksum in the workspace's directory, whatever file was used. */
const MARKER_FILE = /^restored-([0-9a-f]{64})\.json$/

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
    const closed = new Set(names.flatMap((n) => MARKER_FILE.exec(n)?.[1] ?? []))
    const files = names.filter((n) => SNAPSHOT_FILE.test(n))
    const entries = await Promise.all(
      files.map((n) => this.entryFor(join(dir, n), present.has(n + RESTORED_SUFFIX), closed)),
    )
    // Newest first by the time inside the file, not by its name (a name says nothing).
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
      // The size cap before reading: a huge file would exhaust memory while being parsed.
      checkSize((await stat(entry.ref)).size, entry.name)
      return await readFile(entry.ref, 'utf8')
    } catch (e) {
      if (e instanceof UsageError) throw e
      throw new UsageError(`Cannot read snapshot ${entry.ref}: ${(e as Error).message}`)
    }
  }

  /**
   * The marker goes into the workspace's directory under the snapshot's checksum, so restoring a
   * copy (or a symlink) elsewhere closes the snapshot the next stop would otherwise merge with.
   */
  async markRestored(_entry: SnapshotEntry, marker: MarkerText): Promise<void> {
    const dir = this.dirFor(marker.workspaceId)
    await mkdir(dir, { recursive: true })
    const hex = marker.checksum.replace(/^sha256:/, '')
    await writeAtomic(join(dir, `restored-${hex}.json`), marker.text)
  }

  async markers(workspaceId: string): Promise<Array<{ name: string; text: string }>> {
    const dir = this.dirFor(workspaceId)
    const names = (await readdir(dir).catch(() => [] as string[])).filter((n) =>
      MARKER_FILE.test(n),
    )
    const read = async (name: string) => {
      const path = join(dir, name)
      const size = (await stat(path)).size
      return { name, text: size > MAX_MARKER_BYTES ? '' : await readFile(path, 'utf8') }
    }
    return Promise.all(names.map(read))
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

  private async entryFor(
    path: string,
    legacyMarker: boolean,
    closed?: ReadonlySet<string>,
  ): Promise<SnapshotEntry> {
    const name = basename(path)
    const parent = basename(dirname(path))
    const info = await stat(path)
    const inside = info.size <= MAX_SNAPSHOT_BYTES ? peekSnapshot(await readFile(path, 'utf8')) : {}
    const hex = inside.checksum?.replace(/^sha256:/, '')
    return {
      ref: path,
      name,
      workspaceId: /^\d+$/.test(parent) ? parent : '',
      createdAt: inside.createdAt ?? info.mtime.toISOString(),
      restored: legacyMarker || Boolean(hex && closed?.has(hex)),
    }
  }
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
