/** SQL warehouses: list (paged when page_size is given), get, stop, start. */
import type { Ctx, Obj, Router } from '../http/router.js'
import { notFound } from '../http/errors.js'
import { cursorPage, intParam } from '../http/paging.js'
import { startWarehouse, stopWarehouse } from '../engine/warehouses.js'

function warehouseOrFail(ctx: Ctx): Obj {
  const wh = ctx.ws!.warehouses.get(ctx.params.id)
  if (!wh) throw notFound(`SQL warehouse ${ctx.params.id} does not exist.`)
  return wh
}

function list(ctx: Ctx): Obj {
  const size = intParam(ctx.query, 'page_size')
  const token = ctx.query.get('page_token')
  const all = ctx.ws!.warehouses.values()
  if (!size && !token) return { warehouses: [...all] }
  const page = cursorPage(all, (w) => w.id, Math.min(size || 100, 1000), token)
  const out: Obj = { warehouses: page.items }
  if (page.next) out.next_page_token = page.next
  return out
}

export function warehouseRoutes(r: Router): void {
  for (const p of ['/api/2.0/sql/warehouses', '/api/2.0/sql/endpoints']) {
    r.add('GET', p, 'warehouses', 'workspace-member', list)
    r.add('GET', `${p}/:id`, 'warehouses', 'workspace-member', (ctx) =>
      structuredClone(warehouseOrFail(ctx)),
    )
    r.add('POST', `${p}/:id/stop`, 'warehouses', 'workspace-member', (ctx) => {
      stopWarehouse(ctx.core, ctx.ws!, warehouseOrFail(ctx))
      return {}
    })
    r.add('POST', `${p}/:id/start`, 'warehouses', 'workspace-member', (ctx) => {
      startWarehouse(ctx.core, ctx.ws!, warehouseOrFail(ctx))
      return {}
    })
  }
}
