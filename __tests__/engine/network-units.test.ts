import { afterAll, beforeAll, beforeEach, describe, expect, test } from '@jest/globals'
import { ArmClient } from '../../src/arm/client.js'
import {
  armClientFor,
  checkSubnets,
  CheckFailure,
  describeLeft,
  read,
  skipped,
  type ArmAccess,
  type NetworkTarget,
} from '../../src/engine/network.js'
import { UsageError } from '../../src/errors.js'
import type { NetworkReport, SubnetReport } from '../../src/report.js'
import type { Obj } from '../../emulator/http/router.js'
import {
  addNode,
  startArmDouble,
  SUBSCRIPTION,
  WORKSPACE_ID,
  workspaceUrl,
  type ArmDouble,
} from './arm-double.js'
import { OBJECT_ID } from './arm-access.js'

/**
 * The subnet check (src/engine/network.ts) against the ARM double alone, its VMs and NICs set by
 * hand: exact reports for each shape Resource Manager can answer with, and the exact note for each
 * way it can fail. Quick: no Databricks side, no engine run.
 */

let d: ArmDouble
let arm: ArmClient

async function client(access: ArmAccess | undefined, url: string, face?: 'cli' | 'action') {
  const made = await armClientFor(access, url, face)
  if (!(made instanceof ArmClient)) throw new Error(`no client: ${JSON.stringify(made)}`)
  return made
}

beforeAll(async () => {
  d = await startArmDouble({ workspaces: 2 })
  arm = await client(d.access, workspaceUrl())
})
afterAll(() => d.close())
beforeEach(() => d.reset())

const WS0 = `${SUBSCRIPTION}/resourceGroups/rg-databricks/providers/Microsoft.Databricks/workspaces/ws-0`
const WS1 = `${SUBSCRIPTION}/resourceGroups/rg-databricks/providers/Microsoft.Databricks/workspaces/ws-1`
const MRG0 = `${SUBSCRIPTION}/resourceGroups/databricks-rg-ws-0`
const VNET0 = `${SUBSCRIPTION}/resourceGroups/rg-network/providers/Microsoft.Network/virtualNetworks/vnet-ws-0`
const HOST0 = `${VNET0}/subnets/public-subnet`
const ID0 = String(WORKSPACE_ID)
const ID1 = String(WORKSPACE_ID + 1)

function target(i = 0, extra: Partial<NetworkTarget> = {}): NetworkTarget {
  return { workspaceId: String(WORKSPACE_ID + i), workspaceUrl: workspaceUrl(i), ...extra }
}

/** What a check of workspace 0 knows before it reads the subnets. */
const INJECTED = {
  workspaceResourceId: WS0,
  managedResourceGroupId: MRG0,
  vnetInjected: true,
  vnetId: VNET0,
}

function subnet(
  role: 'host' | 'container',
  nics: SubnetReport['nics'],
  prefixes = [role === 'host' ? '10.139.0.0/18' : '10.139.64.0/18'],
): SubnetReport {
  const name = role === 'host' ? 'public-subnet' : 'private-subnet'
  return {
    role,
    name,
    id: `${VNET0}/subnets/${name}`,
    prefixes,
    nics,
    verdict: nics.length ? 'not_empty' : 'empty',
  }
}

/** Workspace i's resource as the double answers it, changed by `edit`. */
function editResource(i: number, edit: (properties: Obj, parameters: Obj) => void): void {
  const w = d.ws(i)
  const resource = w.resource()
  const properties = resource.properties as Obj
  edit(properties, properties.parameters as Obj)
  w.resource = () => structuredClone(resource)
}

function failedWith(note: string, partial: Partial<NetworkReport> = {}): NetworkReport {
  return { ...partial, status: 'failed', note, verdict: 'unknown', subnets: [] }
}

async function caught(p: Promise<unknown>): Promise<unknown> {
  try {
    await p
  } catch (e) {
    return e
  }
  throw new Error('did not throw')
}

describe('describeLeft', () => {
  const report = (subnets: SubnetReport[]): NetworkReport => ({
    status: 'checked',
    verdict: 'not_empty',
    subnets,
  })
  const named = (prefix: string, n: number) =>
    Array.from({ length: n }, (_, i) => ({ nic: `${prefix}${i + 1}` }))

  test('each subnet with NICs: its prefixes and the first five NICs, then how many more', () => {
    const text = describeLeft(
      report([
        subnet('host', named('h', 7), ['10.1.0.0/18', '10.2.0.0/18']),
        subnet('container', named('c', 2)),
      ]),
    )
    expect(text).toBe(
      'public-subnet (10.1.0.0/18, 10.2.0.0/18): h1, h2, h3, h4, h5, 2 more; ' +
        'private-subnet (10.139.64.0/18): c1, c2',
    )
  })

  test('an empty subnet is not named', () => {
    expect(describeLeft(report([subnet('host', []), subnet('container', named('c', 1))]))).toBe(
      'private-subnet (10.139.64.0/18): c1',
    )
  })

  test('without VNet injection: what the managed resource group holds', () => {
    expect(describeLeft({ ...report([]), managed: { vms: 2, nics: 5 } })).toBe(
      '2 VMs and 5 NICs in the managed resource group',
    )
  })
})

describe('skipped', () => {
  test('a skipped report with the note', () => {
    expect(skipped('why')).toEqual({
      status: 'skipped',
      note: 'why',
      verdict: 'unknown',
      subnets: [],
    })
  })
})

describe('armClientFor', () => {
  const cliSignIn =
    'Subnet check skipped: it reads Azure Resource Manager, which needs an Azure sign-in ' +
    '(--auth azure-cli or azure-default).'

  test('no Azure sign-in: skipped, naming the sign-in of the face', async () => {
    expect(await armClientFor(undefined, workspaceUrl())).toEqual(skipped(cliSignIn))
    expect(await armClientFor({ endpoint: 'https://127.0.0.1:1' }, workspaceUrl(), 'cli')).toEqual(
      skipped(cliSignIn),
    )
    expect(await armClientFor({}, workspaceUrl(), 'action')).toEqual(
      skipped(
        'Subnet check skipped: it reads Azure Resource Manager, which needs an Azure sign-in ' +
          '(auth: azure-oidc).',
      ),
    )
  })

  test('not an Azure workspace and no endpoint: skipped; with an endpoint: a client', async () => {
    const { credential } = d.access
    expect(await armClientFor({ credential }, 'https://dbc-1.cloud.databricks.com')).toEqual(
      skipped(
        'Subnet check skipped: https://dbc-1.cloud.databricks.com is not an Azure Databricks ' +
          'workspace URL, so there is no VNet to read.',
      ),
    )
    const other = await client(d.access, 'https://127.0.0.1:9')
    expect(other.endpoint).toBe(d.access.endpoint)
    // Tokens for the public cloud's Resource Manager.
    expect(await other.listSubscriptions()).toEqual([SUBSCRIPTION.split('/')[2]])
    expect(d.scopes).toEqual([['https://management.azure.com/.default']])
  })

  test("without an endpoint: the workspace's cloud's Resource Manager", async () => {
    const { credential } = d.access
    expect((await client({ credential }, workspaceUrl())).endpoint).toBe(
      'https://management.azure.com',
    )
    expect((await client({ credential }, 'https://adb-1.2.databricks.azure.cn')).endpoint).toBe(
      'https://management.chinacloudapi.cn',
    )
  })

  test("an endpoint override keeps the workspace's cloud's token scope", async () => {
    const china = await client(d.access, 'https://adb-1.2.databricks.azure.cn')
    expect(china.endpoint).toBe(d.access.endpoint)
    await china.listSubscriptions()
    expect(d.scopes).toEqual([['https://management.chinacloudapi.cn/.default']])
  })
})

describe('read', () => {
  test('gives back what the call answers', async () => {
    expect(await read(arm, 'x', '/scope', async () => 42)).toBe(42)
  })

  test('a usage error keeps its words', async () => {
    const e = await caught(
      read(arm, 'x', '/scope', async () => {
        throw new UsageError('Name "a b" is not valid.')
      }),
    )
    expect(e).toBeInstanceOf(CheckFailure)
    expect((e as Error).message).toBe('Name "a b" is not valid.')
  })

  test('an ARM error says what could not be read, and for a missing role how to grant it', async () => {
    const gone = Object.assign(new Error('It is gone.'), {
      statusCode: 404,
      code: 'ResourceNotFound',
    })
    const e = await caught(read(arm, 'the thing', '/scope', async () => Promise.reject(gone)))
    expect(e).toBeInstanceOf(CheckFailure)
    expect((e as Error).message).toBe('Cannot read the thing (ResourceNotFound): It is gone.')
    const denied = Object.assign(new Error('No.'), { statusCode: 403 })
    // A client that has not signed in yet knows no object id.
    const fresh = await client(d.access, workspaceUrl())
    const e2 = await caught(read(fresh, 'the thing', '/scope', async () => Promise.reject(denied)))
    expect(e2).toBeInstanceOf(CheckFailure)
    expect((e2 as Error).message).toBe(
      'Cannot read the thing: the identity lacks the Reader role on /scope (403). Grant it: ' +
        'az role assignment create --assignee <object id of the signed-in identity> --role Reader --scope /scope',
    )
  })
})

describe('checkSubnets: VNet-injected', () => {
  test('each subnet: its prefixes (one or several) and every NIC, with its VM while it has one', async () => {
    const w = d.ws()
    w.prefixes.host = ['10.139.0.0/18', '10.150.0.0/18']
    addNode(w, 'vm1', { host: '10.139.0.4', container: '10.139.64.4' })
    addNode(w, 'vm2', { host: '10.139.0.5' }, { gone: true })
    expect(await checkSubnets(arm, target())).toEqual({
      ...INJECTED,
      status: 'checked',
      verdict: 'not_empty',
      subnets: [
        subnet(
          'host',
          [
            { nic: 'vm1-publicNic', vm: 'vm1', privateIp: '10.139.0.4' },
            { nic: 'vm2-publicNic', privateIp: '10.139.0.5' },
          ],
          ['10.139.0.0/18', '10.150.0.0/18'],
        ),
        subnet('container', [{ nic: 'vm1-privateNic', vm: 'vm1', privateIp: '10.139.64.4' }]),
      ],
    })
  })

  test('nothing attached: empty', async () => {
    expect(await checkSubnets(arm, target())).toEqual({
      ...INJECTED,
      status: 'checked',
      verdict: 'empty',
      subnets: [subnet('host', []), subnet('container', [])],
    })
  })

  test('one subnet empty, the other not: not empty', async () => {
    addNode(d.ws(), 'vm1', { container: '10.139.64.4' })
    expect(await checkSubnets(arm, target())).toEqual({
      ...INJECTED,
      status: 'checked',
      verdict: 'not_empty',
      subnets: [
        subnet('host', []),
        subnet('container', [{ nic: 'vm1-privateNic', vm: 'vm1', privateIp: '10.139.64.4' }]),
      ],
    })
    d.reset()
    addNode(d.ws(), 'vm1', { host: '10.139.0.4' })
    expect((await checkSubnets(arm, target())).verdict).toBe('not_empty')
  })

  test('ids that differ in case still find the NIC, its VM and its IP', async () => {
    const w = d.ws()
    addNode(w, 'vm1', { host: '10.139.0.4' })
    const original = w.subnet('host')
    const properties = original.properties as { ipConfigurations: { id: string }[] }
    properties.ipConfigurations = properties.ipConfigurations.map((c) => ({
      id: c.id.toUpperCase(),
    }))
    const proto = Object.getPrototypeOf(w) as typeof w
    w.subnet = (role) => (role === 'host' ? structuredClone(original) : proto.subnet.call(w, role))
    const report = await checkSubnets(arm, target())
    expect(report.subnets[0].nics).toEqual([
      { nic: 'VM1-PUBLICNIC', vm: 'vm1', privateIp: '10.139.0.4' },
    ])
  })

  test('a NIC outside the managed resource group, one without ipConfigurations, a subnet without a prefix', async () => {
    const w = d.ws()
    addNode(w, 'vm3', { host: '10.139.0.6' })
    const proto = Object.getPrototypeOf(w) as typeof w
    const foreign = `${SUBSCRIPTION}/resourceGroups/other-rg/providers/Microsoft.Network/networkInterfaces/foreign-nic/ipConfigurations/ipconfig1`
    w.subnet = (role) => {
      const s = proto.subnet.call(w, role)
      const properties = s.properties as Obj
      if (role === 'host') {
        delete properties.addressPrefix
        properties.ipConfigurations = [
          ...((properties.ipConfigurations as unknown[]) ?? []),
          { id: foreign },
        ]
      }
      return s
    }
    w.nicResource = (node, nic) => {
      const r = proto.nicResource.call(w, node, nic)
      delete (r.properties as Obj).ipConfigurations
      return r
    }
    expect((await checkSubnets(arm, target())).subnets[0]).toEqual({
      ...subnet('host', [{ nic: 'vm3-publicNic', vm: 'vm3' }, { nic: 'foreign-nic' }]),
      prefixes: [],
    })
  })

  test('a subnet role the workspace does not name: failed, saying which', async () => {
    editResource(0, (_p, parameters) => delete parameters.customPrivateSubnetName)
    expect(await checkSubnets(arm, target())).toEqual(
      failedWith('The workspace names no container subnet in its parameters.', INJECTED),
    )
    editResource(0, (_p, parameters) => delete parameters.customPublicSubnetName)
    expect(await checkSubnets(arm, target())).toEqual(
      failedWith('The workspace names no host subnet in its parameters.', INJECTED),
    )
  })

  test('a subnet name that is not one: failed, quoting it', async () => {
    editResource(0, (_p, parameters) => {
      parameters.customPublicSubnetName = { type: 'String', value: 'a/b' }
    })
    expect(await checkSubnets(arm, target())).toEqual(
      failedWith('Subnet name "a/b" is not valid.', INJECTED),
    )
  })

  test('no managed resource group: failed, before anything else is known', async () => {
    editResource(0, (properties) => delete properties.managedResourceGroupId)
    expect(await checkSubnets(arm, target())).toEqual(
      failedWith(
        'The workspace’s managedResourceGroupId "" is not a valid resource id (expected /subscriptions/<id>/resourceGroups/<group>).',
      ),
    )
  })

  test('an unexpected error: failed, with what it said', async () => {
    editResource(0, (_p, parameters) => {
      parameters.customVirtualNetworkId = { type: 'String', value: 7 }
    })
    expect(await checkSubnets(arm, target())).toEqual(
      failedWith('Subnet check failed: text.trim is not a function', {
        workspaceResourceId: WS0,
        managedResourceGroupId: MRG0,
      }),
    )
  })

  test('the NICs or a subnet cannot be read: failed, naming what and where', async () => {
    d.core.faults.add({
      path: `/subscriptions/${SUBSCRIPTION.split('/')[2]}/resourceGroups/databricks-rg-ws-0/providers/Microsoft.Network/networkInterfaces`,
      status: 404,
      errorCode: 'ResourceGroupNotFound',
      message: 'Not there.',
      times: 1,
    })
    // (A paged list's error carries the SDK's words, not ARM's: only the start is pinned.)
    const nics = await checkSubnets(arm, target())
    expect(nics).toEqual(failedWith(nics.note!, INJECTED))
    expect(nics.note).toMatch(
      /^Cannot read the NICs of the managed resource group \(ResourceGroupNotFound\): /,
    )
    d.core.faults.add({
      path: HOST0,
      status: 404,
      errorCode: 'NotFound',
      message: 'No subnet.',
      times: 1,
    })
    expect(await checkSubnets(arm, target())).toEqual(
      failedWith('Cannot read subnet public-subnet (NotFound): No subnet.', INJECTED),
    )
    d.state.denied.add('vnet')
    expect((await checkSubnets(arm, target())).note).toBe(
      `Cannot read subnet public-subnet: the identity lacks the Reader role on ${VNET0} (AuthorizationFailed). ` +
        `Grant it: az role assignment create --assignee ${OBJECT_ID} --role Reader --scope ${VNET0}`,
    )
  })
})

describe('checkSubnets: not VNet-injected', () => {
  const NOTE =
    'The workspace is not VNet-injected: its compute runs in a VNet Azure Databricks manages, ' +
    'so there are no subnets of yours to change; counted the managed resource group instead.'
  const plain = { workspaceResourceId: WS0, managedResourceGroupId: MRG0 }
  beforeEach(() =>
    editResource(0, (properties) => {
      properties.parameters = { enableNoPublicIp: { type: 'Bool', value: true } }
    }),
  )

  test('nothing in the managed resource group: empty', async () => {
    expect(await checkSubnets(arm, target())).toEqual({
      ...plain,
      status: 'checked',
      vnetInjected: false,
      note: NOTE,
      verdict: 'empty',
      subnets: [],
      managed: { vms: 0, nics: 0 },
    })
  })

  test('a VM without NICs, or NICs without a VM: not empty', async () => {
    d.ws().nodes.push({ key: 'vm1', vm: 'vm1', tags: {}, nics: [] })
    expect(await checkSubnets(arm, target())).toEqual({
      ...plain,
      status: 'checked',
      vnetInjected: false,
      note: NOTE,
      verdict: 'not_empty',
      subnets: [],
      managed: { vms: 1, nics: 0 },
    })
    d.ws().nodes = []
    addNode(d.ws(), 'vm2', { host: '10.139.0.4', container: '10.139.64.4' }, { gone: true })
    expect(await checkSubnets(arm, target())).toMatchObject({
      verdict: 'not_empty',
      managed: { vms: 0, nics: 2 },
    })
  })

  test('no parameters at all: not injected', async () => {
    editResource(0, (properties) => delete properties.parameters)
    expect(await checkSubnets(arm, target())).toMatchObject({
      status: 'checked',
      vnetInjected: false,
      verdict: 'empty',
    })
  })

  test('the VMs or the NICs cannot be read: failed, naming which', async () => {
    const sub = SUBSCRIPTION.split('/')[2]
    d.core.faults.add({
      path: /\/resourceGroups\/databricks-rg-ws-0\/resources$/i,
      status: 404,
      errorCode: 'ResourceGroupNotFound',
      message: 'Not there.',
      times: 1,
    })
    const vms = await checkSubnets(arm, target())
    expect(vms).toEqual(failedWith(vms.note!, plain))
    expect(vms.note).toMatch(
      /^Cannot read the VMs of the managed resource group \(ResourceGroupNotFound\): /,
    )
    d.core.faults.add({
      path: `/subscriptions/${sub}/resourceGroups/databricks-rg-ws-0/providers/Microsoft.Network/networkInterfaces`,
      status: 404,
      errorCode: 'ResourceGroupNotFound',
      message: 'Not there.',
      times: 1,
    })
    const nics = await checkSubnets(arm, target())
    expect(nics).toEqual(failedWith(nics.note!, plain))
    expect(nics.note).toMatch(
      /^Cannot read the NICs of the managed resource group \(ResourceGroupNotFound\): /,
    )
  })
})

describe('checkSubnets: which workspace resource', () => {
  test('found among the listed workspaces by its id, not the first listed', async () => {
    const report = await checkSubnets(
      arm,
      target(1, { workspaceUrl: 'https://adb-9.9.azuredatabricks.net' }),
    )
    expect(report.workspaceResourceId).toBe(WS1)
    expect(report.status).toBe('checked')
  })

  test('found by its URL, whatever its case and with or without a scheme', async () => {
    const byUrl = await checkSubnets(arm, {
      workspaceId: '42',
      workspaceUrl: workspaceUrl(1).toUpperCase(),
    })
    expect(byUrl.workspaceResourceId).toBe(WS1)
    editResource(1, (properties) => {
      properties.workspaceUrl = workspaceUrl(1).replace('adb-', 'ADB-')
    })
    const withScheme = await checkSubnets(arm, { workspaceId: '42', workspaceUrl: workspaceUrl(1) })
    expect(withScheme.workspaceResourceId).toBe(WS1)
  })

  test('a listed workspace without id or URL matches nothing', async () => {
    editResource(0, (properties) => {
      delete properties.workspaceId
      delete properties.workspaceUrl
    })
    expect(
      await checkSubnets(arm, { workspaceId: '42', workspaceUrl: 'https://undefined' }),
    ).toEqual(
      failedWith(
        'No Microsoft.Databricks/workspaces resource for workspace 42 in the 1 subscription(s) the identity can read. ' +
          'Give it Reader on the workspace resource, or pass --azure-workspace-resource-id.',
      ),
    )
    expect((await checkSubnets(arm, target(1))).workspaceResourceId).toBe(WS1)
  })

  test('none matches: failed, saying how to give access or name it', async () => {
    const other = { workspaceId: '42', workspaceUrl: 'https://adb-42.1.azuredatabricks.net' }
    expect(await checkSubnets(arm, { ...other, face: 'action' })).toEqual(
      failedWith(
        'No Microsoft.Databricks/workspaces resource for workspace 42 in the 1 subscription(s) the identity can read. ' +
          'Give it Reader on the workspace resource, or pass azure-workspace-resource-id.',
      ),
    )
  })

  test('the subscriptions or the workspaces cannot be listed: failed, naming which', async () => {
    d.core.faults.add({
      path: '/subscriptions',
      status: 403,
      errorCode: 'AuthorizationFailed',
      message: 'No.',
      times: 1,
    })
    expect(await checkSubnets(arm, target())).toEqual(
      failedWith(
        'Cannot read the subscriptions: the identity lacks the Reader role on the tenant (AuthorizationFailed). ' +
          `Grant it: az role assignment create --assignee ${OBJECT_ID} --role Reader --scope the tenant`,
      ),
    )
    d.core.faults.add({
      path: `${SUBSCRIPTION}/providers/Microsoft.Databricks/workspaces`,
      status: 404,
      errorCode: 'SubscriptionNotFound',
      message: 'Gone.',
      times: 1,
    })
    const workspaces = await checkSubnets(arm, target())
    expect(workspaces).toEqual(failedWith(workspaces.note!))
    expect(workspaces.note).toMatch(
      /^Cannot read the Databricks workspaces \(SubscriptionNotFound\): /,
    )
    // The scope a missing role is named on: the subscription.
    d.state.denied.add('workspace')
    d.core.faults.add({
      path: `${SUBSCRIPTION}/providers/Microsoft.Databricks/workspaces`,
      status: 403,
      errorCode: 'AuthorizationFailed',
      message: 'No.',
      times: 1,
    })
    expect((await checkSubnets(arm, target())).note).toBe(
      `Cannot read the Databricks workspaces: the identity lacks the Reader role on ${SUBSCRIPTION} (AuthorizationFailed). ` +
        `Grant it: az role assignment create --assignee ${OBJECT_ID} --role Reader --scope ${SUBSCRIPTION}`,
    )
  })

  test('a given resource id: that workspace, read directly', async () => {
    d.state.denied.add('managed-resource-group')
    const report = await checkSubnets(arm, target(0, { resourceId: WS0 }))
    expect(report.workspaceResourceId).toBe(WS0)
    expect(report.note).toMatch(/^Cannot read the NICs of the managed resource group: /)
    expect(d.core.requests.some((r) => r.path === '/subscriptions')).toBe(false)
  })

  test('a given resource id of another workspace: failed, naming the workspace it is', async () => {
    const host1 = new URL(workspaceUrl(1)).host
    expect(await checkSubnets(arm, target(0, { resourceId: WS1 }))).toEqual(
      failedWith(
        `Azure workspace ${WS1} is workspace ${ID1} (${host1}), not ${ID0}: check --azure-workspace-resource-id.`,
      ),
    )
    editResource(1, (properties) => {
      delete properties.workspaceId
      delete properties.workspaceUrl
    })
    expect(await checkSubnets(arm, target(0, { resourceId: WS1, face: 'action' }))).toEqual(
      failedWith(
        `Azure workspace ${WS1} is workspace ? (?), not ${ID0}: check azure-workspace-resource-id.`,
      ),
    )
  })

  test('a given resource id that cannot be read: failed, naming it', async () => {
    d.core.faults.add({
      path: WS0,
      status: 404,
      errorCode: 'ResourceNotFound',
      message: 'Not found.',
      times: 1,
    })
    expect(await checkSubnets(arm, target(0, { resourceId: WS0 }))).toEqual(
      failedWith('Cannot read workspace resource ws-0 (ResourceNotFound): Not found.'),
    )
  })
})
