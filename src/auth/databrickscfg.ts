import { readFile } from 'node:fs/promises'
import { homedir } from 'node:os'
import { join } from 'node:path'
import { parse } from 'ini'
import type { TokenProvider } from './token-provider.js'
import { StaticTokenProvider } from './static-token.js'
import { azureCliProvider } from './azure-credential.js'
import { UsageError } from '../errors.js'

const parseIni = (text: string): Record<string, unknown> => parse(text)

/** The keys of a ~/.databrickscfg profile that databricks-halt uses. */
export interface DatabricksProfile {
  name: string
  path: string
  host?: string
  token?: string
  authType?: string
  accountId?: string
  workspaceId?: string
  azureTenantId?: string
}

function configPath(env: NodeJS.ProcessEnv): string {
  return env.DATABRICKS_CONFIG_FILE || join(env.HOME || homedir(), '.databrickscfg')
}

/**
 * Which profile, as the Databricks SDKs choose it: the one asked for, else
 * DATABRICKS_CONFIG_PROFILE, else `[__settings__] default_profile`, else DEFAULT.
 */
export async function readProfile(
  requested: string | undefined,
  env: NodeJS.ProcessEnv,
): Promise<DatabricksProfile> {
  const path = configPath(env)
  const sections = parseIni(await readConfig(path))
  const settings = section(sections, '__settings__')
  const name =
    requested ||
    env.DATABRICKS_CONFIG_PROFILE ||
    stringValue(settings?.default_profile) ||
    'DEFAULT'
  const values = section(sections, name)
  if (!values) {
    const known = profileNames(sections)
    throw new UsageError(
      `Profile '${name}' is not in ${path}. Profiles there: ${known.join(', ') || '(none)'}.`,
    )
  }
  return {
    name,
    path,
    host: stringValue(values.host),
    token: stringValue(values.token),
    authType: stringValue(values.auth_type),
    accountId: stringValue(values.account_id),
    workspaceId: stringValue(values.workspace_id),
    azureTenantId: stringValue(values.azure_tenant_id),
  }
}

/** A profile's sign-in: a PAT (`token`, auth_type pat or unset) or the Azure CLI. */
export function profileTokenProvider(profile: DatabricksProfile): TokenProvider {
  const where = `profile '${profile.name}' in ${profile.path}`
  const type = profile.authType ?? (profile.token ? 'pat' : undefined)
  if (type === 'pat') {
    if (!profile.token) throw new UsageError(`${where}: auth_type is pat but there is no token.`)
    return new StaticTokenProvider(profile.token, `token (${where})`)
  }
  if (type === 'azure-cli') return azureCliProvider({ tenantId: profile.azureTenantId })
  throw new UsageError(
    `${where}: ${type ? `auth_type '${type}' is not supported` : 'has neither a token nor an auth_type'}. ` +
      `databricks-halt reads 'token' or 'auth_type = azure-cli' from profiles; ` +
      `or use --auth token | azure-cli | azure-default.`,
  )
}

export async function profileProvider(
  requested: string | undefined,
  env: NodeJS.ProcessEnv,
): Promise<TokenProvider> {
  return profileTokenProvider(await readProfile(requested, env))
}

async function readConfig(path: string): Promise<string> {
  try {
    return await readFile(path, 'utf8')
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code
    const why = code === 'ENOENT' ? 'does not exist' : `cannot be read (${code})`
    throw new UsageError(
      `${path} ${why}. Create a profile there (or set DATABRICKS_CONFIG_FILE), or use --auth token.`,
    )
  }
}

/** `ini` nests sections named with dots (`[prod.eu]` → prod → eu); walk the same way back. */
function section(
  sections: Record<string, unknown>,
  name: string,
): Record<string, unknown> | undefined {
  const direct = sections[name]
  if (isRecord(direct)) return direct
  let node: unknown = sections
  for (const part of name.split('.')) node = isRecord(node) ? node[part] : undefined
  return isRecord(node) ? node : undefined
}

function profileNames(sections: Record<string, unknown>, prefix = ''): string[] {
  return Object.entries(sections).flatMap(([key, value]) => {
    if (!isRecord(value) || key === '__settings__') return []
    const name = `${prefix}${key}`
    const nested = profileNames(value, `${name}.`)
    const hasKeys = Object.values(value).some((v) => !isRecord(v))
    return hasKeys ? [name, ...nested] : nested
  })
}

function stringValue(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined
  const trimmed = value.trim()
  return trimmed === '' ? undefined : trimmed
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
