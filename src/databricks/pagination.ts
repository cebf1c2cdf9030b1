import type { CallOptions, DatabricksClient } from './client.js'
import type { QueryParams } from './query.js'

/**
 * Async generators for the four list styles of the API. Pages are fetched one after another (a
 * page token only exists once the previous page arrived); items are yielded as they come.
 */
export interface ListSpec extends CallOptions {
  path: string
  query?: QueryParams
  /** Field of the response holding the items, e.g. "clusters". Absent = empty page. */
  itemsKey: string
}

interface TokenPage {
  next_page_token?: string
  has_more?: boolean
  [key: string]: unknown
}

/** `page_token` → `next_page_token`, absent (or empty) on the last page. */
export function paginateToken<T>(client: DatabricksClient, spec: ListSpec): AsyncGenerator<T> {
  return tokenPages<T>(client, spec, false)
}

/** Jobs style: `limit` + `page_token` → `has_more` and `next_page_token`. */
export function paginateJobs<T>(client: DatabricksClient, spec: ListSpec): AsyncGenerator<T> {
  return tokenPages<T>(client, spec, true)
}

async function* tokenPages<T>(
  client: DatabricksClient,
  spec: ListSpec,
  honourHasMore: boolean,
): AsyncGenerator<T> {
  let pageToken: string | undefined
  const seen = new Set<string>()
  do {
    const page = await client.get<TokenPage>(
      spec.path,
      { ...spec.query, page_token: pageToken },
      spec,
    )
    yield* itemsOf<T>(page, spec.itemsKey)
    // has_more: false ends the list even if a token came along.
    const last = honourHasMore && page.has_more === false
    pageToken = last ? undefined : nextToken(page, seen, spec.path)
  } while (pageToken)
}

interface ScimPage {
  totalResults?: number
  itemsPerPage?: number
  startIndex?: number
  Resources?: unknown[]
}

/** SCIM: `startIndex` (1-based) + `count`, until a page is empty or totalResults is reached. */
export async function* paginateScim<T>(
  client: DatabricksClient,
  spec: Omit<ListSpec, 'itemsKey'> & { count?: number },
): AsyncGenerator<T> {
  const count = spec.count ?? 1000
  let startIndex = 1
  for (;;) {
    const page = await client.get<ScimPage>(spec.path, { ...spec.query, startIndex, count }, spec)
    const items = (page.Resources ?? []) as T[]
    yield* items
    startIndex += items.length
    if (items.length === 0) return
    if (typeof page.totalResults === 'number' && startIndex > page.totalResults) return
  }
}

/** One call, the whole list. */
export async function* listUnpaged<T>(client: DatabricksClient, spec: ListSpec): AsyncGenerator<T> {
  const page = await client.get<Record<string, unknown>>(spec.path, spec.query, spec)
  yield* itemsOf<T>(page, spec.itemsKey)
}

/** Drain a generator into an array. */
export async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = []
  for await (const item of items) out.push(item)
  return out
}

function itemsOf<T>(page: Record<string, unknown>, key: string): T[] {
  const items = page[key]
  return Array.isArray(items) ? (items as T[]) : []
}

function nextToken(page: TokenPage, seen: Set<string>, path: string): string | undefined {
  const token = page.next_page_token
  if (typeof token !== 'string' || token === '') return undefined
  // A server that hands out the same token twice would loop forever.
  if (seen.has(token)) throw new Error(`Pagination of ${path} repeated a page token`)
  seen.add(token)
  return token
}
