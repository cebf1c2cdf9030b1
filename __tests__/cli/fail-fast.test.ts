import { describe, expect, test } from '@jest/globals'
import { createServer, type AddressInfo } from 'node:net'
import { runCli } from './run-cli.js'

describe('a workspace URL that does not answer', () => {
  test('is exit 2 with the likely cause and "nothing was changed", without retrying for a minute', async () => {
    const server = createServer()
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    const { port } = server.address() as AddressInfo
    await new Promise<void>((resolve) => server.close(() => resolve()))

    const r = await runCli(
      ['stop', '--workspace-url', `http://127.0.0.1:${port}`, '--skip=assignments', '-o', 'json'],
      {
        DATABRICKS_TOKEN: 'dapi-fail-fast-0000000000',
      },
    )
    expect(r.code).toBe(2)
    expect(r.stderr).toContain(`Cannot reach http://127.0.0.1:${port}: connection refused`)
    expect(r.stderr).toContain('Nothing was changed.')
    expect(r.stderr).not.toContain('retrying')
    expect(JSON.parse(r.stdout)).toMatchObject({ exit_code: 2 })
  })
})
