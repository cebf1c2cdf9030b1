import type * as github from '@actions/github'
import { errorText } from '../errors.js'

/**
 * Which workflow runs may have made a snapshot or a restored marker. Anyone who can push a branch,
 * open a pull request from a fork, or slip a compromised action into any workflow can upload an
 * artifact with the snapshot's name pattern, so a name proves nothing. A run is trusted only if:
 * - its head repository is this repository (not a fork);
 * - it ran on the default branch or on a ref listed in `trusted-refs`;
 * - it was not triggered by a pull request event (pull_request, pull_request_target, …);
 * - it ran this project's workflow: its own workflow file is the one this run runs, or it (or a
 *   workflow it called) is one of this project's reusable workflows.
 * Facts come from GitHub's REST API (GET a workflow run, GET the repository), never from the
 * artifact. See docs/adr/0009-provenance-and-host-allow-list.md.
 */

/** File names of this project's reusable workflows; a run that called one ran the halt. */
export const PROJECT_WORKFLOWS = ['databricks-halt.yml', 'fleet.yml'] as const

export interface ProvenanceOptions {
  octokit: ReturnType<typeof github.getOctokit>
  owner: string
  repo: string
  /** Refs besides the default branch whose runs are trusted: `release`, `refs/heads/x`, `refs/tags/v1`. */
  trustedRefs?: string[]
  /** GITHUB_WORKFLOW_REF of this run: `owner/repo/.github/workflows/x.yml@refs/heads/main`. */
  workflowRef?: string
}

/** The fields of GET /repos/{owner}/{repo}/actions/runs/{run_id} this check reads. */
interface WorkflowRun {
  event: string
  head_branch: string | null
  path: string
  head_repository?: { full_name?: string } | null
  repository?: { full_name?: string } | null
  referenced_workflows?: Array<{ path: string }> | null
}

export class RunProvenance {
  private readonly verdicts = new Map<string, Promise<string | undefined>>()
  private defaultBranch?: Promise<string>
  private readonly refs: Set<string>
  private readonly ownWorkflow?: string

  constructor(private readonly options: ProvenanceOptions) {
    this.refs = new Set((options.trustedRefs ?? []).map(refName))
    this.ownWorkflow = options.workflowRef ? stripRef(options.workflowRef) : undefined
  }

  /** undefined when the run is trusted, else why not (one short clause). Cached per run. */
  untrustedReason(runId: string): Promise<string | undefined> {
    let verdict = this.verdicts.get(runId)
    if (!verdict) {
      verdict = this.judge(runId)
      this.verdicts.set(runId, verdict)
    }
    return verdict
  }

  private async judge(runId: string): Promise<string | undefined> {
    const { octokit, owner, repo } = this.options
    let run: WorkflowRun
    try {
      ;({ data: run } = await octokit.rest.actions.getWorkflowRun({
        owner,
        repo,
        run_id: Number(runId),
      }))
    } catch (error) {
      return `its workflow run ${runId} cannot be read (${errorText(error)})`
    }
    const self = `${owner}/${repo}`.toLowerCase()
    const head = run.head_repository?.full_name ?? '(unknown)'
    if (head.toLowerCase() !== self || (run.repository?.full_name ?? self).toLowerCase() !== self)
      return `run ${runId} is from ${head}, not ${owner}/${repo} (a fork)`
    if (/^pull_request/.test(run.event)) return `run ${runId} was triggered by ${run.event}`
    const branch = run.head_branch ?? ''
    const defaultBranch = await this.getDefaultBranch()
    if (branch !== defaultBranch && !this.refs.has(branch))
      return `run ${runId} ran on ${branch || 'no branch'}, not the default branch ${defaultBranch} or a ref in trusted-refs`
    // Full `owner/repo/.github/workflows/x.yml` names: the run's own file is in this repository.
    const own = `${self}/${stripRef(run.path)}`
    const paths = [own, ...(run.referenced_workflows ?? []).map((w) => stripRef(w.path))]
    const ours = paths.some(
      (p) =>
        p === this.ownWorkflow ||
        (PROJECT_WORKFLOWS as readonly string[]).includes(p.split('/').pop() ?? ''),
    )
    if (!ours) {
      const expected = [this.ownWorkflow, ...PROJECT_WORKFLOWS].filter(Boolean).join(', ')
      return `run ${runId} ran ${stripRef(run.path)}, not databricks-halt's workflow (${expected})`
    }
    return undefined
  }

  private getDefaultBranch(): Promise<string> {
    const { octokit, owner, repo } = this.options
    this.defaultBranch ??= octokit.rest.repos
      .get({ owner, repo })
      .then(({ data }) => data.default_branch)
    return this.defaultBranch
  }
}

/** `refs/heads/x` and `refs/tags/x` as the bare name a run's head_branch carries. */
function refName(ref: string): string {
  return ref.trim().replace(/^refs\/(heads|tags)\//, '')
}

/** A workflow path without its `@ref`, lower case (owner and repository names ignore case). */
function stripRef(path: string): string {
  return path.replace(/@.*$/, '').toLowerCase()
}
