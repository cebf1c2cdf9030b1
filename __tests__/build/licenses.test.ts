import { beforeAll, describe, expect, test } from '@jest/globals'
import { existsSync, readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { actionBundle, BUNDLE_TIMEOUT_MS, cliBundle } from '../../__fixtures__/action-bundle.js'
import { missingLicences, packagesInStats } from '../../scripts/bundled-packages.js'

// Fresh bundles of the current sources, built as `npm run build` builds dist/ and dist/cli/.
const dirs: Record<string, string> = {}
beforeAll(async () => {
  dirs.dist = dirname(await actionBundle())
  dirs['dist/cli'] = dirname(await cliBundle())
}, BUNDLE_TIMEOUT_MS)

function read(file: string): string {
  const [dir, name] = file.startsWith('dist/cli/')
    ? ['dist/cli', file.slice(9)]
    : ['dist', file.slice(5)]
  return readFileSync(join(dirs[dir], name), 'utf8')
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
      expect(existsSync(join(dirs[dir], 'xdg-open'))).toBe(false)
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
