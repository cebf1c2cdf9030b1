import { generate } from 'selfsigned'

/**
 * A self-signed CA certificate for 127.0.0.1 and localhost, for an https loopback double (clients
 * that refuse plain http: the Azure SDK, MSAL). Give each double its own common name: two roots
 * both named CN=127.0.0.1 in one NODE_EXTRA_CA_CERTS file make OpenSSL try the wrong one.
 */
export async function loopbackCertificate(
  commonName: string,
): Promise<{ key: string; cert: string }> {
  const pems = await generate([{ name: 'commonName', value: commonName }], {
    keySize: 2048,
    algorithm: 'sha256',
    extensions: [
      { name: 'basicConstraints', cA: true },
      {
        name: 'subjectAltName',
        altNames: [
          { type: 7, ip: '127.0.0.1' },
          { type: 2, value: 'localhost' },
        ],
      },
    ],
  })
  return { key: pems.private, cert: pems.cert }
}
