/**
 * The JSON report is printed an item at a time (reportJsonChunks) so a large workspace's report is
 * never one string; the text must be exactly the one-piece serialisation, for real reports.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals'
import { stringifyJson } from '../../src/databricks/json.js'
import type { Report } from '../../src/report.js'
import { reportJsonChunks, stringifyReport, toJsonReport } from '../../src/report-json.js'
import { startHarness, type Harness } from '../engine/harness.js'

let h: Harness
const reports: Record<string, Report> = {}

beforeAll(async () => {
  h = await startHarness()
  reports.show = await h.run('show')
  reports.stop = await h.run('stop')
  reports.restore = await h.run('restore')
}, 60_000)

afterAll(async () => {
  await h.close()
})

describe('reportJsonChunks', () => {
  test.each(['show', 'stop', 'restore'])(
    '%s: the chunks are the whole report, byte for byte',
    (mode) => {
      const report = reports[mode]
      expect(report.items.length).toBeGreaterThan(1)
      const whole = `${stringifyJson(toJsonReport(report), 2)}\n`
      const chunks = [...reportJsonChunks(report)]
      expect(chunks.length).toBe(report.items.length + 2)
      expect(chunks.join('')).toBe(whole)
      expect(stringifyReport(report)).toBe(whole)
    },
  )

  test('a report without items too', () => {
    const empty = { ...reports.stop, items: [] }
    expect([...reportJsonChunks(empty)].join('')).toBe(`${stringifyJson(toJsonReport(empty), 2)}\n`)
  })
})
