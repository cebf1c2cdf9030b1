/**
 * `npm run mutation [-- --mutate 'src/snapshot/**\/*.ts']`: Stryker over the safety-critical code
 * (stryker.config.mjs), then one line for all mutated files together: `mutation score N%`.
 * The score is Stryker's: killed and timed-out mutants over all valid ones (survived and
 * uncovered included; mutants that do not compile do not count).
 */
import { spawnSync } from 'node:child_process'
import { readFileSync } from 'node:fs'

const REPORT = 'reports/mutation/mutation.json'

interface MutationReport {
  files: Record<string, { mutants: { status: string }[] }>
}

const stryker = spawnSync(
  process.execPath,
  ['node_modules/@stryker-mutator/core/bin/stryker.js', 'run', ...process.argv.slice(2)],
  { stdio: 'inherit' },
)
if (stryker.status !== 0) process.exit(stryker.status ?? 1)

const report = JSON.parse(readFileSync(REPORT, 'utf8')) as MutationReport
const count: Record<string, number> = {}
for (const file of Object.values(report.files))
  for (const m of file.mutants) count[m.status] = (count[m.status] ?? 0) + 1
const detected = (count.Killed ?? 0) + (count.Timeout ?? 0)
const valid = detected + (count.Survived ?? 0) + (count.NoCoverage ?? 0)
const files = Object.keys(report.files).length
console.log(
  `${files} files, ${valid} mutants: ${detected} killed or timed out, ${count.Survived ?? 0} ` +
    `survived, ${count.NoCoverage ?? 0} not covered (report: reports/mutation/mutation.html)`,
)
console.log(`mutation score ${valid ? Math.floor((1000 * detected) / valid) / 10 : 0}%`)
