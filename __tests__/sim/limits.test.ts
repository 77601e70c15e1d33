import { VirtualClock } from '../../src/time/clock.js';
import { startArmSim, type ArmSim } from '../../sim/index.js';
import { call, clients, siteParams, siteTemplate, SUB } from './helpers.js';

const V = 'api-version=2025-04-01';
const SUB2 = '00000000-0000-0000-0000-000000000002';

async function burst(sim: ArmSim, n: number, method: string, path: (i: number) => string, body?: unknown) {
  const out: { status: number; remaining: string | null; retryAfter: string | null; code?: string }[] = [];
  // Batches keep the order of the answers meaningful while staying fast.
  for (let i = 0; i < n; i += 25) {
    const batch = await Promise.all(
      Array.from({ length: Math.min(25, n - i) }, (_, j) => call(sim, method, path(i + j), body)),
    );
    for (const r of batch) {
      const kind = method === 'GET' ? 'reads' : method === 'DELETE' ? 'deletes' : 'writes';
      out.push({ status: r.status, remaining: r.headers.get(`x-ms-ratelimit-remaining-subscription-${kind}`), retryAfter: r.headers.get('retry-after'), code: r.json?.error?.code });
    }
  }
  return out;
}

describe('token bucket per subscription and operation kind', () => {
  let sim: ArmSim;
  let clock: VirtualClock;
  beforeAll(async () => {
    clock = new VirtualClock(); // never started: time moves only when the test says so
    sim = await startArmSim({ clock });
  });
  afterAll(async () => {
    await sim.stop();
  });

  test('reads: 250 burst, then 429 SubscriptionRequestsThrottled with Retry-After; 25/s refill', async () => {
    const rs = await burst(sim, 251, 'GET', () => `/subscriptions/${SUB}/resourcegroups?${V}`);
    expect(rs.slice(0, 250).every((r) => r.status === 200)).toBe(true);
    expect(rs.map((r) => Number(r.remaining)).slice(0, 250).sort((a, b) => b - a)).toEqual(Array.from({ length: 250 }, (_, i) => 249 - i));
    expect(rs[250]).toEqual({ status: 429, remaining: '0', retryAfter: '1', code: 'SubscriptionRequestsThrottled' });
    clock.advance(1000);
    const after = await burst(sim, 26, 'GET', () => `/subscriptions/${SUB}/resourcegroups?${V}`);
    expect(after.filter((r) => r.status === 200)).toHaveLength(25);
    expect(after.filter((r) => r.status === 429)).toHaveLength(1);
    // Another subscription has its own bucket.
    expect((await call(sim, 'GET', `/subscriptions/${SUB2}/resourcegroups?${V}`)).status).toBe(200);
  });

  test('writes: 200 burst, 10/s refill; the remaining-writes header is on every answer, errors too', async () => {
    const rs = await burst(sim, 201, 'PUT', (i) => `/subscriptions/${SUB2}/resourcegroups/rg-${i}?${V}`, { location: 'eastus' });
    expect(rs.slice(0, 200).every((r) => r.status === 201 && r.remaining !== null)).toBe(true);
    expect(rs[200]).toMatchObject({ status: 429, code: 'SubscriptionRequestsThrottled', retryAfter: '1' });
    clock.advance(50); // half a token
    expect((await call(sim, 'PUT', `/subscriptions/${SUB2}/resourcegroups/x?${V}`, { location: 'eastus' })).status).toBe(429);
    clock.advance(60);
    const bad = await call(sim, 'PUT', `/subscriptions/${SUB2}/resourcegroups/x?${V}`, {});
    expect(bad.status).toBe(400);
    expect(bad.headers.get('x-ms-ratelimit-remaining-subscription-writes')).toBe('0');
  });

  test('deletes: 200 burst, separate from writes', async () => {
    const rs = await burst(sim, 201, 'DELETE', (i) => `/subscriptions/${SUB}/resourcegroups/none-${i}/providers/Microsoft.Resources/deployments/d?${V}`);
    expect(rs.slice(0, 200).every((r) => r.status === 404)).toBe(true);
    expect(rs[200]).toMatchObject({ status: 429, code: 'SubscriptionRequestsThrottled' });
    expect((await call(sim, 'PUT', `/subscriptions/${SUB}/resourcegroups/w?${V}`, { location: 'eastus' })).status).toBe(201);
  });
});

test('throttleScale multiplies bucket and rate; Infinity disables', async () => {
  const clock = new VirtualClock();
  const small = await startArmSim({ clock, throttleScale: 0.1 });
  const free = await startArmSim({ clock, throttleScale: Number.POSITIVE_INFINITY });
  try {
    const rs = await burst(small, 26, 'GET', () => `/subscriptions/${SUB}/resourcegroups?${V}`);
    expect(rs.filter((r) => r.status === 200)).toHaveLength(25);
    expect(rs[25].status).toBe(429);
    const none = await burst(free, 300, 'GET', () => `/subscriptions/${SUB}/resourcegroups?${V}`);
    expect(none.every((r) => r.status === 200)).toBe(true);
  } finally {
    await small.stop();
    await free.stop();
  }
});

describe('deployment limits', () => {
  test('800 deployments per scope, then 409 DeploymentQuotaExceeded', async () => {
    const sim = await startArmSim({ deploymentLatencyMs: 0, throttleScale: Number.POSITIVE_INFINITY });
    try {
      const body = { location: 'eastus', properties: { mode: 'Incremental', template: { contentVersion: '1.0.0.0', resources: [] } } };
      const rs = await burst(sim, 800, 'PUT', (i) => `/subscriptions/${SUB}/providers/Microsoft.Resources/deployments/d${i}?${V}`, body);
      expect(rs.every((r) => r.status === 201)).toBe(true);
      const over = await call(sim, 'PUT', `/subscriptions/${SUB}/providers/Microsoft.Resources/deployments/d800?${V}`, body);
      expect(over.status).toBe(409);
      expect(over.json.error.code).toBe('DeploymentQuotaExceeded');
      // Redeploying an existing name does not add to the history.
      await new Promise((r) => setTimeout(r, 20));
      expect((await call(sim, 'PUT', `/subscriptions/${SUB}/providers/Microsoft.Resources/deployments/d1?${V}`, body)).status).toBe(200);
      // Deleting one makes room.
      expect((await call(sim, 'DELETE', `/subscriptions/${SUB}/providers/Microsoft.Resources/deployments/d0?${V}`)).status).toBe(202);
      expect((await call(sim, 'PUT', `/subscriptions/${SUB}/providers/Microsoft.Resources/deployments/d800?${V}`, body)).status).toBe(201);
    } finally {
      await sim.stop();
    }
  });

  test('autoDeleteHistory trims the oldest finished deployments instead', async () => {
    const sim = await startArmSim({ deploymentLatencyMs: 0, historyLimit: 8, autoDeleteHistory: true });
    try {
      const body = { location: 'eastus', properties: { mode: 'Incremental', template: { contentVersion: '1.0.0.0', resources: [] } } };
      for (let i = 0; i < 12; i++) {
        expect((await call(sim, 'PUT', `/subscriptions/${SUB}/providers/Microsoft.Resources/deployments/h${i}?${V}`, body)).status).toBe(201);
        await new Promise((r) => setTimeout(r, 2));
      }
      const list = await call(sim, 'GET', `/subscriptions/${SUB}/providers/Microsoft.Resources/deployments?${V}`);
      expect(list.json.value.length).toBeLessThanOrEqual(7);
      expect(list.json.value.at(-1).name).toBe('h11');
    } finally {
      await sim.stop();
    }
  });

  // ARM runs deployments of other names into one resource group side by side (Bicep modules do it all the time); only
  // the same name is refused while it is active (the REST reference names no other refusal).
  test('409 DeploymentActive for the same name while it runs; another name into the same resource group runs alongside', async () => {
    const clock = new VirtualClock();
    const sim = await startArmSim({ clock });
    try {
      const { rm, dc } = clients(sim);
      await rm.resourceGroups.createOrUpdate('rg', { location: 'eastus' });
      const body = { properties: { mode: 'Incremental' as const, template: siteTemplate(), parameters: siteParams('s', '1') } };
      await dc.deployments.beginCreateOrUpdate('rg', 'first', body);
      await expect(dc.deployments.beginCreateOrUpdate('rg', 'first', body)).rejects.toMatchObject({ statusCode: 409, code: 'DeploymentActive' });
      await dc.deployments.beginCreateOrUpdate('rg', 'second', body);
      expect((await dc.deployments.get('rg', 'second')).properties?.provisioningState).toMatch(/Accepted|Running/);
      expect((await dc.deployments.get('rg', 'first')).properties?.provisioningState).toMatch(/Accepted|Running/);
      clock.advance(20_000);
      await new Promise((r) => setImmediate(r));
      // Once the first has finished, the same name deploys again.
      const again = await dc.deployments.beginCreateOrUpdate('rg', 'first', body);
      expect(again.getOperationState().status).not.toBe('failed');
      expect((await dc.deployments.get('rg', 'first')).properties?.provisioningState).toMatch(/^(Accepted|Running|Succeeded)$/);
    } finally {
      await sim.stop();
    }
  });
});
