/**
 * `npm run emulator`: a seeded emulator in the foreground you can curl.
 * Options via env: EMULATOR_SCENARIO (small|large|empty|path.json), EMULATOR_SEED, EMULATOR_WORKSPACES,
 * EMULATOR_CLOCK_SPEED, EMULATOR_RATE_LIMITS (default|off).
 */
import { readFileSync } from 'node:fs'
import { parseJson } from '../src/databricks/json.js'
import { startEmulator } from './index.js'
import type { ScenarioJson } from './scenario/types.js'

function scenario(): 'small' | 'large' | 'empty' | ScenarioJson {
  const s = process.env.EMULATOR_SCENARIO ?? 'small'
  if (s === 'small' || s === 'large' || s === 'empty') return s
  return parseJson(readFileSync(s, 'utf8')) as ScenarioJson
}

const emu = await startEmulator({
  scenario: scenario(),
  seed: Number(process.env.EMULATOR_SEED ?? 1),
  workspaces: Number(process.env.EMULATOR_WORKSPACES ?? 1),
  clockSpeed: Number(process.env.EMULATOR_CLOCK_SPEED ?? 1),
  rateLimits: process.env.EMULATOR_RATE_LIMITS === 'off' ? 'off' : 'default',
})

const lines = [
  'Databricks emulator running (Ctrl-C to stop)',
  `account URL:   ${emu.accountUrl}   (account id ${emu.accountId})`,
  ...emu.workspaces.map((w, i) => `workspace ${i}:   ${w.url}   (workspace id ${w.workspaceId})`),
  `admin token:   ${emu.adminToken}`,
  '',
  'Try:',
  `  curl -H "Authorization: Bearer ${emu.adminToken}" ${emu.workspace.url}/api/2.0/preview/scim/v2/Me`,
  `  curl -H "Authorization: Bearer ${emu.adminToken}" "${emu.workspace.url}/api/2.2/jobs/list?limit=5"`,
  `  curl -H "Authorization: Bearer ${emu.adminToken}" ${emu.accountUrl}/api/2.0/accounts/${emu.accountId}/workspaces/${emu.workspace.workspaceId}/permissionassignments`,
  `  curl -X POST -d '{"ms":3600000}' ${emu.accountUrl}/__emulator/clock/advance`,
]
console.log(lines.join('\n'))

const stop = async () => {
  await emu.close()
  process.exit(0)
}
process.on('SIGINT', stop)
process.on('SIGTERM', stop)
