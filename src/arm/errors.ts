import { errorText } from '../errors.js'

/** What ARM said, from the SDK's RestError (duck-typed: the SDK is loaded lazily). */
export function armErrorCode(e: unknown): { status?: number; code?: string; message?: string } {
  if (!e || typeof e !== 'object') return {}
  const { statusCode, code, details } = e as {
    statusCode?: unknown
    code?: unknown
    details?: unknown
  }
  // A paged list's error says only "Pagination failed …"; ARM's own words are in details.
  const body = (details as { error?: { message?: unknown } } | undefined)?.error?.message
  return {
    ...(typeof statusCode === 'number' ? { status: statusCode } : {}),
    ...(typeof code === 'string' ? { code } : {}),
    ...(typeof body === 'string' ? { message: body } : {}),
  }
}

/** The object id ARM names in an AuthorizationFailed message, for the role-assignment command. */
function objectIdIn(message: string): string | undefined {
  return /object id '([0-9a-fA-F-]{36})'/.exec(message)?.[1]
}

/**
 * A failed ARM read as one line a person can act on: for a missing role, the exact
 * `az role assignment create` that fixes it.
 */
export function explainArmError(
  e: unknown,
  what: string,
  scope: string,
  objectId?: string,
): string {
  const { status, code, message: armMessage } = armErrorCode(e)
  const message = armMessage ?? errorText(e).split('\n')[0]
  if (code === 'AuthorizationFailed' || status === 403) {
    const assignee = objectIdIn(message) ?? objectId ?? '<object id of the signed-in identity>'
    return (
      `Cannot read ${what}: the identity lacks the Reader role on ${scope} (${code ?? status}). ` +
      `Grant it: az role assignment create --assignee ${assignee} --role Reader --scope ${scope}`
    )
  }
  const label = code ?? (status ? `HTTP ${status}` : 'error')
  return `Cannot read ${what} (${label}): ${message}`
}
