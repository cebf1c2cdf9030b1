import { describe, expect, it } from '@jest/globals'
import { readdir, readFile } from 'node:fs/promises'
import { dirname, join, relative, resolve } from 'node:path'

const SRC = resolve('src')

/** Every relative import of a file, resolved to a path under the repository. */
async function importsOf(file: string): Promise<string[]> {
  const text = await readFile(file, 'utf8')
  const specifiers = [...text.matchAll(/(?:from|import)\s*\(?\s*'(\.[^']+)'/g)].map((m) => m[1])
  return specifiers.map((s) => relative(SRC, resolve(dirname(file), s)))
}

describe('layers (docs/adr/0001): data flows resources → engine, never back', () => {
  it('no resource kind imports the engine, directly or through a type', async () => {
    const dir = join(SRC, 'resources')
    const files = (await readdir(dir)).filter((f) => f.endsWith('.ts'))
    expect(files.length).toBeGreaterThan(10)
    const offending: string[] = []
    for (const file of files) {
      for (const target of await importsOf(join(dir, file))) {
        if (target === 'engine.js' || target.startsWith('engine/')) {
          offending.push(`${file} → ${target}`)
        }
      }
    }
    expect(offending).toEqual([])
  })

  it('the shared concurrency helper lives below both (src/util/)', async () => {
    const pipelines = await importsOf(join(SRC, 'resources', 'pipelines.ts'))
    expect(pipelines).toContain('util/limit.js')
  })
})
