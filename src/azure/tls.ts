import tls from 'node:tls';

const trusted = new Set<string>();

/**
 * Trusts one more CA in this process, for the Azure SDK and the probes alike: a private cloud's (Azure Stack) or the
 * local endpoint's self-signed one. Node reads NODE_EXTRA_CA_CERTS only at start; `tls.setDefaultCACertificates`
 * (Node 24) is the in-process way, and it adds to the system roots instead of replacing them.
 */
export function trustCertificate(pem: string): void {
  if (trusted.has(pem)) return;
  trusted.add(pem);
  tls.setDefaultCACertificates([...tls.getCACertificates('default'), pem]);
}
