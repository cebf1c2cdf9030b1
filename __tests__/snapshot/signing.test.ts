import { describe, expect, it } from '@jest/globals'
import { createHash, createHmac } from 'node:crypto'
import { parseJson } from '../../src/databricks/json.js'
import { SafetyError, UsageError } from '../../src/errors.js'
import { decodeSnapshot, encodeSnapshot } from '../../src/snapshot/codec.js'
import type { SnapshotContent } from '../../src/snapshot/schema.js'
import {
  MIN_KEY_LENGTH,
  SNAPSHOT_KEY_ENV,
  SigningKeys,
  UNAUTHENTICATED_WARNING,
  canonicalJson,
  canonicalize,
  checksumOf,
  unauthenticatedWarning,
} from '../../src/snapshot/signing.js'

const KEY_A = 'a'.repeat(16) + 'A-random-enough-key-1'
const KEY_B = 'b'.repeat(16) + 'B-random-enough-key-2'
const keys = (text: string) => SigningKeys.parse(text, 'test')!

function content(): SnapshotContent {
  return {
    schema_version: 1,
    tool: 'databricks-halt',
    tool_version: '0.1.0',
    workspace_id: '1234567890123456789',
    workspace_url: 'https://adb-1.1.azuredatabricks.net',
    created_at: '2026-11-26T09:52:00.000Z',
    caller: { id: '42', user_name: 'ada@example.com' },
    kept_principals: [],
    merged_from: [],
    items: [],
  }
}

describe('signing keys', () => {
  it('parses comma and newline separated lists, blank means none, short keys refused', () => {
    expect(SigningKeys.parse(undefined, 'x')).toBeUndefined()
    expect(SigningKeys.parse(' \n ,', 'x')).toBeUndefined()
    expect(keys(`${KEY_A}, ${KEY_B}`).count).toBe(2)
    expect(keys(`${KEY_A}\n${KEY_B}\n`).count).toBe(2)
    expect(() => SigningKeys.parse(`${KEY_A},short`, 'SRC')).toThrow(UsageError)
    expect(() => SigningKeys.parse(`${KEY_A},short`, 'SRC')).toThrow(/SRC: key 2 of 2 is shorter/)
  })

  it('signs with the first key and verifies with any (rotation)', () => {
    const value = { b: 1, a: [{ y: 2, x: '9007199254740993123' }] }
    const old = keys(KEY_A).sign(value)
    expect(old).toMatch(/^hmac-sha256:[0-9a-f]{64}$/)
    // Key order and whitespace do not matter: the canonical JSON is signed.
    expect(keys(KEY_A).sign({ a: [{ x: '9007199254740993123', y: 2 }], b: 1 })).toBe(old)
    const rotated = keys(`${KEY_B},${KEY_A}`)
    expect(rotated.verify(value, old)).toEqual({ ok: true, keyIndex: 1 })
    expect(rotated.sign(value)).toBe(keys(KEY_B).sign(value))
    expect(keys(KEY_B).verify(value, old)).toEqual({
      ok: false,
      reason: 'signed with another key, or edited after signing',
    })
    expect(keys(KEY_A).verify({ ...value, b: 2 }, old).ok).toBe(false)
    expect(keys(KEY_A).verify(value, undefined)).toEqual({ ok: false, reason: 'unsigned' })
    expect(keys(KEY_A).verify(value, 'sha256:00')).toEqual({
      ok: false,
      reason: 'malformed signature',
    })
  })

  it('require throws a SafetyError naming the file and the reason', () => {
    expect(() => keys(KEY_A).require({}, undefined, 'Plan p.json')).toThrow(SafetyError)
    expect(() => keys(KEY_A).require({}, undefined, 'Plan p.json')).toThrow(
      /^Plan p\.json is not authenticated \(unsigned\)/,
    )
    expect(() => keys(KEY_A).require({}, keys(KEY_A).sign({}), 'x')).not.toThrow()
  })

  it('canonical JSON sorts keys and drops undefined', () => {
    expect(canonicalJson({ b: 1, a: undefined, c: { z: 1, y: 2 } })).toBe(
      '{"b":1,"c":{"y":2,"z":1}}',
    )
  })
})

describe('signing keys: edges', () => {
  it('takes a key of exactly the minimum length, trimmed, and refuses one character less', () => {
    const exact = 'x'.repeat(MIN_KEY_LENGTH)
    expect(MIN_KEY_LENGTH).toBe(32)
    const parsed = keys(`  ${exact}  ,\n${KEY_A}`)
    expect(parsed.secrets()).toEqual([exact, KEY_A])
    expect(parsed.sign({ a: 1 })).toBe(keys(exact).sign({ a: 1 }))
    expect(() => SigningKeys.parse(`${KEY_A}\n${exact.slice(1)}\n${KEY_B}`, 'SRC')).toThrow(
      'SRC: key 2 of 3 is shorter than 32 characters. Use a random key, e.g. the output of ' +
        '`openssl rand -base64 32`.',
    )
  })

  it('tells unsigned from malformed signatures', () => {
    const k = keys(KEY_A)
    const good = k.sign({ a: 1 })
    expect(k.verify({ a: 1 }, null)).toEqual({ ok: false, reason: 'unsigned' })
    for (const bad of [42, good.toUpperCase(), `${good}0`, good.slice(0, -1), ` ${good}`])
      expect(k.verify({ a: 1 }, bad)).toEqual({ ok: false, reason: 'malformed signature' })
    expect(k.verify({ a: 1 }, good)).toEqual({ ok: true, keyIndex: 0 })
  })

  it('canonicalizes inside arrays, keeps null and order of array items', () => {
    expect(canonicalJson([{ b: null, a: [3, 1] }, 'x', null])).toBe(
      '[{"a":[3,1],"b":null},"x",null]',
    )
    expect(checksumOf({ b: 1, a: 2 })).toBe(checksumOf({ a: 2, b: 1 }))
    expect(checksumOf({ a: 1 })).toMatch(/^sha256:[0-9a-f]{64}$/)
    expect(checksumOf({ a: 1 })).not.toBe(checksumOf({ a: 2 }))
  })
})

describe('signed snapshots', () => {
  it('round-trips with the key; an unsigned or re-signed snapshot is refused with exit 3', () => {
    const signed = encodeSnapshot(content(), keys(KEY_A))
    expect(decodeSnapshot(signed, 's.json', keys(`${KEY_B}\n${KEY_A}`)).signature).toMatch(
      /^hmac-sha256:/,
    )
    // A reader without a key still checks the checksum, which covers the signature.
    expect(decodeSnapshot(signed, 's.json').workspace_id).toBe('1234567890123456789')
    const unsigned = encodeSnapshot(content())
    expect(() => decodeSnapshot(unsigned, 'u.json', keys(KEY_A))).toThrow(SafetyError)
    expect(() => decodeSnapshot(unsigned, 'u.json', keys(KEY_A))).toThrow(
      /Snapshot u\.json is not authenticated \(unsigned\)/,
    )
    const forged = encodeSnapshot(content(), keys(KEY_B))
    expect(() => decodeSnapshot(forged, 'f.json', keys(KEY_A))).toThrow(
      /Snapshot f\.json is not authenticated \(signed with another key/,
    )
  })

  it('refuses an edit whose checksum was recomputed but which was not re-signed', () => {
    const signed = parseJson(encodeSnapshot(content(), keys(KEY_A))) as Record<string, unknown>
    const { checksum: _c, ...rest } = { ...signed, kept_principals: ['mallory'] } as Record<
      string,
      unknown
    >
    // Re-encode through the codec without a key: checksum recomputed, old signature kept.
    const edited = encodeSnapshot(rest as unknown as SnapshotContent)
    expect(() => decodeSnapshot(edited, 'e.json')).not.toThrow()
    expect(() => decodeSnapshot(edited, 'e.json', keys(KEY_A))).toThrow(
      /e\.json is not authenticated/,
    )
  })

  it('refuses a snapshot over the size cap before parsing it', () => {
    const huge = `${' '.repeat(50 * 1024 * 1024)}{}`
    expect(() => decodeSnapshot(huge, 'big.json')).toThrow(
      /Snapshot big\.json is 50\.0 MB, more than the 50 MB/,
    )
  })
})

describe('signing: exact results', () => {
  it('names the first key when it is the short one', () => {
    expect(() => SigningKeys.parse(`short-key\n${KEY_A}`, 'the input snapshot-key')).toThrow(
      'the input snapshot-key: key 1 of 2 is shorter than 32 characters. Use a random key, e.g. ' +
        'the output of `openssl rand -base64 32`.',
    )
    expect(() => SigningKeys.parse('x'.repeat(31), 'K')).toThrow(UsageError)
    expect(keys(`${KEY_A},,${KEY_B},`).secrets()).toEqual([KEY_A, KEY_B])
  })

  it('signs the canonical UTF-8 JSON with HMAC-SHA256 under the first key', () => {
    const value = { z: 'ü€', a: [1, { c: null, b: undefined }] }
    const canonical = '{"a":[1,{"c":null}],"z":"ü€"}'
    expect(canonicalJson(value)).toBe(canonical)
    const hmac = (key: string) =>
      'hmac-sha256:' +
      createHmac('sha256', key).update(Buffer.from(canonical, 'utf8')).digest('hex')
    expect(keys(`${KEY_B}\n${KEY_A}`).sign(value)).toBe(hmac(KEY_B))
    expect(keys(KEY_A).verify(value, hmac(KEY_A))).toEqual({ ok: true, keyIndex: 0 })
    expect(checksumOf(value)).toBe(
      `sha256:${createHash('sha256').update(Buffer.from(canonical, 'utf8')).digest('hex')}`,
    )
  })

  it('canonicalize drops undefined keys from the value itself, and leaves scalars alone', () => {
    const out = canonicalize({ b: 1, a: undefined, c: [{ y: undefined, x: 2 }] })
    expect(Object.keys(out as object)).toEqual(['b', 'c'])
    expect(Object.keys((out as { c: object[] }).c[0])).toEqual(['x'])
    expect(canonicalize(null)).toBeNull()
    expect(canonicalize('s')).toBe('s')
    expect(canonicalize(7)).toBe(7)
    expect(canonicalize([2, 1])).toEqual([2, 1])
  })

  it('calls a signature that only stringifies like one malformed', () => {
    const k = keys(KEY_A)
    const good = k.sign({ a: 1 })
    expect(k.verify({ a: 1 }, [good])).toEqual({ ok: false, reason: 'malformed signature' })
    expect(k.verify({ a: 1 }, { toString: () => good })).toEqual({
      ok: false,
      reason: 'malformed signature',
    })
    expect(k.verify({ a: 1 }, keys(KEY_B).sign({ a: 1 }))).toEqual({
      ok: false,
      reason: 'signed with another key, or edited after signing',
    })
  })

  it('require names the file, the reason and what to do, whole', () => {
    const k = keys(KEY_A)
    expect(() => k.require({ a: 1 }, keys(KEY_B).sign({ a: 1 }), 'Snapshot s.json')).toThrow(
      'Snapshot s.json is not authenticated (signed with another key, or edited after signing): ' +
        'refusing it. Nothing was changed. Only files signed with a key of ' +
        'DATABRICKS_HALT_SNAPSHOT_KEY / snapshot-key are trusted; if the key was rotated, list ' +
        'the old key after the new one.',
    )
    expect(() => k.require({ a: 1 }, 'nope', 'Plan p.json')).toThrow(
      /^Plan p\.json is not authenticated \(malformed signature\): refusing it\./,
    )
    expect(k.require({ a: 1 }, k.sign({ a: 1 }), 'x')).toBeUndefined()
  })

  it('the unauthenticated warning names the key as each face sets it', () => {
    const text = (key: string) =>
      `Snapshots are not authenticated: ${key} is not set, so a snapshot or marker anyone edited ` +
      'or planted would be accepted. Set a random key as a secret of the apply environment (see ' +
      'docs/adr/0008-snapshot-authentication.md).'
    expect(unauthenticatedWarning('action')).toBe(text('the input snapshot-key'))
    expect(unauthenticatedWarning('cli')).toBe(text('DATABRICKS_HALT_SNAPSHOT_KEY'))
    expect(unauthenticatedWarning()).toBe(text('DATABRICKS_HALT_SNAPSHOT_KEY'))
    expect(UNAUTHENTICATED_WARNING).toBe(text('DATABRICKS_HALT_SNAPSHOT_KEY'))
    expect(SNAPSHOT_KEY_ENV).toBe('DATABRICKS_HALT_SNAPSHOT_KEY')
  })
})
