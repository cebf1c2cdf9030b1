import { describe, expect, it } from '@jest/globals'
import { SafetyError, UsageError } from '../../src/errors.js'
import { checkBinding, decodeSnapshot, encodeSnapshot } from '../../src/snapshot/codec.js'
import type { SnapshotContent } from '../../src/snapshot/schema.js'

const BIG = '9007199254740993123' // far above 2^53: JSON.parse would round it

function content(): SnapshotContent {
  return {
    schema_version: 1,
    tool: 'databricks-halt',
    tool_version: '0.1.0',
    workspace_id: '1234567890123456789',
    workspace_url: 'https://adb-1234567890123456789.1.azuredatabricks.net',
    account_id: 'acc-1',
    created_at: '2026-11-26T09:52:00.000Z',
    caller: { id: '42', user_name: 'ada@example.com' },
    kept_principals: [],
    merged_from: [],
    items: [
      {
        kind: 'permission_assignments',
        id: BIG,
        name: 'bob@example.com',
        before: {
          principal: { principal_id: BIG, user_name: 'bob@example.com' },
          permissions: ['USER'],
        },
        after: null,
        recorded_at: '2026-11-26T09:52:00.000Z',
      },
    ],
  }
}

describe('snapshot codec', () => {
  it('round-trips with int64 ids exact, written as JSON numbers', () => {
    const text = encodeSnapshot(content())
    expect(text).toContain(`"principal_id": ${BIG}`)
    expect(text).toContain(`"workspace_id": 1234567890123456789`)
    const back = decodeSnapshot(text, 'x')
    expect(back.workspace_id).toBe('1234567890123456789')
    expect(
      (back.items[0].before as { principal: { principal_id: string } }).principal.principal_id,
    ).toBe(BIG)
    expect(back.items[0].id).toBe(BIG)
  })

  it('refuses a one-digit edit as corrupt', () => {
    const text = encodeSnapshot(content())
    const edited = text.replace(`"principal_id": ${BIG}`, `"principal_id": ${BIG.slice(0, -1)}4`)
    expect(edited).not.toBe(text)
    expect(() => decodeSnapshot(edited, 'edited.json')).toThrow(UsageError)
    expect(() => decodeSnapshot(edited, 'edited.json')).toThrow(/corrupt.*checksum/)
  })

  it('refuses truncated and non-JSON text with a clear message', () => {
    const text = encodeSnapshot(content())
    expect(() => decodeSnapshot(text.slice(0, text.length / 2), 't.json')).toThrow(
      /t\.json is not valid JSON \(truncated or damaged\?\)/,
    )
    expect(() => decodeSnapshot('[]', 'a.json')).toThrow(UsageError)
  })

  it('refuses a schema violation and a newer schema version', () => {
    const text = encodeSnapshot(content())
    expect(() =>
      decodeSnapshot(text.replace('"schema_version": 1', '"schema_version": 9'), 'v.json'),
    ).toThrow(/schema version 9/)
    expect(() =>
      decodeSnapshot(text.replace('"kind": "permission_assignments"', '"kind": "x"'), 'k.json'),
    ).toThrow(/items\.0\.kind/)
  })

  it('binds a snapshot to its workspace', () => {
    const snap = decodeSnapshot(encodeSnapshot(content()), 's.json')
    expect(() => checkBinding(snap, '1234567890123456789', 's.json')).not.toThrow()
    expect(() => checkBinding(snap, '1234567890123456788', 's.json')).toThrow(SafetyError)
  })
})
