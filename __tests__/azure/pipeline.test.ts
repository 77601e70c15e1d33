// What every ARM request goes through (src/azure/pipeline.ts), at the scale of a rollout: of tens of thousands of
// requests none may stay in memory once answered, and hundreds sent together share a bounded number of connections.
// The request timeout once combined signals with AbortSignal.any, which Node keeps alive while a listener is on it.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { PipelinePolicy } from '@azure/core-rest-pipeline';
import { ResourceManagementClient } from '@azure/arm-resources';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { startArmSim, trustSimCa, type ArmSim } from '../../sim/index.js';
import { installArmPolicies } from '../../src/azure/pipeline.js';
import { SystemClock } from '../../src/time/clock.js';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

let sim: ArmSim;
beforeAll(async () => {
  sim = await startArmSim({ clock: new SystemClock() });
  trustSimCa(sim.ca);
});
afterAll(() => sim.stop());

describe('ARM pipeline', () => {
  it('lets every answered request, and the signal its HTTP client listened on, be collected', async () => {
    const credential = { getToken: async () => ({ token: 't', expiresOnTimestamp: Date.now() + 3_600_000 }) };
    const client = new ResourceManagementClient(credential, '00000000-0000-0000-0000-000000000001', { endpoint: sim.endpoint, retryOptions: { maxRetries: 0 } });
    installArmPolicies(client.pipeline, { credential, correlationId: 'c', requestTimeoutMs: 60_000 });
    // What the SDK's HTTP client sees: the signal it puts its abort listener on.
    const seen: WeakRef<AbortSignal>[] = [];
    const spy: PipelinePolicy = { name: 'spy', sendRequest: (request, next) => (seen.push(new WeakRef(request.abortSignal as AbortSignal)), next(request)) };
    client.pipeline.addPolicy(spy, { afterPolicies: ['stagedRolloutTimeoutPolicy'] });
    const rollout = new AbortController();
    for (let i = 0; i < 20; i++) {
      for await (const page of client.resourceGroups.list({ abortSignal: rollout.signal }).byPage()) expect(page).toEqual([]);
    }
    expect(seen).toHaveLength(20);
    // The SDK's clean-up runs once the body stream is closed, a few turns after the answer.
    await new Promise((resolve) => setTimeout(resolve, 50));
    gc();
    await new Promise((resolve) => setImmediate(resolve));
    gc();
    expect(seen.filter((ref) => ref.deref() !== undefined)).toHaveLength(0);
    expect(rollout.signal.aborted).toBe(false);
  });
});

describe('ARM connections', () => {
  it('opens at most MAX_ARM_CONNECTIONS at once, however many requests are sent together, and answers them all', async () => {
    const { makeCert } = await import('../../sim/certs.js');
    const https = await import('node:https');
    const { trustCertificate } = await import('../../src/azure/tls.js');
    const { MAX_ARM_CONNECTIONS } = await import('../../src/azure/pipeline.js');
    const cert = await makeCert();
    trustCertificate(cert.cert);
    let open = 0;
    let most = 0;
    const server = https.createServer({ key: cert.key, cert: cert.cert }, (req, res) => {
      // Held a little, so that requests sent together are on the wire together.
      setTimeout(() => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ id: req.url, name: 'rg', location: 'eastus' })), 20);
    });
    server.on('connection', (socket) => {
      most = Math.max(most, ++open);
      socket.on('close', () => open--);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    try {
      const endpoint = `https://127.0.0.1:${(server.address() as import('node:net').AddressInfo).port}`;
      const credential = { getToken: async () => ({ token: 't', expiresOnTimestamp: Date.now() + 3_600_000 }) };
      const client = new ResourceManagementClient(credential, '00000000-0000-0000-0000-000000000001', { endpoint, retryOptions: { maxRetries: 0 } });
      installArmPolicies(client.pipeline, { credential, correlationId: 'c', requestTimeoutMs: 60_000 });
      const groups = await Promise.all(Array.from({ length: 100 }, (_, i) => client.resourceGroups.get(`rg-${i}`)));
      expect(groups.map((g) => g.location)).toEqual(Array(100).fill('eastus'));
      expect(most).toBe(MAX_ARM_CONNECTIONS);
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
