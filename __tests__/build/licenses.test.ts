import { describe, expect, test } from '@jest/globals'
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { missingLicences, packagesInStats } from '../../scripts/bundled-packages.js'
import { ROOT } from '../cli/run-cli.js'

function read(file: string): string {
  const path = join(ROOT, file)
  if (!existsSync(path)) throw new Error(`${file} is missing: run \`npm run build\` first.`)
  return readFileSync(path, 'utf8')
}

describe('every bundled package is credited with its licence', () => {
  test.each([
    ['dist', ['@actions/core', '@actions/artifact', '@azure/identity', 'zod']],
    ['dist/cli', ['@azure/identity', '@azure/msal-node', 'zod', 'ini']],
  ])('%s/licenses.txt', (dir, expected) => {
    // bundled-packages.txt is written from webpack's module graph by the build, not by the plugin.
    const bundled = read(`${dir}/bundled-packages.txt`).trim().split('\n')
    expect(bundled).toEqual(expect.arrayContaining(expected))
    expect(missingLicences(bundled, read(`${dir}/licenses.txt`))).toEqual([])
  })

  test('code that never runs is not bundled', () => {
    for (const dir of ['dist', 'dist/cli']) {
      const bundled = read(`${dir}/bundled-packages.txt`).trim().split('\n')
      // open (+ xdg-open): interactive browser sign-in; apache-arrow: Arrow blob listings;
      // typescript: a code generator @actions/artifact lists as a dependency.
      expect(bundled.filter((p) => /^(open|apache-arrow|flatbuffers|typescript)$/.test(p))).toEqual(
        [],
      )
      expect(existsSync(join(ROOT, dir, 'xdg-open'))).toBe(false)
    }
  })

  test('the check finds a package without an entry, or with a type but no text', () => {
    const licenses = 'zod@4.1.0\nMIT\nMIT License\n\nCopyright (c) Colin\n\nini@5.0.0\nISC\n'
    expect(missingLicences(['zod', 'ini', 'ms'], licenses)).toEqual(['ini', 'ms'])
  })

  test('packages come from the innermost node_modules of each module', () => {
    const stats = {
      modules: [
        { name: './src/cli.ts' },
        { name: './node_modules/@azure/identity/dist/esm/index.js' },
        {
          name: './node_modules/a/node_modules/ms/index.js + 2 modules',
          modules: [{ name: './node_modules/zod/v4/core/core.js' }],
        },
      ],
    }
    expect(packagesInStats(stats)).toEqual([
      { name: '@azure/identity', dir: 'node_modules/@azure/identity' },
      { name: 'ms', dir: 'node_modules/a/node_modules/ms' },
      { name: 'zod', dir: 'node_modules/zod' },
    ])
  })
})
