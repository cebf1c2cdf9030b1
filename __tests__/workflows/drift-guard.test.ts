/**
 * The drift guard example: `status` on a schedule, and `stop` only when a halt is open and
 * something came back. Its wiring is checked against the reusable workflow's real inputs and
 * outputs, so renaming either breaks this test rather than the guard.
 */
import { describe, expect, test } from '@jest/globals'
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { parse } from 'yaml'

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..')
interface Job {
  needs?: string
  if?: string
  uses?: string
  with?: Record<string, unknown>
}
const load = (file: string) =>
  parse(readFileSync(path.join(root, file), 'utf8')) as {
    on: Record<string, unknown> & {
      workflow_call?: { inputs: Record<string, unknown>; outputs: Record<string, unknown> }
    }
    jobs: Record<string, Job>
  }
const guard = load('docs/examples/drift-guard.yml')
const reusable = load('.github/workflows/databricks-halt.yml').on.workflow_call!

describe('drift guard example', () => {
  test('runs status on a schedule, then stop only if halted and something came back', () => {
    expect(guard.on.schedule).toBeDefined()
    const { status, 'halt-again': again } = guard.jobs
    expect(status.with?.mode).toBe('status')
    expect(again.with?.mode).toBe('stop')
    expect(again.needs).toBe('status')
    expect(again.if).toBe(
      "needs.status.outputs.halted == 'true' && needs.status.outputs.drift != '0'",
    )
    // The outputs it branches on exist on the reusable workflow, from its plan job.
    expect(Object.keys(reusable.outputs)).toEqual(expect.arrayContaining(['halted', 'drift']))
  })

  test('both jobs call the reusable workflow with inputs it has, for the same workspace', () => {
    for (const job of Object.values(guard.jobs)) {
      expect(job.uses).toBe(
        'databricks-halt/databricks-halt/.github/workflows/databricks-halt.yml@v1',
      )
      for (const input of Object.keys(job.with ?? {}))
        expect(Object.keys(reusable.inputs)).toContain(input)
    }
    // No --keep: the stop inherits the open snapshot's keep list.
    expect(guard.jobs['halt-again'].with?.['keep-principals']).toBeUndefined()
    expect(guard.jobs['halt-again'].with?.['workspace-url']).toBe(
      guard.jobs.status.with?.['workspace-url'],
    )
  })
})
