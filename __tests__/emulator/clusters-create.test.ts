/**
 * clusters/create, permanent-delete, spark-versions and list-node-types as the emulator serves
 * them (strict where the SDKs' CreateCluster says a field is required), and the probe's choice of
 * runtime and node type checked against the choice of a client nobody here wrote.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { WorkspaceClient } from '@databricks/sdk-experimental'
import { startEmulator, type Emulator } from '../../emulator/index.js'
import { NODE_TYPES, SPARK_VERSIONS } from '../../emulator/engine/cluster-catalog.js'
import { latestLts, smallestNodeType } from '../../src/engine/probe.js'
import type { NodeType, SparkVersion } from '../../src/databricks/clusters.js'
import { call } from './helpers.js'

let emu: Emulator
let home: string
const saved = { HOME: process.env.HOME, cfg: process.env.DATABRICKS_CONFIG_FILE }

beforeAll(async () => {
  home = mkdtempSync(join(tmpdir(), 'emu-create-'))
  process.env.HOME = home
  process.env.DATABRICKS_CONFIG_FILE = join(home, '.databrickscfg')
  emu = await startEmulator({ scenario: 'empty', clockSpeed: 0, rateLimits: 'off' })
})
afterAll(async () => {
  await emu.close()
  process.env.HOME = saved.HOME
  if (saved.cfg === undefined) delete process.env.DATABRICKS_CONFIG_FILE
  else process.env.DATABRICKS_CONFIG_FILE = saved.cfg
  rmSync(home, { recursive: true, force: true })
})

const VALID = { cluster_name: 'c', spark_version: '16.4.x-scala2.12', node_type_id: 'Standard_F4s' }
const create = (body: object) =>
  call(emu.workspace.url, '/api/2.1/clusters/create', { token: emu.adminToken, body })

describe('clusters/create', () => {
  it.each([
    ['no spark_version', { ...VALID, spark_version: undefined }, /spark_version/],
    ['an unknown spark_version', { ...VALID, spark_version: '1.0.x-scala2.10' }, /spark version/],
    ['no node type or pool', { ...VALID, node_type_id: undefined }, /node_type_id/],
    ['an unknown node type', { ...VALID, node_type_id: 'Standard_X' }, /not supported/],
    ['autotermination of 5 minutes', { ...VALID, autotermination_minutes: 5 }, /10 and 10000/],
    ['a non-string tag', { ...VALID, custom_tags: { a: 1 } }, /custom_tags/],
  ])('refuses %s with 400 INVALID_PARAMETER_VALUE, creating nothing', async (_what, body, msg) => {
    const before = emu.ws().clusters.size
    const answer = await create(body)
    expect(answer.status).toBe(400)
    expect(answer.json.error_code).toBe('INVALID_PARAMETER_VALUE')
    expect(answer.json.message).toMatch(msg)
    expect(emu.ws().clusters.size).toBe(before)
  })

  it('answers the id of a PENDING API cluster with default and custom tags', async () => {
    const answer = await create({ ...VALID, custom_tags: { team: 'x' } })
    expect(answer.status).toBe(200)
    const id = answer.json.cluster_id
    const got = await call(emu.workspace.url, `/api/2.1/clusters/get?cluster_id=${id}`, {
      token: emu.adminToken,
    })
    expect(got.json).toMatchObject({
      state: 'PENDING',
      cluster_source: 'API',
      custom_tags: { team: 'x' },
      default_tags: { Vendor: 'Databricks', ClusterId: id, ClusterName: 'c' },
    })
  })
})

describe('clusters/permanent-delete', () => {
  it('removes the cluster: not listed, and get then says it does not exist', async () => {
    const id = (await create(VALID)).json.cluster_id
    const del = await call(emu.workspace.url, '/api/2.1/clusters/permanent-delete', {
      token: emu.adminToken,
      body: { cluster_id: id },
    })
    expect(del.status).toBe(200)
    const list = await call(emu.workspace.url, '/api/2.1/clusters/list', { token: emu.adminToken })
    expect(
      (list.json.clusters ?? []).some((c: { cluster_id: string }) => c.cluster_id === id),
    ).toBe(false)
    const got = await call(emu.workspace.url, `/api/2.1/clusters/get?cluster_id=${id}`, {
      token: emu.adminToken,
    })
    expect(got.status).toBe(400)
    expect(got.json.error_code).toBe('INVALID_PARAMETER_VALUE')
    const again = await call(emu.workspace.url, '/api/2.1/clusters/permanent-delete', {
      token: emu.adminToken,
      body: { cluster_id: id },
    })
    expect(again.status).toBe(400)
  })
})

describe('the probe picks what the SDK picks', () => {
  it('newest plain LTS runtime and smallest usable node type', async () => {
    const client = new WorkspaceClient({
      host: emu.workspace.url,
      token: emu.adminToken,
      authType: 'pat',
      retryTimeoutSeconds: 5,
    })
    const sdkVersion = await client.clusters.selectSparkVersion({
      latest: true,
      longTermSupport: true,
    })
    const sdkNode = await client.clusters.selectNodeType({ localDisk: true })
    expect(latestLts(SPARK_VERSIONS as unknown as SparkVersion[])).toBe(sdkVersion)
    expect(smallestNodeType(NODE_TYPES as unknown as NodeType[])).toBe(sdkNode)
    expect([sdkVersion, sdkNode]).toEqual(['16.4.x-scala2.12', 'Standard_F4s'])
  })
})
