import { describe, expect, it } from '@jest/globals'
import { reportHeader } from '../../src/engine/report-builder.js'
import type { Runtime } from '../../src/engine/runtime.js'

/** Just the parts of a runtime the header reads. */
const runtime = (accountId?: string) =>
  ({
    settings: { dryRun: true },
    workspaceId: '77',
    workspaceUrl: 'https://adb-77.7.azuredatabricks.net',
    ...(accountId === undefined ? {} : { accountId }),
    caller: { id: '1', userName: 'admin@example.com' },
  }) as unknown as Runtime

describe('reportHeader', () => {
  it('names what ran, where, as whom and since when; the account only when there is one', () => {
    const at = '2026-12-07T11:00:00.000Z'
    const base = {
      mode: 'stop',
      dryRun: true,
      workspaceId: '77',
      workspaceUrl: 'https://adb-77.7.azuredatabricks.net',
      caller: { id: '1', userName: 'admin@example.com' },
      startedAt: at,
    }
    expect(reportHeader(runtime('acc-1'), 'stop', at)).toEqual({ ...base, accountId: 'acc-1' })
    expect(reportHeader(runtime(), 'stop', at)).toEqual(base)
    expect(reportHeader(runtime(''), 'stop', at)).toEqual(base)
  })
})
