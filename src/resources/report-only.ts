import { listServingEndpoints } from '../databricks/serving-endpoints.js'
import { listEndpoints } from '../databricks/vector-search.js'
import { collect } from '../databricks/pagination.js'
import type { Resource } from './resource.js'

export interface ReportState {
  state: string
}

/** Kinds with no stop API: listed by show, warned about by stop, never changed. */
function reportOnly(
  kind: 'serving_endpoints' | 'vector_search_endpoints',
  list: Resource<ReportState>['list'],
): Resource<ReportState> {
  return {
    kind,
    startedBy: [],
    reportOnly: true,
    optionalFeature: true,
    list,
    halted: () => undefined,
    async halt() {
      throw new Error(`${kind} cannot be stopped through the API`)
    },
    describe: (state) => state.state,
    decideRestore: () => ({ outcome: 'unchanged', detail: 'never changed' }),
    async write() {},
  }
}

export const servingEndpoints = reportOnly('serving_endpoints', async (ctx) =>
  (await collect(listServingEndpoints(ctx.clients.workspace))).map((e) => {
    const state = e.state?.ready ?? 'UNKNOWN'
    return {
      id: e.id ?? e.name,
      name: e.name,
      state: { state },
      active: state === 'READY',
      detail: `${state}; no stop API (serverless, scales per its own config)`,
    }
  }),
)

export const vectorSearchEndpoints = reportOnly('vector_search_endpoints', async (ctx) =>
  (await collect(listEndpoints(ctx.clients.workspace))).map((e) => {
    const state = e.endpoint_status?.state ?? 'UNKNOWN'
    return {
      id: e.id ?? e.name,
      name: e.name,
      state: { state },
      active: !['OFFLINE', 'DELETED'].includes(state),
      detail: `${state}; no stop API (deleting would destroy its indexes)`,
    }
  }),
)
