import { createHash, createHmac, timingSafeEqual } from 'node:crypto'
import { stringifyJson } from '../databricks/json.js'
import { SafetyError, UsageError } from '../errors.js'

/**
 * Authentication of what databricks-halt reads back later (snapshots, restored markers, saved
 * plans): HMAC-SHA256 over the canonical JSON of the content, with a key only the approved job
 * holds (docs/adr/0008-snapshot-authentication.md). A checksum alone proves nothing: its algorithm
 * is public, so anyone who can write an artifact can recompute it.
 *
 * Keys come as one text, comma or newline separated, so a key can be rotated: the first key signs,
 * any key verifies.
 */

/** The CLI reads the keys from this variable; the Action from the `snapshot-key` input. */
export const SNAPSHOT_KEY_ENV = 'DATABRICKS_HALT_SNAPSHOT_KEY'

const PREFIX = 'hmac-sha256:'
const SIGNATURE = /^hmac-sha256:[0-9a-f]{64}$/
/** Short keys can be guessed offline from any signed file: ask for real randomness. */
export const MIN_KEY_LENGTH = 32

export class SigningKeys {
  private constructor(private readonly keys: readonly string[]) {}

  /**
   * Parse a key list. Undefined or blank → undefined (no authentication). `source` names where
   * the keys came from, for the error about a key that is too short (the key itself never shows).
   */
  static parse(text: string | undefined, source: string): SigningKeys | undefined {
    const keys = (text ?? '')
      .split(/[,\n]/)
      .map((k) => k.trim())
      .filter(Boolean)
    if (keys.length === 0) return undefined
    const short = keys.findIndex((k) => k.length < MIN_KEY_LENGTH)
    if (short >= 0) {
      throw new UsageError(
        `${source}: key ${short + 1} of ${keys.length} is shorter than ${MIN_KEY_LENGTH} ` +
          'characters. Use a random key, e.g. the output of `openssl rand -base64 32`.',
      )
    }
    return new SigningKeys(keys)
  }

  /** How many keys verify (the first one also signs). */
  get count(): number {
    return this.keys.length
  }

  /** The key texts, only so a face can mask them in its logs. */
  secrets(): readonly string[] {
    return this.keys
  }

  /** `hmac-sha256:<hex>` of the canonical JSON of `content`, with the first key. */
  sign(content: unknown): string {
    return signatureWith(this.keys[0], canonicalJson(content))
  }

  /** Whether `signature` is a signature of `content` under any of the keys. */
  verify(content: unknown, signature: unknown): Verdict {
    if (signature === undefined || signature === null) return { ok: false, reason: 'unsigned' }
    if (typeof signature !== 'string' || !SIGNATURE.test(signature))
      return { ok: false, reason: 'malformed signature' }
    const canonical = canonicalJson(content)
    const given = Buffer.from(signature)
    const index = this.keys.findIndex((key) => {
      const expected = Buffer.from(signatureWith(key, canonical))
      return expected.length === given.length && timingSafeEqual(expected, given)
    })
    if (index < 0) return { ok: false, reason: 'signed with another key, or edited after signing' }
    return { ok: true, keyIndex: index }
  }

  /**
   * verify, throwing a SafetyError (exit 3) that names `what` and the reason on failure. Nothing
   * must have been changed when this is called: callers check before their first write.
   */
  require(content: unknown, signature: unknown, what: string): void {
    const verdict = this.verify(content, signature)
    if (verdict.ok) return
    throw new SafetyError(
      `${what} is not authenticated (${verdict.reason}): refusing it. Nothing was changed. ` +
        `Only files signed with a key of ${SNAPSHOT_KEY_ENV} / snapshot-key are trusted; if the ` +
        'key was rotated, list the old key after the new one.',
    )
  }
}

export type Verdict = { ok: true; keyIndex: number } | { ok: false; reason: string }

function signatureWith(key: string, canonical: string): string {
  return PREFIX + createHmac('sha256', key).update(canonical, 'utf8').digest('hex')
}

/** Sorted keys at every level, undefined dropped, int64 ids exact: one text per value. */
export function canonicalize(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonicalize)
  if (value === null || typeof value !== 'object') return value
  const out: Record<string, unknown> = {}
  for (const key of Object.keys(value).sort()) {
    const v = (value as Record<string, unknown>)[key]
    if (v !== undefined) out[key] = canonicalize(v)
  }
  return out
}

export function canonicalJson(value: unknown): string {
  return stringifyJson(canonicalize(value))
}

/** The `checksum` of a snapshot or plan: sha256 of its canonical JSON (content, signature). */
export function checksumOf(content: unknown): string {
  return `sha256:${createHash('sha256').update(canonicalJson(content)).digest('hex')}`
}

/** The warning shown when no key is set, naming the key as the face sets it. */
export function unauthenticatedWarning(face?: 'cli' | 'action'): string {
  const key = face === 'action' ? 'the input snapshot-key' : SNAPSHOT_KEY_ENV
  return (
    `Snapshots are not authenticated: ${key} is not set, so a snapshot or marker anyone edited ` +
    'or planted would be accepted. Set a random key as a secret of the apply environment (see ' +
    'docs/adr/0008-snapshot-authentication.md).'
  )
}

/** The CLI's wording of it. */
export const UNAUTHENTICATED_WARNING = unauthenticatedWarning('cli')
