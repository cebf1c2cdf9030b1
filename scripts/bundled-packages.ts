/**
 * After each ncc build: credit every third-party package the bundle holds, with its licence text.
 * The list comes from webpack's own module graph (`ncc --stats-out`) and the texts from the
 * packages on disk; the result is `<out>/licenses.txt`, plus `<out>/bundled-packages.txt` (the
 * names) for the test. ncc's own `--license` output was incomplete: in an ESM build it skips the
 * entry chunk, and it leaves the text empty for a package whose `exports` hide its package.json
 * (@azure/identity, @azure/core-client, …).
 *
 * scripts/build.ts calls writeLicences after each ncc build.
 */
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

interface StatsModule {
  name?: string
  modules?: StatsModule[]
}

export interface BundledPackage {
  name: string
  /** The package's directory relative to the build root, e.g. node_modules/a/node_modules/ms. */
  dir: string
}

/** Every package (by directory: two versions are two packages) webpack put in the bundle. */
export function packagesInStats(stats: { modules?: StatsModule[] }): BundledPackage[] {
  const found = new Map<string, BundledPackage>()
  const visit = (modules: StatsModule[] = []) => {
    for (const m of modules) {
      // `name` is relative to the build root (`./node_modules/a/node_modules/ms/index.js`); a
      // greedy prefix makes the innermost node_modules/ name the package.
      const match = /^(?:\.\/)?((?:.*\/)?node_modules\/((?:@[^/]+\/)?[^/ ]+))\//.exec(m.name ?? '')
      if (match) found.set(match[1], { name: match[2], dir: match[1] })
      visit(m.modules)
    }
  }
  visit(stats.modules)
  return [...found.values()].sort(
    (a, b) => a.name.localeCompare(b.name) || a.dir.localeCompare(b.dir),
  )
}

/** One licences.txt entry: name, licence type, licence text. */
export function licenceEntry(root: string, pkg: BundledPackage): string {
  const dir = join(root, pkg.dir)
  const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as {
    version?: string
    license?: string
    repository?: string | { url?: string }
  }
  const file = readdirSync(dir).find((f) => /^(licen[cs]e|copying)(\.|-|$)/i.test(f))
  const repo =
    typeof manifest.repository === 'string' ? manifest.repository : manifest.repository?.url
  const text = file
    ? readFileSync(join(dir, file), 'utf8').trim()
    : `The package ships no licence file${manifest.license ? '' : ' and names no licence'}` +
      `${repo ? `; its source: ${repo}` : ''}.`
  return `${pkg.name}@${manifest.version ?? '?'}\n${manifest.license ?? 'UNKNOWN'}\n${text}`
}

/**
 * Packages `licenses.txt` does not credit. An entry is `name@version` on its own line after a
 * blank line (or at the start), then its licence type, then the licence text.
 */
export function missingLicences(packages: string[], licenses: string): string[] {
  const text = `\n\n${licenses.replace(/\r\n/g, '\n')}`
  return packages.filter((name) => {
    const start = text.indexOf(`\n\n${name}@`)
    if (start < 0) return true
    const [type, ...body] = text
      .slice(start + 2)
      .split('\n')
      .slice(1, 4)
    return !type?.trim() || !body.some((line) => line.trim())
  })
}

/** Writes licenses.txt and bundled-packages.txt into outDir; returns the packages not credited. */
export function writeLicences(statsFile: string, outDir: string, root: string): string[] {
  const packages = packagesInStats(JSON.parse(readFileSync(statsFile, 'utf8')))
  rmSync(statsFile)
  const entries = [...new Set(packages.map((p) => licenceEntry(root, p)))]
  const licenses = `${entries.join('\n\n')}\n`
  writeFileSync(join(outDir, 'licenses.txt'), licenses)
  const names = [...new Set(packages.map((p) => p.name))]
  writeFileSync(join(outDir, 'bundled-packages.txt'), `${names.join('\n')}\n`)
  return missingLicences(names, licenses)
}
