import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { makeCert } from '../../sim/certs.js';
import { trustSimCa } from '../../sim/index.js';
import { ChainedTokenCredential, ClientAssertionCredential } from '@azure/identity';
import { createCredential, isLoopback, LocalEndpointCredential } from '../../src/azure/credentials.js';

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

  it('a loopback endpoint with a client id still signs in for real; client id without tenant falls back to the chain', () => {
    expect(createCredential({ endpoint: 'https://127.0.0.1:8443', clientId: 'c', tenantId: 't', federatedToken: async () => 'x' })).toBeInstanceOf(ClientAssertionCredential);
    expect(createCredential({ clientId: 'c' })).toBeInstanceOf(ChainedTokenCredential);
    expect(createCredential({})).toBeInstanceOf(ChainedTokenCredential);
  });

  it('knows 127.0.0.1, localhost and ::1 as loopback, and nothing else (nor what is no URL)', () => {
    expect(['https://127.0.0.1:1', 'https://localhost', 'https://[::1]:8443'].map(isLoopback)).toEqual([true, true, true]);
    expect(['https://127.0.0.2', 'https://localhost.example.com', 'https://management.azure.com', 'not a url', ''].map(isLoopback)).toEqual([false, false, false, false, false]);
  });

  it('the local token is STAGED_ROLLOUT_LOCAL_TOKEN when set, otherwise a fresh local- id, valid for an hour', async () => {
    const before = process.env.STAGED_ROLLOUT_LOCAL_TOKEN;
    try {
      process.env.STAGED_ROLLOUT_LOCAL_TOKEN = 'chosen-by-test';
      const start = Date.now();
      const chosen = await new LocalEndpointCredential().getToken();
      expect(chosen.token).toBe('chosen-by-test');
      expect(chosen.expiresOnTimestamp - start).toBeGreaterThanOrEqual(3_600_000);
      expect(chosen.expiresOnTimestamp - start).toBeLessThan(3_610_000);
      process.env.STAGED_ROLLOUT_LOCAL_TOKEN = '';
      const a = (await new LocalEndpointCredential().getToken()).token;
      const b = (await new LocalEndpointCredential().getToken()).token;
      expect(a).toMatch(/^local-[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      expect(a).not.toBe(b);
    } finally {
      if (before === undefined) delete process.env.STAGED_ROLLOUT_LOCAL_TOKEN;
      else process.env.STAGED_ROLLOUT_LOCAL_TOKEN = before;
    }
  });

  it('says which permission a missing federated token source needs, in full', () => {
    expect(() => createCredential({ clientId: 'c', tenantId: 't' })).toThrow('client-id and tenant-id need a federated token source (permissions: id-token: write)');
  });
});
