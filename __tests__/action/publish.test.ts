import { afterEach, beforeAll, beforeEach, describe, expect, it } from '@jest/globals'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseOutputs } from '../../__fixtures__/action-runner.js'
import { captureStdout } from '../../__fixtures__/capture-stdout.js'
import { CoreLogger } from '../../src/action/core-logger.js'
import { publish } from '../../src/action/publish-helper.js'
import { parseJson } from '../../src/databricks/json.js'
import type { ReportJson } from '../../src/report-json.js'
import { countOutcomes } from '../../src/engine/report-builder.js'
import type { ItemOutcome, ItemReport, Report } from '../../src/report.js'

// publish() with the real @actions/core writing to temp GITHUB_OUTPUT / GITHUB_STEP_SUMMARY files.
const saved = { ...process.env }
let dir: string

// core.summary remembers the summary file path after its first write, so the files stay put and
// are emptied between tests.
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'publish-'))
})

beforeEach(() => {
  for (const name of ['GITHUB_OUTPUT', 'GITHUB_STEP_SUMMARY']) {
    process.env[name] = join(dir, name)
    writeFileSync(process.env[name]!, '')
  }
  process.env.RUNNER_TEMP = dir
  process.env.GITHUB_REPOSITORY = 'acme/platform'
  delete process.env.GITHUB_SERVER_URL
})
afterEach(() => {
  process.env = { ...saved }
})

function report(mode: Report['mode'], items: ItemReport[]): Report {
  const counts = countOutcomes(items)
  return {
    mode,
    dryRun: false,
    workspaceId: '9007199254740993',
    workspaceUrl: 'https://adb-9007199254740993.3.azuredatabricks.net',
    caller: { id: '1', userName: 'ci@example.com' },
    startedAt: '2026-11-26T10:00:00.000Z',
    finishedAt: '2026-11-26T10:01:00.000Z',
    snapshot: {
      ref: '1234',
      name: 'databricks-halt-snapshot-ws9007199254740993-run77-attempt1',
      workspaceId: '9007199254740993',
      createdAt: '',
      restored: false,
    },
    items,
    warnings: ['vector_search_endpoints vs <b>1</b> cannot be stopped'],
    counts,
    exitCode: items.some((i) => ['failed', 'conflict'].includes(i.outcome)) ? 1 : 0,
  }
}

const item = (
  kind: ItemReport['kind'],
  name: string,
  outcome: ItemOutcome,
  detail?: string,
): ItemReport => ({ kind, id: `${name}-id`, name, outcome, detail })

describe('outputs, annotations and job summary', () => {
  it('sets every output, writes the JSON report and a summary with the snapshot link and kept principals', async () => {
    const items = [
      item('jobs', 'nightly', 'changed', 'schedule UNPAUSED → PAUSED'),
      item('jobs', 'hourly', 'failed'),
      item('permission_assignments', 'ops@example.com', 'kept', 'kept principal'),
      item('clusters', '<img src=x onerror=alert(1)>', 'changed'),
    ]
    const r = report('stop', items)
    const { out } = await captureStdout(() =>
      publish(r, { store: undefined as never, runIdOf: () => '77' }, new CoreLogger()),
    )

    const outputs = parseOutputs(readFileSync(process.env.GITHUB_OUTPUT!, 'utf8'))
    expect(outputs).toMatchObject({
      'snapshot-artifact-id': '1234',
      'snapshot-artifact-name': r.snapshot!.name,
      'snapshot-run-id': '77',
      'snapshot-artifact-url': 'https://github.com/acme/platform/actions/runs/77/artifacts/1234',
      changed: '2',
      failed: '1',
      conflicts: '0',
      active: '0',
    })
    const written = parseJson(readFileSync(outputs.report, 'utf8')) as ReportJson
    expect(written.schema_version).toBe(1)
    expect(written.workspace_id).toBe('9007199254740993')
    expect(written.snapshot_artifact).toEqual({
      ref: '1234',
      name: r.snapshot!.name,
      run_id: '77',
      run_url: 'https://github.com/acme/platform/actions/runs/77',
      url: 'https://github.com/acme/platform/actions/runs/77/artifacts/1234',
    })

    const summary = readFileSync(process.env.GITHUB_STEP_SUMMARY!, 'utf8')
    expect(summary).toContain('<h2>databricks-halt stop: needs attention</h2>')
    expect(summary).toContain('<a href="https://github.com/acme/platform/actions/runs/77">')
    expect(summary).toContain('<li>ops@example.com (ops@example.com-id): kept principal</li>')
    expect(summary).toContain('<td>jobs</td><td>2</td>')
    expect(summary).toContain('<code>restore-from: 77</code>')
    expect(summary).toContain('&lt;img src=x onerror=alert(1)&gt;')
    expect(summary).not.toContain('<img')
    expect(summary).toContain('vs &lt;b&gt;1&lt;/b&gt;')
    expect(out).toContain('stop: 2 changed, 1 failed')
  })

  it('annotates conflicts and items deleted during the halt, capped, and notes compute left off', async () => {
    const conflicts = Array.from({ length: 16 }, (_, i) =>
      item('jobs', `job-${i}`, 'conflict', 'schedule changed by hand'),
    )
    const r = report('restore', [
      ...conflicts,
      item('instance_pools', 'pool-a', 'gone'),
      item('clusters', 'c1', 'left_off'),
    ])
    const { out } = await captureStdout(() =>
      publish(r, { store: undefined as never, runIdOf: () => '77' }, new CoreLogger()),
    )

    const warnings = out.split('\n').filter((l) => l.startsWith('::warning'))
    const conflictsShown = warnings.filter((l) => l.includes('Changed by hand during the halt'))
    expect(conflictsShown).toHaveLength(11)
    expect(conflictsShown.at(-1)).toBe(
      '::warning title=Changed by hand during the halt%3A left as it is::… and 6 more — see the job summary.',
    )
    // The held-back ones are still in the log, as plain lines.
    expect(out).toContain(
      'warning (Changed by hand during the halt: left as it is): jobs job-15 (job-15-id)',
    )
    expect(out).toContain(
      '::warning title=Deleted during the halt::instance_pools pool-a (pool-a-id)',
    )
    const summary = readFileSync(process.env.GITHUB_STEP_SUMMARY!, 'utf8')
    expect(summary).toContain('<h3>Did not converge or needs attention</h3>')
    expect(summary).toContain('<details><summary>17 items</summary>')
    expect(summary).toContain('restart-compute: true')
  })

  it('caps the engine annotations at 10 per kind of message, each kind with one "and N more"', async () => {
    const logger = new CoreLogger()
    const { out } = await captureStdout(async () => {
      for (let i = 0; i < 25; i++) logger.error(`jobs job-${i} (${i}): 500 INTERNAL_ERROR`)
      for (let i = 0; i < 3; i++) logger.warning(`pool-${i} kept`, 'Kept')
      for (let i = 0; i < 12; i++) logger.warning(`endpoint-${i} is running`, 'Cannot be stopped')
      logger.flush()
    })
    const lines = out.split('\n')
    const errors = lines.filter((l) => l.startsWith('::error'))
    expect(errors).toHaveLength(11)
    expect(errors.at(-1)).toBe('::error::… and 15 more — see the job summary.')
    expect(lines.filter((l) => l.startsWith('::warning title=Kept::'))).toHaveLength(3)
    const cannot = lines.filter((l) => l.startsWith('::warning title=Cannot be stopped::'))
    expect(cannot).toHaveLength(11)
    expect(cannot.at(-1)).toBe(
      '::warning title=Cannot be stopped::… and 2 more — see the job summary.',
    )
    // Nothing is lost: the held-back messages are in the log.
    expect(out).toContain('error: jobs job-24 (24): 500 INTERNAL_ERROR')
    expect(out).toContain('warning (Cannot be stopped): endpoint-11 is running')
  })
})
