import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { holdStdout, leaks, type HeldStdout } from '../../__fixtures__/capture-stdout.js'
import { GitHubDouble } from '../../__fixtures__/github-double.js'
import { MemoryLogger } from '../../__fixtures__/memory-logger.js'
import { SafetyError, UsageError } from '../../src/errors.js'
import type {
  ArtifactSnapshotStore as Store,
  ArtifactStoreOptions,
} from '../../src/snapshot/artifact-store.js'

// The real @actions/artifact and @actions/github run against the loopback GitHub double. They read
// GITHUB_API_URL when imported, so the environment is set before the store module is loaded.
let gh: GitHubDouble
let ArtifactSnapshotStore: typeof Store
const saved = { ...process.env }
const WS = '7474644477722220123'

let held: HeldStdout | undefined
beforeAll(async () => {
  held = holdStdout()
  gh = await GitHubDouble.start()
  delete process.env.GITHUB_SERVER_URL
  process.env.GITHUB_API_URL = `${gh.url}/api`
  process.env.GITHUB_WORKSPACE = mkdtempSync(join(tmpdir(), 'ws-'))
  ;({ ArtifactSnapshotStore } = await import('../../src/snapshot/artifact-store.js'))
})

afterAll(async () => {
  held?.release()
  process.env = saved
  await gh.close()
})

/** A store as one job of run `runId` sees it: its own runtime token, optionally a GitHub token. */
function storeInRun(runId: number, options: Partial<ArtifactStoreOptions> = {}): Store {
  process.env.ACTIONS_RUNTIME_TOKEN = gh.runtimeToken(runId)
  process.env.ACTIONS_RESULTS_URL = `${gh.url}/`
  return new ArtifactSnapshotStore({
    logger: new MemoryLogger(),
    retentionDays: 7,
    githubToken: gh.githubToken,
    repository: `${gh.owner}/${gh.repo}`,
    runId: String(runId),
    runAttempt: '1',
    tempDir: mkdtempSync(join(tmpdir(), 'store-')),
    ...options,
  })
}

const content = (n: number) => `{"snapshot": ${n}, "workspace_id": ${WS}}\n`

describe('artifact snapshot store', () => {
  it('saves a snapshot named after workspace, run and attempt, with retention, and reads it back in the same run', async () => {
    const store = storeInRun(101, { runAttempt: '2' })
    const entry = await store.save({
      workspaceId: WS,
      createdAt: '2026-11-26T10:00:00.000Z',
      content: content(1),
    })

    expect(entry.name).toBe(`databricks-halt-snapshot-ws${WS}-run101-attempt2`)
    expect(entry.restored).toBe(false)
    expect(gh.createRequests.at(-1)?.expires_at).toBeDefined()
    expect(store.runIdOf(entry)).toBe('101')
    expect(await store.read(entry)).toBe(content(1))
    expect((await store.list(WS)).map((e) => e.ref)).toEqual([entry.ref])
  })

  it('gives a second stop in the same run attempt its own name', async () => {
    const store = storeInRun(102)
    const first = await store.save({
      workspaceId: WS,
      createdAt: '2026-11-26T10:01:00.000Z',
      content: content(2),
    })
    const second = await store.save({
      workspaceId: WS,
      createdAt: '2026-11-26T10:02:00.000Z',
      content: content(3),
    })
    expect(second.name).toBe(`${first.name}-2`)
  })

  it('finds and reads the newest snapshot of another run with a different runtime token', async () => {
    const stop = storeInRun(201)
    const saved = await stop.save({
      workspaceId: '42',
      createdAt: '2026-11-26T11:00:00.000Z',
      content: content(4),
    })
    const restore = storeInRun(202)
    const [newest] = await restore.list('42')
    expect(newest).toMatchObject({
      ref: saved.ref,
      name: saved.name,
      workspaceId: '42',
      restored: false,
    })
    expect(await restore.read(newest)).toBe(content(4))
    // Another workspace's snapshots stay out of the list.
    expect(await restore.list('43')).toEqual([])
  })

  it('marks a restored snapshot so a later run sees it restored, together with every older one', async () => {
    const ws = '77'
    const s1 = await storeInRun(301).save({
      workspaceId: ws,
      createdAt: '2026-11-26T12:00:00.000Z',
      content: content(5),
    })
    const s2 = await storeInRun(302).save({
      workspaceId: ws,
      createdAt: '2026-11-26T12:05:00.000Z',
      content: content(6),
    })
    const before = await storeInRun(303).list(ws)
    expect(before.map((e) => [e.ref, e.restored])).toEqual([
      [s2.ref, false],
      [s1.ref, false],
    ])

    const restorer = storeInRun(304)
    const marker = { workspaceId: ws, checksum: `sha256:${'c'.repeat(64)}`, text: '{"m":1}\n' }
    await restorer.markRestored(before[0], marker)
    await restorer.markRestored(before[0], marker) // idempotent within the run
    // The marker's text is kept as given, for the engine to check (signature, checksum).
    expect(await storeInRun(307).markers(ws)).toEqual([
      { name: `databricks-halt-restored-ws${ws}-artifact${s2.ref}`, text: '{"m":1}\n' },
    ])

    const after = await storeInRun(305).list(ws)
    expect(after.map((e) => [e.ref, e.restored])).toEqual([
      [s2.ref, true],
      [s1.ref, true],
    ])
    // A stop after the restore starts afresh: its snapshot is the newest, un-restored one.
    const s3 = await storeInRun(306).save({
      workspaceId: ws,
      createdAt: '2026-11-26T13:00:00.000Z',
      content: content(7),
    })
    expect((await storeInRun(307).list(ws))[0]).toMatchObject({ ref: s3.ref, restored: false })
  })

  it('resolves restore-from given as a run id, an artifact id or an artifact name', async () => {
    const ws = '88'
    const saved = await storeInRun(401).save({
      workspaceId: ws,
      createdAt: '2026-11-26T14:00:00.000Z',
      content: content(8),
    })
    const store = storeInRun(402)
    expect((await store.resolve('401')).ref).toBe(saved.ref)
    expect((await store.resolve(saved.ref)).ref).toBe(saved.ref)
    const listed = () => gh.requests.filter((r) => r.path.endsWith('/actions/artifacts')).length
    const listedBefore = listed()
    expect((await store.resolve(saved.name)).ref).toBe(saved.ref)
    expect(listed() - listedBefore).toBe(1) // the repository is listed once per resolve
    expect(await store.read(await store.resolve('401'))).toBe(content(8))
    await expect(store.resolve('999999')).rejects.toThrow(
      /No snapshot artifact found for restore-from "999999"/,
    )
  })

  it('asks to set workspace-id when a run holds snapshots of several workspaces', async () => {
    const run = storeInRun(501)
    await run.save({ workspaceId: '1', createdAt: '2026-11-26T15:00:00.000Z', content: content(9) })
    await run.save({
      workspaceId: '2',
      createdAt: '2026-11-26T15:00:00.000Z',
      content: content(10),
    })
    await expect(storeInRun(502).resolve('501')).rejects.toThrow(
      /workspaces 1, 2.*set workspace-id|workspaces 2, 1.*set workspace-id/,
    )
    const hinted = storeInRun(503, { workspaceIdHint: '2' })
    expect(await hinted.read(await hinted.resolve('501'))).toBe(content(10))
  })

  it('sees only its own run without a GitHub token', async () => {
    await storeInRun(601).save({
      workspaceId: '99',
      createdAt: '2026-11-26T16:00:00.000Z',
      content: content(11),
    })
    const store = storeInRun(602, { githubToken: undefined })
    expect(await store.list('99')).toEqual([])
    await expect(store.resolve('601')).rejects.toThrow(/github-token/)
  })

  it('refuses to guess when the repository listing is denied, and skips expired snapshots', async () => {
    await storeInRun(801).save({
      workspaceId: '55',
      createdAt: '2026-11-26T18:00:00.000Z',
      content: content(13),
    })
    await expect(storeInRun(802, { githubToken: 'ghs_wrong' }).list('55')).rejects.toThrow(
      /actions: read/,
    )
    gh.artifactsOfRun(801)[0].expired = true
    expect(await storeInRun(803).list('55')).toEqual([])
  })

  it('rejects save when the upload fails, storing nothing', async () => {
    const store = storeInRun(701)
    gh.fail.createArtifact = true
    try {
      await expect(
        store.save({
          workspaceId: WS,
          createdAt: '2026-11-26T17:00:00.000Z',
          content: content(12),
        }),
      ).rejects.toThrow(/Could not upload the snapshot artifact/)
    } finally {
      gh.fail.createArtifact = false
    }
    expect(gh.artifactsOfRun(701)).toEqual([])
  })

  it('rejects save when the upload is not listed under the id its finalize answered', async () => {
    const store = storeInRun(702)
    gh.fail.listOtherId = true
    try {
      await expect(
        store.save({
          workspaceId: WS,
          createdAt: '2026-11-26T17:05:00.000Z',
          content: content(13),
        }),
      ).rejects.toThrow(
        /^Snapshot artifact databricks-halt-snapshot-\S+ is not listed after upload\.$/,
      )
    } finally {
      gh.fail.listOtherId = false
    }
  })

  it('orders snapshots by their embedded created_at, not by when their artifacts were uploaded', async () => {
    const ws = '8080'
    const taken = (at: string, n: number) =>
      `{"created_at": "${at}", "snapshot": ${n}, "workspace_id": ${ws}}\n`
    // Uploaded first, but taken last (a stop whose upload raced a later one, or a replayed copy).
    const late = await storeInRun(801).save({
      workspaceId: ws,
      createdAt: '2001-01-02T09:00:00.000Z',
      content: taken('2001-01-02T09:00:00.000Z', 1),
    })
    const early = await storeInRun(802).save({
      workspaceId: ws,
      createdAt: '2001-01-02T08:00:00.000Z',
      content: taken('2001-01-02T08:00:00.000Z', 2),
    })
    const upload = (e: { ref: string }) => gh.artifacts.find((a) => String(a.id) === e.ref)!
    expect(upload(early).createdAt > upload(late).createdAt).toBe(true)
    const listed = await storeInRun(803).list(ws)
    expect(listed.map((e) => [e.ref, e.createdAt])).toEqual([
      [late.ref, '2001-01-02T09:00:00.000Z'],
      [early.ref, '2001-01-02T08:00:00.000Z'],
    ])
    // The same order when a run id names them: run 801's snapshot is the newest of the workspace.
    const reader = storeInRun(804)
    expect((await reader.list(ws))[0].ref).toBe(late.ref)
    expect(await reader.read(listed[0])).toBe(taken('2001-01-02T09:00:00.000Z', 1))

    // A tie to the millisecond goes to the later upload; an unreadable one keeps its upload time.
    const tie = await storeInRun(805).save({
      workspaceId: ws,
      createdAt: '2001-01-02T09:00:00.000Z',
      content: taken('2001-01-02T09:00:00.000Z', 3),
    })
    const junk = await storeInRun(806).save({
      workspaceId: ws,
      createdAt: '2001-01-02T07:00:00.000Z',
      content: 'not json',
    })
    const again = await storeInRun(807).list(ws)
    expect(again.map((e) => e.ref)).toEqual([junk.ref, tie.ref, late.ref, early.ref])
    expect(again[0].createdAt).toBe(upload(junk).createdAt)
  })

  it("keeps the toolkit's upload lines out of the test log, and they show no token", async () => {
    const store = storeInRun(131)
    const runtimeToken = process.env.ACTIONS_RUNTIME_TOKEN!
    const before = held!.transcript().length
    await store.save({
      workspaceId: WS,
      createdAt: '2026-11-26T10:00:00.000Z',
      content: content(9),
    })
    const out = held!.transcript().slice(before)
    expect(out).toContain('Finalizing artifact upload')
    expect(out).toMatch(
      new RegExp(
        `Artifact databricks-halt-snapshot-ws${WS}-run131-attempt1 successfully finalized`,
      ),
    )
    expect(leaks(held!.transcript(), [gh.githubToken, runtimeToken])).toEqual([])
  })

  it('logs what it saved and recorded, and looks in its own run only with one notice', async () => {
    const logger = new MemoryLogger()
    const store = storeInRun(901, { logger })
    const saved = await store.save({
      workspaceId: '66',
      createdAt: '2026-11-26T19:00:00.000Z',
      content: content(14),
    })
    expect(logger.lines).toContain(
      `info: Saved snapshot artifact ${saved.name} (id ${saved.ref}), kept 7 days.`,
    )
    expect(store.runIdOf(saved)).toBe('901')
    await store.markRestored(saved, {
      workspaceId: '66',
      checksum: `sha256:${'e'.repeat(64)}`,
      text: '{}\n',
    })
    expect(logger.lines).toContain(
      `info: Recorded that snapshot ${saved.name} is restored ` +
        `(artifact databricks-halt-restored-ws66-artifact${saved.ref}, id ${Number(saved.ref) + 1}).`,
    )
    const quiet = new MemoryLogger()
    const runOnly = storeInRun(901, {
      logger: quiet,
      githubToken: undefined,
      retentionDays: undefined,
    })
    await runOnly.list('66')
    await runOnly.list('66')
    expect(quiet.lines).toEqual([
      'info: Looking in this run only: other runs need github-token with `actions: read`.',
    ])
    const again = await runOnly.save({
      workspaceId: '66',
      createdAt: '2026-11-26T19:01:00.000Z',
      content: content(15),
    })
    expect(again.name).toBe(`${saved.name}-2`)
    expect(quiet.lines).toContain(
      `info: Saved snapshot artifact ${again.name} (id ${again.ref}), kept the default days.`,
    )
  })

  it('says which artifact it cannot find, which expired, and which workspace it looked for', async () => {
    const logger = new MemoryLogger()
    const store = storeInRun(903, { logger, workspaceIdHint: '67' })
    await expect(
      store.read({
        ref: '424242',
        name: 'gone',
        workspaceId: '67',
        createdAt: '',
        restored: false,
      }),
    ).rejects.toThrow('Snapshot artifact gone (id 424242) not found.')
    await expect(store.resolve('nothing-here')).rejects.toThrow(
      'No snapshot artifact found for restore-from "nothing-here" (workspace 67): give the run id',
    )
    const old = await storeInRun(904).save({
      workspaceId: '67',
      createdAt: '2026-11-26T20:00:00.000Z',
      content: content(16),
    })
    gh.artifactsOfRun(904)[0].expired = true
    expect(await store.list('67')).toEqual([])
    expect(logger.lines).toContain(
      `warning: Snapshot artifact ${old.name} has expired (retention) and cannot be restored.`,
    )
  })
})

/** Records the titles of warnings too. */
class TitledLogger extends MemoryLogger {
  readonly titles: Array<string | undefined> = []
  override warning(message: string, title?: string): void {
    super.warning(message)
    this.titles.push(title)
  }
}

const blobGets = (name?: string) =>
  gh.requests.filter(
    (r) =>
      r.method === 'GET' &&
      r.path.startsWith('/blob/') &&
      (name === undefined || r.path.includes(encodeURIComponent(name))),
  ).length
const stored = (ref: string) => gh.artifacts.find((a) => String(a.id) === ref)!
const taken = (at: string, ws: string) => `{"created_at": "${at}", "workspace_id": ${ws}}\n`
const entryOf = (ref: string, name: string, workspaceId: string) => ({
  ref,
  name,
  workspaceId,
  createdAt: '',
  restored: false,
})
const NO_SNAPSHOT = (wanted: string) =>
  `No snapshot artifact found for restore-from "${wanted}": give the run id of the stop, the ` +
  'snapshot artifact id or name, or `latest`. Other runs need github-token with `actions: read`; ' +
  'artifacts past their retention are gone.'
const BIG = 50 * 1024 * 1024 + 1

/** Uploads an artifact of any files in run `runId`, as another job (or another tool) would. */
async function uploadRaw(
  runId: number,
  name: string,
  files: Record<string, string>,
  compressionLevel?: number,
) {
  process.env.ACTIONS_RUNTIME_TOKEN = gh.runtimeToken(runId)
  process.env.ACTIONS_RESULTS_URL = `${gh.url}/`
  const dir = mkdtempSync(join(tmpdir(), 'raw-'))
  for (const [file, text] of Object.entries(files)) writeFileSync(join(dir, file), text)
  const { DefaultArtifactClient } = await import('@actions/artifact')
  const paths = Object.keys(files).map((f) => join(dir, f))
  const { id } = await new DefaultArtifactClient().uploadArtifact(name, paths, dir, {
    compressionLevel,
  })
  return String(id)
}

describe('artifact snapshot store: checks, bounds and messages', () => {
  it('returns the time a snapshot was taken, keeps what it saved, and numbers further stops', async () => {
    const tempDir = join(mkdtempSync(join(tmpdir(), 'store-')), 'not', 'yet')
    const logger = new MemoryLogger()
    const store = storeInRun(1001, { tempDir, logger })
    const first = await store.save({
      workspaceId: '1001',
      createdAt: '2026-01-01T00:00:00.000Z',
      content: taken('2026-02-02T02:02:02Z', '1001'),
    })
    expect(first.createdAt).toBe('2026-02-02T02:02:02.000Z')
    const second = await store.save({
      workspaceId: '1001',
      createdAt: '2026-03-03T03:03:03.000Z',
      content: content(1),
    })
    expect(second.createdAt).toBe('2026-03-03T03:03:03.000Z')
    const third = await store.save({
      workspaceId: '1001',
      createdAt: '2026-03-03T03:03:04.000Z',
      content: content(2),
    })
    expect([first.name, second.name, third.name]).toEqual([
      'databricks-halt-snapshot-ws1001-run1001-attempt1',
      'databricks-halt-snapshot-ws1001-run1001-attempt1-2',
      'databricks-halt-snapshot-ws1001-run1001-attempt1-3',
    ])
    // What it saved is read back without a download.
    const before = blobGets()
    expect(await store.read(first)).toBe(taken('2026-02-02T02:02:02Z', '1001'))
    expect(blobGets()).toBe(before)
    // Its scratch directories are new ones under tempDir, which it creates.
    const dirs = readdirSync(tempDir)
    expect(dirs.length).toBe(3)
    for (const d of dirs) expect(d).toMatch(/^databricks-halt-[0-9a-f]{12}$/)
    // Every run trusted: no warning.
    expect(await storeInRun(1002, { logger }).list('1001')).toHaveLength(3)
    expect(logger.lines.filter((l) => !/^info: Saved|has expired/.test(l))).toEqual([])
  })

  it('wraps a failed upload with its cause', async () => {
    const store = storeInRun(1011)
    gh.fail.createArtifact = true
    let error: unknown
    try {
      error = await store
        .save({ workspaceId: '1011', createdAt: '2026-01-01T00:00:00.000Z', content: content(1) })
        .catch((e: unknown) => e)
    } finally {
      gh.fail.createArtifact = false
    }
    expect(error).toBeInstanceOf(Error)
    const cause = (error as Error).cause
    expect(cause).toBeInstanceOf(Error)
    expect((error as Error).message).toBe(
      'Could not upload the snapshot artifact databricks-halt-snapshot-ws1011-run1011-attempt1: ' +
        (cause as Error).message,
    )
  })

  it('resolves a run id to its newest snapshot taken, with its time and restored state', async () => {
    const ws = '1101'
    const stop = storeInRun(1101)
    // Taken later but uploaded first: the run's newest snapshot.
    const newer = await stop.save({
      workspaceId: ws,
      createdAt: '2001-01-01T10:00:00.000Z',
      content: taken('2001-01-01T10:00:00.000Z', ws),
    })
    const older = await stop.save({
      workspaceId: ws,
      createdAt: '2001-01-01T09:00:00.000Z',
      content: taken('2001-01-01T09:00:00.000Z', ws),
    })
    const junk = ws + '9'
    await storeInRun(1104).save({ workspaceId: junk, createdAt: '', content: 'not json' })
    const fresh = storeInRun(1102)
    expect(await fresh.resolve(' 1101 ')).toEqual({ ...newer, restored: false })
    // The run also holds a restored marker (same run): not a snapshot.
    await stop.markRestored(newer, { workspaceId: ws, checksum: 'sha256:x', text: '{}\n' })
    const reader = storeInRun(1103, { workspaceIdHint: ws })
    expect(await reader.resolve('1101')).toEqual({
      ref: newer.ref,
      name: newer.name,
      workspaceId: ws,
      createdAt: '2001-01-01T10:00:00.000Z',
      restored: true,
    })
    expect(await reader.resolve(older.ref)).toEqual({
      ref: older.ref,
      name: older.name,
      workspaceId: ws,
      createdAt: '2001-01-01T09:00:00.000Z',
      restored: true,
    })
    expect((await reader.resolve(older.name)).ref).toBe(older.ref)
    // Only that workspace's snapshots were downloaded, never another's.
    expect(blobGets(`databricks-halt-snapshot-ws${junk}-`)).toBe(0)
    expect((await storeInRun(1105).list(ws)).map((e) => e.ref)).toEqual([newer.ref, older.ref])
    expect(blobGets(`databricks-halt-snapshot-ws${junk}-`)).toBe(0)
    await expect(reader.resolve(' nothing ')).rejects.toThrow(
      new UsageError(
        'No snapshot artifact found for restore-from "nothing" (workspace 1101): give the run id of ' +
          'the stop, the snapshot artifact id or name, or `latest`. Other runs need github-token ' +
          'with `actions: read`; artifacts past their retention are gone.',
      ),
    )
    await expect(fresh.resolve('nothing')).rejects.toThrow(NO_SNAPSHOT('nothing'))
  })

  it('without a token finds and reads its own run only, and says so exactly', async () => {
    const saved = await storeInRun(1201).save({
      workspaceId: '1201',
      createdAt: '2026-01-01T00:00:00.000Z',
      content: content(1),
    })
    const own = storeInRun(1201, { githubToken: undefined })
    const [listed] = await own.list('1201')
    expect(listed).toMatchObject({ ref: saved.ref, name: saved.name })
    expect(listed.createdAt).toBe(stored(saved.ref).createdAt)
    expect(await storeInRun(1201, { githubToken: undefined }).read(listed)).toBe(content(1))
    expect((await storeInRun(1201, { githubToken: undefined }).resolve('1201')).ref).toBe(saved.ref)
    const other = storeInRun(1202, { githubToken: undefined })
    await expect(other.resolve('1201')).rejects.toThrow(NO_SNAPSHOT('1201'))
    await expect(other.resolve(saved.ref)).rejects.toThrow(NO_SNAPSHOT(saved.ref))
    // A repository that is not owner/name cannot be searched either.
    const logger = new MemoryLogger()
    expect(await storeInRun(1201, { repository: 'acme', logger }).list('1201')).toHaveLength(1)
    expect(logger.lines).toEqual([
      'info: Looking in this run only: other runs need github-token with `actions: read`.',
    ])
  })

  it('reads an artifact it has not listed yet, downloads it once, and tries a failed one again', async () => {
    const saved = await storeInRun(1301).save({
      workspaceId: '1301',
      createdAt: '2026-01-01T00:00:00.000Z',
      content: content(3),
    })
    const other = await storeInRun(1301).save({
      workspaceId: '1301',
      createdAt: '2026-01-01T00:00:01.000Z',
      content: content(4),
    })
    const reader = storeInRun(1302)
    const entry = entryOf(saved.ref, saved.name, '1301')
    const gets = () => blobGets(saved.name + '.zip')
    const before = gets()
    const blob = stored(saved.ref).blob
    stored(saved.ref).blob = stored(other.ref).blob
    await expect(reader.read(entry)).rejects.toThrow(/does not match its recorded digest/)
    stored(saved.ref).blob = blob
    expect(await reader.read(entry)).toBe(content(3))
    expect(await reader.read(entry)).toBe(content(3))
    expect(gets()).toBe(before + 2)
    await expect(
      reader.read(entryOf(String(Number(saved.ref) + 100000), 'gone', '1301')),
    ).rejects.toThrow(`Snapshot artifact gone (id ${Number(saved.ref) + 100000}) not found.`)
  })

  it('checks the listed size before downloading, and lists such a snapshot at its upload time', async () => {
    const saved = await storeInRun(1303).save({
      workspaceId: '1303',
      createdAt: '2026-01-01T00:00:00.000Z',
      content: taken('2026-01-01T00:00:00.000Z', '1303'),
    })
    stored(saved.ref).size = BIG
    const tooBig =
      `Snapshot ${saved.name} is 50.0 MB, more than the 50 MB a databricks-halt snapshot can be: ` +
      'not reading it. Nothing was changed.'
    const logger = new MemoryLogger()
    const reader = storeInRun(1304, { logger })
    const before = blobGets(saved.name + '.zip')
    await expect(reader.read(entryOf(saved.ref, saved.name, '1303'))).rejects.toThrow(tooBig)
    const listed = await reader.list('1303')
    expect(listed.map((e) => [e.ref, e.createdAt])).toEqual([
      [saved.ref, stored(saved.ref).createdAt],
    ])
    expect(blobGets(saved.name + '.zip')).toBe(before)
    expect(logger.lines).toContain(`debug: Snapshot artifact ${saved.name}: ${tooBig}`)
  })

  it('refuses a download that does not match its digest, from this run or another', async () => {
    const a = await storeInRun(1321).save({
      workspaceId: '1321',
      createdAt: '2026-01-01T00:00:00.000Z',
      content: content(5),
    })
    const b = await storeInRun(1321).save({
      workspaceId: '1321',
      createdAt: '2026-01-01T00:00:01.000Z',
      content: content(6),
    })
    stored(a.ref).blob = stored(b.ref).blob
    const refused = `Snapshot artifact ${a.name} does not match its recorded digest: refusing it.`
    await expect(storeInRun(1322).read(entryOf(a.ref, a.name, '1321'))).rejects.toThrow(
      new UsageError(refused),
    )
    await expect(storeInRun(1321).read(entryOf(a.ref, a.name, '1321'))).rejects.toThrow(
      new UsageError(refused),
    )
  })

  it('reads the one JSON file of an artifact and refuses one with none or two', async () => {
    const one = await uploadRaw(1331, 'databricks-halt-snapshot-ws1331-run1331-attempt1', {
      'notes.txt': 'not the snapshot',
      'snap.json': content(7),
    })
    const none = await uploadRaw(1331, 'databricks-halt-snapshot-ws1331-run1331-attempt1-2', {
      'notes.txt': 'no snapshot',
    })
    const two = await uploadRaw(1331, 'databricks-halt-snapshot-ws1331-run1331-attempt1-3', {
      'a.json': content(8),
      'b.json': content(9),
    })
    const reader = storeInRun(1332)
    const read = (ref: string, suffix: string) =>
      reader.read(entryOf(ref, `databricks-halt-snapshot-ws1331-run1331-attempt1${suffix}`, '1331'))
    expect(await read(one, '')).toBe(content(7))
    await expect(read(none, '-2')).rejects.toThrow(
      new UsageError(
        'Snapshot artifact databricks-halt-snapshot-ws1331-run1331-attempt1-2 should hold one JSON file, not 0.',
      ),
    )
    await expect(read(two, '-3')).rejects.toThrow(
      'Snapshot artifact databricks-halt-snapshot-ws1331-run1331-attempt1-3 should hold one JSON file, not 2.',
    )
  })

  it('records a restore once, with retention, and passes on a failed upload', async () => {
    const ws = '1401'
    const stop = storeInRun(1401)
    const saved = await stop.save({
      workspaceId: ws,
      createdAt: '2026-01-01T00:00:00.000Z',
      content: content(1),
    })
    const marker = { workspaceId: ws, checksum: 'sha256:x', text: '{"m":1}\n' }
    const restorer = storeInRun(1402)
    gh.fail.createArtifact = true
    try {
      await expect(restorer.markRestored(saved, marker)).rejects.toThrow(
        /artifact storage is not available for this run/,
      )
    } finally {
      gh.fail.createArtifact = false
    }
    const creates = gh.createRequests.length
    await restorer.markRestored(saved, marker)
    expect(gh.createRequests.length).toBe(creates + 1)
    expect(gh.createRequests.at(-1)).toMatchObject({
      name: `databricks-halt-restored-ws${ws}-artifact${saved.ref}`,
    })
    expect(gh.createRequests.at(-1)?.expires_at).toBeDefined()
    await storeInRun(1402).markRestored(saved, marker)
    expect(gh.createRequests.length).toBe(creates + 1)
    // A marker the listing does not show (an earlier attempt's) is recorded already.
    gh.artifactsOfRun(1402)[0].expired = true
    await storeInRun(1402).markRestored(saved, marker)
    expect(gh.createRequests.length).toBe(creates + 2)
  })

  it('passes on markers up to the size cap, and one that is larger or cannot be read as empty', async () => {
    const ws = '1501'
    const mark = (ref: string, text: string) =>
      storeInRun(1501).markRestored(entryOf(ref, `s${ref}`, ws), {
        workspaceId: ws,
        checksum: '',
        text,
      })
    await mark('1', '{"m":1}\n')
    await mark('2', '{"m":2}\n')
    await mark('3', '{"m":3}\n')
    await mark('4', '{"m":4}\n')
    const [m1, m2, m3, m4] = gh.artifactsOfRun(1501)
    m1.size = 64 * 1024
    m2.size = 64 * 1024 + 1
    m3.blob = m4.blob // digest mismatch
    const name = (ref: string) => `databricks-halt-restored-ws${ws}-artifact${ref}`
    const markers = await storeInRun(1502).markers(ws)
    expect(markers.sort((a, b) => a.name.localeCompare(b.name))).toEqual([
      { name: name('1'), text: '{"m":1}\n' },
      { name: name('2'), text: '' },
      { name: name('3'), text: '' },
      { name: name('4'), text: '{"m":4}\n' },
    ])
  })

  it('says exactly why it cannot list the repository', async () => {
    const error = await storeInRun(1601, { githubToken: 'ghs_wrong' })
      .list('1601')
      .catch((e: unknown) => e)
    expect(error).toBeInstanceOf(UsageError)
    expect((error as Error).cause).toBeInstanceOf(Error)
    expect((error as Error).message).toMatch(
      /^Cannot list the artifacts of acme\/platform to find snapshots: .*Bad credentials.*\. The job needs `permissions: actions: read` for github-token\.$/s,
    )
  })

  it('warns of expired snapshots only, and times listed without milliseconds as instants', async () => {
    await uploadRaw(1701, 'build-output', { 'a.json': '{}' })
    await uploadRaw(1701, 'databricks-halt-restored-ws1701-artifact1', { 'a.json': '{}' })
    for (const a of gh.artifactsOfRun(1701)) a.expired = true
    const junk = await storeInRun(1702).save({
      workspaceId: '1701',
      createdAt: '',
      content: 'not json',
    })
    stored(junk.ref).createdAt = '2001-01-01T00:00:00Z'
    const logger = new MemoryLogger()
    const listed = await storeInRun(1703, { logger }).list('1701')
    expect(listed.map((e) => [e.ref, e.createdAt])).toEqual([
      [junk.ref, '2001-01-01T00:00:00.000Z'],
    ])
    expect(logger.lines.filter((l) => /build-output|ws1701/.test(l))).toEqual([])
  })

  it('keeps its own run trusted, warns of untrusted runs once and exactly, and refuses them by name', async () => {
    const ws = '1801'
    // This run looks untrusted to GitHub (a pull request), yet its own snapshots are its own.
    gh.setRun(1801, { event: 'pull_request' })
    const own = storeInRun(1801)
    const mine = await own.save({
      workspaceId: ws,
      createdAt: '2026-01-01T00:00:00.000Z',
      content: content(1),
    })
    expect((await own.list(ws)).map((e) => e.ref)).toEqual([mine.ref])

    gh.setRun(1802, { head_branch: 'attacker' })
    gh.setRun(1803, { head_branch: 'attacker' })
    gh.setRun(1805, { head_branch: 'attacker' })
    await uploadRaw(1805, 'build-output', { 'a.json': '{}' })
    const p1 = await storeInRun(1802).save({
      workspaceId: ws,
      createdAt: '2026-01-01T00:00:01.000Z',
      content: content(2),
    })
    const p2 = await storeInRun(1803).save({
      workspaceId: ws,
      createdAt: '2026-01-01T00:00:02.000Z',
      content: content(3),
    })
    const logger = new TitledLogger()
    const store = storeInRun(1804, { logger })
    const from = gh.requests.length
    expect(await store.list(ws)).toEqual([])
    const why = (run: number) =>
      `run ${run} ran on attacker, not the default branch main or a ref in trusted-refs`
    expect(logger.lines.filter((l) => l.startsWith('warning: Skipped'))).toEqual([
      'warning: Skipped 3 snapshot or marker artifact(s) from untrusted workflow runs:\n' +
        `- ${p2.name} (id ${p2.ref}): ${why(1803)}\n` +
        `- ${p1.name} (id ${p1.ref}): ${why(1802)}\n` +
        `- ${mine.name} (id ${mine.ref}): run 1801 was triggered by pull_request`,
    ])
    expect(logger.titles.filter((t) => t !== undefined)).toEqual(['Untrusted artifacts skipped'])
    // A run that holds no snapshot or marker is not asked about.
    const asked = gh.requests.slice(from).map((r) => r.path)
    expect(asked).toContain(`/api/repos/${gh.owner}/${gh.repo}/actions/runs/1803`)
    expect(asked).not.toContain(`/api/repos/${gh.owner}/${gh.repo}/actions/runs/1805`)
    await store.list(ws)
    expect(logger.lines.filter((l) => l.startsWith('warning: Skipped'))).toHaveLength(1)
    // An untrusted artifact is not read even by its id, nor named by an unrelated restore-from.
    await expect(store.read(entryOf(p2.ref, p2.name, ws))).rejects.toThrow(
      `Snapshot artifact ${p2.name} (id ${p2.ref}) not found.`,
    )
    await expect(store.resolve('unrelated')).rejects.toThrow(NO_SNAPSHOT('unrelated'))
    await expect(store.resolve(p1.name)).rejects.toThrow(
      new SafetyError(
        `Refusing restore-from "${p1.name}": artifact ${p1.name} (id ${p1.ref}) is not trusted ` +
          `because ${why(1802)}. Only artifacts of this repository's databricks-halt workflow on ` +
          'the default branch (or a ref in trusted-refs), not triggered by a pull request, are used.',
      ),
    )
    await expect(store.resolve(p2.ref)).rejects.toThrow(
      `Refusing restore-from "${p2.ref}": artifact ${p2.name} (id ${p2.ref}) is not trusted`,
    )
  })

  // GitHub's REST schema lets an artifact's workflow_run and created_at be null, and the results
  // service may leave created_at out.
  it('trusts no artifact listed without a workflow run, unless its own run lists it', async () => {
    const ws = '1811'
    const mine = await storeInRun(1811).save({
      workspaceId: ws,
      createdAt: '2026-01-01T00:00:00.000Z',
      content: content(11),
    })
    gh.bare.add(Number(mine.ref))
    // Its own run lists it through the results service (with no creation time): still its own.
    const own = storeInRun(1811)
    const again = await own.list(ws)
    expect(again.map((e) => [e.ref, e.createdAt])).toEqual([[mine.ref, '']])
    expect(await own.read(again[0]!)).toBe(content(11))
    expect(own.runIdOf(again[0]!)).toBe('1811')

    const other = await storeInRun(1813).save({
      workspaceId: ws,
      createdAt: '2026-01-01T00:00:01.000Z',
      content: content(13),
    })
    const logger = new TitledLogger()
    const from = gh.requests.length
    expect((await storeInRun(1812, { logger }).list(ws)).map((e) => e.ref)).toEqual([other.ref])
    const skipped = logger.lines.find((l) => l.startsWith('warning: Skipped'))?.split('\n')
    expect(skipped).toContain(
      `- ${mine.name} (id ${mine.ref}): GitHub names no workflow run for it`,
    )
    // No run is looked up for it (there is none to ask about): only runs that hold artifacts.
    const holding = new Set(gh.artifacts.map((a) => String(a.runId)))
    const asked = gh.requests
      .slice(from)
      .map((r) => /\/actions\/runs\/([^/]+)$/.exec(r.path)?.[1])
      .filter((id) => id !== undefined)
    expect(asked).toContain('1813')
    expect(asked.filter((id) => !holding.has(id))).toEqual([])
    await expect(storeInRun(1812).resolve(mine.name)).rejects.toThrow(
      `Refusing restore-from "${mine.name}": artifact ${mine.name} (id ${mine.ref}) is not trusted ` +
        'because GitHub names no workflow run for it.',
    )
  })

  it('refuses a snapshot larger than the cap once downloaded', async () => {
    const name = 'databricks-halt-snapshot-ws1311-run1311-attempt1'
    // Stored without compression (quicker here), and listed smaller than it is.
    const ref = await uploadRaw(1311, name, { 's.json': 'a'.repeat(BIG) }, 0)
    stored(ref).size = 1000
    try {
      await expect(storeInRun(1312).read(entryOf(ref, name, '1311'))).rejects.toThrow(
        `Snapshot ${name} is 50.0 MB, more than the 50 MB a databricks-halt snapshot can be: ` +
          'not reading it. Nothing was changed.',
      )
    } finally {
      gh.artifacts.splice(gh.artifacts.indexOf(stored(ref)), 1)
    }
  })
})

describe('artifact snapshot store: paging through the repository', () => {
  /** Runs `fn` with the double holding only what it adds, then gives the others back. */
  async function alone(fn: () => Promise<void>): Promise<void> {
    const others = gh.artifacts.splice(0)
    try {
      await fn()
    } finally {
      gh.artifacts.splice(0, gh.artifacts.length, ...others)
    }
  }
  /** `n` newer artifacts of another tool, as a busy repository has. */
  function fill(n: number): void {
    const top = Math.max(...gh.artifacts.map((a) => a.id))
    for (let i = 1; i <= n; i++) {
      gh.artifacts.push({
        ...gh.artifacts[0],
        id: top + i,
        runId: 2999,
        backendRunId: 'run-2999',
        name: `build-output-${i}`,
      })
    }
  }
  const listings = () =>
    gh.requests.filter((r) => r.path === `/api/repos/${gh.owner}/${gh.repo}/actions/artifacts`)
      .length

  it('reads further pages until the listing ends', async () => {
    await alone(async () => {
      const saved = await storeInRun(2001).save({
        workspaceId: '2001',
        createdAt: '2026-01-01T00:00:00.000Z',
        content: content(1),
      })
      fill(199) // 200 in all: the snapshot is the last of page 2
      const before = listings()
      expect((await storeInRun(2002).list('2001')).map((e) => e.ref)).toEqual([saved.ref])
      expect(listings() - before).toBe(2)
    })
  })

  it('looks at ten pages at most, and still resolves an older run by its id', async () => {
    await alone(async () => {
      const old = await storeInRun(2003).save({
        workspaceId: '2003',
        createdAt: '2026-01-01T00:00:00.000Z',
        content: taken('2026-01-01T00:00:00.000Z', '2003'),
      })
      const recent = await storeInRun(2004).save({
        workspaceId: '2003',
        createdAt: '2026-01-01T00:01:00.000Z',
        content: taken('2026-01-01T00:01:00.000Z', '2003'),
      })
      fill(999) // recent is the last of page 10, old the first of page 11
      const store = storeInRun(2005)
      const before = listings()
      expect((await store.list('2003')).map((e) => e.ref)).toEqual([recent.ref])
      expect(listings() - before).toBe(10)
      await storeInRun(2006).markRestored(recent, {
        workspaceId: '2003',
        checksum: 'sha256:x',
        text: '{}\n',
      })
      expect(await storeInRun(2007).resolve('2003')).toEqual({
        ref: old.ref,
        name: old.name,
        workspaceId: '2003',
        createdAt: '2026-01-01T00:00:00.000Z',
        restored: false,
      })
    })
  })
})
