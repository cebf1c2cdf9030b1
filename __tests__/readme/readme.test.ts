/**
 * The README's tables and examples are generated from action.yml and the workflow files, and
 * cannot drift from them; the quick start is the two commands the project promises.
 */
import { describe, expect, test } from '@jest/globals'
import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import {
  documentedFiles,
  exampleFiles,
  refreshReadme,
  renderInputsTable,
} from '../../scripts/readme-inputs.js'

const root = process.cwd()
const read = (file: string) => readFileSync(path.join(root, file), 'utf8')
const readme = read('README.md')
const actionYml = read('action.yml')

/** The fenced blocks of a Markdown text with the example marker (if any) that precedes each. */
function codeBlocks(markdown: string): { marker?: string; lang: string; body: string }[] {
  const blocks: { marker?: string; lang: string; body: string }[] = []
  const fence = /(?:<!-- example: (\S+) -->\n\n)?```(\w*)\n([\s\S]*?)\n```/g
  for (const m of markdown.matchAll(fence)) blocks.push({ marker: m[1], lang: m[2], body: m[3] })
  return blocks
}

describe('README.md and docs/', () => {
  test.each(documentedFiles(root))(
    '%s is what scripts/readme-inputs.ts generates',
    async (file) => {
      const text = read(file)
      const fresh = await refreshReadme(text, actionYml, read, path.join(root, file), {
        tables: file === 'README.md',
      })
      // On failure: npm exec -c 'tsx scripts/readme-inputs.ts'
      expect(fresh).toBe(text)
    },
  )

  test('a new input in action.yml makes the README stale', async () => {
    const changed = actionYml.replace(
      /\ninputs:\n/,
      '\ninputs:\n  snapshot-note:\n    description: A note kept with the snapshot.\n    required: false\n',
    )
    expect(changed).not.toBe(actionYml)
    const fresh = await refreshReadme(readme, changed, read)
    expect(fresh).not.toBe(readme)
    expect(fresh).toContain('| `snapshot-note`')
  })

  test('an edited workflow file makes the README stale', async () => {
    const edited = (file: string) =>
      file === '.github/workflows/halt-dispatch.yml'
        ? read(file).replace('environment: prod', 'environment: production')
        : read(file)
    const fresh = await refreshReadme(readme, actionYml, edited)
    expect(fresh).not.toBe(readme)
    expect(fresh).toContain('environment: production')
  })

  test('the tables list every input and output of action.yml', () => {
    const table = renderInputsTable({
      inputs: { 'dry-run': { description: 'a | b', default: 'false' } },
    })
    expect(table).toContain('| `dry-run` | no | `false` | a \\| b |')
    for (const name of ['mode', 'workspace-url', 'keep-principals', 'restore-from', 'github-token'])
      expect(readme).toContain(`| \`${name}\``)
    for (const name of ['snapshot-artifact-id', 'changed', 'conflicts', 'active', 'report'])
      expect(readme).toContain(`| \`${name}\``)
  })

  test.each(documentedFiles(root))('%s: each YAML example is byte for byte its file', (file) => {
    const text = read(file)
    const examples = exampleFiles(text)
    expect(examples.length).toBeGreaterThan(0)
    const marked = codeBlocks(text).filter((b) => b.marker)
    expect(marked.map((b) => b.marker)).toEqual(examples)
    for (const block of marked) {
      expect(existsSync(path.join(root, block.marker!))).toBe(true)
      expect(block.body + '\n').toBe(read(block.marker!))
    }
  })

  test.each(documentedFiles(root))('%s: no workflow YAML outside the tested examples', (file) => {
    const loose = codeBlocks(read(file)).filter(
      (b) => !b.marker && b.lang === 'yaml' && /^\s*(uses|jobs|on):/m.test(b.body),
    )
    expect(loose.map((b) => b.body.split('\n')[0])).toEqual([])
  })

  test('the README shows the dispatch workflow in under 20 lines', () => {
    expect(exampleFiles(readme)[0]).toBe('.github/workflows/halt-dispatch.yml')
    expect(read('.github/workflows/halt-dispatch.yml').trimEnd().split('\n').length).toBeLessThan(
      20,
    )
  })

  test('the quick start is exactly the two commands', () => {
    const quickStart = readme.split('## Quick start')[1].split('\n## ')[0]
    const commands = codeBlocks(quickStart).map((b) => b.body)
    expect(commands).toEqual(['npm ci && npm run demo\nnpm test'])
  })

  test('relative links in the README and docs/ point at files that exist', () => {
    for (const file of [
      'README.md',
      'docs/workflows.md',
      'docs/setup.md',
      'docs/troubleshooting.md',
      'docs/runbook-vnet-change.md',
    ]) {
      const text = read(file)
      for (const [, target] of text.matchAll(/\]\(([^)#\s]+)(?:#[^)]*)?\)/g)) {
        if (/^[a-z]+:/.test(target)) continue
        const resolved = path.join(root, path.dirname(file), target)
        expect({ file, target, exists: existsSync(resolved) }).toEqual({
          file,
          target,
          exists: true,
        })
      }
    }
  })
})
