import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { holdStdout, leaks, type HeldStdout } from '../../__fixtures__/capture-stdout.js'
import { GitHubDouble } from '../../__fixtures__/github-double.js'
import { MemoryLogger } from '../../__fixtures__/memory-logger.js'
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
