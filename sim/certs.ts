import { randomUUID } from 'node:crypto';
import { generate } from 'selfsigned';

export interface SimCert {
  key: string;
  cert: string;
}

/**
 * One self-signed certificate per sim, made at start: it is both the server certificate (ARM endpoint and stamp apps)
 * and the CA a client trusts. EC keys keep generation and the TLS handshakes of 500 concurrent clients cheap.
 */
export async function makeCert(): Promise<SimCert> {
  const now = Date.now();
  // A unique subject per sim: OpenSSL looks trust anchors up by subject, so two sims' certificates trusted in one
  // process must not share one, or the second would be checked against the first.
  const pems = await generate([{ name: 'commonName', value: `staged-rollout local ARM ${randomUUID()}` }], {
    keyType: 'ec',
    curve: 'P-256',
    algorithm: 'sha256',
    // Real time, not the sim's clock: TLS checks validity against the wall clock.
    notBeforeDate: new Date(now - 3_600_000),
    notAfterDate: new Date(now + 30 * 86_400_000),
    extensions: [
      { name: 'basicConstraints', cA: true, critical: true },
      { name: 'keyUsage', digitalSignature: true, keyCertSign: true, critical: true },
      { name: 'extKeyUsage', serverAuth: true },
      { name: 'subjectAltName', altNames: [{ type: 7, ip: '127.0.0.1' }, { type: 2, value: 'localhost' }] },
    ],
  });
  // PEM files end with a line break: tools that concatenate CA bundles (cat a.pem b.pem) rely on it.
  const pem = (s: string): string => (s.endsWith('\n') ? s : `${s}\n`);
  return { key: pem(pems.private), cert: pem(pems.cert) };
}
