/**
 * `npm run build`: the Action bundle (dist/) and the CLI bundle (dist/cli/), each with its
 * licences. The e2e tests build the same way (__fixtures__/action-bundle.ts calls buildBundle).
 */
import { execFile } from 'node:child_process'
import { rmSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { promisify } from 'node:util'
import { writeLicences } from './bundled-packages.js'

const ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)))

/**
 * Left out of both bundles: code that never runs here. `open` (and its xdg-open script) is for
 * @azure/identity's interactive browser sign-in; `apache-arrow` for @azure/storage-blob's Arrow
 * listings. Both are loaded by a dynamic import only on those paths.
 */
export const NCC_EXTERNALS = ['open', 'apache-arrow']

export const ENTRIES = { action: 'src/index.ts', cli: 'src/cli.ts' } as const

/** ncc, then licences.txt and bundled-packages.txt from the build's module graph. */
export async function buildBundle(entry: string, outDir: string): Promise<void> {
  const ncc = join(ROOT, 'node_modules', '@vercel', 'ncc', 'dist', 'ncc', 'cli.js')
  const stats = `${outDir}.stats.json`
  const externals = NCC_EXTERNALS.flatMap((name) => ['-e', name])
  try {
    await promisify(execFile)(
      process.execPath,
      [ncc, 'build', entry, '-o', outDir, '-q', ...externals, '--stats-out', stats],
      { cwd: ROOT, maxBuffer: 64 * 1024 * 1024 },
    )
  } catch (e) {
    const { stdout = '', stderr = '' } = e as { stdout?: string; stderr?: string }
    throw new Error(`ncc could not build ${entry}:\n${stdout}${stderr}`, { cause: e })
  }
  const missing = writeLicences(stats, outDir, ROOT)
  if (missing.length > 0) {
    throw new Error(`${outDir}/licenses.txt does not credit: ${missing.join(', ')}`)
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  rmSync(join(ROOT, 'dist'), { recursive: true, force: true })
  await buildBundle(ENTRIES.action, join(ROOT, 'dist'))
  await buildBundle(ENTRIES.cli, join(ROOT, 'dist', 'cli'))
}
