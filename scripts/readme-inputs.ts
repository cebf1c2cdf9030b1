/**
 * Keeps the generated parts of README.md in step with the files they describe:
 * - the inputs and outputs tables, from action.yml, between
 *   `<!-- inputs:start -->` / `<!-- inputs:end -->` and `<!-- outputs:start -->` / `<!-- outputs:end -->`;
 * - every example, between `<!-- example: PATH -->` and `<!-- example:end -->`, replaced by a
 *   fenced copy of the file PATH (relative to the repository root), so the README shows the very
 *   workflow files that `npm test` validates.
 *
 * The example blocks of docs/*.md are refreshed the same way (those pages have no tables).
 *
 * Refresh:  npm exec -c 'tsx scripts/readme-inputs.ts'
 * Check:    npm exec -c 'tsx scripts/readme-inputs.ts --check'   (exit 1 when README.md is stale)
 * The test __tests__/readme/readme.test.ts runs the same check.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs'
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
  { tables = true }: { tables?: boolean } = {},
): Promise<string> {
  let out = readme
  if (tables) {
    const action = parse(actionYml) as ActionMetadata
    out = replaceBetween(
      out,
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
  }
  out = out.replace(EXAMPLE, (_all, file: string) => {
    const content = readFile(file).replace(/\n+$/, '')
    const lang = /\.ya?ml$/.test(file) ? 'yaml' : ''
    return `<!-- example: ${file} -->\n\n\`\`\`${lang}\n${content}\n\`\`\`\n\n<!-- example:end -->`
  })
  const options = (await resolveConfig(readmePath)) ?? {}
  return format(out, { ...options, parser: 'markdown' })
}

/** The Markdown files this script owns: README.md and the docs/*.md pages that embed examples. */
export function documentedFiles(root: string): string[] {
  const docs = readdirSync(path.join(root, 'docs'))
    .filter((f) => f.endsWith('.md'))
    .map((f) => `docs/${f}`)
    .filter((f) => readFileSync(path.join(root, f), 'utf8').includes('<!-- example: '))
  return ['README.md', ...docs]
}

async function main(args: string[]): Promise<void> {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
  const actionYml = readFileSync(path.join(root, 'action.yml'), 'utf8')
  let stale = 0
  for (const file of documentedFiles(root)) {
    const full = path.join(root, file)
    const text = readFileSync(full, 'utf8')
    const fresh = await refreshReadme(
      text,
      actionYml,
      (p) => readFileSync(path.join(root, p), 'utf8'),
      full,
      { tables: file === 'README.md' },
    )
    if (fresh === text) continue
    stale++
    if (args.includes('--check')) console.error(`${file} is stale`)
    else writeFileSync(full, fresh)
    if (!args.includes('--check')) console.log(`${file} refreshed`)
  }
  if (args.includes('--check') && stale > 0) {
    console.error("Run: npm exec -c 'tsx scripts/readme-inputs.ts'")
    process.exit(1)
  }
  if (stale === 0) console.log('README.md and docs/ are up to date')
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await main(process.argv.slice(2))
}
