/**
 * The reusable workflows hand their inputs to the Action under the same names and meanings, and
 * their outputs come from the Action's. (They have no dispatch form: see hardening.test.ts.)
 */
import { describe, expect, test } from '@jest/globals'
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { parse } from 'yaml'

const root = process.cwd()
const load = (file: string) => parse(readFileSync(path.join(root, file), 'utf8')) as Workflow

interface InputDef {
  type?: string
  required?: boolean
  default?: unknown
  options?: string[]
}
interface Step {
  id?: string
  uses?: string
  with?: Record<string, unknown>
}
interface Job {
  steps?: Step[]
  outputs?: Record<string, string>
  strategy?: unknown
}
interface Workflow {
  on: {
    workflow_call?: {
      inputs?: Record<string, InputDef>
      outputs?: Record<string, { value: string }>
    }
    workflow_dispatch?: { inputs?: Record<string, InputDef> }
  }
  jobs: Record<string, Job>
}

const action = parse(readFileSync(path.join(root, 'action.yml'), 'utf8')) as {
  inputs: Record<string, unknown>
  outputs: Record<string, unknown>
}
const actionInputs = new Set(Object.keys(action.inputs))
const actionOutputs = new Set(Object.keys(action.outputs))

const isHaltStep = (step: Step) =>
  step.uses === './' || /^databricks-halt\/databricks-halt@/.test(step.uses ?? '')

/** Deliberate departures from plain pass-through, with the reason they are right. */
const OVERRIDES: Record<string, string[]> = {
  // The plan job is always a dry run (show and status, which change nothing, never are).
  'plan.dry-run': ["${{ inputs.mode != 'show' && inputs.mode != 'status' }}"],
  // A restore applies exactly the snapshot the plan job resolved (hardening.test.ts); in
  // fleet.yml, the one its own plan leg resolved (fleet-pin.test.ts).
  'apply.restore-from': [
    "${{ inputs.mode == 'restore' && needs.plan.outputs.snapshot-artifact-id || inputs.restore-from }}",
    "${{ inputs.mode == 'restore' && fromJSON(needs.pins.outputs.pins)[matrix.name].snapshot || inputs.restore-from }}",
  ],
}

const refersTo = (value: unknown, source: string, name: string) =>
  new RegExp(`\\b${source}\\.${name.replace(/-/g, '\\-')}(?![\\w-])`).test(String(value))

/** Problems with how one reusable workflow passes its inputs to the Action. */
export function passThroughProblems(workflow: Workflow): string[] {
  const problems: string[] = []
  const inputs = workflow.on.workflow_call?.inputs ?? {}
  for (const [jobId, job] of Object.entries(workflow.jobs)) {
    const usesMatrix = job.strategy !== undefined
    for (const step of (job.steps ?? []).filter(isHaltStep)) {
      const given = step.with ?? {}
      for (const key of Object.keys(given))
        if (!actionInputs.has(key)) problems.push(`${jobId}: ${key} is not an input of the Action`)
      for (const name of Object.keys(inputs).filter((i) => actionInputs.has(i))) {
        const value = given[name]
        const override = OVERRIDES[`${jobId}.${name}`]
        if (override !== undefined && value !== `\${{ inputs.${name} }}`) {
          if (!override.includes(String(value)))
            problems.push(`${jobId}: ${name} should be ${override.join(' or ')}`)
        } else if (value === undefined) {
          problems.push(`${jobId}: input ${name} is not passed to the Action`)
        } else if (
          !refersTo(value, 'inputs', name) &&
          !(usesMatrix && refersTo(value, 'matrix', name))
        ) {
          problems.push(`${jobId}: Action input ${name} gets ${String(value)}, not inputs.${name}`)
        }
      }
    }
  }
  return problems
}

const reusable = ['.github/workflows/databricks-halt.yml', '.github/workflows/fleet.yml']

describe('reusable workflows pass their inputs through to the Action', () => {
  test.each(reusable)('%s', (file) => {
    const workflow = load(file)
    const steps = Object.values(workflow.jobs).flatMap((j) => (j.steps ?? []).filter(isHaltStep))
    expect(steps.length).toBeGreaterThanOrEqual(2)
    expect(passThroughProblems(workflow)).toEqual([])
  })

  test('a dropped or miswired input is reported', () => {
    const workflow = load('.github/workflows/databricks-halt.yml')
    const apply = workflow.jobs.apply.steps!.find(isHaltStep)!
    delete apply.with!['keep-principals']
    apply.with!.force = '${{ inputs.restart-compute }}'
    apply.with!['dry_run'] = 'true'
    expect(passThroughProblems(workflow)).toEqual([
      'apply: dry_run is not an input of the Action',
      'apply: input keep-principals is not passed to the Action',
      'apply: Action input force gets ${{ inputs.restart-compute }}, not inputs.force',
    ])
  })

  test('databricks-halt.yml exposes every Action input but github-token', () => {
    const inputs = Object.keys(
      load('.github/workflows/databricks-halt.yml').on.workflow_call!.inputs!,
    )
    // snapshot-key is a secret (of the environments), not an input. plan is wired by the workflow
    // itself (the apply job applies the plan job's saved plan).
    const byWorkflow = ['plan']
    expect(
      [...actionInputs].filter((i) => !inputs.includes(i) && !byWorkflow.includes(i)).sort(),
    ).toEqual(['github-token', 'snapshot-key'])
    expect(inputs.filter((i) => !actionInputs.has(i)).sort()).toEqual(
      ['environment', 'plan-environment', 'runs-on'].sort(),
    )
  })

  test('the reusable workflow outputs come from the Action outputs of the same name', () => {
    const workflow = load('.github/workflows/databricks-halt.yml')
    for (const [name, output] of Object.entries(workflow.on.workflow_call!.outputs!)) {
      expect(actionOutputs.has(name)).toBe(true)
      const jobs = [...output.value.matchAll(/jobs\.(\w+)\.outputs\.([\w-]+)/g)]
      expect(jobs.length).toBeGreaterThan(0)
      for (const [, job, jobOutput] of jobs) {
        expect(jobOutput).toBe(name)
        expect(workflow.jobs[job].outputs![name]).toBe(`\${{ steps.halt.outputs.${name} }}`)
      }
    }
  })
})
