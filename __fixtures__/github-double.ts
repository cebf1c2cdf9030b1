import { createHash, generateKeyPairSync, randomBytes, sign } from 'node:crypto'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import { close, listen, readBody, sendJson, unsignedJwt } from './http-util.js'

/**
 * A loopback stand-in for the parts of GitHub an Action talks to, served from one HTTP server:
 * the OIDC token issuer (core.getIDToken), the Actions results service (Twirp, used by
 * @actions/artifact within a run), the blob store its signed URLs point at, and the public REST
 * artifact endpoints (@actions/artifact's findBy, our repository-wide listing). State is in memory.
 * The real client libraries run unmodified against it.
 */

export const GITHUB_ISSUER = 'https://token.actions.githubusercontent.com'
const TWIRP = '/twirp/github.actions.results.api.v1.ArtifactService/'

export interface StoredArtifact {
  id: number
  runId: number
  backendRunId: string
  backendJobId: string
  name: string
  size: number
  digest: string
  createdAt: string
  blob: Buffer
  expired: boolean
}

interface Pending {
  backendRunId: string
  backendJobId: string
  name: string
  blocks: Map<string, Buffer>
  blob?: Buffer
}

/**
 * What GitHub's REST API says about a workflow run (GET /repos/{owner}/{repo}/actions/runs/{id}):
 * the fields a provenance check reads, in the API's shapes. Unset runs are a workflow_dispatch run
 * of this repository's `.github/workflows/halt.yml` on the default branch that called
 * databricks-halt's reusable workflow.
 */
export interface WorkflowRunMeta {
  event: string
  head_branch: string | null
  /** Relative to the repository, e.g. `.github/workflows/halt.yml`. */
  path: string
  /**
   * `owner/name` of the head repository (a fork for a pull request from a fork); null as GitHub
   * answers when that repository was deleted.
   */
  headRepository: string | null
  /** `owner/repo/.github/workflows/x.yml@ref` of each reusable workflow the run called. */
  referenced_workflows: string[]
}

export interface GitHubDoubleOptions {
  owner?: string
  repo?: string
  /** `sub` claim of minted ID tokens. */
  subject?: string
}

export interface RunnerEnvOptions {
  runId: number
  runAttempt?: number
  job?: string
  /** false: leave out ACTIONS_ID_TOKEN_REQUEST_* as a job without `id-token: write` does. */
  idToken?: boolean
}

export class GitHubDouble {
  readonly owner: string
  readonly repo: string
  subject: string
  url = ''
  /** Token the REST API accepts (`github-token`). */
  readonly githubToken = `ghs_${randomBytes(12).toString('hex')}`
  readonly idRequestToken = `idreq-${randomBytes(12).toString('hex')}`
  readonly artifacts: StoredArtifact[] = []
  readonly requests: { method: string; path: string }[] = []
  /** Bodies of CreateArtifact calls (name, expires_at, …). */
  readonly createRequests: Record<string, string | undefined>[] = []
  /** ID tokens handed out, so tests can look for them in logs. */
  readonly issuedIdTokens: string[] = []
  /** Secrets that must never appear unmasked (runtime tokens, ID tokens, the GitHub token). */
  readonly secrets: string[] = [this.githubToken, this.idRequestToken]
  /** Metadata of workflow runs, by run id (see WorkflowRunMeta for the default). */
  readonly runs = new Map<number, Partial<WorkflowRunMeta>>()
  defaultBranch = 'main'
  /**
   * Artifact ids listed without a workflow run or a creation time: GitHub's REST schema lets
   * `workflow_run` and `created_at` be null, and the results service leave `created_at` out.
   */
  readonly bare = new Set<number>()
  /** Failure switches. */
  fail: {
    idToken?: 403 | 'empty'
    createArtifact?: boolean
    blob?: boolean
    /** The results service lists another artifact id under a name than its finalize answered. */
    listOtherId?: boolean
    /** Runs whose GET /actions/runs/{id} answers 500. */
    runs?: number[]
  } = {}

  private readonly server: Server
  private readonly pending = new Map<string, Pending>()
  private readonly runtimeTokens = new Map<string, { backendRunId: string; backendJobId: string }>()
  private readonly keys = generateKeyPairSync('rsa', { modulusLength: 2048 })
  private nextId = 1000
  private lastCreated = 0

  constructor(options: GitHubDoubleOptions = {}) {
    this.owner = options.owner ?? 'acme'
    this.repo = options.repo ?? 'platform'
    this.subject = options.subject ?? `repo:${this.owner}/${this.repo}:environment:prod`
    this.server = createServer((req, res) => {
      this.route(req, res).catch((error: unknown) =>
        sendJson(res, 500, { code: 'internal', msg: String(error) }),
      )
    })
  }

  static async start(options: GitHubDoubleOptions = {}): Promise<GitHubDouble> {
    const double = new GitHubDouble(options)
    double.url = `http://127.0.0.1:${await listen(double.server)}`
    return double
  }

  close(): Promise<void> {
    return close(this.server)
  }

  /** A runtime token for one job of one run; as on a runner, every attempt and job gets a new one. */
  runtimeToken(runId: number, job = 'halt'): string {
    const backendRunId = `run-${runId}`
    const backendJobId = `${job}-${randomBytes(4).toString('hex')}`
    const token = unsignedJwt({
      scp: `Actions.GenericRead Actions.Results:${backendRunId}:${backendJobId}`,
    })
    this.runtimeTokens.set(token, { backendRunId, backendJobId })
    this.secrets.push(token)
    return token
  }

  /** The environment the runner gives a JavaScript action step (without INPUT_* and file commands). */
  runnerEnv(options: RunnerEnvOptions): Record<string, string> {
    const env: Record<string, string> = {
      GITHUB_ACTIONS: 'true',
      CI: 'true',
      GITHUB_REPOSITORY: `${this.owner}/${this.repo}`,
      GITHUB_REPOSITORY_OWNER: this.owner,
      GITHUB_RUN_ID: String(options.runId),
      GITHUB_RUN_ATTEMPT: String(options.runAttempt ?? 1),
      GITHUB_API_URL: `${this.url}/api`,
      GITHUB_RETENTION_DAYS: '90',
      ACTIONS_RUNTIME_TOKEN: this.runtimeToken(options.runId, options.job),
      ACTIONS_RESULTS_URL: `${this.url}/`,
      GITHUB_WORKFLOW_REF: `${this.owner}/${this.repo}/.github/workflows/halt.yml@refs/heads/${this.defaultBranch}`,
    }
    if (options.idToken !== false) {
      env.ACTIONS_ID_TOKEN_REQUEST_URL = `${this.url}/oidc/token?api-version=2.0`
      env.ACTIONS_ID_TOKEN_REQUEST_TOKEN = this.idRequestToken
    }
    return env
  }

  /** Say what a run was: a fork's pull request, another branch, another workflow… */
  setRun(runId: number, meta: Partial<WorkflowRunMeta>): void {
    this.runs.set(runId, { ...this.runs.get(runId), ...meta })
  }

  runMeta(runId: number): WorkflowRunMeta {
    return {
      event: 'workflow_dispatch',
      head_branch: this.defaultBranch,
      path: '.github/workflows/halt.yml',
      headRepository: `${this.owner}/${this.repo}`,
      referenced_workflows: [
        `${this.owner}/${this.repo}/.github/workflows/databricks-halt.yml@refs/heads/${this.defaultBranch}`,
      ],
      ...this.runs.get(runId),
    }
  }

  /** The artifacts stored for one workflow run. */
  artifactsOfRun(runId: number): StoredArtifact[] {
    return this.artifacts.filter((a) => a.runId === runId)
  }

  private async route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', this.url)
    this.requests.push({ method: req.method ?? 'GET', path: url.pathname })
    if (url.pathname === '/oidc/token') return this.idToken(req, res, url)
    if (url.pathname.startsWith(TWIRP))
      return this.twirp(req, res, url.pathname.slice(TWIRP.length))
    if (url.pathname.startsWith('/blob/')) return this.blob(req, res, url)
    if (url.pathname.startsWith('/api/')) return this.rest(req, res, url)
    sendJson(res, 404, { message: 'Not Found' })
  }

  // --- OIDC issuer -------------------------------------------------------------------------------

  private idToken(req: IncomingMessage, res: ServerResponse, url: URL): void {
    if (req.headers.authorization !== `Bearer ${this.idRequestToken}`)
      return sendJson(res, 401, { message: 'Bad credentials' })
    if (this.fail.idToken === 403)
      return sendJson(res, 403, { message: 'Resource not accessible by integration' })
    if (this.fail.idToken === 'empty') return sendJson(res, 200, {})
    const now = Math.floor(Date.now() / 1000)
    const jwt = this.signJwt({
      iss: GITHUB_ISSUER,
      aud: url.searchParams.get('audience') ?? `https://github.com/${this.owner}`,
      sub: this.subject,
      repository: `${this.owner}/${this.repo}`,
      job_workflow_ref: `${this.owner}/${this.repo}/.github/workflows/halt.yml@refs/heads/main`,
      jti: randomBytes(8).toString('hex'),
      iat: now,
      nbf: now - 5,
      exp: now + 300,
    })
    this.issuedIdTokens.push(jwt)
    this.secrets.push(jwt)
    sendJson(res, 200, { value: jwt, count: this.issuedIdTokens.length })
  }

  private signJwt(claims: Record<string, unknown>): string {
    const enc = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url')
    const input = `${enc({ alg: 'RS256', typ: 'JWT', kid: 'double' })}.${enc(claims)}`
    return `${input}.${sign('sha256', Buffer.from(input), this.keys.privateKey).toString('base64url')}`
  }

  // --- Results service (Twirp JSON) ---------------------------------------------------------------

  private async twirp(req: IncomingMessage, res: ServerResponse, method: string): Promise<void> {
    const token = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1] ?? ''
    const ids = this.runtimeTokens.get(token)
    if (!ids) return sendJson(res, 401, { code: 'unauthenticated', msg: 'invalid runtime token' })
    const body = JSON.parse((await readBody(req)).toString('utf8') || '{}') as Record<
      string,
      string | undefined
    >
    const runId = body.workflow_run_backend_id ?? body.workflowRunBackendId
    const jobId = body.workflow_job_run_backend_id ?? body.workflowJobRunBackendId
    // A runtime token only reaches its own run: another run's artifacts need the REST API.
    if (runId !== ids.backendRunId)
      return sendJson(res, 403, { code: 'permission_denied', msg: 'run mismatch' })
    switch (method) {
      case 'CreateArtifact':
        this.createRequests.push(body)
        return this.createArtifact(res, ids.backendRunId, jobId ?? '', body.name ?? '')
      case 'FinalizeArtifact':
        return this.finalizeArtifact(res, ids.backendRunId, body)
      case 'ListArtifacts':
        return this.listInternal(
          res,
          ids.backendRunId,
          body.name_filter ?? body.nameFilter,
          body.id_filter ?? body.idFilter,
        )
      case 'GetSignedArtifactURL': {
        const artifact = this.finalized(ids.backendRunId, body.name ?? '')
        if (!artifact) return sendJson(res, 404, { code: 'not_found', msg: 'artifact not found' })
        return sendJson(res, 200, {
          signed_url: this.blobUrl(
            artifact.backendRunId,
            artifact.backendJobId,
            artifact.name,
            'RD',
          ),
        })
      }
      case 'DeleteArtifact': {
        const artifact = this.finalized(ids.backendRunId, body.name ?? '')
        if (!artifact) return sendJson(res, 404, { code: 'not_found', msg: 'artifact not found' })
        this.artifacts.splice(this.artifacts.indexOf(artifact), 1)
        return sendJson(res, 200, { ok: true, artifact_id: String(artifact.id) })
      }
    }
    sendJson(res, 404, { code: 'bad_route', msg: `no method ${method}` })
  }

  private createArtifact(
    res: ServerResponse,
    backendRunId: string,
    backendJobId: string,
    name: string,
  ): void {
    if (this.fail.createArtifact) {
      return sendJson(res, 403, {
        code: 'permission_denied',
        msg: 'artifact storage is not available for this run',
      })
    }
    if (this.finalized(backendRunId, name)) {
      return sendJson(res, 409, {
        code: 'already_exists',
        msg: 'an artifact with this name already exists on the workflow run',
      })
    }
    this.pending.set(`${backendRunId}/${name}`, {
      backendRunId,
      backendJobId,
      name,
      blocks: new Map(),
    })
    sendJson(res, 200, {
      ok: true,
      signed_upload_url: this.blobUrl(backendRunId, backendJobId, name, 'UP'),
    })
  }

  private finalizeArtifact(
    res: ServerResponse,
    backendRunId: string,
    body: Record<string, string | undefined>,
  ): void {
    const key = `${backendRunId}/${body.name ?? ''}`
    const pending = this.pending.get(key)
    if (!pending?.blob) return sendJson(res, 404, { code: 'not_found', msg: 'no pending upload' })
    this.pending.delete(key)
    const artifact: StoredArtifact = {
      id: this.nextId++,
      runId: Number(backendRunId.slice('run-'.length)),
      backendRunId,
      backendJobId: pending.backendJobId,
      name: pending.name,
      size: pending.blob.length,
      digest: body.hash ?? `sha256:${createHash('sha256').update(pending.blob).digest('hex')}`,
      createdAt: this.monotonicNow(),
      blob: pending.blob,
      expired: false,
    }
    this.artifacts.push(artifact)
    sendJson(res, 200, { ok: true, artifact_id: String(artifact.id) })
  }

  private listInternal(
    res: ServerResponse,
    backendRunId: string,
    name?: string,
    id?: string,
  ): void {
    const artifacts = this.artifacts.filter(
      (a) =>
        a.backendRunId === backendRunId &&
        !a.expired &&
        (!name || a.name === name) &&
        (!id || String(a.id) === id),
    )
    sendJson(res, 200, {
      artifacts: artifacts.map((a) => ({
        workflow_run_backend_id: a.backendRunId,
        workflow_job_run_backend_id: a.backendJobId,
        database_id: String(this.fail.listOtherId ? a.id + 1000 : a.id),
        name: a.name,
        size: String(a.size),
        ...(this.bare.has(a.id) ? {} : { created_at: a.createdAt }),
        digest: a.digest,
      })),
    })
  }

  /** Creation times strictly increase, so "newest" is well defined even within a millisecond. */
  private monotonicNow(): string {
    this.lastCreated = Math.max(Date.now(), this.lastCreated + 1)
    return new Date(this.lastCreated).toISOString()
  }

  private finalized(backendRunId: string, name: string): StoredArtifact | undefined {
    return this.artifacts.find((a) => a.backendRunId === backendRunId && a.name === name)
  }

  // --- Blob store -------------------------------------------------------------------------------

  private blobUrl(backendRunId: string, backendJobId: string, name: string, sig: string): string {
    return `${this.url}/blob/${backendRunId}/${backendJobId}/${encodeURIComponent(name)}.zip?sig=${sig}`
  }

  private async blob(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const [, , backendRunId = '', , encoded = ''] = url.pathname.split('/')
    const name = decodeURIComponent(encoded.replace(/\.zip$/, ''))
    if (req.method === 'GET') {
      const artifact = this.finalized(backendRunId, name)
      if (!artifact || url.searchParams.get('sig') !== 'RD')
        return sendJson(res, 404, { message: 'BlobNotFound' })
      res.writeHead(200, {
        'content-type': 'application/zip',
        'content-length': artifact.blob.length,
      })
      return void res.end(artifact.blob)
    }
    const pending = this.pending.get(`${backendRunId}/${name}`)
    const body = await readBody(req)
    if (!pending || url.searchParams.get('sig') !== 'UP')
      return sendJson(res, 404, { message: 'BlobNotFound' })
    if (this.fail.blob) return sendJson(res, 403, { message: 'AuthorizationFailure' })
    const comp = url.searchParams.get('comp')
    if (comp === 'block') {
      pending.blocks.set(url.searchParams.get('blockid') ?? '', body)
    } else if (comp === 'blocklist') {
      const ids = [...body.toString('utf8').matchAll(/<Latest>([^<]*)<\/Latest>/g)].map(
        (m) => m[1] ?? '',
      )
      pending.blob = Buffer.concat(ids.map((id) => pending.blocks.get(id) ?? Buffer.alloc(0)))
    } else {
      pending.blob = body
    }
    res.writeHead(201, { 'content-length': 0 })
    res.end()
  }

  // --- Public REST API (findBy, repository listing) ------------------------------------------------

  private rest(req: IncomingMessage, res: ServerResponse, url: URL): void {
    if (req.headers.authorization !== `token ${this.githubToken}`) {
      return sendJson(res, 401, { message: 'Bad credentials' })
    }
    const repoPath = `/api/repos/${this.owner}/${this.repo}`
    if (url.pathname === repoPath && req.method === 'GET')
      return sendJson(res, 200, this.restRepository(this.owner, this.repo, 1))
    const prefix = `${repoPath}/actions/`
    if (!url.pathname.startsWith(prefix)) return sendJson(res, 404, { message: 'Not Found' })
    const rest = url.pathname.slice(prefix.length).split('/')
    const name = url.searchParams.get('name')
    if (rest[0] === 'runs' && rest.length === 2 && req.method === 'GET') {
      const runId = Number(rest[1])
      if (!this.artifacts.some((a) => a.runId === runId) && !this.runs.has(runId))
        return sendJson(res, 404, { message: 'Not Found' })
      if (this.fail.runs?.includes(runId)) return sendJson(res, 500, { message: 'Server Error' })
      return sendJson(res, 200, this.restRun(runId))
    }
    if (rest[0] === 'runs' && rest[2] === 'artifacts' && req.method === 'GET') {
      return this.page(res, url, (a) => a.runId === Number(rest[1]) && (!name || a.name === name))
    }
    if (rest[0] === 'artifacts' && rest.length === 1 && req.method === 'GET') {
      return this.page(res, url, (a) => !name || a.name === name)
    }
    const artifact =
      rest[0] === 'artifacts' ? this.artifacts.find((a) => String(a.id) === rest[1]) : undefined
    if (!artifact) return sendJson(res, 404, { message: 'Not Found' })
    if (rest.length === 2 && req.method === 'DELETE') {
      this.artifacts.splice(this.artifacts.indexOf(artifact), 1)
      res.writeHead(204)
      return void res.end()
    }
    if (rest.length === 2 && req.method === 'GET')
      return sendJson(res, 200, this.restArtifact(artifact))
    if (rest[2] === 'zip' && req.method === 'GET') {
      if (artifact.expired) return sendJson(res, 410, { message: 'Artifact has expired' })
      const location = this.blobUrl(
        artifact.backendRunId,
        artifact.backendJobId,
        artifact.name,
        'RD',
      )
      res.writeHead(302, { location, 'content-type': 'application/json', 'content-length': 0 })
      return void res.end()
    }
    sendJson(res, 404, { message: 'Not Found' })
  }

  /** Newest first, like GitHub. */
  private page(res: ServerResponse, url: URL, filter: (a: StoredArtifact) => boolean): void {
    const perPage = Number(url.searchParams.get('per_page') ?? 30)
    const page = Number(url.searchParams.get('page') ?? 1)
    const all = this.artifacts.filter(filter).sort((a, b) => b.id - a.id)
    const artifacts = all
      .slice((page - 1) * perPage, page * perPage)
      .map((a) => this.restArtifact(a))
    sendJson(res, 200, { total_count: all.length, artifacts })
  }

  private restArtifact(a: StoredArtifact): Record<string, unknown> {
    return {
      id: a.id,
      node_id: `A_${a.id}`,
      name: a.name,
      size_in_bytes: a.size,
      url: `${this.url}/api/repos/${this.owner}/${this.repo}/actions/artifacts/${a.id}`,
      archive_download_url: `${this.url}/api/repos/${this.owner}/${this.repo}/actions/artifacts/${a.id}/zip`,
      expired: a.expired,
      digest: a.digest,
      created_at: this.bare.has(a.id) ? null : a.createdAt,
      updated_at: a.createdAt,
      expires_at: new Date(Date.parse(a.createdAt) + 90 * 86400_000).toISOString(),
      workflow_run: this.bare.has(a.id)
        ? null
        : {
            id: a.runId,
            repository_id: 1,
            head_repository_id: this.repositoryId(this.runMeta(a.runId).headRepository ?? ''),
            head_branch: this.runMeta(a.runId).head_branch,
            head_sha: 'a'.repeat(40),
          },
    }
  }

  /** GET /repos/{owner}/{repo}/actions/runs/{run_id}, the fields that matter and their shapes. */
  private restRun(runId: number): Record<string, unknown> {
    const meta = this.runMeta(runId)
    const [headOwner = '', headRepo = ''] = (meta.headRepository ?? '').split('/')
    return {
      id: runId,
      name: 'halt',
      node_id: `WFR_${runId}`,
      head_branch: meta.head_branch,
      head_sha: 'a'.repeat(40),
      path: meta.path,
      run_number: runId,
      run_attempt: 1,
      event: meta.event,
      status: 'completed',
      conclusion: 'success',
      workflow_id: 1,
      referenced_workflows: meta.referenced_workflows.map((path) => ({
        path,
        sha: 'b'.repeat(40),
        ref: path.split('@')[1],
      })),
      pull_requests: [],
      url: `${this.url}/api/repos/${this.owner}/${this.repo}/actions/runs/${runId}`,
      repository: this.restRepository(this.owner, this.repo, 1),
      head_repository:
        meta.headRepository === null
          ? null
          : this.restRepository(headOwner, headRepo, this.repositoryId(meta.headRepository)),
    }
  }

  private restRepository(owner: string, repo: string, id: number): Record<string, unknown> {
    return {
      id,
      node_id: `R_${id}`,
      name: repo,
      full_name: `${owner}/${repo}`,
      owner: { login: owner, id, type: 'Organization' },
      private: true,
      fork: id !== 1,
      default_branch: this.defaultBranch,
    }
  }

  private repositoryId(fullName: string): number {
    return fullName === `${this.owner}/${this.repo}` ? 1 : 2
  }
}
