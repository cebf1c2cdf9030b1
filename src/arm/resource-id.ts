import { UsageError } from '../errors.js'

/**
 * Azure resource ids, checked before use: they come from an input or from an ARM answer, and each
 * one becomes a request path. Names allow what ARM allows for these types; nothing else passes.
 */
const NAME = '[-\\w.()]{1,90}'
const GUID = '[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}'
const RG = `/subscriptions/(${GUID})/resourceGroups/(${NAME})`

const WORKSPACE = new RegExp(`^${RG}/providers/Microsoft\\.Databricks/workspaces/(${NAME})$`, 'i')
const VNET = new RegExp(`^${RG}/providers/Microsoft\\.Network/virtualNetworks/(${NAME})$`, 'i')
const GROUP = new RegExp(`^${RG}$`, 'i')

export interface ResourceId {
  id: string
  subscriptionId: string
  resourceGroup: string
  name: string
}

function parse(pattern: RegExp, text: string, what: string, example: string): ResourceId {
  const m = pattern.exec(text.trim().replace(/\/+$/, ''))
  if (!m)
    throw new UsageError(`${what} "${text}" is not a valid resource id (expected ${example}).`)
  return { id: m[0], subscriptionId: m[1], resourceGroup: m[2], name: m[3] ?? m[2] }
}

export function parseWorkspaceId(text: string, what = 'Azure workspace resource id'): ResourceId {
  return parse(
    WORKSPACE,
    text,
    what,
    '/subscriptions/<subscription id>/resourceGroups/<group>/providers/Microsoft.Databricks/workspaces/<name>',
  )
}

export function parseVnetId(text: string): ResourceId {
  return parse(
    VNET,
    text,
    'The workspace’s customVirtualNetworkId',
    '/subscriptions/<id>/resourceGroups/<group>/providers/Microsoft.Network/virtualNetworks/<name>',
  )
}

export function parseResourceGroupId(text: string): ResourceId {
  return parse(
    GROUP,
    text,
    'The workspace’s managedResourceGroupId',
    '/subscriptions/<id>/resourceGroups/<group>',
  )
}

export function checkedName(text: string, what: string): string {
  if (!new RegExp(`^${NAME}$`).test(text)) throw new UsageError(`${what} "${text}" is not valid.`)
  return text
}

/** The NIC an ipConfiguration id belongs to: the id up to `/ipConfigurations/`. */
export function nicIdOf(ipConfigurationId: string): string {
  const at = ipConfigurationId.toLowerCase().indexOf('/ipconfigurations/')
  return at < 0 ? ipConfigurationId : ipConfigurationId.slice(0, at)
}

/** The last segment of a resource id (its name). */
export function nameOf(id: string): string {
  return id.replace(/\/+$/, '').split('/').pop() ?? id
}
