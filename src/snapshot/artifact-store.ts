import { DefaultArtifactClient, type Artifact, type FindOptions } from '@actions/artifact'
import * as github from '@actions/github'
import { randomBytes } from 'node:crypto'
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { SafetyError, UsageError, errorText } from '../errors.js'
import type { Logger } from '../logger.js'
import { MAX_MARKER_BYTES, checkSize, peekSnapshot } from './codec.js'
import { mapLimit } from '../util/limit.js'
import { RunProvenance } from './artifact-provenance.js'
import type { MarkerText, SnapshotEntry, SnapshotStore } from './store.js'

/**
 * Snapshots as workflow artifacts, so a restore in a later run (or days later) finds what a stop
 * saved. One artifact per stop, named after the workspace, run and attempt (artifact names are
 * unique per run across attempts). Artifacts are immutable, so a restore records itself with a
 * small marker artifact instead of editing the snapshot. See docs/adr/0006-artifact-snapshots.md.
 */

const SNAPSHOT = /^databricks-halt-snapshot-ws(\d+)-run(\d+)-attempt(\d+)(?:-(\d+))?$/
const MARKER = /^databricks-halt-restored-ws(\d+)-artifact(\d+)$/
/** Repository-wide listing is newest first; this many pages (100 each) bounds the search. */
const MAX_PAGES = 10
/** Snapshot artifacts downloaded at once to read their embedded created_at. */
const DOWNLOADS_AT_ONCE = 4

export interface ArtifactStoreOptions {
  logger: Logger
  retentionDays?: number
  githubToken?: string
  /** `owner/repo` (GITHUB_REPOSITORY). */
  repository?: string
  runId: string
  runAttempt: string
  /** Workspace id if known up front: lets `restore-from: <run id>` pick among several workspaces. */
  workspaceIdHint?: string
  tempDir?: string
  /** Refs besides the default branch whose runs' artifacts are trusted (`trusted-refs`). */
  trustedRefs?: string[]
  /** GITHUB_WORKFLOW_REF: runs of this workflow file are this project's too. */
  workflowRef?: string
}

/** An artifact the store found (exported for its unit tests). */
export interface Found {
  id: number
  name: string
  runId: string
  /** When the artifact was uploaded (the service's time; whoever uploads chooses when). */
  createdAt: string
  /** The snapshot's own created_at, once downloaded: what snapshots are ordered by. */
  takenAt?: string
  digest?: string
  /** Bytes of the zip, as the service lists it (checked against the cap before downloading). */
  size?: number
}

export class ArtifactSnapshotStore implements SnapshotStore {
  readonly description: string
  private readonly client = new DefaultArtifactClient()
  private readonly known = new Map<string, Found>()
  private readonly repo?: { owner: string; name: string }
  private warnedRunOnly = false
  private readonly provenance?: RunProvenance
  /** Artifacts of runs that are not trusted, with the reason: never candidates. */
  private readonly untrusted = new Map<number, { found: Found; reason: string }>()
  /** Downloaded snapshot texts by artifact id: artifacts are immutable, so one download serves. */
  private readonly texts = new Map<number, Promise<string>>()

  constructor(private readonly options: ArtifactStoreOptions) {
    const [owner, name] = (options.repository ?? '').split('/')
    if (owner && name) this.repo = { owner, name }
    if (this.canSearchRepository()) {
      this.provenance = new RunProvenance({
        octokit: github.getOctokit(options.githubToken!),
        owner,
        repo: name,
        trustedRefs: options.trustedRefs,
        workflowRef: options.workflowRef,
      })
    }
    this.description = `workflow artifacts of ${options.repository ?? 'this run'} (run ${options.runId})`
  }

  /** The run holding an entry's artifact, for outputs and links. */
  runIdOf(entry: SnapshotEntry): string | undefined {
    return this.known.get(entry.ref)?.runId ?? SNAPSHOT.exec(entry.name)?.[2]
  }

  async save(entry: {
    workspaceId: string
    createdAt: string
    content: string
  }): Promise<SnapshotEntry> {
    const name = await this.freeName(entry.workspaceId)
    const dir = await this.scratch()
    const file = join(dir, `${name}.json`)
    await writeFile(file, entry.content, 'utf8')
    let id: number | undefined
    try {
      ;({ id } = await this.client.uploadArtifact(name, [file], dir, {
        retentionDays: this.options.retentionDays,
      }))
    } catch (error) {
      throw new Error(`Could not upload the snapshot artifact ${name}: ${errorText(error)}`, {
        cause: error,
      })
    }
    // Resolve only once the backend lists it: that is what a later restore will look for.
    const { artifact } = await this.client.getArtifact(name)
    if (id === undefined || artifact.id !== id)
      throw new Error(`Snapshot artifact ${name} is not listed after upload.`)
    const found = this.remember({
      id,
      name,
      runId: this.options.runId,
      createdAt: artifact.createdAt?.toISOString() ?? entry.createdAt,
      takenAt: peekSnapshot(entry.content).createdAt ?? entry.createdAt,
      digest: artifact.digest,
    })
    this.texts.set(id, Promise.resolve(entry.content))
    this.options.logger.info(
      `Saved snapshot artifact ${name} (id ${id}), kept ${this.options.retentionDays ?? 'the default'} days.`,
    )
    return toEntry(found, entry.workspaceId, false)
  }

  async list(workspaceId: string): Promise<SnapshotEntry[]> {
    const all = await this.findAll()
    await this.readTimes(all.filter((a) => SNAPSHOT.exec(a.name)?.[1] === workspaceId))
    return entriesOf(all, workspaceId)
  }

  /**
   * Sets each snapshot's embedded created_at (takenAt), downloading it (digest and size checked)
   * if not yet done: the upload time says nothing about when the snapshot was taken. One that
   * cannot be read keeps the upload time; reading it for use then fails with the reason.
   */
  private async readTimes(snapshots: Found[]): Promise<void> {
    await mapLimit(snapshots, DOWNLOADS_AT_ONCE, async (found) => {
      if (found.takenAt !== undefined) return
      try {
        found.takenAt = peekSnapshot(await this.textOf(found)).createdAt
      } catch (e) {
        this.options.logger.debug(`Snapshot artifact ${found.name}: ${errorText(e)}`)
      }
    })
  }

  async resolve(name: string): Promise<SnapshotEntry> {
    const wanted = name.trim()
    // The repository listing is paged and slow: list it at most once per resolve.
    let all: Promise<Found[]> | undefined
    const findAll = () => (all ??= this.findAll())
    const candidates = /^\d+$/.test(wanted)
      ? await this.byRunOrArtifactId(wanted, findAll)
      : (await findAll()).filter((a) => a.name === wanted)
    const hint = this.options.workspaceIdHint
    const matching = candidates.filter(
      (a) => SNAPSHOT.test(a.name) && (!hint || SNAPSHOT.exec(a.name)?.[1] === hint),
    )
    const workspaces = new Set(matching.map((a) => SNAPSHOT.exec(a.name)![1]))
    if (matching.length === 0) {
      this.refuseUntrusted(wanted)
      throw new UsageError(
        `No snapshot artifact found for restore-from "${wanted}"${hint ? ` (workspace ${hint})` : ''}: give the ` +
          'run id of the stop, the snapshot artifact id or name, or `latest`. Other runs need github-token ' +
          'with `actions: read`; artifacts past their retention are gone.',
      )
    }
    if (workspaces.size > 1) {
      throw new UsageError(
        `Run ${wanted} holds snapshots of workspaces ${[...workspaces].join(', ')}: set workspace-id.`,
      )
    }
    await this.readTimes(matching)
    const found = matching.sort(newestFirst)[0]
    const workspaceId = SNAPSHOT.exec(found.name)![1]
    const listed = await findAll()
    await this.readTimes(listed.filter((a) => SNAPSHOT.exec(a.name)?.[1] === workspaceId))
    const entry = entriesOf(listed, workspaceId).find((e) => e.ref === String(found.id))
    return entry ?? toEntry(found, workspaceId, false)
  }

  async read(entry: SnapshotEntry): Promise<string> {
    // entry.ref is an artifact id, never a run id: look it up directly.
    const found =
      this.known.get(entry.ref) ?? (await this.findAll()).find((a) => String(a.id) === entry.ref)
    if (!found) throw new UsageError(`Snapshot artifact ${entry.name} (id ${entry.ref}) not found.`)
    return this.textOf(found)
  }

  /** A snapshot artifact's text, downloaded once (a failed download is tried again next time). */
  private textOf(found: Found): Promise<string> {
    let text = this.texts.get(found.id)
    if (!text) {
      text = (async () => {
        // The cap before downloading: a zip is never larger than a little over its content.
        if (found.size !== undefined) checkSize(found.size, found.name)
        const downloaded = await this.download(found, 'Snapshot artifact')
        checkSize(downloaded.length, found.name)
        return downloaded
      })()
      this.texts.set(found.id, text)
      text.catch(() => this.texts.delete(found.id))
    }
    return text
  }

  /** The one JSON file of an artifact, downloaded and checked against its recorded digest. */
  private async download(found: Found, what: string): Promise<string> {
    const path = await this.scratch()
    const { digestMismatch } = await this.client.downloadArtifact(found.id, {
      path,
      expectedHash: found.digest,
      ...(found.runId === this.options.runId ? {} : { findBy: this.findBy(found.runId) }),
    })
    if (digestMismatch)
      throw new UsageError(`${what} ${found.name} does not match its recorded digest: refusing it.`)
    const files = (await readdir(path)).filter((f) => f.endsWith('.json'))
    if (files.length !== 1)
      throw new UsageError(`${what} ${found.name} should hold one JSON file, not ${files.length}.`)
    return readFile(join(path, files[0]), 'utf8')
  }

  async markRestored(entry: SnapshotEntry, marker: MarkerText): Promise<void> {
    const name = `databricks-halt-restored-ws${marker.workspaceId}-artifact${entry.ref}`
    const current = await this.client.listArtifacts()
    if (current.artifacts.some((a) => a.name === name)) return
    const dir = await this.scratch()
    const file = join(dir, 'restored.json')
    await writeFile(file, marker.text)
    try {
      const { id } = await this.client.uploadArtifact(name, [file], dir, {
        retentionDays: this.options.retentionDays,
      })
      this.options.logger.info(
        `Recorded that snapshot ${entry.name} is restored (artifact ${name}, id ${id}).`,
      )
    } catch (error) {
      // A re-run attempt may find the marker of an earlier attempt: then it is recorded already.
      if (!/already exists/i.test(errorText(error))) throw error
    }
  }

  /** Marker texts of a workspace; one that cannot be downloaded is passed on empty (refused). */
  async markers(workspaceId: string): Promise<Array<{ name: string; text: string }>> {
    const mine = (await this.findAll()).filter((a) => MARKER.exec(a.name)?.[1] === workspaceId)
    return Promise.all(
      mine.map(async (found) => {
        if ((found.size ?? 0) > MAX_MARKER_BYTES) return { name: found.name, text: '' }
        const text = await this.download(found, 'Marker artifact').catch(() => '')
        return { name: found.name, text }
      }),
    )
  }

  /** Snapshots and markers of this run (always) and of the whole repository (with a token). */
  private async findAll(): Promise<Found[]> {
    const byId = new Map<number, Found>()
    for (const a of (await this.client.listArtifacts()).artifacts)
      byId.set(a.id, this.fromArtifact(a, this.options.runId))
    if (this.canSearchRepository()) {
      // This run's own listing (its runtime token) is first-hand: the REST copy of one of its
      // artifacts adds nothing, and may lack its workflow run (then it would look untrusted).
      for (const a of await this.listRepository())
        if (!byId.has(a.id)) byId.set(a.id, this.remember(a))
    } else if (!this.warnedRunOnly) {
      this.warnedRunOnly = true
      this.options.logger.info(
        'Looking in this run only: other runs need github-token with `actions: read`.',
      )
    }
    const ours = [...byId.values()].filter((a) => SNAPSHOT.test(a.name) || MARKER.test(a.name))
    return this.trusted(ours)
  }

  /**
   * Only artifacts of trusted runs (this run always is): the others are dropped and named in one
   * warning, once per artifact. See artifact-provenance.ts.
   */
  private async trusted(candidates: Found[]): Promise<Found[]> {
    const provenance = this.provenance
    if (!provenance) return candidates
    const verdicts = await Promise.all(
      candidates.map((a) =>
        a.runId === this.options.runId
          ? undefined
          : // GitHub's schema lets an artifact's workflow_run be null: no run, nothing to trust.
            a.runId === ''
            ? 'GitHub names no workflow run for it'
            : provenance.untrustedReason(a.runId),
      ),
    )
    const skipped: string[] = []
    const kept = candidates.filter((found, i) => {
      const reason = verdicts[i]
      if (reason === undefined) return true
      if (!this.untrusted.has(found.id)) skipped.push(`${found.name} (id ${found.id}): ${reason}`)
      this.untrusted.set(found.id, { found, reason })
      this.known.delete(String(found.id))
      return false
    })
    if (skipped.length > 0) {
      this.options.logger.warning(
        `Skipped ${skipped.length} snapshot or marker artifact(s) from untrusted workflow runs:\n` +
          skipped.map((line) => `- ${line}`).join('\n'),
        'Untrusted artifacts skipped',
      )
    }
    return kept
  }

  /** A name, artifact id or run id the user gave that only untrusted artifacts match: refuse it. */
  private refuseUntrusted(wanted: string): void {
    const hit = [...this.untrusted.values()].find(
      ({ found }) => found.name === wanted || String(found.id) === wanted || found.runId === wanted,
    )
    if (!hit) return
    throw new SafetyError(
      `Refusing restore-from "${wanted}": artifact ${hit.found.name} (id ${hit.found.id}) is not ` +
        `trusted because ${hit.reason}. Only artifacts of this repository's databricks-halt ` +
        'workflow on the default branch (or a ref in trusted-refs), not triggered by a pull request, are used.',
    )
  }

  private async listRepository(): Promise<Found[]> {
    const octokit = github.getOctokit(this.options.githubToken!)
    const found: Found[] = []
    for (let page = 1; page <= MAX_PAGES; page++) {
      const { data } = await octokit.rest.actions
        .listArtifactsForRepo({
          owner: this.repo!.owner,
          repo: this.repo!.name,
          per_page: 100,
          page,
        })
        .catch((error: unknown) => {
          // Without this list a stop could not see an open snapshot: stop rather than guess.
          throw new UsageError(
            `Cannot list the artifacts of ${this.options.repository} to find snapshots: ` +
              `${errorText(error)}. The job needs \`permissions: actions: read\` for github-token.`,
            { cause: error },
          )
        })
      for (const a of data.artifacts) {
        if (a.expired) {
          if (SNAPSHOT.test(a.name))
            this.options.logger.warning(
              `Snapshot artifact ${a.name} has expired (retention) and cannot be restored.`,
            )
          continue
        }
        found.push({
          id: a.id,
          name: a.name,
          runId: String(a.workflow_run?.id ?? ''),
          createdAt: a.created_at ?? '',
          digest: a.digest ?? undefined,
          size: a.size_in_bytes,
        })
      }
      if (page * 100 >= data.total_count) break
    }
    return found
  }

  /** A number from the user: a run id (the stop's run) first, else an artifact id. */
  private async byRunOrArtifactId(id: string, findAll: () => Promise<Found[]>): Promise<Found[]> {
    if (id === this.options.runId)
      return (await this.client.listArtifacts()).artifacts.map((a) => this.fromArtifact(a, id))
    if (this.canSearchRepository()) {
      // An unknown run is a 404: then the number may still be an artifact id.
      const artifacts = await this.client
        .listArtifacts({ findBy: this.findBy(id) })
        .then((r) => r.artifacts)
        .catch(() => [] as Artifact[])
      if (artifacts.length > 0) return this.trusted(artifacts.map((a) => this.fromArtifact(a, id)))
    }
    return (await findAll()).filter((a) => String(a.id) === id)
  }

  private findBy(runId: string): FindOptions['findBy'] {
    if (!this.canSearchRepository()) {
      throw new UsageError(
        `The snapshot is in run ${runId}: reading another run's artifacts needs github-token with \`actions: read\`.`,
      )
    }
    return {
      token: this.options.githubToken!,
      workflowRunId: Number(runId),
      repositoryOwner: this.repo!.owner,
      repositoryName: this.repo!.name,
    }
  }

  private canSearchRepository(): boolean {
    return Boolean(this.options.githubToken && this.repo)
  }

  /** The run's own name, or with a counter when this run already stopped this workspace. */
  private async freeName(workspaceId: string): Promise<string> {
    const base = `databricks-halt-snapshot-ws${workspaceId}-run${this.options.runId}-attempt${this.options.runAttempt}`
    const taken = new Set((await this.client.listArtifacts()).artifacts.map((a) => a.name))
    let name = base
    for (let n = 2; taken.has(name); n++) name = `${base}-${n}`
    return name
  }

  private fromArtifact(a: Artifact, runId: string): Found {
    return this.remember({
      id: a.id,
      name: a.name,
      runId,
      createdAt: a.createdAt?.toISOString() ?? '',
      digest: a.digest,
      size: a.size,
    })
  }

  private remember(found: Found): Found {
    // GitHub's REST times have seconds, the results service milliseconds: compare them as instants.
    if (found.createdAt) found.createdAt = new Date(found.createdAt).toISOString()
    this.known.set(String(found.id), found)
    return found
  }

  private async scratch(): Promise<string> {
    const dir = join(
      this.options.tempDir ?? tmpdir(),
      `databricks-halt-${randomBytes(6).toString('hex')}`,
    )
    await mkdir(dir, { recursive: true })
    return dir
  }
}

/** A workspace's snapshots in `all`, newest first, each marked restored or not. */
export function entriesOf(all: Found[], workspaceId: string): SnapshotEntry[] {
  const restoredIds = new Set(
    all.flatMap((a) => {
      const marker = MARKER.exec(a.name)
      return marker?.[1] === workspaceId ? [marker[2]] : []
    }),
  )
  // A restored snapshot also settles every older one: a later stop merged their values into it.
  let settled = false
  return all
    .filter((a) => SNAPSHOT.exec(a.name)?.[1] === workspaceId)
    .sort(newestFirst)
    .map((found) => {
      settled ||= restoredIds.has(String(found.id))
      return toEntry(found, workspaceId, settled)
    })
}

function toEntry(found: Found, workspaceId: string, restored: boolean): SnapshotEntry {
  return {
    ref: String(found.id),
    name: found.name,
    workspaceId,
    createdAt: found.takenAt ?? found.createdAt,
    restored,
  }
}

/**
 * Newest first by the snapshot's own created_at (the upload time for one that cannot be read);
 * ties, to the millisecond, go to the later upload, then to the higher artifact id (ids grow).
 */
export function newestFirst(a: Found, b: Found): number {
  const at = (f: Found) => f.takenAt ?? f.createdAt
  return at(b).localeCompare(at(a)) || b.createdAt.localeCompare(a.createdAt) || b.id - a.id
}
