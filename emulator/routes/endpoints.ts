/** Serving endpoints (unpaged) and vector search endpoints (token paged): read only. */
import type { Router } from '../http/router.js'
import { notFound } from '../http/errors.js'
import { tokenList } from '../http/paging.js'

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
  r.add('GET', '/api/2.0/vector-search/endpoints', 'other', 'workspace-member', (ctx) =>
    tokenList(ctx, ctx.ws!.vectorSearchEndpoints.values(), (e) => e.name, 'endpoints', 50),
  )
  r.add('GET', '/api/2.0/vector-search/endpoints/:name', 'other', 'workspace-member', (ctx) => {
    const e = ctx.ws!.vectorSearchEndpoints.get(ctx.params.name)
    if (!e) throw notFound(`Vector search endpoint ${ctx.params.name} not found.`)
    return structuredClone(e)
  })
}
