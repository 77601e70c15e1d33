import tls from 'node:tls';
import { trustCertificate } from '../src/azure/tls.js';

/**
 * Makes this process trust the sim's certificate, for every TLS client in it: the Azure SDK (which builds its own
 * keep-alive https.Agent, so `https.globalAgent.options.ca` would not reach it), fetch, and our probes.
 *
 * Why `tls.setDefaultCACertificates`: it is the in-process equivalent of NODE_EXTRA_CA_CERTS (which Node reads only at
 * start), it needs no change to how clients are built, and it adds to the default roots instead of replacing them.
 * Node >= 22.15 / 24 has it; the project runs on 24. Certificates are kept, so trusting a second sim adds to the first.
 */
export function trustSimCa(ca: string): void {
  trustCertificate(ca);
}

/** For a client that wants the CA scoped to itself: pass as `tlsOptions` of an Azure SDK client. */
export function simTlsOptions(ca: string): { ca: string[] } {
  return { ca: [...tls.rootCertificates, ca] };
}
