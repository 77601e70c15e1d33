// The policies every ARM request goes through (src/azure/pipeline.ts), with the real SDK over HTTPS: the rollout's
// correlation id on every request, the bearer token (cached, refreshed once on an expired-token 401, never on another
// 401), and the request timeout (a transient RequestTimeoutError, distinct from the caller's own abort).
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ResourceManagementClient } from '@azure/arm-resources';
import type { AccessToken, TokenCredential } from '@azure/core-auth';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { makeCert } from '../../sim/certs.js';
import { startArmSim, trustSimCa, type ArmSim } from '../../sim/index.js';
import { fromSdkError } from '../../src/azure/arm-errors.js';
import { installArmPolicies, rolloutCorrelationId } from '../../src/azure/pipeline.js';
import type { DeploymentFailure } from '../../src/engine/errors.js';
import { SystemClock } from '../../src/time/clock.js';

const SUB = '00000000-0000-0000-0000-0000000000d1';

/** A credential that hands out numbered tokens, living `lifeMs` each. */
function counting(lifeMs = 3_600_000): TokenCredential & { calls: number } {
  const credential = {
    calls: 0,
    async getToken(): Promise<AccessToken> {
      credential.calls++;
      return { token: `token-${credential.calls}`, expiresOnTimestamp: Date.now() + lifeMs };
    },
  };
  return credential;
}

function clientOf(endpoint: string, credential: TokenCredential, extra: { refreshes?: string[]; timeoutMs?: number } = {}): ResourceManagementClient {
  const client = new ResourceManagementClient(credential, SUB, { endpoint, retryOptions: { maxRetries: 0 } });
  installArmPolicies(client.pipeline, { credential, correlationId: 'rollout-corr', requestTimeoutMs: extra.timeoutMs ?? 60_000, onTokenRefresh: (r) => extra.refreshes?.push(r) });
  return client;
}

let sim: ArmSim;
beforeAll(async () => {
  sim = await startArmSim({ clock: new SystemClock(), throttleScale: Infinity });
  trustSimCa(sim.ca);
  await clientOf(sim.endpoint, counting()).resourceGroups.createOrUpdate('rg-p', { location: 'westeurope' });
});
afterAll(() => sim.stop());

/** A one-route HTTPS server answering every request with `answer`, and keeping the authorization headers it got. */
async function startServer(answer: (res: import('node:http').ServerResponse) => void): Promise<{ endpoint: string; auth: string[]; close(): Promise<void> }> {
  const cert = await makeCert();
  trustSimCa(cert.cert);
  const auth: string[] = [];
  const server = https.createServer({ key: cert.key, cert: cert.cert }, (req, res) => {
    auth.push(String(req.headers.authorization));
    req.resume();
    answer(res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    endpoint: `https://127.0.0.1:${(server.address() as AddressInfo).port}`,
    auth,
    close: () => new Promise((resolve) => (server.closeAllConnections(), server.close(() => resolve()))),
  };
}

describe('rolloutCorrelationId', () => {
  it('is a version-5 style UUID of the rollout id, the same on every call', () => {
    expect(rolloutCorrelationId('web@1.2.3')).toBe('6c48939d-bb73-5f35-9155-6f5c7a8aa756');
    expect(rolloutCorrelationId('web@1.2.3')).toBe(rolloutCorrelationId('web@1.2.3'));
    expect(rolloutCorrelationId('web@1.2.4')).not.toBe(rolloutCorrelationId('web@1.2.3'));
  });
});

describe('the correlation and token policies', () => {
  it('sends the rollout\'s correlation id on every request', async () => {
    sim.requests.length = 0;
    const client = clientOf(sim.endpoint, counting());
    await client.resourceGroups.get('rg-p');
    await client.resourceGroups.checkExistence('rg-p');
    expect(sim.requests.map((r) => r.correlationId)).toEqual(['rollout-corr', 'rollout-corr']);
  });

  it('asks the credential once while its token has more than five minutes left, and for every request once it has less', async () => {
    const lasting = counting(5 * 60_000 + 60_000);
    const client = clientOf(sim.endpoint, lasting);
    await Promise.all([client.resourceGroups.get('rg-p'), client.resourceGroups.get('rg-p'), client.resourceGroups.get('rg-p')]);
    await client.resourceGroups.get('rg-p');
    expect(lasting.calls).toBe(1);
    const short = counting(5 * 60_000 - 1_000);
    const shortClient = clientOf(sim.endpoint, short);
    await shortClient.resourceGroups.get('rg-p');
    await shortClient.resourceGroups.get('rg-p');
    expect(short.calls).toBe(2);
  });

  it('on 401 ExpiredAuthenticationToken gets a fresh token, retries once and says so', async () => {
    sim.faults.add({ kind: 'authExpired', path: '/resourcegroups/rg-p', times: 1 });
    const credential = counting();
    const refreshes: string[] = [];
    const group = await clientOf(sim.endpoint, credential, { refreshes }).resourceGroups.get('rg-p');
    expect(group.location).toBe('westeurope');
    expect(credential.calls).toBe(2);
    expect(refreshes).toEqual([`ARM answered 401 ExpiredAuthenticationToken on GET /subscriptions/${SUB}/resourcegroups/rg-p: refreshing the token and retrying once`]);
  });

  it('a second expired-token 401 is ARM\'s answer: no third request', async () => {
    sim.faults.clear();
    sim.faults.add({ kind: 'authExpired', path: '/resourcegroups/rg-p', times: 2 });
    sim.requests.length = 0;
    const credential = counting();
    const refreshes: string[] = [];
    const error = await clientOf(sim.endpoint, credential, { refreshes }).resourceGroups.get('rg-p').catch((e: unknown) => e);
    const failure = fromSdkError(error, 'reading rg-p');
    expect(failure.code).toBe('ExpiredAuthenticationToken');
    expect(failure.transient).toBe(false);
    expect(sim.requests.map((r) => r.status)).toEqual([401, 401]);
    expect(refreshes).toHaveLength(1);
    expect(credential.calls).toBe(2);
    sim.faults.clear();
  });

  it('refreshes on InvalidAuthenticationToken named only in the body, and never on another 401', async () => {
    let answers = 0;
    const server = await startServer((res) => {
      answers++;
      if (answers === 1) res.writeHead(401, { 'content-type': 'application/json' }).end(JSON.stringify({ error: { code: 'InvalidAuthenticationToken', message: 'The access token is invalid.' } }));
      else res.writeHead(401, { 'content-type': 'application/json' }).end(JSON.stringify({ error: { code: 'AuthorizationFailed', message: 'The client has no authorization.' } }));
    });
    try {
      const credential = counting();
      const refreshes: string[] = [];
      const client = clientOf(server.endpoint, credential, { refreshes });
      const error = await client.resourceGroups.get('rg-x').catch((e: unknown) => e);
      expect(fromSdkError(error, 'reading rg-x').message).toBe('reading rg-x: The client has no authorization.');
      expect(server.auth).toEqual(['Bearer token-1', 'Bearer token-2']);
      expect(refreshes).toEqual([`ARM answered 401 InvalidAuthenticationToken on GET /subscriptions/${SUB}/resourcegroups/rg-x: refreshing the token and retrying once`]);
      // A 401 that is not about the token (AuthorizationFailed) is answered as it is, and the next request keeps the token.
      answers = 1;
      await client.resourceGroups.get('rg-x').catch((e: unknown) => e);
      expect(server.auth).toEqual(['Bearer token-1', 'Bearer token-2', 'Bearer token-2']);
      expect(refreshes).toHaveLength(1);
    } finally {
      await server.close();
    }
  });

  it('fails with a plain sentence when the credential gives no token', async () => {
    const credential: TokenCredential = { getToken: async () => null };
    const error = (await clientOf(sim.endpoint, credential).resourceGroups.get('rg-p').catch((e: unknown) => e)) as Error;
    expect(error.message).toBe('the credential returned no token for Azure Resource Manager');
  });
});

describe('the request timeout', () => {
  it('cuts a request that gets no answer with a transient ETIMEDOUT that names method, path and limit', async () => {
    sim.faults.add({ kind: 'requestHangs', path: '/resourcegroups/rg-p', times: 1 });
    const started = Date.now();
    const error = await clientOf(sim.endpoint, counting(), { timeoutMs: 150 }).resourceGroups.get('rg-p').catch((e: unknown) => e);
    expect(Date.now() - started).toBeLessThan(5_000);
    const failure: DeploymentFailure = fromSdkError(error, 'reading rg-p');
    expect(failure.message).toBe(`reading rg-p: GET /subscriptions/${SUB}/resourcegroups/rg-p got no answer within 150 ms (request timeout)`);
    expect(failure.code).toBe('ETIMEDOUT');
    expect(failure.transient).toBe(true);
    expect((error as Error).name).toBe('RequestTimeoutError');
  });

  it('a caller\'s abort is the caller\'s, not a timeout, and an already-aborted caller sends nothing', async () => {
    sim.faults.add({ kind: 'requestHangs', path: '/resourcegroups/rg-p', times: 1 });
    const client = clientOf(sim.endpoint, counting(), { timeoutMs: 60_000 });
    const stop = new AbortController();
    const pending = client.resourceGroups.get('rg-p', { abortSignal: stop.signal }).catch((e: unknown) => e);
    await new Promise((resolve) => setTimeout(resolve, 50));
    stop.abort(new Error('run stopped'));
    const error = (await pending) as Error;
    expect(error.name).toBe('AbortError');
    expect(fromSdkError.bind(null, error, 'w')).toThrow(error.message);
    sim.requests.length = 0;
    const before = new AbortController();
    before.abort(new Error('stopped before'));
    const early = (await client.resourceGroups.get('rg-p', { abortSignal: before.signal }).catch((e: unknown) => e)) as Error;
    expect(early.name).toBe('AbortError');
    expect(sim.requests).toHaveLength(0);
  });

  it('an answer within the limit is the answer', async () => {
    const group = await clientOf(sim.endpoint, counting(), { timeoutMs: 2_000 }).resourceGroups.get('rg-p');
    expect(group.name).toBe('rg-p');
  });
});
