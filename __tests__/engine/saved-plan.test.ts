import { afterEach, beforeEach, describe, expect, it } from '@jest/globals'
import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Runtime } from '../../src/engine/runtime.js'
import {
  NOT_IN_PLAN,
  appliedPlan,
  checkPlanTarget,
  loadPlan,
  markUnplanned,
  refuseDrift,
  settingsFromPlan,
  writePlan,
  type LoadedPlan,
} from '../../src/engine/saved-plan.js'
import { UsageError, errorText } from '../../src/errors.js'
import type { Logger } from '../../src/logger.js'
import { decodePlan, encodePlan } from '../../src/plan/codec.js'
import type { PlanContent, SavedPlan } from '../../src/plan/schema.js'
import type { ItemOutcome, ItemReport } from '../../src/report.js'
import type { Settings } from '../../src/settings.js'
import { SigningKeys } from '../../src/snapshot/signing.js'

let dir: string
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'halt-plan-'))
})
afterEach(async () => {
  await rm(dir, { recursive: true, force: true })
})

const CREATED = '2026-12-07T00:00:00.000Z'
const T0 = Date.parse(CREATED)
const HOUR = 3_600_000
const SNAPSHOT = { name: 'snap-1.json', checksum: `sha256:${'a'.repeat(64)}` }

function content(over: Partial<PlanContent> = {}): PlanContent {
  return {
    schema_version: 1,
    tool: 'databricks-halt',
    type: 'plan',
    tool_version: '1.2.3',
    mode: 'stop',
    workspace_id: '77',
    workspace_url: 'https://adb-77.7.azuredatabricks.net',
    created_at: CREATED,
    created_by: 'ada@example.com',
    options: { kinds: ['jobs', 'clusters'], keep: ['ops'], force: true, restart_compute: true },
    items: [
      { kind: 'jobs', id: '1', name: 'nightly', detail: 'schedule UNPAUSED → PAUSED' },
      { kind: 'clusters', id: 'c-1', name: 'etl' },
    ],
    ...over,
  }
}

const loaded = (over: Partial<PlanContent> = {}, source = 'plan.json'): LoadedPlan => ({
  plan: { ...content(over), checksum: `sha256:${'0'.repeat(64)}` } as SavedPlan,
  source,
})

function recorder() {
  const info: string[] = []
  const warnings: [string, string | undefined][] = []
  const logger = {
    info: (m: string) => info.push(m),
    warning: (m: string, title?: string) => warnings.push([m, title]),
    error: () => undefined,
    debug: () => undefined,
    group: <T>(_: string, fn: () => Promise<T>) => fn(),
  } as Logger
  return { logger, info, warnings }
}

/** Just the parts of a runtime the saved-plan functions read. */
function runtime(settings: Partial<Settings> = {}, over: Partial<Runtime> = {}) {
  const log = recorder()
  const rt = {
    version: '9.9.9',
    workspaceId: '77',
    workspaceUrl: 'https://adb-77.7.azuredatabricks.net',
    caller: { id: '1', userName: 'admin@example.com' },
    settings: {
      mode: 'stop',
      keep: ['ops', 'ci-bot'],
      force: false,
      restartCompute: false,
      planMaxAgeHours: 24,
      onDrift: 'include',
      ...settings,
    },
    resources: [{ kind: 'jobs' }, { kind: 'warehouses' }],
    logger: log.logger,
    workspaceNow: () => T0 + 60_000,
    ...over,
  } as unknown as Runtime
  return { rt, ...log }
}

const item = (
  id: string,
  outcome: ItemOutcome,
  over: Partial<ItemReport> = {},
  kind: ItemReport['kind'] = 'jobs',
): ItemReport => ({ kind, id, name: `job ${id}`, outcome, ...over })

describe('loadPlan', () => {
  it('reads and decodes a plan file, naming its source', async () => {
    const path = join(dir, 'plan.json')
    const text = encodePlan(content())
    await writeFile(path, text)
    await expect(loadPlan(path)).resolves.toEqual({ plan: decodePlan(text, path), source: path })
  })

  it('checks the signature with the keys it is given', async () => {
    const keys = SigningKeys.parse('k'.repeat(32), 'test')!
    const path = join(dir, 'plan.json')
    await writeFile(path, encodePlan(content()))
    await expect(loadPlan(path, keys)).rejects.toThrow(
      `Plan ${path} is not authenticated (unsigned). Nothing was changed; make a new plan with --plan-out.`,
    )
  })

  it('refuses a plan it cannot read', async () => {
    const path = join(dir, 'missing.json')
    const cause = errorText(await readFile(path).catch((e: unknown) => e))
    expect(cause).toMatch(/ENOENT: no such file or directory, open '.*missing.json'$/)
    const failure = loadPlan(path)
    await expect(failure).rejects.toThrow(UsageError)
    await expect(failure).rejects.toThrow(
      `Cannot read the plan ${path}: ${cause}. Nothing was changed.`,
    )
  })
})

describe('settingsFromPlan', () => {
  const settings = {
    mode: 'stop',
    workspaceUrl: 'https://adb-77.7.azuredatabricks.net',
    keep: ['other'],
    unkeep: ['gone'],
    only: ['apps'],
    skip: ['jobs'],
    force: false,
    restartCompute: false,
    snapshot: 'given.json',
    plan: 'plan.json',
  } as unknown as Settings

  it("replaces the run's options by the plan's", () => {
    expect(settingsFromPlan(settings, loaded())).toEqual({
      ...settings,
      only: ['jobs', 'clusters'],
      skip: [],
      keep: ['ops'],
      unkeep: [],
      force: true,
      restartCompute: true,
    })
  })

  it("takes the plan's snapshot", () => {
    const restore = { ...settings, mode: 'restore' } as Settings
    expect(settingsFromPlan(restore, loaded({ mode: 'restore', snapshot: SNAPSHOT }))).toEqual({
      ...restore,
      only: ['jobs', 'clusters'],
      skip: [],
      keep: ['ops'],
      unkeep: [],
      force: true,
      restartCompute: true,
      snapshot: 'snap-1.json',
    })
  })

  it('refuses a plan of the other mode, saying how to run it (CLI)', () => {
    const run = () => settingsFromPlan(settings, loaded({ mode: 'restore' }, 'p.json'))
    expect(run).toThrow(UsageError)
    expect(run).toThrow(
      'Plan p.json is a restore plan, not a stop plan: run `databricks-halt restore --plan ' +
        'p.json`. Nothing was changed.',
    )
  })

  it('refuses a plan of the other mode, saying how to run it (Action)', () => {
    const action = { ...settings, mode: 'restore', face: 'action' } as Settings
    expect(() => settingsFromPlan(action, loaded({}, 'p.json'))).toThrow(
      'Plan p.json is a stop plan, not a restore plan: run mode: stop with plan: p.json. ' +
        'Nothing was changed.',
    )
  })
})

describe('checkPlanTarget', () => {
  const at = (ms: number, settings: Partial<Settings> = {}) =>
    runtime(settings, { workspaceNow: () => T0 + ms }).rt

  it('accepts a plan of this workspace made within the maximum age', () => {
    for (const ms of [0, 60_000, HOUR, 24 * HOUR, -5 * 60_000]) {
      expect(() => checkPlanTarget(at(ms), loaded())).not.toThrow()
    }
    expect(() => checkPlanTarget(at(HOUR / 2, { planMaxAgeHours: 0.5 }), loaded())).not.toThrow()
  })

  it('refuses a plan older than --plan-max-age by the workspace clock', () => {
    const run = () => checkPlanTarget(at(24 * HOUR + 1), loaded())
    expect(run).toThrow(UsageError)
    expect(run).toThrow(
      `Plan plan.json was made at ${CREATED}, 24.0 h ago by the workspace's clock; ` +
        '--plan-max-age is 24 h. The workspace may have changed since: make a new plan with ' +
        '--plan-out and have it approved. Nothing was changed.',
    )
    expect(() => checkPlanTarget(at(HOUR / 2 + 1, { planMaxAgeHours: 0.5 }), loaded())).toThrow(
      'made at 2026-12-07T00:00:00.000Z, 0.5 h ago',
    )
  })

  it('refuses a plan dated more than 5 minutes ahead of the workspace clock (Action)', () => {
    const rt = at(-5 * 60_000 - 1, { face: 'action', planMaxAgeHours: 2 })
    expect(() => checkPlanTarget(rt, loaded())).toThrow(
      `Plan plan.json was made at ${CREATED}, -0.1 h ago by the workspace's clock; ` +
        'plan-max-age is 2 h. The workspace may have changed since: run the workflow again, so ' +
        'its plan job (dry-run: true) makes a new plan for approval and have it approved. ' +
        'Nothing was changed.',
    )
  })

  it('refuses a plan of another workspace', () => {
    const run = () => checkPlanTarget(at(0), loaded({ workspace_id: '78' }))
    expect(run).toThrow(UsageError)
    expect(run).toThrow(
      'Plan plan.json is for workspace 78, not 77. Nothing was changed; make a new plan with ' +
        '--plan-out, of this workspace.',
    )
    expect(() =>
      checkPlanTarget(at(0, { face: 'action' }), loaded({ workspace_id: '78' })),
    ).toThrow(
      'Plan plan.json is for workspace 78, not 77. Nothing was changed; run the workflow again, ' +
        'so its plan job (dry-run: true) makes a new plan for approval, of this workspace.',
    )
  })
})

describe('writePlan', () => {
  const items = [
    item('1', 'planned', { detail: 'schedule UNPAUSED → PAUSED', before: 'x', after: 'y' }),
    item('2', 'already_halted'),
    item('3', 'kept', { detail: 'kept' }),
    item('w', 'planned', {}, 'warehouses'),
    item('4', 'changed'),
  ]

  it('writes the planned items and the run options, dated by the workspace clock', async () => {
    const { rt, info } = runtime({ restartCompute: true })
    const path = join(dir, 'plan.json')
    const result = await writePlan(rt, path, items)
    const text = await readFile(path, 'utf8')
    const plan = decodePlan(text, path)
    expect(plan).toEqual({
      ...content({
        tool_version: '9.9.9',
        created_at: '2026-12-07T00:01:00.000Z',
        created_by: 'admin@example.com',
        options: {
          kinds: ['jobs', 'warehouses'],
          keep: ['ops', 'ci-bot'],
          force: false,
          restart_compute: true,
        },
        items: [
          { kind: 'jobs', id: '1', name: 'job 1', detail: 'schedule UNPAUSED → PAUSED' },
          { kind: 'warehouses', id: 'w', name: 'job w' },
        ],
      }),
      checksum: plan.checksum,
    })
    expect(result).toEqual({ path, items: 2, checksum: plan.checksum })
    expect(plan.checksum).toMatch(/^sha256:[0-9a-f]{64}$/)
    expect(info).toEqual([`Plan saved: ${path} (2 changes)`])
    expect(await readdir(dir)).toEqual(['plan.json'])
    expect((await stat(path)).mode & 0o777).toBe(0o600)
  })

  it('writes a restore plan with its snapshot, signed with the keys', async () => {
    const keys = SigningKeys.parse('k'.repeat(32), 'test')!
    const { rt, info } = runtime({ mode: 'restore', force: true }, { keys })
    const path = join(dir, 'restore-plan.json')
    const result = await writePlan(rt, path, [item('1', 'planned')], SNAPSHOT)
    const plan = decodePlan(await readFile(path, 'utf8'), path, keys)
    expect(plan.mode).toBe('restore')
    expect(plan.snapshot).toEqual(SNAPSHOT)
    expect(plan.options.force).toBe(true)
    expect(plan.signature).toMatch(/^hmac-sha256:/)
    expect(result).toEqual({ path, items: 1, checksum: plan.checksum })
    expect(info).toEqual([`Plan saved: ${path} (1 changes, signed)`])
  })

  it('writes a stop plan for any mode other than restore, without a snapshot', async () => {
    const { rt } = runtime({ mode: 'show' })
    const path = join(dir, 'plan.json')
    await writePlan(rt, path, [])
    const plan = decodePlan(await readFile(path, 'utf8'), path)
    expect(plan.mode).toBe('stop')
    expect(plan.items).toEqual([])
    expect('snapshot' in plan).toBe(false)
  })

  it('refuses a path it cannot write, leaving nothing behind', async () => {
    const { rt, info } = runtime()
    const path = join(dir, 'missing', 'plan.json')
    const tmp = join(dir, 'missing', `.plan.json.${process.pid}.tmp`)
    const cause = errorText(await writeFile(tmp, '').catch((e: unknown) => e))
    expect(cause).toMatch(/ENOENT: no such file or directory, open '.*tmp'$/)
    const failure = writePlan(rt, path, items)
    await expect(failure).rejects.toThrow(UsageError)
    await expect(failure).rejects.toThrow(`Cannot write the plan to ${path}: ${cause}.`)
    expect(info).toEqual([])
  })
})

describe('refuseDrift', () => {
  const changes = (n: number) =>
    Array.from({ length: n }, (_, i) => ({ kind: 'jobs', id: `x${i}`, name: `new ${i}` }))
  const approvedChanges = [
    { kind: 'jobs', id: '1', name: 'nightly' },
    { kind: 'clusters', id: 'c-1', name: 'etl' },
  ]

  it('goes on with --on-drift include', () => {
    const { rt } = runtime({ onDrift: 'include' })
    expect(() => refuseDrift(rt, loaded(), [...approvedChanges, ...changes(3)])).not.toThrow()
  })

  it('goes on when every change is in the plan', () => {
    const { rt } = runtime({ onDrift: 'fail' })
    expect(() => refuseDrift(rt, loaded(), approvedChanges)).not.toThrow()
    expect(() => refuseDrift(rt, loaded(), [])).not.toThrow()
  })

  it('refuses the changes the plan did not list, matched by kind and id', () => {
    const { rt } = runtime({ onDrift: 'fail' })
    const drift = [
      ...approvedChanges,
      { kind: 'clusters', id: '1', name: 'same id, other kind' },
      { kind: 'jobs', id: 'c-1', name: 'renamed' },
    ]
    const run = () => refuseDrift(rt, loaded(), drift)
    expect(run).toThrow(UsageError)
    expect(run).toThrow(
      '2 item(s) are active now but not in the approved plan plan.json (--on-drift fail): ' +
        'clusters same id, other kind (1), jobs renamed (c-1). Nothing was changed; make a new ' +
        'plan with --plan-out, or use --on-drift include.',
    )
  })

  it('names at most ten (Action)', () => {
    const { rt } = runtime({ onDrift: 'fail', face: 'action' })
    const names = (n: number) =>
      Array.from({ length: n }, (_, i) => `jobs new ${i} (x${i})`).join(', ')
    expect(() => refuseDrift(rt, loaded(), changes(10))).toThrow(
      `10 item(s) are active now but not in the approved plan plan.json (on-drift: fail): ` +
        `${names(10)}. Nothing was changed; run the workflow again, so its plan job ` +
        '(dry-run: true) makes a new plan for approval, or use on-drift: include.',
    )
    expect(() => refuseDrift(rt, loaded(), changes(11))).toThrow(
      `11 item(s) are active now but not in the approved plan plan.json (on-drift: fail): ` +
        `${names(10)}, …. Nothing was changed;`,
    )
  })
})

describe('markUnplanned', () => {
  it('marks what was changed or failed beyond the plan, and warns once', () => {
    const { rt, warnings: logged } = runtime()
    const items = [
      item('1', 'changed', { detail: 'schedule UNPAUSED → PAUSED' }),
      item('c-1', 'failed', {}, 'clusters'),
      item('2', 'changed', { detail: 'schedule UNPAUSED → PAUSED' }),
      item('3', 'failed'),
      item('4', 'planned'),
      item('5', 'already_halted'),
      item('6', 'kept', { detail: 'kept' }),
      item('1', 'failed', {}, 'clusters'),
    ]
    const warnings = ['earlier']
    const marked = markUnplanned(rt, loaded(), items, warnings)
    expect(marked).toEqual([
      items[0],
      items[1],
      { ...items[2], unplanned: true, detail: `schedule UNPAUSED → PAUSED · ${NOT_IN_PLAN}` },
      { ...items[3], unplanned: true, detail: 'not in the approved plan' },
      items[4],
      items[5],
      items[6],
      { ...items[7], unplanned: true, detail: 'not in the approved plan' },
    ])
    const message =
      '3 item(s) not in the approved plan were active and halted too (--on-drift include): ' +
      'jobs job 2, jobs job 3, clusters job 1.'
    expect(warnings).toEqual(['earlier', message])
    expect(logged).toEqual([[message, 'Not in the approved plan']])
  })

  it('says nothing when everything acted on was in the plan', () => {
    const { rt, warnings: logged } = runtime()
    const items = [item('1', 'changed'), item('2', 'planned'), item('3', 'unchanged')]
    const warnings: string[] = []
    expect(markUnplanned(rt, loaded(), items, warnings)).toEqual(items)
    expect(warnings).toEqual([])
    expect(logged).toEqual([])
  })

  it('names at most ten (Action)', () => {
    const { rt } = runtime({ face: 'action' })
    const many = (n: number) => Array.from({ length: n }, (_, i) => item(`x${i}`, 'changed'))
    const names = Array.from({ length: 10 }, (_, i) => `jobs job x${i}`).join(', ')
    const ten: string[] = []
    markUnplanned(rt, loaded(), many(10), ten)
    expect(ten).toEqual([
      `10 item(s) not in the approved plan were active and halted too (on-drift: include): ${names}.`,
    ])
    const eleven: string[] = []
    markUnplanned(rt, loaded(), many(11), eleven)
    expect(eleven).toEqual([
      `11 item(s) not in the approved plan were active and halted too (on-drift: include): ${names}, ….`,
    ])
  })
})

describe('appliedPlan', () => {
  it("notes the plan's source, author, size and the unplanned items", () => {
    const items = [
      item('1', 'changed'),
      item('2', 'changed', { unplanned: true }),
      item('3', 'failed', { unplanned: true }),
      item('4', 'changed', { unplanned: false }),
    ]
    expect(appliedPlan(loaded({}, 'p.json'), items)).toEqual({
      path: 'p.json',
      createdAt: CREATED,
      createdBy: 'ada@example.com',
      items: 2,
      unplanned: 2,
    })
  })
})
