import { describe, expect, it } from '@jest/globals'
import { SafetyError, UsageError } from '../../src/errors.js'
import {
  MAX_MARKER_BYTES,
  MAX_SNAPSHOT_BYTES,
  SigningKeys,
  checkBinding,
  checkSize,
  decodeMarker,
  decodeSnapshot,
  encodeMarker,
  encodeSnapshot,
} from '../../src/snapshot/codec.js'
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

  it('refuses to write a snapshot it could not read back', () => {
    const bad = { ...content(), workspace_id: 'not-a-number' }
    expect(() => encodeSnapshot(bad)).toThrow(/workspace_id/)
  })

  it('refuses a one-digit edit as corrupt', () => {
    const text = encodeSnapshot(content())
    const edited = text.replace(`"principal_id": ${BIG}`, `"principal_id": ${BIG.slice(0, -1)}4`)
    expect(edited).not.toBe(text)
    expect(() => decodeSnapshot(edited, 'edited.json')).toThrow(UsageError)
    expect(() => decodeSnapshot(edited, 'edited.json')).toThrow(
      'Snapshot edited.json is corrupt: its checksum does not match its content (edited or ' +
        'damaged). Nothing was changed. Use an intact copy of the snapshot.',
    )
  })

  it('refuses truncated and non-JSON text with a clear message', () => {
    const text = encodeSnapshot(content())
    expect(() => decodeSnapshot(text.slice(0, text.length / 2), 't.json')).toThrow(
      /^Snapshot t\.json is not valid JSON \(truncated or damaged\?\): .+\. Use an intact copy of the snapshot; nothing was changed\.$/,
    )
    expect(() => decodeSnapshot('[]', 'a.json')).toThrow(UsageError)
  })

  it('refuses a schema violation and a newer schema version', () => {
    const text = encodeSnapshot(content())
    expect(() =>
      decodeSnapshot(text.replace('"schema_version": 1', '"schema_version": 9'), 'v.json'),
    ).toThrow(
      'Snapshot v.json has schema version 9; this databricks-halt reads version 1. Restore it ' +
        'with the version of databricks-halt that wrote it.',
    )
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

describe('snapshot codec: what is not a snapshot', () => {
  it('names a JSON value that is not an object, whatever it is', () => {
    for (const text of ['null', '[]', '[{"schema_version": 1}]', '7', '"snapshot"'])
      expect(() => decodeSnapshot(text, 'odd.json')).toThrow(
        'Snapshot odd.json is not a databricks-halt snapshot (not a JSON object).',
      )
  })

  it('lists at most five schema faults, each with its path', () => {
    let message = ''
    try {
      decodeSnapshot('{}', 'empty.json')
    } catch (e) {
      message = (e as Error).message
    }
    expect(message).toMatch(
      /^Snapshot empty\.json does not match the snapshot schema: schema_version: /,
    )
    expect(message.split('; ')).toHaveLength(5)
    expect(message).toMatch(/\.$/)
  })

  it('reads a snapshot exactly at the size cap and refuses one byte more', () => {
    expect(() => checkSize(MAX_SNAPSHOT_BYTES, 'edge.json')).not.toThrow()
    expect(() => checkSize(MAX_SNAPSHOT_BYTES + 1, 'edge.json')).toThrow(UsageError)
    expect(() => checkSize(MAX_SNAPSHOT_BYTES + 1, 'edge.json')).toThrow(
      'Snapshot edge.json is 50.0 MB, more than the 50 MB a databricks-halt snapshot can be: ' +
        'not reading it. Nothing was changed.',
    )
  })

  it('refuses a snapshot on another workspace naming both workspaces', () => {
    const snap = decodeSnapshot(encodeSnapshot(content()), 's.json')
    expect(() => checkBinding(snap, '77', 's.json')).toThrow(
      'Snapshot s.json belongs to workspace 1234567890123456789, not 77. Refusing to apply it ' +
        'here; nothing was changed. Pick a snapshot of this workspace.',
    )
  })
})

describe('restored markers', () => {
  const KEY = 'k'.repeat(16) + 'a-random-enough-marker-key'
  const keys = SigningKeys.parse(KEY, 'test')!
  const snapshot = { workspace_id: '1234567890123456789', checksum: `sha256:${'ab'.repeat(32)}` }
  const at = '2026-11-27T10:00:00.000Z'

  it('round-trips every field, unsigned and signed', () => {
    const plain = decodeMarker(encodeMarker(snapshot, 'snap.json', at), 'm')
    expect(plain).toEqual({
      tool: 'databricks-halt',
      marker: 'restored',
      workspace_id: snapshot.workspace_id,
      snapshot: 'snap.json',
      snapshot_checksum: snapshot.checksum,
      restored_at: at,
    })
    const signed = decodeMarker(encodeMarker(snapshot, 'snap.json', at, keys), 'm', keys)
    expect(signed.signature).toMatch(/^hmac-sha256:[0-9a-f]{64}$/)
    expect(signed).toMatchObject(plain)
  })

  it('with keys, refuses an unsigned or edited marker (a forged one must not close a snapshot)', () => {
    const unsigned = encodeMarker(snapshot, 'snap.json', at)
    expect(() => decodeMarker(unsigned, 'forged', keys)).toThrow(SafetyError)
    expect(() => decodeMarker(unsigned, 'forged', keys)).toThrow(
      /^Marker forged is not authenticated \(unsigned\)/,
    )
    const edited = encodeMarker(snapshot, 'snap.json', at, keys).replace(
      snapshot.checksum,
      `sha256:${'cd'.repeat(32)}`,
    )
    expect(() => decodeMarker(edited, 'edited', keys)).toThrow(SafetyError)
  })

  it('refuses junk with a UsageError naming the marker', () => {
    expect(() => decodeMarker(' '.repeat(MAX_MARKER_BYTES + 1), 'big')).toThrow(
      'Marker big is too large.',
    )
    expect(() => decodeMarker(' '.repeat(MAX_MARKER_BYTES - 2) + '{}', 'edge')).toThrow(
      'Marker edge is not a databricks-halt marker.',
    )
    expect(() => decodeMarker('{"tool":', 'cut')).toThrow(/^Marker cut is not valid JSON: .+\.$/)
    const good = JSON.parse(encodeMarker(snapshot, 'snap.json', at)) as Record<string, unknown>
    for (const [field, value] of [
      ['tool', 'other-tool'],
      ['marker', 'stopped'],
      ['workspace_id', 'ws-1'],
      ['snapshot', 7],
      ['snapshot_checksum', 'sha256:AB'],
      ['restored_at', 'yesterday'],
    ] as const) {
      const bad = JSON.stringify({ ...good, [field]: value })
      expect(() => decodeMarker(bad, 'bad')).toThrow(UsageError)
      expect(() => decodeMarker(bad, 'bad')).toThrow('Marker bad is not a databricks-halt marker.')
    }
  })
})
