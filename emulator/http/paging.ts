/**
 * Cursor pagination: items are ordered by a string key and a page token names the last key
 * served, so inserts and deletes between pages never cause loss or duplicates of stable items.
 */
import { invalidParam } from './errors.js'
import type { Ctx, Obj } from './router.js'

function encodeToken(key: string): string {
  return Buffer.from(`k:${key}`, 'utf8').toString('base64url')
}

function decodeToken(token: string): string {
  const text = Buffer.from(token, 'base64url').toString('utf8')
  if (!text.startsWith('k:')) throw invalidParam(`Invalid page_token: ${token}`)
  return text.slice(2)
}

/** Zero-padded decimal so numeric ids sort as strings. */
export function numKey(id: string | number | bigint): string {
  return String(id).padStart(24, '0')
}

export interface Page<T> {
  items: T[]
  next?: string
}

export function cursorPage<T>(
  all: Iterable<T>,
  key: (item: T) => string,
  size: number,
  token: string | null | undefined,
): Page<T> {
  const sorted = [...all].map((item) => ({ item, k: key(item) }))
  sorted.sort((a, b) => (a.k < b.k ? -1 : a.k > b.k ? 1 : 0))
  let start = 0
  if (token) {
    const after = decodeToken(token)
    start = lowerBound(sorted, after)
  }
  const slice = sorted.slice(start, start + size)
  const page: Page<T> = { items: slice.map((s) => s.item) }
  if (start + size < sorted.length && slice.length)
    page.next = encodeToken(slice[slice.length - 1].k)
  return page
}

/** Index of the first entry whose key is strictly greater than `after`. */
function lowerBound(sorted: { k: string }[], after: string): number {
  let lo = 0
  let hi = sorted.length
  while (lo < hi) {
    const mid = (lo + hi) >> 1
    if (sorted[mid].k <= after) lo = mid + 1
    else hi = mid
  }
  return lo
}

/** Parse an integer query parameter; undefined when absent. */
export function intParam(query: URLSearchParams, name: string): number | undefined {
  const raw = query.get(name)
  if (raw === null || raw === '') return undefined
  const n = Number(raw)
  if (!Number.isInteger(n) || n < 0) throw invalidParam(`Invalid value for ${name}: ${raw}`)
  return n
}

/**
 * The newer list APIs: `page_size` (default `defaultSize`, at most 1000) and `page_token` in,
 * `{[field]: copies of the items}` and `next_page_token` (absent on the last page) out.
 */
export function tokenList(
  ctx: Ctx,
  items: Iterable<Obj>,
  key: (item: Obj) => string,
  field: string,
  defaultSize: number,
): Obj {
  const size = Math.min(intParam(ctx.query, 'page_size') || defaultSize, 1000)
  const page = cursorPage(items, key, size, ctx.query.get('page_token'))
  const out: Obj = { [field]: page.items.map((x) => structuredClone(x)) }
  if (page.next) out.next_page_token = page.next
  return out
}
