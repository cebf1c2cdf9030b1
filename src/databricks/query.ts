/** A query parameter value: nested objects flatten with dots, arrays repeat the key. */
export type QueryValue =
  | string
  | number
  | boolean
  | bigint
  | undefined
  | null
  | readonly QueryValue[]
  | { readonly [key: string]: QueryValue }

export type QueryParams = { readonly [key: string]: QueryValue }

/**
 * Encode as the Databricks API expects:
 * `{filter_by: {cluster_states: ['RUNNING', 'PENDING']}}` →
 * `filter_by.cluster_states=RUNNING&filter_by.cluster_states=PENDING`. Undefined/null are left out.
 */
export function encodeQuery(params: QueryParams | undefined): string {
  if (!params) return ''
  const search = new URLSearchParams()
  for (const [key, value] of Object.entries(params)) append(search, key, value)
  const text = search.toString()
  return text ? `?${text}` : ''
}

function append(search: URLSearchParams, key: string, value: QueryValue): void {
  if (value === undefined || value === null) return
  if (Array.isArray(value)) {
    for (const item of value) append(search, key, item)
    return
  }
  if (typeof value === 'object') {
    for (const [child, v] of Object.entries(value)) append(search, `${key}.${child}`, v)
    return
  }
  search.append(key, String(value))
}
