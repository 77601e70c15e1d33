import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ResourceManagementClient } from '@azure/arm-resources';
import { VirtualClock } from '../../src/time/clock.js';
import { startArmSim, type ArmSim } from '../../sim/index.js';
import { call, clients, credential, errorOf, siteParams, siteTemplate, SUB } from './helpers.js';

// Every fault, seen through the unmodified SDK (or, for app faults, a plain HTTPS client) as ARM / the app would show it.
let sim: ArmSim;
let clock: VirtualClock;
let dir: string;
let faultsFile: string;
const poll = { updateIntervalInMs: 5 };

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'sim-faults-'));
  faultsFile = path.join(dir, 'faults.json');
  clock = new VirtualClock().start();
  sim = await startArmSim({ clock, deploymentLatencyMs: 60_000, faultsFile });
  const { rm } = clients(sim);
  for (const [rg, loc] of [['rg-eus', 'eastus'], ['rg-wus', 'westus'], ['rg-neu', 'northeurope'], ['rg-app', 'eastus']]) {
    await rm.resourceGroups.createOrUpdate(rg, { location: loc });
  }
});
afterAll(async () => {
  await sim.stop();
  clock.stop();
  rmSync(dir, { recursive: true, force: true });
});
afterEach(() => sim.faults.clear());

const deploy = (rg: string, name: string, version: string, tags?: Record<string, string>) =>
  clients(sim).dc.deployments.beginCreateOrUpdateAndWait(rg, name, { tags, properties: { mode: 'Incremental', template: siteTemplate(), parameters: siteParams(`site-${rg}`, version) } }, poll);

test('deploymentFails unwrapped: the SDK error carries the code and message; `times: 1` applies once; match by region', async () => {
  sim.faults.add({ kind: 'deploymentFails', region: 'westus', code: 'QuotaExceeded', message: 'Operation could not be completed as it results in exceeding approved quota.', wrap: false, times: 1 });
  await expect(deploy('rg-eus', 'ok-east', '1.0.0')).resolves.toMatchObject({ properties: { provisioningState: 'Succeeded' } });
  const err = errorOf(await deploy('rg-wus', 'quota', '1.0.0').catch((e) => e));
  expect(err.message).toBe('The long-running operation has failed. QuotaExceeded. Operation could not be completed as it results in exceeding approved quota.');
  const d = await clients(sim).dc.deployments.get('rg-wus', 'quota');
  expect(d.properties?.error).toEqual({ code: 'QuotaExceeded', message: 'Operation could not be completed as it results in exceeding approved quota.' });
  const ops = [];
  for await (const op of clients(sim).dc.deploymentOperations.list('rg-wus', 'quota')) ops.push(op);
  expect(ops[0].properties).toMatchObject({ provisioningState: 'Failed', statusCode: 'BadRequest', statusMessage: { status: 'Failed', error: { code: 'QuotaExceeded' } } });
  await expect(deploy('rg-wus', 'quota-again', '1.0.0')).resolves.toMatchObject({ properties: { provisioningState: 'Succeeded' } });
});

test('deploymentFails by version: the rollout-version tag wins over the app version', async () => {
  sim.faults.add({ kind: 'deploymentFails', version: '9.9.9', code: 'BadRequest', message: 'bad build' });
  await expect(deploy('rg-neu', 'by-app-version', '9.9.9')).rejects.toThrow('DeploymentFailed');
  await expect(deploy('rg-neu', 'by-tag', '1.0.0', { 'rollout-version': '9.9.9' })).rejects.toThrow('DeploymentFailed');
  await expect(deploy('rg-neu', 'other', '1.0.0', { 'rollout-version': '1.0.0' })).resolves.toMatchObject({ name: 'other', properties: { provisioningState: 'Succeeded' } });
});

test('deploymentTakes: the duration ARM reports is the virtual time it took', async () => {
  sim.faults.add({ kind: 'deploymentTakes', resourceGroup: 'rg-eus', durationMs: 2 * 3_600_000 });
  const started = clock.now();
  const d = await deploy('rg-eus', 'slow', '1.0.0');
  expect(clock.now() - started).toBeGreaterThanOrEqual(2 * 3_600_000);
  expect(d.properties?.duration).toBe('PT2H0S');
});

test('deploymentHangs: Running until the resource group is deleted, then Canceled', async () => {
  const { rm, dc } = clients(sim);
  await rm.resourceGroups.createOrUpdate('rg-hang', { location: 'eastus' });
  sim.faults.add({ kind: 'deploymentHangs', deploymentName: 'stuck' });
  const poller = await dc.deployments.beginCreateOrUpdate('rg-hang', 'stuck', { properties: { mode: 'Incremental', template: siteTemplate(), parameters: siteParams('h', '1') } }, poll);
  const rejected = expect(poller.pollUntilDone()).rejects.toThrow('Operation was canceled');
  await new Promise((r) => setTimeout(r, 30));
  expect(clock.now()).toBeGreaterThan(0);
  expect((await dc.deployments.get('rg-hang', 'stuck')).properties?.provisioningState).toBe('Running');
  await rm.resourceGroups.beginDeleteAndWait('rg-hang', poll);
  await rejected;
});

test('validationFails: PUT answers 400 InvalidTemplateDeployment with the preflight error', async () => {
  sim.faults.add({ kind: 'validationFails', resourceGroup: 'rg-eus', code: 'SkuNotAvailable', message: "The requested size for resource 'x' is currently not available in location 'eastus'." });
  let body: any;
  const err = await clients(sim)
    .dc.deployments.beginCreateOrUpdateAndWait('rg-eus', 'preflight', { properties: { mode: 'Incremental', template: siteTemplate(), parameters: siteParams('p', '1') } }, { ...poll, onResponse: (r) => (body = r.parsedBody) })
    .catch((e) => e);
  expect(err).toMatchObject({ statusCode: 400, code: 'InvalidTemplateDeployment' });
  expect(body.error.details[0].details[0]).toEqual({ code: 'SkuNotAvailable', message: "The requested size for resource 'x' is currently not available in location 'eastus'." });
});

describe('stamp app faults', () => {
  let url: string;
  beforeAll(async () => {
    const d = await deploy('rg-app', 'app', '4.0.0');
    url = String((d.properties?.outputs as any).endpoint.value);
  });
  const health = async (): Promise<{ status: number; body: unknown }> => {
    const r = await fetch(`${url}/healthz`);
    return { status: r.status, body: await r.json() };
  };

  test('healthFails from afterMs: healthy, then 500 once the app is old enough', async () => {
    const app = sim.apps().find((a) => a.url === url)!;
    expect(app.version).toBe('4.0.0');
    sim.faults.add({ kind: 'healthFails', resourceGroup: 'rg-app', afterMs: 10 * 60_000 });
    expect(await health()).toEqual({ status: 200, body: { status: 'ok', version: '4.0.0' } });
    clock.advance(10 * 60_000);
    expect(await health()).toEqual({ status: 500, body: { status: 'unhealthy', version: '4.0.0' } });
  });

  test('healthFails matched by version and region', async () => {
    sim.faults.add({ kind: 'healthFails', version: '4.0.0', region: 'eastus', status: 503 });
    expect((await health()).status).toBe(503);
    sim.faults.clear();
    sim.faults.add({ kind: 'healthFails', version: '5.0.0' });
    expect((await health()).status).toBe(200);
  });

  test('healthSlow: the answer waits on the clock', async () => {
    sim.faults.add({ kind: 'healthSlow', resourceGroup: 'rg-app', delayMs: 45_000 });
    const before = clock.now();
    expect((await health()).status).toBe(200);
    expect(clock.now() - before).toBeGreaterThanOrEqual(45_000);
  });

  test('healthFlaps: failing and healthy periods alternate', async () => {
    sim.faults.add({ kind: 'healthFlaps', resourceGroup: 'rg-app', periodMs: 60_000 });
    const seen: number[] = [];
    for (let i = 0; i < 4; i++) {
      seen.push((await health()).status);
      clock.advance(60_000);
    }
    expect(new Set(seen)).toEqual(new Set([200, 500]));
    expect(seen[0]).not.toBe(seen[1]);
    expect(seen[1]).not.toBe(seen[2]);
  });
});

describe('ARM request faults', () => {
  // No retries, so the test sees each failure as the SDK's pipeline reports it.
  const noRetry = () => new ResourceManagementClient(credential, SUB, { endpoint: sim.endpoint, retryOptions: { maxRetries: 0 } });

  test('requestRefused: the connection is destroyed without an answer', async () => {
    sim.faults.add({ kind: 'requestRefused', resourceGroup: 'rg-eus', times: 1 });
    const err = await noRetry().resourceGroups.get('rg-eus').catch((e) => e);
    expect(err.name).toBe('RestError');
    expect(err.code).toBe('ECONNRESET');
    expect(err.statusCode).toBeUndefined();
    await expect(noRetry().resourceGroups.get('rg-eus')).resolves.toMatchObject({ name: 'rg-eus' });
  });

  test('requestReset: a TCP reset', async () => {
    sim.faults.add({ kind: 'requestReset', method: 'GET', path: '/resourcegroups/rg-wus', times: 1 });
    const err = await noRetry().resourceGroups.get('rg-wus').catch((e) => e);
    expect(err.code).toBe('ECONNRESET');
    expect(sim.requests.at(-1)).toMatchObject({ method: 'GET', status: 0 });
  });

  test('throttle: 429 SubscriptionRequestsThrottled with Retry-After, as ARM sends it', async () => {
    sim.faults.add({ kind: 'throttle', subscription: SUB, retryAfterSeconds: 7, times: 1 });
    let retryAfter: string | undefined;
    const err = await noRetry().resourceGroups.get('rg-eus', { onResponse: (r) => (retryAfter = r.headers.get('retry-after')) }).catch((e) => e);
    expect(err).toMatchObject({ statusCode: 429, code: 'SubscriptionRequestsThrottled' });
    expect(err.message).toMatch(/^Number of 'read' requests for subscription '.*' exceeded\. Please try again after '7' seconds/);
    expect(retryAfter).toBe('7');
  });
});

test('faults file: rules apply when written and stop when removed', async () => {
  writeFileSync(faultsFile, JSON.stringify([{ kind: 'deploymentFails', deploymentName: 'from-file', code: 'Conflict', message: 'from the file', wrap: false }]));
  await expect(deploy('rg-eus', 'from-file', '1.0.0')).rejects.toThrow('Conflict. from the file');
  expect(sim.faults.list()).toContainEqual(expect.objectContaining({ id: 'file-1', kind: 'deploymentFails' }));
  writeFileSync(faultsFile, '[]\n');
  await expect(deploy('rg-eus', 'from-file', '1.0.0')).resolves.toMatchObject({ name: 'from-file', properties: { provisioningState: 'Succeeded' } });
});

test('control API: add, list, remove faults and read the request log over HTTP', async () => {
  const added = await call(sim, 'POST', '/_sim/faults', [{ kind: 'healthFails', region: 'eastus' }, { kind: 'throttle', times: 2 }]);
  expect(added.status).toBe(201);
  expect(added.json.ids).toHaveLength(2);
  expect((await call(sim, 'GET', '/_sim/faults')).json.map((f: { kind: string }) => f.kind)).toEqual(['healthFails', 'throttle']);
  expect((await call(sim, 'DELETE', `/_sim/faults/${added.json.ids[1]}`)).status).toBe(204);
  const bad = await call(sim, 'POST', '/_sim/faults', { kind: 'meteorStrike' });
  expect(bad.status).toBe(400);
  expect(bad.json.error.code).toBe('InvalidSimControlRequest');
  expect((await call(sim, 'DELETE', '/_sim/faults')).status).toBe(204);
  expect((await call(sim, 'GET', '/_sim/faults')).json).toEqual([]);
  const log = (await call(sim, 'GET', '/_sim/requests')).json as { method: string; status: number }[];
  expect(log.length).toBe(sim.requests.length);
  expect((await call(sim, 'GET', '/_sim/apps')).json).toEqual(sim.apps());
  expect((await call(sim, 'GET', '/_sim/info')).json).toEqual({ endpoint: sim.endpoint, caFile: sim.caFile });
});
