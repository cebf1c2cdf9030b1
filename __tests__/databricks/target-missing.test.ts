import { describe, expect, it } from '@jest/globals'
import {
  DatabricksError,
  isFeatureUnavailable,
  isTargetMissing,
} from '../../src/databricks/errors.js'

const err = (status: number, error_code: string, message: string, method = 'POST') =>
  new DatabricksError({ status, error_code, message, method, path: '/api/2.2/jobs/update' })

describe('isTargetMissing (ADR 0010)', () => {
  it('a not-found naming the target is the target gone, in both forms', () => {
    expect(
      isTargetMissing(err(400, 'INVALID_PARAMETER_VALUE', 'Job 42 does not exist.'), '42'),
    ).toBe(true)
    const pool = err(404, 'RESOURCE_DOES_NOT_EXIST', 'Instance pool 0101-abc does not exist.')
    expect(isTargetMissing(pool, '0101-abc')).toBe(true)
    // A compound id is named by any of its parts (a dashboard's schedule).
    const dash = err(404, 'RESOURCE_DOES_NOT_EXIST', 'Dashboard d1 does not exist.')
    expect(isTargetMissing(dash, 'd1/s9')).toBe(true)
  })

  it('a not-found about another object is not the target gone', () => {
    const cluster = err(400, 'INVALID_PARAMETER_VALUE', 'Cluster 0101-42-abc does not exist.')
    expect(isTargetMissing(cluster, '42')).toBe(false)
    expect(isTargetMissing(cluster, '0101')).toBe(false)
    expect(
      isTargetMissing(err(404, 'RESOURCE_DOES_NOT_EXIST', 'Workspace 7 does not exist.'), '8'),
    ).toBe(false)
    expect(isTargetMissing(err(404, 'ENDPOINT_NOT_FOUND', 'No API found for 42'), '42')).toBe(false)
    expect(isTargetMissing(err(403, 'PERMISSION_DENIED', 'Job 42 not found for you'), '42')).toBe(
      false,
    )
  })

  it('a 404 to the target own GET is the target gone', () => {
    const get = new DatabricksError({
      status: 404,
      error_code: 'RESOURCE_DOES_NOT_EXIST',
      message: 'Not found',
      method: 'GET',
      path: '/api/2.0/apps/my-app',
    })
    expect(isTargetMissing(get, 'my-app')).toBe(true)
  })
})

describe('isFeatureUnavailable', () => {
  it('FEATURE_DISABLED at any status, 404 ENDPOINT_NOT_FOUND; never PERMISSION_DENIED', () => {
    expect(isFeatureUnavailable(err(404, 'FEATURE_DISABLED', 'Model serving is not enabled'))).toBe(
      true,
    )
    expect(isFeatureUnavailable(err(400, 'FEATURE_DISABLED', 'off'))).toBe(true)
    expect(isFeatureUnavailable(err(404, 'ENDPOINT_NOT_FOUND', 'No API found'))).toBe(true)
    expect(isFeatureUnavailable(err(400, 'ENDPOINT_NOT_FOUND', 'odd'))).toBe(false)
    expect(isFeatureUnavailable(err(403, 'PERMISSION_DENIED', 'no'))).toBe(false)
    expect(isFeatureUnavailable(err(404, 'RESOURCE_DOES_NOT_EXIST', 'no'))).toBe(false)
  })
})
