/**
 * `npm run build`: the Action bundle (dist/) and the CLI bundle (dist/cli/), each with its
 * licences. The e2e tests build the same way (__fixtures__/action-bundle.ts calls buildBundle).
 */
import { execFile } from 'node:child_process'
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
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

/**
 * What the externals resolve to at run time. ncc turns an external's dynamic import into a static
 * import at the top of index.js, so a bundle that imports "open" fails at start wherever the package
 * is not installed: on a runner (the Action's checkout has no node_modules) and after
 * `npm install -g`. The imports are pointed at this file instead, shipped beside index.js.
 */
const UNBUNDLED_STUB = 'unbundled.js'
const UNBUNDLED_SOURCE = `// Stands in for packages left out of the bundle (scripts/build.ts, NCC_EXTERNALS): only code
// paths databricks-halt never takes import them.
const unbundled = (name) => () => {
  throw new Error(\`\${name} is not part of the databricks-halt bundle\`)
}
export default unbundled('open')
export const tableFromIPC = unbundled('apache-arrow')
`

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
  pointExternalsAtStub(outDir)
  const missing = writeLicences(stats, outDir, ROOT)
  if (missing.length > 0) {
    throw new Error(`${outDir}/licenses.txt does not credit: ${missing.join(', ')}`)
  }
}

/** Rewrites each external's import in index.js to the stub; fails if ncc emitted another form. */
function pointExternalsAtStub(outDir: string): void {
  const index = join(outDir, 'index.js')
  let code = readFileSync(index, 'utf8')
  for (const name of NCC_EXTERNALS) {
    const from = ` from "${name}";\n`
    const count = code.split(from).length - 1
    if (count > 1) throw new Error(`${index} imports ${name} ${count} times.`)
    code = code.replace(from, ` from "./${UNBUNDLED_STUB}";\n`)
  }
  const bare = NCC_EXTERNALS.find((name) =>
    [code, ...chunks(outDir)].some(
      (c) => c.includes(`from "${name}"`) || c.includes(`import("${name}")`),
    ),
  )
  if (bare)
    throw new Error(`${index} still loads ${bare} by name: it is not installed where this runs.`)
  writeFileSync(index, code)
  writeFileSync(join(outDir, UNBUNDLED_STUB), UNBUNDLED_SOURCE)
}

function chunks(outDir: string): string[] {
  return readdirSync(outDir)
    .filter((f) => f.endsWith('.index.js'))
    .map((f) => readFileSync(join(outDir, f), 'utf8'))
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  rmSync(join(ROOT, 'dist'), { recursive: true, force: true })
  await buildBundle(ENTRIES.action, join(ROOT, 'dist'))
  await buildBundle(ENTRIES.cli, join(ROOT, 'dist', 'cli'))
}
