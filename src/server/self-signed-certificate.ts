import { generate } from 'selfsigned';

/** A PEM key and certificate pair for an HTTPS listener. */
export interface Certificate {
  key: string;
  cert: string;
}

let pending: Promise<Certificate> | undefined;

/**
 * A self-signed certificate for localhost, 127.0.0.1 and ::1, made once per process and
 * shared by every listener that has no configured one: simulated appliances and the
 * gateway's per-appliance SDK ports (EC keys, so that starting 100 of them stays fast).
 */
export function loadCertificate(): Promise<Certificate> {
  pending ??= generate([{ name: 'commonName', value: 'localhost' }], {
    keyType: 'ec',
    algorithm: 'sha256',
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true },
      { name: 'extKeyUsage', serverAuth: true },
      {
        name: 'subjectAltName',
        altNames: [
          { type: 2, value: 'localhost' },
          { type: 7, ip: '127.0.0.1' },
          { type: 7, ip: '::1' },
        ],
      },
    ],
  }).then((pems) => ({ key: pems.private, cert: pems.cert }));
  return pending;
}
