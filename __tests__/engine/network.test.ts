import { afterEach, describe, expect, test } from '@jest/globals'
import type { Emulator } from '../../emulator/index.js'
import { startHarness, type Harness } from './harness.js'
import { armAccess, emulatorTiming, OBJECT_ID } from './arm-access.js'

/**
 * The subnet check against the emulator's ARM double (https, through the unmodified Azure SDK):
 * NICs follow the emulator's compute, linger on its clock, and roles can be taken away.
 */

let h: Harness | undefined
afterEach(async () => {
  await h?.close()
  h = undefined
})

describe('network: subnet check', () => {
  test('running compute: not empty, each NIC named with its VM and an IP inside the subnet', async () => {
    h = await startHarness({ clockSpeed: 0, arm: true })
    const emu = h.emu
    const report = await h.run('network', {}, { arm: armAccess(emu) })
    const net = report.network!
    expect(net.status).toBe('checked')
    expect(net.verdict).toBe('not_empty')
    expect(net.workspaceResourceId).toBe(emu.arm!.workspaceResourceId())
    expect(report.exitCode).toBe(1)
    const live = emu.arm!.nics()
    expect(live.length).toBeGreaterThan(0)
    for (const subnet of net.subnets) {
      const expected = live.filter((n) => n.subnet === subnet.role)
      expect(subnet.nics.map((n) => n.nic).sort()).toEqual(expected.map((n) => n.name).sort())
      // A lingering NIC's VM is already deleted; every NIC still has its IP.
      const lingering = new Set(expected.filter((n) => n.lingering).map((n) => n.name))
      expect(subnet.nics.every((n) => n.privateIp && (lingering.has(n.nic) || n.vm))).toBe(true)
    }
    expect(net.subnets.map((s) => [s.role, s.prefixes])).toEqual([
      ['host', ['10.139.0.0/18']],
      ['container', ['10.139.64.0/18']],
    ])
    expect(net.subnets[0].nics.every((n) => n.privateIp!.startsWith('10.139.'))).toBe(true)
  })

  test('no compute: empty, exit 0', async () => {
    h = await startHarness({ clockSpeed: 0, arm: true, scenario: 'empty' })
    const report = await h.run('network', {}, { arm: armAccess(h.emu) })
    expect(report.network).toMatchObject({ status: 'checked', verdict: 'empty' })
    expect(report.network!.subnets.every((s) => s.nics.length === 0)).toBe(true)
    expect(report.exitCode).toBe(0)
  })

  test('the given resource id must be this workspace', async () => {
    h = await startHarness({ clockSpeed: 0, arm: true, workspaces: 2 })
    const other = h.emu.arm!.workspaceResourceId(1)
    const report = await h.run(
      'network',
      { azureWorkspaceResourceId: other },
      { arm: armAccess(h.emu) },
    )
    expect(report.network!.status).toBe('failed')
    expect(report.network!.note).toContain('check --azure-workspace-resource-id')
    expect(report.exitCode).toBe(1)
  })

  test('not VNet-injected: says so and counts the managed resource group', async () => {
    h = await startHarness({ clockSpeed: 0, arm: { vnetInjection: false } })
    const report = await h.run('network', {}, { arm: armAccess(h.emu) })
    const net = report.network!
    expect(net.vnetInjected).toBe(false)
    expect(net.note).toContain('not VNet-injected')
    const nics = h.emu.arm!.nics()
    const vms = new Set(nics.filter((n) => !n.lingering).map((n) => n.vm))
    expect(net.managed).toEqual({ vms: vms.size, nics: nics.length })
    expect(net.verdict).toBe('not_empty')
  })

  test.each([
    [
      'vnet',
      'Microsoft.Network/virtualNetworks/subnets/read',
      '/providers/Microsoft.Network/virtualNetworks/vnet-ws-0',
    ],
    ['managed-resource-group', 'networkInterfaces/read', '/resourceGroups/databricks-rg-ws-0'],
    [
      'workspace',
      'Microsoft.Databricks/workspaces/read',
      '/providers/Microsoft.Databricks/workspaces/ws-0',
    ],
  ] as const)(
    'missing Reader on the %s: failed, with the role assignment that fixes it',
    async (scope, _action, scopeTail) => {
      h = await startHarness({ clockSpeed: 0, arm: true })
      h.emu.arm!.deny(scope)
      const resourceId = scope === 'workspace' ? h.emu.arm!.workspaceResourceId() : undefined
      const report = await h.run(
        'network',
        resourceId ? { azureWorkspaceResourceId: resourceId } : {},
        { arm: armAccess(h.emu) },
      )
      const net = report.network!
      expect(net.status).toBe('failed')
      expect(net.note).toMatch(/lacks the Reader role .*AuthorizationFailed/)
      expect(net.note).toMatch(
        new RegExp(
          `az role assignment create --assignee ${OBJECT_ID} --role Reader --scope /subscriptions/[^ ]*${scopeTail.replace(/[.]/g, '\\.')}$`,
        ),
      )
      expect(report.exitCode).toBe(1)
    },
  )

  test('without an Azure sign-in: skipped with a note, no crash', async () => {
    h = await startHarness({ clockSpeed: 0, arm: true })
    const report = await h.run('network', {}, { arm: { endpoint: h.emu.arm!.url } })
    expect(report.network).toMatchObject({ status: 'skipped', verdict: 'unknown' })
    expect(report.network!.note).toContain('needs an Azure sign-in')
    expect(report.warnings).toContain(report.network!.note)
    const stop = await h.run('stop', { checkSubnets: true }, { arm: { endpoint: h.emu.arm!.url } })
    expect(stop.network!.status).toBe('skipped')
    expect(stop.exitCode).toBe(0)
  })
})

/** The scenario keeps a cluster on purpose (its tag); a halt of everything has none. */
function unkeepClusters(emu: Emulator): void {
  for (const c of emu.ws().clusters.values()) delete c.custom_tags?.['databricks-halt']
}

describe('stop --wait --check-subnets', () => {
  test('waits on the emulator clock until the lingering NICs are gone', async () => {
    h = await startHarness({ arm: { nicLingerMs: 10 * 60_000 } })
    const emu = h.emu
    unkeepClusters(emu)
    const start = emu.clock.now()
    const report = await h.run(
      'stop',
      { waitMinutes: 20, checkSubnets: true, skip: ['permission_assignments'] },
      { arm: armAccess(emu), timing: emulatorTiming(emu) },
    )
    expect(report.network).toMatchObject({ status: 'checked', verdict: 'empty' })
    expect(report.exitCode).toBe(0)
    expect(emu.arm!.nics()).toEqual([])
    // It waited for the NICs to linger out (10 min), not less and not the whole 20.
    const waited = emu.clock.now() - start
    expect(waited).toBeGreaterThanOrEqual(10 * 60_000)
    expect(waited).toBeLessThan(12 * 60_000)
    expect(h.logger.lines.some((l) => l.includes('waiting for the subnets to empty'))).toBe(true)
  })

  test('not empty by the deadline: exit 1, naming the NICs left', async () => {
    h = await startHarness({ arm: { nicLingerMs: 60 * 60_000 } })
    const emu = h.emu
    unkeepClusters(emu)
    const report = await h.run(
      'stop',
      { waitMinutes: 5, checkSubnets: true, skip: ['permission_assignments'] },
      { arm: armAccess(emu), timing: emulatorTiming(emu) },
    )
    expect(report.network!.verdict).toBe('not_empty')
    expect(report.exitCode).toBe(1)
    const left = emu.arm!.nics()
    expect(left.length).toBeGreaterThan(0)
    expect(left.every((n) => n.lingering)).toBe(true)
    const error = h.logger.lines.find((l) => l.includes('subnets still not empty after 5 min'))
    expect(error).toContain(left[0].name)
  })
})
