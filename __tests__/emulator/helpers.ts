/** Raw HTTP helpers for the emulator's own tests (lossless JSON, every header visible). */
import { parseJson, stringifyJson } from '../../src/databricks/json.js'

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Json = Record<string, any>

export interface Answer {
  status: number
  headers: Headers
  text: string
  json: Json
}

export async function call(
  base: string,
  path: string,
  options: { token?: string; method?: string; body?: unknown; form?: Record<string, string> } = {},
): Promise<Answer> {
  const headers: Record<string, string> = {}
  if (options.token) headers.authorization = `Bearer ${options.token}`
  let body: string | undefined
  if (options.form) {
    headers['content-type'] = 'application/x-www-form-urlencoded'
    body = new URLSearchParams(options.form).toString()
  } else if (options.body !== undefined) {
    headers['content-type'] = 'application/json'
    body = stringifyJson(options.body)
  }
  const res = await fetch(base + path, {
    method: options.method ?? (body ? 'POST' : 'GET'),
    headers,
    body,
  })
  const text = await res.text()
  let json: Json
  try {
    json = text ? (parseJson(text) as Json) : {}
  } catch {
    json = {}
  }
  return { status: res.status, headers: res.headers, text, json }
}

/** Follow a token-paged list to the end; returns every item and the number of pages. */
export async function pageAll(
  base: string,
  path: string,
  token: string,
  field: string,
  startToken?: string,
): Promise<{ items: Json[]; pages: number }> {
  const tokenParam = 'page_token'
  const items: Json[] = []
  let pageToken: string | undefined = startToken
  let pages = 0
  do {
    const sep = path.includes('?') ? '&' : '?'
    const url = pageToken ? `${path}${sep}${tokenParam}=${encodeURIComponent(pageToken)}` : path
    const res = await call(base, url, { token })
    if (res.status !== 200) throw new Error(`${url}: ${res.status} ${res.text}`)
    items.push(...((res.json[field] ?? []) as Json[]))
    pageToken = res.json.next_page_token
    pages++
  } while (pageToken)
  return { items, pages }
}
