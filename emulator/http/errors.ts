/** Databricks-shaped errors: `{error_code, message, details:[RequestInfo]}` with the right status. */
import { randomUUID } from 'node:crypto'

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly errorCode: string,
    message: string,
    readonly extra: { headers?: Record<string, string>; details?: object[] } = {},
  ) {
    super(message)
  }
}

/** An error answered in SCIM's own shape (account and workspace SCIM endpoints). */
export class ScimError extends Error {
  constructor(
    readonly status: number,
    detail: string,
  ) {
    super(detail)
  }
}

/** An OAuth error (`{error, error_description}`) from the OIDC token endpoints. */
export class OAuthError extends Error {
  constructor(
    readonly status: number,
    readonly error: string,
    description: string,
  ) {
    super(description)
  }
}

function requestInfo(): object {
  return {
    '@type': 'type.googleapis.com/google.rpc.RequestInfo',
    request_id: randomUUID(),
    serving_data: '',
  }
}

export function errorBody(err: ApiError): object {
  return {
    error_code: err.errorCode,
    message: err.message,
    details: [requestInfo(), ...(err.extra.details ?? [])],
  }
}

export function scimErrorBody(err: ScimError): object {
  return {
    schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'],
    detail: err.message,
    status: String(err.status),
  }
}

export const invalidParam = (message: string) =>
  new ApiError(400, 'INVALID_PARAMETER_VALUE', message)
export const invalidState = (message: string) => new ApiError(400, 'INVALID_STATE', message)
export const notFound = (message: string) => new ApiError(404, 'RESOURCE_DOES_NOT_EXIST', message)
export const conflict = (code: string, message: string) => new ApiError(409, code, message)

export function throttled(waitSeconds: number): ApiError {
  return new ApiError(429, 'REQUEST_LIMIT_EXCEEDED', 'Too many requests. Please retry later.', {
    headers: { 'retry-after': String(Math.max(1, Math.ceil(waitSeconds))) },
    details: [
      {
        '@type': 'type.googleapis.com/google.rpc.RetryInfo',
        retry_delay: `${waitSeconds.toFixed(3)}s`,
      },
    ],
  })
}
