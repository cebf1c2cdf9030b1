/** Apps: list, get, stop, start (async compute_status; both return the App). */
import type { Ctx, Obj, Router } from '../http/router.js'
import { invalidState, notFound } from '../http/errors.js'
import { tokenList } from '../http/paging.js'
import { transition } from '../engine/timers.js'

function appOrFail(ctx: Ctx): Obj {
  const app = ctx.ws!.apps.get(ctx.params.name)
  if (!app) throw notFound(`App with name ${ctx.params.name} does not exist.`)
  return app
}

/** Strict reading (unconfirmed upstream): stopping a stopped app or starting an active one fails. */
function stop(ctx: Ctx): Obj {
  const app = appOrFail(ctx)
  const state = app.compute_status?.state
  if (state === 'STOPPED' || state === 'STOPPING')
    throw invalidState(`App ${app.name} is already stopped.`)
  app.compute_status = { state: 'STOPPING', message: 'App compute is stopping.' }
  transition(ctx.core, ctx.ws!, `app:${app.name}`, () => {
    app.compute_status = { state: 'STOPPED', message: 'App compute is stopped.' }
    app.app_status = {
      state: 'UNAVAILABLE',
      message: 'App has not been deployed yet or is stopped.',
    }
  })
  return structuredClone(app)
}

function start(ctx: Ctx): Obj {
  const app = appOrFail(ctx)
  const state = app.compute_status?.state
  if (state === 'ACTIVE' || state === 'STARTING')
    throw invalidState(`App ${app.name} is already active.`)
  if (state === 'STOPPING') throw invalidState(`App ${app.name} is stopping; retry later.`)
  app.compute_status = { state: 'STARTING', message: 'App compute is starting.' }
  app.app_status = { state: 'DEPLOYING', message: 'App is deploying.' }
  transition(ctx.core, ctx.ws!, `app:${app.name}`, () => {
    app.compute_status = {
      state: 'ACTIVE',
      message: 'App compute is running.',
      active_instances: 1,
    }
    app.app_status = { state: 'RUNNING', message: 'App is running.' }
  })
  return structuredClone(app)
}

export function appRoutes(r: Router): void {
  const p = '/api/2.0/apps'
  r.add('GET', p, 'apps', 'workspace-member', (ctx) =>
    tokenList(ctx, ctx.ws!.apps.values(), (a) => a.name, 'apps', 50),
  )
  r.add('GET', `${p}/:name`, 'apps', 'workspace-member', (ctx) => structuredClone(appOrFail(ctx)))
  r.add('POST', `${p}/:name/stop`, 'apps', 'workspace-member', stop)
  r.add('POST', `${p}/:name/start`, 'apps', 'workspace-member', start)
}
