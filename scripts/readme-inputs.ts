/**
 * Keeps the generated parts of README.md in step with the files they describe:
 * - the inputs and outputs tables, from action.yml, between
 *   `<!-- inputs:start -->` / `<!-- inputs:end -->` and `<!-- outputs:start -->` / `<!-- outputs:end -->`;
 * - every example, between `<!-- example: PATH -->` and `<!-- example:end -->`, replaced by a
 *   fenced copy of the file PATH (relative to the repository root), so the README shows the very
 *   workflow files that `npm test` validates.
 *
 * Refresh:  npm exec -c 'tsx scripts/readme-inputs.ts'
 * Check:    npm exec -c 'tsx scripts/readme-inputs.ts --check'   (exit 1 when README.md is stale)
 * The test __tests__/readme/readme.test.ts runs the same check.
 */
import { readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { format, resolveConfig } from 'prettier'
import { parse } from 'yaml'

export interface ActionInput {
  description?: string
  required?: boolean
  default?: string
}
export interface ActionMetadata {
  inputs?: Record<string, ActionInput>
  outputs?: Record<string, { description?: string }>
}

/** Markdown table cell: one line, pipes escaped. */
function cell(text: string): string {
  return text
    .replace(/\s*\n\s*/g, ' ')
    .replace(/\|/g, '\\|')
    .trim()
}

function code(text: string): string {
  return text.includes('`') ? `\`\` ${text} \`\`` : `\`${text}\``
}

export function renderInputsTable(action: ActionMetadata): string {
  const rows = Object.entries(action.inputs ?? {}).map(([name, input]) => {
    const def =
      input.default === undefined || input.default === '' ? '' : code(String(input.default))
    const required = input.required ? 'yes' : 'no'
    return `| ${code(name)} | ${required} | ${cell(def)} | ${cell(input.description ?? '')} |`
  })
  return [
    '| Input | Required | Default | Description |',
    '| --- | --- | --- | --- |',
    ...rows,
  ].join('\n')
}

export function renderOutputsTable(action: ActionMetadata): string {
  const rows = Object.entries(action.outputs ?? {}).map(
    ([name, output]) => `| ${code(name)} | ${cell(output.description ?? '')} |`,
  )
  return ['| Output | Description |', '| --- | --- |', ...rows].join('\n')
}

function replaceBetween(text: string, start: string, end: string, body: string): string {
  const from = text.indexOf(start)
  const to = text.indexOf(end, from + start.length)
  if (from < 0 || to < 0) throw new Error(`README.md has no ${start} … ${end} markers`)
  return `${text.slice(0, from + start.length)}\n\n${body}\n\n${text.slice(to)}`
}

const EXAMPLE = /<!-- example: ([^\s]+) -->\n[\s\S]*?<!-- example:end -->/g

/** Paths of the files the README embeds as examples, in order. */
export function exampleFiles(readme: string): string[] {
  return [...readme.matchAll(EXAMPLE)].map((m) => m[1])
}

/**
 * README.md as it should be: the tables regenerated from `actionYml`, each example block
 * replaced by the current content of its file (`readFile(path)`), and the whole formatted with
 * the project's Prettier settings (so `prettier --check` and this agree).
 */
export async function refreshReadme(
  readme: string,
  actionYml: string,
  readFile: (relativePath: string) => string,
  readmePath = 'README.md',
): Promise<string> {
  const action = parse(actionYml) as ActionMetadata
  let out = replaceBetween(
    readme,
    '<!-- inputs:start -->',
    '<!-- inputs:end -->',
    renderInputsTable(action),
  )
  out = replaceBetween(
    out,
    '<!-- outputs:start -->',
    '<!-- outputs:end -->',
    renderOutputsTable(action),
  )
  out = out.replace(EXAMPLE, (_all, file: string) => {
    const content = readFile(file).replace(/\n+$/, '')
    const lang = /\.ya?ml$/.test(file) ? 'yaml' : ''
    return `<!-- example: ${file} -->\n\n\`\`\`${lang}\n${content}\n\`\`\`\n\n<!-- example:end -->`
  })
  const options = (await resolveConfig(readmePath)) ?? {}
  return format(out, { ...options, parser: 'markdown' })
}

async function main(args: string[]): Promise<void> {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
  const readmePath = path.join(root, 'README.md')
  const readme = readFileSync(readmePath, 'utf8')
  const fresh = await refreshReadme(
    readme,
    readFileSync(path.join(root, 'action.yml'), 'utf8'),
    (p) => readFileSync(path.join(root, p), 'utf8'),
    readmePath,
  )
  if (args.includes('--check')) {
    if (fresh !== readme) {
      console.error("README.md is stale: run npm exec -c 'tsx scripts/readme-inputs.ts'")
      process.exit(1)
    }
    console.log('README.md is up to date')
    return
  }
  if (fresh !== readme) writeFileSync(readmePath, fresh)
  console.log(fresh === readme ? 'README.md is up to date' : 'README.md refreshed')
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await main(process.argv.slice(2))
}
