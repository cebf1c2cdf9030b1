import { describe, expect, test } from '@jest/globals'
import { renderReport } from '../../src/cli/report-text.js'
import { StderrLogger } from '../../src/cli/stderr-logger.js'
import { exitCodeForError, exitCodeForReport } from '../../src/cli/exit-codes.js'
import { SafetyError, UsageError } from '../../src/errors.js'
import { countOutcomes } from '../../src/engine/report-builder.js'
import type { ItemReport, Report } from '../../src/report.js'

const BIG_ID = '9007199254740993' // 2^53 + 1: a double would print ...992

function report(mode: Report['mode'], items: ItemReport[], extra: Partial<Report> = {}): Report {
  return {
    mode,
    dryRun: false,
    workspaceId: '1234567890123456',
    workspaceUrl: 'https://adb-1234567890123456.7.azuredatabricks.net',
    caller: { id: BIG_ID, userName: 'admin@example.com' },
    startedAt: '2026-11-26T10:00:00.000Z',
    finishedAt: '2026-11-26T10:00:02.500Z',
    items,
    warnings: [],
    counts: countOutcomes(items),
    exitCode: 0,
    ...extra,
  }
}

describe('text report', () => {
  test('show prints one table per kind, in the safe order, ids exact', () => {
    const text = renderReport(
      report('show', [
        { kind: 'clusters', id: '0101-abc', name: 'etl', outcome: 'active', detail: 'RUNNING' },
        {
          kind: 'jobs',
          id: BIG_ID,
          name: 'nightly',
          outcome: 'active',
          detail: 'schedule UNPAUSED',
        },
        { kind: 'permission_assignments', id: '42', name: 'data-team', outcome: 'kept' },
        { kind: 'serving_endpoints', id: 'e1', name: 'llm', outcome: 'report_only' },
      ]),
    )
    const titles = [...text.matchAll(/^(\S.*) \(\d+\)(.*)$/gm)].map((m) => m[1] + m[2])
    expect(titles).toEqual([
      'Permission assignments',
      'Jobs',
      'Clusters',
      'Serving endpoints · cannot be stopped through the API',
    ])
    expect(text).toMatch(new RegExp(`${BIG_ID}\\s+nightly\\s+active\\s+schedule UNPAUSED`))
    expect(text).toContain('caller admin@example.com')
    expect(text).toMatch(/Summary: .*2 active.* in 2\.5 s\./)
  })

  test('stop hides rows that only repeat the counts and prints the snapshot path', () => {
    const text = renderReport(
      report(
        'stop',
        [
          { kind: 'jobs', id: '1', name: 'a', outcome: 'changed', detail: 'schedule → PAUSED' },
          { kind: 'jobs', id: '2', name: 'b', outcome: 'already_halted' },
          { kind: 'clusters', id: 'c', name: 'c', outcome: 'failed', error: '500 INTERNAL_ERROR' },
        ],
        {
          snapshot: {
            ref: '/tmp/x/2026-snapshot.json',
            name: '2026-snapshot.json',
            workspaceId: '1',
            createdAt: '2026-11-26T10:00:00.000Z',
            restored: false,
          },
          warnings: ['group-only access for bob'],
          census: { jobs: { before: 1, after: 0 }, clusters: { before: 1, after: 1 } },
        },
      ),
    )
    expect(text).toMatch(
      /Active before → after:\n\s+KIND\s+ACTIVE\n\s+Jobs\s+1 → 0\n\s+Clusters\s+1 → 1/,
    )
    expect(text).toContain('Jobs (1)')
    expect(text).not.toMatch(/^\s+2\s+b\s/m)
    expect(text).toContain('error: 500 INTERNAL_ERROR')
    expect(text).toContain('1 already halted')
    expect(text).toContain('Snapshot: /tmp/x/2026-snapshot.json')
    expect(text).toContain('  - group-only access for bob')
  })

  test('show --active with nothing left says so', () => {
    expect(renderReport(report('show', []), { active: true })).toContain(
      'Nothing is active beyond the kept set.',
    )
  })
})

describe('exit codes', () => {
  test("the report's own verdict (the engine folds --fail-if-active into it) and refusals", () => {
    const active = report('show', [{ kind: 'jobs', id: '1', name: 'a', outcome: 'active' }])
    expect(exitCodeForReport(active)).toBe(0)
    expect(exitCodeForReport({ ...active, exitCode: 1 })).toBe(1)
    expect(exitCodeForError(new UsageError('x'))).toBe(2)
    expect(exitCodeForError(new SafetyError('x'))).toBe(3)
    expect(exitCodeForError(new Error('x'))).toBe(1)
  })
})

describe('stderr logger', () => {
  test('masks registered secrets on every line', async () => {
    const lines: string[] = []
    const logger = new StderrLogger((t) => lines.push(t))
    logger.addSecret('dapi-0123456789abcdef')
    logger.info('Authorization: Bearer dapi-0123456789abcdef')
    await logger.group('stop', async () => logger.warning('token dapi-0123456789abcdef leaked?'))
    logger.debug('hidden without debug')
    expect(lines.join('')).not.toContain('dapi-0123456789abcdef')
    expect(lines).toEqual([
      'Authorization: Bearer ***\n',
      '== stop\n',
      'warning: token *** leaked?\n',
    ])
  })
})
