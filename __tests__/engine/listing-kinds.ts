import { DatabricksError } from '../../src/databricks/errors.js'
import type { Observed, Resource } from '../../src/resources/resource.js'
import type { ResourceKind } from '../../src/settings.js'

/** Stand-in kinds over fixed listings, for the in-process tests of show and status. */
export const compute = (id: string, state = 'RUNNING', kept?: string): Observed<unknown> => ({
  id,
  name: `warehouse ${id}`,
  state: { state },
  active: state === 'RUNNING',
  detail: state,
  ...(kept ? { kept } : {}),
})

export const assigned = (
  id: string,
  userName: string,
  permissions: string[],
): Observed<unknown> => ({
  id,
  name: userName,
  state: { principal: { principal_id: id, user_name: userName }, permissions },
  active: true,
  detail: permissions.join(', '),
})

export interface KindSpec {
  items?: Observed<unknown>[]
  fails?: Error
  reportOnly?: boolean
  optionalFeature?: boolean
}

export function kind(name: ResourceKind, spec: KindSpec): Resource {
  return {
    kind: name,
    startedBy: [],
    ...(spec.reportOnly ? { reportOnly: true } : {}),
    ...(spec.optionalFeature ? { optionalFeature: true } : {}),
    list: async () => {
      if (spec.fails) throw spec.fails
      return structuredClone(spec.items ?? [])
    },
    halted: () => undefined,
    describe: (s: unknown) => JSON.stringify(s),
    halt: async () => {},
  } as unknown as Resource
}

export const notAvailable = () =>
  new DatabricksError({
    status: 404,
    error_code: 'ENDPOINT_NOT_FOUND',
    message: 'apps are not enabled',
    method: 'GET',
    path: '/api/2.0/apps',
  })
