import { DefaultArtifactClient } from '@actions/artifact'
import { randomBytes } from 'node:crypto'
import { mkdir, readdir } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { UsageError, errorText } from '../errors.js'
import type { Logger } from '../logger.js'
import type { Report } from '../report.js'
import type { Settings } from '../settings.js'

/**
 * The Action's side of saved plans: the plan job's dry run writes a plan and uploads it as an
 * artifact (output `plan-artifact-id`); the apply job passes that id as `plan`, and exactly that
 * artifact of this run is downloaded (digest checked) and applied.
 */

const onRunner = () => Boolean(process.env.ACTIONS_RUNTIME_TOKEN && process.env.ACTIONS_RESULTS_URL)

async function scratch(): Promise<string> {
  const dir = join(
    process.env.RUNNER_TEMP ?? tmpdir(),
    `databricks-halt-${randomBytes(6).toString('hex')}`,
  )
  await mkdir(dir, { recursive: true })
  return dir
}

/** Where a dry run of stop or restore writes its plan (undefined for show or a real run). */
export async function planOutPath(settings: Settings): Promise<string | undefined> {
  if (!settings.dryRun || settings.mode === 'show' || settings.plan) return undefined
  return join(await scratch(), 'databricks-halt-plan.json')
}

/** Upload the plan a dry run wrote; its artifact id, or undefined off a runner. */
export async function uploadPlan(
  report: Report,
  retentionDays: number,
  logger: Logger,
): Promise<string | undefined> {
  if (!report.planOut) return undefined
  if (!onRunner()) {
    logger.info(`Not on a GitHub runner: the plan stays at ${report.planOut.path}.`)
    return undefined
  }
  const run = process.env.GITHUB_RUN_ID ?? '0'
  const attempt = process.env.GITHUB_RUN_ATTEMPT ?? '1'
  const name = `databricks-halt-plan-ws${report.workspaceId}-run${run}-attempt${attempt}`
  const dir = join(report.planOut.path, '..')
  try {
    const { id } = await new DefaultArtifactClient().uploadArtifact(
      name,
      [report.planOut.path],
      dir,
      { retentionDays },
    )
    logger.info(`Uploaded the plan as artifact ${name} (id ${id}).`)
    return id === undefined ? undefined : String(id)
  } catch (e) {
    throw new Error(`Could not upload the plan artifact ${name}: ${errorText(e)}`, { cause: e })
  }
}

/**
 * The `plan` input: an artifact id of this workflow run (what the plan job's `plan-artifact-id`
 * output says), downloaded with its digest checked; or a path to a plan file.
 */
export async function resolvePlanInput(value: string | undefined): Promise<string | undefined> {
  if (!value || !/^\d+$/.test(value)) return value
  if (!onRunner())
    throw new UsageError(`Input plan ${value} is an artifact id: that needs a GitHub runner.`)
  const client = new DefaultArtifactClient()
  const { artifacts } = await client.listArtifacts()
  const found = artifacts.find((a) => String(a.id) === value)
  if (!found || !/^databricks-halt-plan-ws\d+-run\d+-attempt\d+$/.test(found.name)) {
    throw new UsageError(
      `Input plan: artifact ${value} is not a databricks-halt plan of this workflow run. ` +
        "Pass the plan job's plan-artifact-id output. Nothing was changed.",
    )
  }
  const dir = await scratch()
  const { digestMismatch } = await client.downloadArtifact(found.id, {
    path: dir,
    expectedHash: found.digest,
  })
  if (digestMismatch) throw new UsageError(`Plan artifact ${found.name} does not match its digest.`)
  const files = (await readdir(dir)).filter((f) => f.endsWith('.json'))
  if (files.length !== 1)
    throw new UsageError(`Plan artifact ${found.name} should hold one JSON file.`)
  return join(dir, files[0])
}
