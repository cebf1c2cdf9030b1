/** SQL warehouses: list (paged when page_size is given), get, stop, start. */
import type { Ctx, Obj, Router } from '../http/router.js'
import { notFound } from '../http/errors.js'
import { intParam, tokenList } from '../http/paging.js'
import { startWarehouse, stopWarehouse } from '../engine/warehouses.js'

function warehouseOrFail(ctx: Ctx): Obj {
  const wh = ctx.ws!.warehouses.get(ctx.params.id)
  if (!wh) throw notFound(`SQL warehouse ${ctx.params.id} does not exist.`)
  return wh
}

function list(ctx: Ctx): Obj {
  const all = ctx.ws!.warehouses.values()
  const paged = intParam(ctx.query, 'page_size') || ctx.query.get('page_token')
  return paged ? tokenList(ctx, all, (w) => w.id, 'warehouses', 100) : { warehouses: [...all] }
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
