import { describe, expect, test } from '@jest/globals'
import { parseCliArgs, DEFAULT_WAIT_MINUTES, wantsJson } from '../../src/cli/args.js'
import { helpText } from '../../src/cli/help.js'
import { cappedWarnings } from '../../src/cli/report-text.js'
import { UsageError } from '../../src/errors.js'

const AZURE = 'https://adb-1234567890123456.7.azuredatabricks.net'

function settingsOf(argv: string[], env: NodeJS.ProcessEnv = {}) {
  const command = parseCliArgs(argv, env)
  if (command.kind !== 'run') throw new Error(`expected a run, got ${command.kind}`)
  return command
}

function usageMessage(argv: string[]): string {
  try {
    parseCliArgs(argv, {})
  } catch (e) {
    expect(e).toBeInstanceOf(UsageError)
    return (e as Error).message
  }
  throw new Error(`no UsageError for ${argv.join(' ')}`)
}

describe('parseCliArgs', () => {
  test('the account host: --account-host, else DATABRICKS_HALT_ACCOUNT_HOST (checked alike)', () => {
    const env = { DATABRICKS_HALT_ACCOUNT_HOST: 'http://127.0.0.1:8081/' }
    expect(settingsOf(['show', '--workspace-url', AZURE], env).settings.accountHost).toBe(
      'http://127.0.0.1:8081',
    )
    const flag = ['show', '--workspace-url', AZURE, '--account-host', 'http://localhost:9']
    expect(settingsOf(flag, env).settings.accountHost).toBe('http://localhost:9')
    expect(() =>
      parseCliArgs(['show', '--workspace-url', AZURE], {
        DATABRICKS_HALT_ACCOUNT_HOST: 'http://accounts.example.com',
      }),
    ).toThrow(/Account host http:\/\/accounts\.example\.com uses plain http/)
  })

  test('leaves workspace id and account host to the engine unless given, defaults the rest', () => {
    const { settings, json, snapshotDir } = settingsOf(['show', '--workspace-url', `${AZURE}/`])
    expect(settings.workspaceId).toBeUndefined()
    expect(settings.accountHost).toBeUndefined()
    expect(settings).toMatchObject({
      mode: 'show',
      workspaceUrl: AZURE,
      keep: [],
      skip: [],
      dryRun: false,
      waitMinutes: 0,
      maxConcurrency: 16,
      auth: 'auto',
    })
    expect(settings.only).toBeUndefined()
    expect(json).toBe(false)
    expect(snapshotDir).toBeUndefined()
  })

  test('--keep is repeatable and comma-separated; ids above 2^53 stay strings', () => {
    const { settings } = settingsOf([
      'stop',
      `--workspace-url=${AZURE}`,
      '--keep',
      'alice@example.com, 9007199254740993',
      '--keep=admins',
    ])
    expect(settings.keep).toEqual(['alice@example.com', '9007199254740993', 'admins'])
  })

  test('workspace URL: --workspace-url, else DATABRICKS_HOST, else the profile host', () => {
    const profile = { workspaceUrl: 'https://adb-3.3.azuredatabricks.net' }
    const env = { DATABRICKS_HOST: 'adb-2.2.azuredatabricks.net' }
    const url = (argv: string[], e = {}, d = {}) =>
      (parseCliArgs(argv, e, d) as { settings: { workspaceUrl: string } }).settings.workspaceUrl
    expect(url(['show', '--workspace-url', AZURE], env, profile)).toBe(AZURE)
    expect(url(['show'], env, profile)).toBe('https://adb-2.2.azuredatabricks.net')
    expect(url(['show'], {}, profile)).toBe(profile.workspaceUrl)
    expect(usageMessage(['show'])).toMatch(/Missing --workspace-url/)
  })

  test('--only and --skip take kinds, aliases and comma lists', () => {
    const { settings } = settingsOf([
      'stop',
      `--workspace-url=${AZURE}`,
      '--only=jobs,runs',
      '--only',
      'instance-pools',
      '--skip',
      'permissions',
    ])
    expect(settings.only).toEqual(['jobs', 'job_runs', 'instance_pools'])
    expect(settings.skip).toEqual(['permission_assignments'])
    expect(usageMessage(['stop', `--workspace-url=${AZURE}`, '--only=jobz'])).toMatch(
      /^--only: unknown resource kind 'jobz'/,
    )
    expect(usageMessage(['stop', `--workspace-url=${AZURE}`, '--skip=pool'])).toMatch(
      /^--skip: unknown resource kind 'pool'.*short names: .*pools/,
    )
  })

  test('--wait has an optional value', () => {
    const base = ['stop', '--workspace-url', AZURE]
    expect(settingsOf([...base, '--wait']).settings.waitMinutes).toBe(DEFAULT_WAIT_MINUTES)
    expect(settingsOf([...base, '--wait', '--json']).settings.waitMinutes).toBe(
      DEFAULT_WAIT_MINUTES,
    )
    expect(settingsOf([...base, '--wait=5']).settings.waitMinutes).toBe(5)
    expect(settingsOf(['stop', '--wait', '7', '--workspace-url', AZURE]).settings.waitMinutes).toBe(
      7,
    )
    expect(usageMessage([...base, '--wait=soon'])).toMatch(/--wait: 'soon' is not a number/)
  })

  test('every command accepts every global option', () => {
    for (const mode of ['show', 'stop', 'restore']) {
      const { settings, json, snapshotDir } = settingsOf([
        mode,
        '--workspace-url=http://127.0.0.1:8080',
        '--workspace-id=9007199254740993',
        '--account-id=acc-1',
        '--account-host=http://127.0.0.1:8081',
        '--keep=a,b',
        '--only=jobs',
        '--skip=apps',
        '--snapshot-dir=/tmp/snaps',
        '--snapshot=/tmp/snaps/x-snapshot.json',
        '--dry-run',
        '--force',
        '--wait=1',
        '--restart-compute',
        '--active',
        '--fail-if-active',
        '--json',
        '--max-concurrency=4',
        '--auth=profile:dev',
      ])
      expect(settings).toMatchObject({
        mode,
        workspaceUrl: 'http://127.0.0.1:8080',
        workspaceId: '9007199254740993',
        accountId: 'acc-1',
        accountHost: 'http://127.0.0.1:8081',
        snapshot: '/tmp/snaps/x-snapshot.json',
        dryRun: true,
        force: true,
        restartCompute: true,
        active: true,
        failIfActive: true,
        maxConcurrency: 4,
        auth: 'profile:dev',
      })
      expect(json).toBe(true)
      expect(snapshotDir).toBe('/tmp/snaps')
    }
  })

  test('account id falls back to DATABRICKS_ACCOUNT_ID', () => {
    const env = { DATABRICKS_ACCOUNT_ID: 'acc-env' }
    expect(settingsOf(['show', '--workspace-url', AZURE], env).settings.accountId).toBe('acc-env')
  })

  test('help and version need no other option', () => {
    expect(parseCliArgs(['--help'])).toEqual({ kind: 'help' })
    expect(parseCliArgs(['stop', '-h'])).toEqual({ kind: 'help', command: 'stop' })
    expect(parseCliArgs(['help', 'restore'])).toEqual({ kind: 'help', command: 'restore' })
    expect(parseCliArgs(['help'])).toEqual({ kind: 'help', command: undefined })
    expect(parseCliArgs(['--version'])).toEqual({ kind: 'version' })
  })

  test.each(
    (
      [
        [['show'], /Missing --workspace-url/],
        [['--workspace-url', AZURE], /Missing command/],
        [['halt', '--workspace-url', AZURE], /Unknown command 'halt'/],
        [['show', 'stop', '--workspace-url', AZURE], /Expected one command/],
        [['show', '--workspace-url', AZURE, '--bogus'], /Unknown option '--bogus'/],
        [['show', '--workspace-url', 'http://example.com'], /plain http/],
        [['show', '--workspace-url', 'not a url'], /is not a URL/],
        [['show', '--workspace-url', AZURE, '--max-concurrency=0'], /--max-concurrency/],
        [['show', '--workspace-url', AZURE, '--max-concurrency=lots'], /not a number/],
        [['show', '--workspace-url', AZURE, '--workspace-id=abc'], /--workspace-id/],
        [['show', '--workspace-url', AZURE, '--auth=password'], /--auth/],
        [['show', '--workspace-url', AZURE, '--dry-run=false'], /does not take an argument/],
        [
          ['show', '--workspace-url', AZURE, '--kep=a'],
          /^Unknown option '--kep'\. Did you mean --keep\? Run 'databricks-halt --help'/,
        ],
        [['show', '--workspace-url', AZURE, '--restart'], /Did you mean --restart-compute\?/],
        [['show', '--workspace-url', AZURE, '--zzzzzz'], /^Unknown option '--zzzzzz'\. Run/],
        [
          ['stpo', '--workspace-url', AZURE],
          /Unknown command 'stpo': use show, stop, restore, network, status or desired-state\. Did you mean stop\?/,
        ],
        [['help', 'sotp'], /No help for 'sotp'.*Did you mean stop\?/],
        [
          ['show', '--workspace-url', AZURE, '--auth=foo'],
          /--auth foo is not a sign-in method\. The CLI takes token, azure-cli, azure-default, profile:NAME/,
        ],
        [['show', '--workspace-url', AZURE, '--auth=tokn'], /Did you mean token\?/],
        [
          ['show', '--workspace-url', AZURE, '-o', 'xml'],
          /--output: 'xml' is not an output format: use json or text/,
        ],
        [['show', '--workspace-url', AZURE, '--timeout=0'], /--timeout/],
        [
          ['show', '--workspace-url', AZURE, '-p', 'a', '--auth=profile:b'],
          /name different profiles/,
        ],
      ] as [string[], RegExp][]
    ).map(([argv, message]) => [argv.join(' ').replace(AZURE, '<url>'), argv, message] as const),
  )('usage error: %s', (_label, argv, message) => {
    expect(usageMessage([...argv])).toMatch(message)
  })
})

describe('Databricks CLI conventions', () => {
  const run = (argv: string[], env: NodeJS.ProcessEnv = {}, defaults = {}) => {
    const command = parseCliArgs(argv, env, defaults)
    if (command.kind !== 'run') throw new Error(`expected a run, got ${command.kind}`)
    return command
  }

  test('-o/--output json|text, --json as an alias; text by default', () => {
    const url = ['show', '--workspace-url', AZURE]
    expect(run([...url, '-o', 'json']).json).toBe(true)
    expect(run([...url, '--output=json']).json).toBe(true)
    expect(run([...url, '--json']).json).toBe(true)
    expect(run([...url, '--output', 'text']).json).toBe(false)
    expect(run([...url, '--json', '-o', 'text']).json).toBe(false)
    expect(run(url).json).toBe(false)
    expect(wantsJson(['show', '-o', 'json'])).toBe(true)
    expect(wantsJson(['show', '-ojson'])).toBe(true)
    expect(wantsJson(['show', '-o', 'text'])).toBe(false)
  })

  test('-p/--profile signs in with that profile and names it as the target source', () => {
    const fromProfile = { workspaceUrl: 'https://adb-3.3.azuredatabricks.net', profile: 'dev' }
    const c = run(['stop', '-p', 'dev'], {}, fromProfile)
    expect(c.settings.auth).toBe('profile:dev')
    expect(c.target).toEqual({
      url: 'https://adb-3.3.azuredatabricks.net',
      source: "profile 'dev'",
    })
    // An explicit --auth still wins for the sign-in; the profile still gives the host.
    expect(run(['stop', '--profile=dev', '--auth=token'], {}, fromProfile).settings.auth).toBe(
      'token',
    )
  })

  test('the [DEFAULT] profile gives host and sign-in when nothing else does', () => {
    const fallback = {
      workspaceUrl: 'https://adb-4.4.azuredatabricks.net',
      profile: 'DEFAULT',
      fallback: true,
    }
    const c = run(['show'], {}, fallback)
    expect(c.settings.workspaceUrl).toBe('https://adb-4.4.azuredatabricks.net')
    expect(c.settings.auth).toBe('profile:DEFAULT')
    expect(c.target.source).toBe("profile 'DEFAULT'")
    // DATABRICKS_TOKEN still signs in (auto), as the Databricks CLI's environment beats its file.
    expect(run(['show'], { DATABRICKS_TOKEN: 'dapi-x' }, fallback).settings.auth).toBe('auto')
  })

  test('the target names where its URL came from', () => {
    const env = { DATABRICKS_HOST: 'https://adb-2.2.azuredatabricks.net' }
    expect(run(['show'], env).target).toEqual({
      url: 'https://adb-2.2.azuredatabricks.net',
      source: 'DATABRICKS_HOST',
    })
    expect(run(['show', '--workspace-url', AZURE], env).target.source).toBe('--workspace-url')
  })

  test('aliases take the Action names: --keep-principals, --resources, --restore-from', () => {
    const c = run([
      'restore',
      '--workspace-url',
      AZURE,
      '--keep',
      'a',
      '--keep-principals',
      'b,c',
      '--resources',
      'jobs',
      '--restore-from',
      'snap.json',
    ])
    expect(c.settings.keep).toEqual(['a', 'b', 'c'])
    expect(c.settings.only).toEqual(['jobs'])
    expect(c.settings.snapshot).toBe('snap.json')
  })

  test('--yes and --timeout', () => {
    const c = run(['stop', '--workspace-url', AZURE, '-y', '--timeout', '7.5'])
    expect(c.yes).toBe(true)
    expect(c.settings.requestTimeoutSeconds).toBe(7.5)
    expect(run(['stop', '--workspace-url', AZURE]).yes).toBe(false)
  })

  test('per-command help lists only the options that command reads', () => {
    const stop = helpText('stop')
    expect(stop).toMatch(/^databricks-halt stop: /)
    expect(stop).toContain('--wait[=MIN]')
    expect(stop).not.toContain('--restart-compute')
    expect(stop).not.toMatch(/^ {2}--fail-if-active/m)
    const show = helpText('show')
    expect(show).toContain('--fail-if-active')
    expect(show).not.toContain('--dry-run')
    expect(helpText()).toContain('--restart-compute')
  })
})

describe('warnings in the text report', () => {
  test('are capped with "and N more"', () => {
    const many = Array.from({ length: 13 }, (_, i) => `warning ${i}`)
    const lines = cappedWarnings(many)
    expect(lines).toHaveLength(11)
    expect(lines[9]).toBe('  - warning 9')
    expect(lines[10]).toBe('  … and 3 more (all of them: --output json)')
    expect(cappedWarnings(many.slice(0, 10))).toHaveLength(10)
  })
})
