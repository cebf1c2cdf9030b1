import { optionName, type Face } from '../wording.js'
import { UsageError } from '../errors.js'
import type { AssignmentState } from '../resources/permission-assignments.js'
import type { Observed } from '../resources/resource.js'
import { principalMatches } from './keep.js'

/**
 * Which principals a run keeps. A halt keeps what it kept: the open snapshot's keep list carries
 * over to a second stop and to `show`, so forgetting `--keep` on the second stop cannot remove the
 * group the first one kept. Given values are added; dropping an inherited one takes `--unkeep`.
 */
export interface KeepList {
  /** Values given now (--keep): each must match a principal, or the run is refused. */
  given: string[]
  /** Values from the open snapshot: one that no longer matches anybody is only warned about. */
  inherited: string[]
}

/** given ∪ inherited, de-duplicated case-insensitively (user names are), in first-seen order. */
export function keepValues(list: KeepList): string[] {
  const seen = new Set<string>()
  const out: string[] = []
  for (const value of [...list.inherited, ...list.given]) {
    const key = value.trim().toLowerCase()
    if (seen.has(key)) continue
    seen.add(key)
    out.push(value.trim())
  }
  return out
}

/**
 * Apply `--unkeep`: drop every value that names, or resolves only to, an unkept principal. An
 * `--unkeep` value that drops nothing is refused (a typo would silently keep someone).
 */
export function dropUnkept(
  values: readonly string[],
  unkeep: readonly string[],
  assignments: readonly Observed<AssignmentState>[] | undefined,
  face?: Face,
): string[] {
  if (unkeep.length === 0) return [...values]
  const principals = (assignments ?? []).flatMap((a) => (a.state ? [a.state.principal] : []))
  const dropped = new Set<string>()
  const unmatched: string[] = []
  for (const u of unkeep) {
    const byName = values.filter((v) => v.toLowerCase() === u.trim().toLowerCase())
    const byPrincipal = principals.filter((p) => principalMatches(p, u))
    for (const p of byPrincipal) dropped.add(p.principal_id)
    const resolvesToDropped = values.filter((v) => {
      const hits = principals.filter((p) => principalMatches(p, v))
      return hits.length > 0 && hits.every((p) => dropped.has(p.principal_id))
    })
    if (byName.length === 0 && resolvesToDropped.length === 0) unmatched.push(u)
  }
  if (unmatched.length > 0) {
    throw new UsageError(
      `${optionName(face, 'unkeep')} ${unmatched.map((u) => `"${u}"`).join(', ')} is not in the keep list ` +
        `(${values.length > 0 ? values.join(', ') : 'empty'}). Check the spelling; nothing was changed.`,
    )
  }
  const unkept = new Set(unkeep.map((u) => u.trim().toLowerCase()))
  return values.filter((v) => {
    if (unkept.has(v.toLowerCase())) return false
    const hits = principals.filter((p) => principalMatches(p, v))
    return hits.length === 0 || !hits.every((p) => dropped.has(p.principal_id))
  })
}
