/** Serving endpoints (unpaged) and vector search endpoints (token paged): read only. */
import type { Obj, Router } from '../http/router.js'
import { notFound } from '../http/errors.js'
import { cursorPage, intParam } from '../http/paging.js'

export function endpointRoutes(r: Router): void {
  r.add('GET', '/api/2.0/serving-endpoints', 'other', 'workspace-member', (ctx) => ({
    endpoints: [...ctx.ws!.servingEndpoints.values()].map((e) => {
      const out = structuredClone(e)
      delete out.pending_config
      return out
    }),
  }))
  r.add('GET', '/api/2.0/serving-endpoints/:name', 'other', 'workspace-member', (ctx) => {
    const e = ctx.ws!.servingEndpoints.get(ctx.params.name)
    if (!e) throw notFound(`Endpoint with name '${ctx.params.name}' does not exist.`)
    return structuredClone(e)
  })
  r.add('GET', '/api/2.0/vector-search/endpoints', 'other', 'workspace-member', (ctx) => {
    const size = Math.min(intParam(ctx.query, 'page_size') || 50, 1000)
    const all = ctx.ws!.vectorSearchEndpoints.values()
    const page = cursorPage(all, (e) => e.name, size, ctx.query.get('page_token'))
    const out: Obj = { endpoints: page.items.map((e) => structuredClone(e)) }
    if (page.next) out.next_page_token = page.next
    return out
  })
  r.add('GET', '/api/2.0/vector-search/endpoints/:name', 'other', 'workspace-member', (ctx) => {
    const e = ctx.ws!.vectorSearchEndpoints.get(ctx.params.name)
    if (!e) throw notFound(`Vector search endpoint ${ctx.params.name} not found.`)
    return structuredClone(e)
  })
}
