/**
 * Every workflow, every example caller and action.yml pass GitHub's own schemas and actionlint,
 * offline; and the validator really rejects the mistakes it is there to catch.
 */
import { describe, expect, test } from '@jest/globals'
import { spawnSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'

const root = process.cwd()
const linter = path.join(root, '__tests__/workflows/lint-workflows.ts')

interface LintResult {
  file: string
  errors: string[]
}

/** Runs the linter in a child Node (the one running jest: Node 24) under tsx. */
function lint(files: string[]): LintResult[] {
  const child = spawnSync(process.execPath, ['--import', 'tsx', linter, ...files], {
    cwd: root,
    encoding: 'utf8',
  })
  if (child.status !== 0) throw new Error(`linter exited ${child.status}: ${child.stderr}`)
  return JSON.parse(child.stdout) as LintResult[]
}

const yamlIn = (dir: string) =>
  readdirSync(path.join(root, dir))
    .filter((f) => /\.ya?ml$/.test(f))
    .map((f) => `${dir}/${f}`)

const workflows = [...yamlIn('.github/workflows'), ...yamlIn('docs/examples')]

const scratch = mkdtempSync(path.join(tmpdir(), 'halt-workflows-'))
let n = 0
/** A copy of `file` with `from` replaced by `to` (which must occur), in a temporary directory. */
function mutated(file: string, from: string, to: string): string {
  const text = readFileSync(path.join(root, file), 'utf8')
  if (!text.includes(from)) throw new Error(`${file} does not contain ${from}`)
  const out = path.join(scratch, `${n++}-${path.basename(file)}`)
  writeFileSync(out, text.replace(from, to))
  return out
}

/** A minimal action.yml running on `using`. */
function actionWith(using: string): string {
  const dir = path.join(scratch, `${n++}`)
  mkdirSync(dir)
  const out = path.join(dir, 'action.yml')
  writeFileSync(
    out,
    `name: x\ndescription: y\ninputs:\n  a:\n    description: z\nruns:\n  using: ${using}\n  main: dist/index.js\n`,
  )
  return out
}

describe('offline workflow validation', () => {
  test('every workflow, example and action.yml is valid', () => {
    expect(workflows.length).toBeGreaterThanOrEqual(9)
    const results = lint([...workflows, 'action.yml'])
    expect(results.map((r) => r.file)).toEqual([...workflows, 'action.yml'])
    for (const result of results) expect(result).toEqual({ file: result.file, errors: [] })
  })

  test('the validator rejects the mistakes it is there for', () => {
    const cases: Array<[string, RegExp]> = [
      // A typo'd context (GitHub's schema).
      [
        mutated('.github/workflows/halt-dispatch.yml', '${{ inputs.mode }}', '${{ input.mode }}'),
        /Unrecognized named-value: 'input'/,
      ],
      // A typo'd input name inside an expression (actionlint).
      [
        mutated(
          '.github/workflows/databricks-halt.yml',
          'workspace-url: ${{ inputs.workspace-url }}',
          'workspace-url: ${{ inputs.workspace-ulr }}',
        ),
        /property "workspace-ulr" is not defined/,
      ],
      // An input the reusable workflow does not have (GitHub's schema, reading the callee).
      [
        mutated('.github/workflows/halt-dispatch.yml', 'keep-principals:', 'keep-principal:'),
        /keep-principal is not defined in the referenced workflow/,
      ],
      // A required input of the reusable workflow left out.
      [
        mutated('.github/workflows/maintenance-window.yml', '      environment: maintenance\n', ''),
        /Input environment is required/,
      ],
      // A job that needs a job that does not exist (actionlint).
      [mutated('.github/workflows/databricks-halt.yml', 'needs: plan', 'needs: plam'), /plam/],
      // A misspelt key in a schedule entry is still caught although `timezone` is tolerated.
      [mutated('.github/workflows/maintenance-window.yml', 'timezone:', 'time-zone:'), /time-zone/],
      // Untrusted event text in a shell command (actionlint).
      [
        mutated(
          '.github/workflows/desired-state.yml',
          'set -euo pipefail\n',
          'set -euo pipefail\n          echo "${{ github.event.pull_request.title }}"\n',
        ),
        /potentially untrusted/,
      ],
      // An action runtime GitHub does not offer.
      [actionWith('node12'), /node12/],
    ]
    const results = lint(cases.map(([file]) => file))
    expect(results).toHaveLength(cases.length)
    results.forEach((result, i) => {
      const [, expected] = cases[i]
      expect(result.errors.join('\n')).toMatch(expected)
    })
  })
})
