import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { makeCert } from '../../sim/certs.js';
import { trustSimCa } from '../../sim/index.js';
import { createCredential, LocalEndpointCredential } from '../../src/azure/credentials.js';

/**
 * A loopback stand-in for Entra's token endpoint: it answers the OpenID discovery MSAL asks for and the token request,
 * and keeps the client assertion of each token request.
 */
async function startTokenEndpoint(): Promise<{ url: string; assertions: string[]; close(): Promise<void> }> {
  const cert = await makeCert();
  trustSimCa(cert.cert);
  const assertions: string[] = [];
  let issued = 0;
  const server = https.createServer({ key: cert.key, cert: cert.cert }, (req, res) => {
    let body = '';
    req.on('data', (d) => (body += d));
    req.on('end', () => {
      const base = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
      const tenant = req.url!.split('/')[1];
      res.setHeader('content-type', 'application/json');
      if (req.url!.includes('openid-configuration')) {
        res.end(JSON.stringify({ token_endpoint: `${base}/${tenant}/oauth2/v2.0/token`, issuer: `${base}/${tenant}/v2.0`, authorization_endpoint: `${base}/${tenant}/oauth2/v2.0/authorize`, jwks_uri: `${base}/keys` }));
        return;
      }
      const form = new URLSearchParams(body);
      assertions.push(form.get('client_assertion') ?? '');
      // Tokens that expire in a minute: inside MSAL's refresh window, so every getToken asks for a new one.
      res.end(JSON.stringify({ token_type: 'Bearer', expires_in: 60, ext_expires_in: 60, access_token: `arm-token-${++issued}` }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `https://127.0.0.1:${(server.address() as AddressInfo).port}`, assertions, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

describe('credentials', () => {
  it('client-id + tenant-id: every new ARM token is exchanged for a fresh GitHub OIDC assertion', async () => {
    const endpoint = await startTokenEndpoint();
    let calls = 0;
    try {
      const credential = createCredential({
        clientId: '11111111-2222-3333-4444-555555555555',
        tenantId: '99999999-8888-7777-6666-555555555555',
        authorityHost: endpoint.url,
        federatedToken: async () => `github-oidc-assertion-${++calls}`,
      });
      const first = await credential.getToken('https://management.azure.com/.default');
      const second = await credential.getToken('https://management.azure.com/.default');
      expect(first?.token).toBe('arm-token-1');
      expect(second?.token).toBe('arm-token-2');
      // Each token request carried an assertion fresh from the callback (MSAL may ask for one more than it sends):
      // a multi-hour rollout never reuses a GitHub token that lives ten minutes.
      expect(endpoint.assertions).toHaveLength(2);
      expect(new Set(endpoint.assertions).size).toBe(2);
      for (const assertion of endpoint.assertions) expect(assertion).toMatch(/^github-oidc-assertion-\d+$/);
    } finally {
      await endpoint.close();
    }
  });

  it('refuses client-id + tenant-id without a source of OIDC tokens', () => {
    expect(() => createCredential({ clientId: 'c', tenantId: 't' })).toThrow(/id-token: write/);
  });

  it('gives a loopback ARM endpoint a local token, never a real sign-in', () => {
    expect(createCredential({ endpoint: 'https://127.0.0.1:8443' })).toBeInstanceOf(LocalEndpointCredential);
    expect(createCredential({ endpoint: 'https://management.usgovcloudapi.net' })).not.toBeInstanceOf(LocalEndpointCredential);
  });
});
