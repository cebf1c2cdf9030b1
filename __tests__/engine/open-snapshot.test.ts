import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { markRestored, openSnapshot } from '../../src/engine/open-snapshot.js'
import type { Runtime } from '../../src/engine/runtime.js'
import { saveSnapshot } from '../../src/engine/save-snapshot.js'
import { SafetyError, UsageError } from '../../src/errors.js'
import type { Logger } from '../../src/logger.js'
import {
  decodeMarker,
  decodeSnapshot,
  encodeMarker,
  encodeSnapshot,
} from '../../src/snapshot/codec.js'
import { DirectoryStore } from '../../src/snapshot/directory-store.js'
import type { SnapshotContent } from '../../src/snapshot/schema.js'
import { SigningKeys } from '../../src/snapshot/signing.js'
import type { SnapshotEntry } from '../../src/snapshot/store.js'
import type { Face } from '../../src/wording.js'

/**
 * openSnapshot and markRestored over a real directory store in a temp dir: which snapshot is
 * open, what closes it, and what a stop or restore does when the newest one cannot be used.
 */

const KEY_A = SigningKeys.parse('key-A-0123456789abcdef0123456789abcdef', 'test')!
const KEY_B = SigningKeys.parse('key-B-0123456789abcdef0123456789abcdef', 'test')!
const OLDER = '2026-12-07T05:00:00.000Z'
const NEWER = '2026-12-07T06:00:00.000Z'
const NOT_AUTHENTICATED =
  'is not authenticated (unsigned): refusing it. Nothing was changed. Only files signed with a ' +
  'key of DATABRICKS_HALT_SNAPSHOT_KEY / snapshot-key are trusted; if the key was rotated, list ' +
  'the old key after the new one.'

/** A logger that keeps the titles of warnings and errors too. */
class TitledLogger implements Logger {
  readonly lines: string[] = []
  info(message: string): void {
    this.lines.push(`info: ${message}`)
  }
  warning(message: string, title?: string): void {
    this.lines.push(`warning [${title}]: ${message}`)
  }
  error(message: string, title?: string): void {
    this.lines.push(`error [${title}]: ${message}`)
  }
  debug(): void {}
  async group<T>(_name: string, fn: () => Promise<T>): Promise<T> {
    return fn()
  }
}

let dir: string
let store: DirectoryStore
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'halt-open-'))
  store = new DirectoryStore(dir)
})
afterEach(async () => {
  await rm(dir, { recursive: true, force: true })
})

interface As {
  mode?: 'stop' | 'restore' | 'status'
  keys?: SigningKeys
  ignore?: string
  face?: Face
}

/** Just the parts of a runtime that opening, saving and marking read. */
function runtime({ mode = 'stop', keys, ignore, face }: As = {}) {
  const logger = new TitledLogger()
  const rt = {
    version: '0.0.0-test',
    workspaceId: '77',
    workspaceUrl: 'https://adb-77.7.azuredatabricks.net',
    caller: { id: '1', userName: 'admin@example.com' },
    settings: {
      mode,
      keep: [],
      ...(face ? { face } : {}),
      ...(ignore === undefined ? {} : { ignoreOpenSnapshot: ignore }),
    },
    store,
    logger,
    ...(keys ? { keys } : {}),
  } as unknown as Runtime
  return { rt, logger }
}

/** A snapshot as a stop saves it (signed when `keys`). */
const saved = (createdAt: string, keys?: SigningKeys) =>
  saveSnapshot(runtime({ keys }).rt, [], [], createdAt)

/** Content a stop would not save, stored as is. */
async function stored(createdAt: string, edit: (c: SnapshotContent) => void, keys?: SigningKeys) {
  const content: SnapshotContent = {
    schema_version: 1,
    tool: 'databricks-halt',
    tool_version: '0.0.0-test',
    workspace_id: '77',
    workspace_url: 'https://adb-77.7.azuredatabricks.net',
    created_at: createdAt,
    caller: { id: '1', user_name: 'admin@example.com' },
    kept_principals: [],
    merged_from: [],
    items: [],
  }
  edit(content)
  return store.save({ workspaceId: '77', createdAt, content: encodeSnapshot(content, keys) })
}

const snapshotOf = async (entry: SnapshotEntry) =>
  decodeSnapshot(await store.read(entry), entry.name)

/** The newest entry as the store lists it (its `restored` hint included). */
const newest = async () => (await store.list('77'))[0]

async function thrown(p: Promise<unknown>): Promise<Error> {
  try {
    await p
  } catch (e) {
    return e as Error
  }
  throw new Error('expected a rejection')
}

const refusal = (name: string, cause: string, option = `--ignore-open-snapshot ${name}`) =>
  `${cause} It is the newest snapshot of workspace 77 and not restored, so this stop would have ` +
  'to merge with it. Put an intact copy back (or restore it), or, if you are sure it is not ' +
  `needed, run the stop again with this option: ${option}`

const corrupt = (name: string) =>
  `Snapshot ${name} is corrupt: its checksum does not match its content (edited or damaged). ` +
  'Nothing was changed. Use an intact copy of the snapshot.'

/** A saved snapshot edited after the fact: its checksum no longer matches. */
async function corrupted(createdAt: string): Promise<SnapshotEntry> {
  const entry = await saved(createdAt)
  const text = await readFile(entry.ref, 'utf8')
  await writeFile(entry.ref, text.replace('"0.0.0-test"', '"0.0.1-test"'))
  return entry
}

describe('openSnapshot', () => {
  it('none without a snapshot', async () => {
    const { rt, logger } = runtime()
    await expect(openSnapshot(rt)).resolves.toBeUndefined()
    expect(logger.lines).toEqual([])
  })

  it('the newest snapshot, read and checked, when nothing closes it', async () => {
    await saved(OLDER)
    const entry = await saved(NEWER)
    const { rt, logger } = runtime({ mode: 'restore' })
    const open = await openSnapshot(rt)
    expect(open).toEqual({ entry: await newest(), snapshot: await snapshotOf(entry) })
    expect(open!.entry.name).toBe(entry.name)
    expect(open!.snapshot.created_at).toBe(NEWER)
    expect(logger.lines).toEqual([])
  })

  it('with keys: the newest snapshot when it is signed with one', async () => {
    const entry = await saved(NEWER, KEY_A)
    const { rt } = runtime({ keys: KEY_A })
    expect(await openSnapshot(rt)).toEqual({
      entry: await newest(),
      snapshot: await snapshotOf(entry),
    })
  })

  it('none once a marker names its checksum (and the older one is never picked on its own)', async () => {
    await saved(OLDER)
    const entry = await saved(NEWER)
    const { rt } = runtime()
    await markRestored(rt, entry, await snapshotOf(entry))
    expect((await newest()).restored).toBe(true)
    await expect(openSnapshot(rt)).resolves.toBeUndefined()
  })

  it('with keys: a signed marker closes it, even a snapshot from before the key', async () => {
    const entry = await saved(NEWER)
    const { rt, logger } = runtime({ keys: KEY_A, mode: 'restore' })
    await markRestored(rt, entry, await snapshotOf(entry))
    await expect(openSnapshot(rt)).resolves.toBeUndefined()
    expect(logger.lines).toEqual([])
  })

  it('a marker of another snapshot does not close the newest', async () => {
    const older = await saved(OLDER)
    const entry = await saved(NEWER)
    const { rt } = runtime()
    await markRestored(rt, older, await snapshotOf(older))
    expect(await openSnapshot(rt)).toEqual({
      entry: await newest(),
      snapshot: await snapshotOf(entry),
    })
  })

  it('the store’s "restored" hint closes it without keys; with keys only a checked marker does', async () => {
    const entry = await saved(NEWER, KEY_A)
    // A marker of databricks-halt before 0.2: a file beside the snapshot, which proves nothing.
    await writeFile(`${entry.ref}.restored`, '')
    expect((await newest()).restored).toBe(true)
    await expect(openSnapshot(runtime().rt)).resolves.toBeUndefined()
    expect(await openSnapshot(runtime({ keys: KEY_A }).rt)).toEqual({
      entry: await newest(),
      snapshot: await snapshotOf(entry),
    })
  })

  it('with keys, an unsigned marker is ignored by name and warned about; the snapshot stays open', async () => {
    const entry = await saved(NEWER, KEY_A)
    const snapshot = await snapshotOf(entry)
    await store.markRestored(entry, {
      workspaceId: '77',
      checksum: snapshot.checksum,
      text: encodeMarker(snapshot, entry.name, OLDER),
    })
    const marker = `restored-${snapshot.checksum.slice('sha256:'.length)}.json`
    const { rt, logger } = runtime({ keys: KEY_A })
    expect(await openSnapshot(rt)).toEqual({ entry: await newest(), snapshot })
    expect(logger.lines).toEqual([
      `warning [Marker ignored]: Ignoring marker ${marker}: Marker ${marker} ${NOT_AUTHENTICATED}`,
    ])
  })

  it('a marker signed with another key is refused too', async () => {
    const entry = await saved(NEWER, KEY_A)
    const snapshot = await snapshotOf(entry)
    await markRestored(runtime({ keys: KEY_B }).rt, entry, snapshot)
    const { rt, logger } = runtime({ keys: KEY_A })
    expect(await openSnapshot(rt)).toEqual({ entry: await newest(), snapshot })
    expect(logger.lines).toHaveLength(1)
    expect(logger.lines[0]).toContain('(signed with another key, or edited after signing)')
  })

  describe('an unreadable or untrusted newest snapshot', () => {
    it('stop refuses, naming it and the way out; an older intact one is not used instead', async () => {
      await saved(OLDER)
      const entry = await corrupted(NEWER)
      const e = await thrown(openSnapshot(runtime().rt))
      expect(e).toBeInstanceOf(UsageError)
      expect(e.message).toBe(refusal(entry.name, corrupt(entry.name)))
    })

    it('stop refuses an unsigned one with keys as a safety refusal', async () => {
      const entry = await saved(NEWER)
      const e = await thrown(openSnapshot(runtime({ keys: KEY_A }).rt))
      expect(e).toBeInstanceOf(SafetyError)
      expect(e.message).toBe(refusal(entry.name, `Snapshot ${entry.name} ${NOT_AUTHENTICATED}`))
    })

    it('stop refuses one of another workspace, and names the option as the Action does', async () => {
      const entry = await stored(NEWER, (c) => (c.workspace_id = '88'))
      const e = await thrown(openSnapshot(runtime({ face: 'action' }).rt))
      expect(e).toBeInstanceOf(SafetyError)
      expect(e.message).toBe(
        refusal(
          entry.name,
          `Snapshot ${entry.name} belongs to workspace 88, not 77. Refusing to apply it here; ` +
            'nothing was changed. Pick a snapshot of this workspace.',
          `ignore-open-snapshot: ${entry.name}`,
        ),
      )
    })

    it('stop refuses one with a record a stop never makes', async () => {
      const entry = await stored(NEWER, (c) =>
        c.items.push({
          kind: 'permission_assignments',
          id: '6',
          name: 'user 6',
          before: {
            principal: { principal_id: '6', user_name: 'u6@example.com' },
            permissions: [],
          },
          after: null,
          recorded_at: NEWER,
        }),
      )
      const e = await thrown(openSnapshot(runtime().rt))
      expect(e).toBeInstanceOf(UsageError)
      expect(e.message).toBe(
        refusal(
          entry.name,
          `Snapshot ${entry.name} has 1 record(s) that are not a change a stop makes: ` +
            'permission_assignments 6 (user 6): before.permissions: must list USER or ADMIN. ' +
            'Refusing the whole snapshot; nothing was changed.',
        ),
      )
    })

    it('--ignore-open-snapshot with its name: stop starts afresh, with a warning', async () => {
      await saved(OLDER)
      const entry = await corrupted(NEWER)
      const { rt, logger } = runtime({ ignore: entry.name })
      await expect(openSnapshot(rt)).resolves.toBeUndefined()
      expect(logger.lines).toEqual([
        `warning [Snapshot ignored]: Ignoring the newest snapshot ${entry.name} as asked ` +
          `(${corrupt(entry.name)}). This stop starts afresh; whatever that snapshot recorded ` +
          'is not merged.',
      ])
    })

    it('--ignore-open-snapshot with another name: still refused, naming the newest', async () => {
      const entry = await corrupted(NEWER)
      const { rt, logger } = runtime({ ignore: 'other-snapshot.json' })
      const e = await thrown(openSnapshot(rt))
      expect(e).toBeInstanceOf(UsageError)
      expect(e.message).toBe(refusal(entry.name, corrupt(entry.name)))
      expect(logger.lines).toEqual([])
    })

    it('restore throws the refusal as it is', async () => {
      const entry = await corrupted(NEWER)
      const e = await thrown(openSnapshot(runtime({ mode: 'restore' }).rt))
      expect(e).toBeInstanceOf(UsageError)
      expect(e.message).toBe(corrupt(entry.name))
    })

    it('restore throws a snapshot of another workspace as it is', async () => {
      const entry = await stored(NEWER, (c) => (c.workspace_id = '88'))
      const e = await thrown(openSnapshot(runtime({ mode: 'restore' }).rt))
      expect(e).toBeInstanceOf(SafetyError)
      expect(e.message).toBe(
        `Snapshot ${entry.name} belongs to workspace 88, not 77. Refusing to apply it here; ` +
          'nothing was changed. Pick a snapshot of this workspace.',
      )
    })

    it('stop throws a fault of the store itself as it is (not a snapshot to ignore)', async () => {
      await saved(NEWER)
      // A directory where a marker should be: reading it fails, which says nothing about the snapshot.
      await mkdir(join(dir, '77', `restored-${'a'.repeat(64)}.json`))
      const e = await thrown(openSnapshot(runtime({ ignore: 'x' }).rt))
      expect(e).not.toBeInstanceOf(UsageError)
      expect(e).not.toBeInstanceOf(SafetyError)
      expect((e as NodeJS.ErrnoException).code).toBe('EISDIR')
    })
  })

  describe('--ignore-open-snapshot when the newest snapshot can be used (or there is none)', () => {
    const mistake = (option: string) =>
      `${option}: that is not an unreadable or untrusted open snapshot of workspace 77 (it only ` +
      'skips the newest snapshot when that cannot be used). Leave the option out. Nothing was changed.'

    it('is refused when there is no snapshot', async () => {
      const e = await thrown(openSnapshot(runtime({ ignore: 'x-snapshot.json' }).rt))
      expect(e).toBeInstanceOf(UsageError)
      expect(e.message).toBe(mistake('--ignore-open-snapshot x-snapshot.json'))
    })

    it('is refused for an intact open snapshot, named as the Action names it', async () => {
      const entry = await saved(NEWER)
      const e = await thrown(openSnapshot(runtime({ ignore: entry.name, face: 'action' }).rt))
      expect(e).toBeInstanceOf(UsageError)
      expect(e.message).toBe(mistake(`ignore-open-snapshot: ${entry.name}`))
    })

    it('is refused when the newest snapshot is closed, with keys too', async () => {
      const entry = await saved(NEWER, KEY_A)
      await markRestored(runtime({ keys: KEY_A }).rt, entry, await snapshotOf(entry))
      for (const keys of [undefined, KEY_A]) {
        for (const name of [entry.name, 'other-snapshot.json']) {
          const { rt, logger } = runtime({ ignore: name, keys })
          const e = await thrown(openSnapshot(rt))
          expect(e).toBeInstanceOf(UsageError)
          expect(e.message).toBe(mistake(`--ignore-open-snapshot ${name}`))
          expect(logger.lines).toEqual([])
        }
      }
    })
  })
})

describe('markRestored', () => {
  it('writes a marker naming the snapshot, by checksum, into its workspace’s directory', async () => {
    const entry = await saved(NEWER)
    const snapshot = await snapshotOf(entry)
    await markRestored(runtime().rt, entry, snapshot)
    const markers = await store.markers('77')
    expect(markers.map((m) => m.name)).toEqual([
      `restored-${snapshot.checksum.slice('sha256:'.length)}.json`,
    ])
    const marker = decodeMarker(markers[0].text, markers[0].name)
    expect(marker).toMatchObject({
      tool: 'databricks-halt',
      marker: 'restored',
      workspace_id: '77',
      snapshot: entry.name,
      snapshot_checksum: snapshot.checksum,
    })
    expect(marker.signature).toBeUndefined()
  })

  it('signs the marker with the key', async () => {
    const entry = await saved(NEWER, KEY_A)
    const snapshot = await snapshotOf(entry)
    await markRestored(runtime({ keys: KEY_A }).rt, entry, snapshot)
    const [marker] = await store.markers('77')
    expect(decodeMarker(marker.text, marker.name, KEY_A).signature).toMatch(/^hmac-sha256:/)
  })
})
