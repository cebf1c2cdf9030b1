import { mkdtempSync, writeFileSync } from 'node:fs'
import { createServer, type Server } from 'node:https'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { generate } from 'selfsigned'
import { close, listen, readBody, sendJson } from './http-util.js'

/**
 * An https server that records everything sent to it: the stand-in for an attacker's host. It
 * listens on loopback but is addressed as `https://0.0.0.0:<port>`, which is not a loopback name
 * (so the host allow-list must refuse it) yet still connects to this machine on Linux, with a
 * certificate for that address. A child process trusts it through NODE_EXTRA_CA_CERTS, so without
 * the allow-list the credentials really would arrive here.
 */
export interface TrappedRequest {
  method: string
  path: string
  authorization?: string
  body: string
}

export class TrapServer {
  url = ''
  /** The host as the allow-list sees it. */
  readonly host = '0.0.0.0'
  caFile = ''
  readonly requests: TrappedRequest[] = []
  private server?: Server

  static async start(): Promise<TrapServer> {
    const trap = new TrapServer()
    const pems = await generate([{ name: 'commonName', value: 'trap' }], {
      keySize: 2048,
      algorithm: 'sha256',
      extensions: [
        { name: 'basicConstraints', cA: true },
        { name: 'subjectAltName', altNames: [{ type: 7, ip: trap.host }] },
      ],
    })
    trap.caFile = join(mkdtempSync(join(tmpdir(), 'trap-ca-')), 'ca.pem')
    writeFileSync(trap.caFile, pems.cert)
    trap.server = createServer({ key: pems.private, cert: pems.cert }, (req, res) => {
      void readBody(req).then((body) => {
        trap.requests.push({
          method: req.method ?? 'GET',
          path: req.url ?? '/',
          authorization: req.headers.authorization,
          body: body.toString('utf8'),
        })
        sendJson(res, 401, { error_code: 'UNAUTHENTICATED', message: 'trap' })
      })
    })
    trap.url = `https://${trap.host}:${await listen(trap.server)}`
    return trap
  }

  close(): Promise<void> {
    return this.server ? close(this.server) : Promise.resolve()
  }
}
