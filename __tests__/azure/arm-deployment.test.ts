// One deployment from PUT to its end (src/azure/arm-deployment.ts), with the real SDK against the local endpoint on a
// virtual clock: the poll pace (floor, ×1.5 growth, cap, ARM's Retry-After clamped, the previous duration), what an
// existing deployment of the name means (accept, follow, wait for someone else's), a lost PUT answer, the timeout and
// its cancel, an abort, and the failures users read.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, jest } from '@jest/globals';
import { ResourceManagementClient } from '@azure/arm-resources';
import { DeploymentsClient, type Deployment as ArmDeployment } from '@azure/arm-resourcesdeployments';
import { startArmSim, trustSimCa, type ArmSim, type RequestLogEntry } from '../../sim/index.js';
import { cancel, runDeployment, type ArmDeploymentDeps, type DeploymentTarget } from '../../src/azure/arm-deployment.js';
import { installArmPolicies } from '../../src/azure/pipeline.js';
import { RequestBudget } from '../../src/azure/request-budget.js';
import { DeploymentFailure } from '../../src/engine/errors.js';
import { DEPLOYMENT_TAGS, type PlanStamp } from '../../src/plan/types.js';
import { VirtualClock } from '../../src/time/clock.js';

const SUB = '00000000-0000-0000-0000-0000000000e1';
const CORR = '11111111-2222-4333-8444-555555555555';
const credential = { getToken: async () => ({ token: 't', expiresOnTimestamp: Date.now() + 3_600_000 }) };
const TEMPLATE = { $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#', contentVersion: '1.0.0.0', resources: [], outputs: { greeting: { type: 'string', value: 'hello' } } };
const OURS = { [DEPLOYMENT_TAGS.rolloutId]: 'web@1.0.0', [DEPLOYMENT_TAGS.contentHash]: 'hash-1' };

let clock: VirtualClock;
let sim: ArmSim;
let paced: ArmSim;
let lines: string[];
let seq = 0;
let random: ReturnType<typeof jest.spyOn>;

async function prepare(s: ArmSim): Promise<DeploymentsClient> {
  const groups = new ResourceManagementClient(credential, SUB, { endpoint: s.endpoint, retryOptions: { maxRetries: 0 } });
  await groups.resourceGroups.createOrUpdate('rg-d', { location: 'eastus' });
  const client = new DeploymentsClient(credential, SUB, { endpoint: s.endpoint, retryOptions: { maxRetries: 0 } });
  installArmPolicies(client.pipeline, { credential, correlationId: CORR, requestTimeoutMs: 60_000 });
  return client;
}
let client: DeploymentsClient;
let pacedClient: DeploymentsClient;

beforeAll(async () => {
  clock = new VirtualClock(Date.UTC(2026, 0, 1)).start();
  sim = await startArmSim({ clock, throttleScale: Infinity, deploymentLatencyMs: 20_000 });
  // This one answers Retry-After: 7 on the PUT and on every running status.
  paced = await startArmSim({ clock, throttleScale: Infinity, deploymentLatencyMs: 20_000, deploymentRetryAfterSeconds: 7 });
  trustSimCa(sim.ca);
  trustSimCa(paced.ca);
  client = await prepare(sim);
  pacedClient = await prepare(paced);
});
afterAll(async () => {
  await sim.stop();
  await paced.stop();
  clock.stop();
});
beforeEach(() => {
  lines = [];
  sim.requests.length = 0;
  paced.requests.length = 0;
  // The jitter's top: retries wait their full 1 s, 2 s, 4 s ... (Math.random is the platform's).
  random = jest.spyOn(Math, 'random').mockReturnValue(0.999999999);
});
afterEach(() => {
  random.mockRestore();
  sim.faults.clear();
  paced.faults.clear();
});

const stamp = { id: 'web@eastus', component: 'web', region: 'eastus', scope: 'resourceGroup', subscription: SUB, resourceGroup: 'rg-d', location: 'eastus' } as PlanStamp;
function deps(over: Partial<ArmDeploymentDeps> = {}): ArmDeploymentDeps {
  return { clock, log: (l) => lines.push(l), retryForMs: 600_000, client, reads: new RequestBudget(clock, 1_000, 1_000), writes: new RequestBudget(clock, 1_000, 1_000), pacing: { floorMs: 2_000, capMs: 10_000 }, inFlight: new Set(), ...over };
}
function target(over: Partial<DeploymentTarget> = {}, tags: Record<string, string> = OURS): DeploymentTarget {
  const body: ArmDeployment = { tags, properties: { mode: 'Incremental', template: TEMPLATE } };
  return { stamp, name: `web-${++seq}`, body, priority: 'normal', readFirst: false, timeoutMs: 3_600_000, ...over };
}
const never = (): AbortSignal => new AbortController().signal;
const statusPolls = (log: RequestLogEntry[]): RequestLogEntry[] => log.filter((r) => r.method === 'GET' && r.path.includes('/operationStatuses/'));
const after = (log: RequestLogEntry[], method: string): number[] => {
  const put = log.find((r) => r.method === 'PUT')!;
  return statusPolls(log).map((r) => r.time - put.time);
};
const failureOf = async (p: Promise<unknown>): Promise<DeploymentFailure> => {
  const e = await p.then(() => undefined, (x: unknown) => x);
  if (!(e instanceof DeploymentFailure)) throw new Error(`expected a DeploymentFailure, got ${String(e)}`);
  return e;
};

describe('following a deployment', () => {
  it('polls from the floor, growing ×1.5 up to the cap, then reads the deployment once and returns its outputs', async () => {
    const t = target();
    const started = clock.now();
    const done = await runDeployment(deps(), t, never());
    // 2, 3, 4.5, 6.75 s apart, then capped at 10 s: the 20 s deployment is seen done at 26.25 s.
    expect(after(sim.requests, 'PUT')).toEqual([2_000, 5_000, 9_500, 16_250, 26_250]);
    expect(done).toEqual({ deploymentId: `/subscriptions/${SUB}/resourceGroups/rg-d/providers/Microsoft.Resources/deployments/${t.name}`, deploymentName: t.name, outputs: { greeting: { type: 'String', value: 'hello' } }, correlationId: CORR, durationMs: 26_250 });
    expect(clock.now() - started).toBe(26_250);
    expect(sim.requests.filter((r) => r.method === 'GET' && r.path.endsWith(`/deployments/${t.name}`))).toHaveLength(1);
    expect(lines).toEqual([]);
  });

  it('an operation status ARM no longer knows (404) is dropped: the deployment itself is read from then on', async () => {
    const t = target();
    sim.faults.add({ kind: 'notFound', method: 'GET', path: '/operationStatuses/' });
    const started = clock.now();
    const done = await runDeployment(deps(), t, never());
    expect(done.outputs).toEqual({ greeting: { type: 'String', value: 'hello' } });
    const gets = sim.requests.filter((r) => r.method === 'GET').map((r) => `${r.path.includes('/operationStatuses/') ? 'status' : 'deployment'} ${r.status} ${r.time - started}`);
    // One 404 on the status, the deployment read at once instead, then on the same pace as before, until it is done.
    expect(gets).toEqual(['status 404 2000', 'deployment 200 2000', 'deployment 200 5000', 'deployment 200 9500', 'deployment 200 16250', 'deployment 200 26250']);
    expect(lines).toEqual([]);
  });

  it('a status dropped after it answered: the deployment is read on at the pace the polls were on, Retry-After or growing', async () => {
    const t = target();
    paced.faults.add({ kind: 'deploymentTakes', deploymentName: t.name, durationMs: 40_000 });
    const started = clock.now();
    // After the first poll (7 s, Retry-After: 7) ARM forgets the operation status.
    void clock.sleep(8_000).then(() => paced.faults.add({ kind: 'notFound', method: 'GET', path: '/operationStatuses/' }));
    await runDeployment(deps({ client: pacedClient }), t, never());
    const gets = paced.requests.filter((r) => r.method === 'GET').map((r) => `${r.path.includes('/operationStatuses/') ? 'status' : 'deployment'} ${r.status} ${r.time - started}`);
    expect(gets).toEqual(['status 200 7000', 'status 404 14000', 'deployment 200 14000', 'deployment 200 21000', 'deployment 200 28000', 'deployment 200 35000', 'deployment 200 42000']);

    // Without Retry-After, the reads go on growing from where the polls were.
    const u = target();
    const from = clock.now();
    void clock.sleep(3_000).then(() => sim.faults.add({ kind: 'notFound', method: 'GET', path: '/operationStatuses/' }));
    await runDeployment(deps(), u, never());
    const reads = sim.requests.filter((r) => r.method === 'GET').map((r) => `${r.path.includes('/operationStatuses/') ? 'status' : 'deployment'} ${r.status} ${r.time - from}`);
    expect(reads).toEqual(['status 200 2000', 'status 404 5000', 'deployment 200 5000', 'deployment 200 9500', 'deployment 200 16250', 'deployment 200 26250']);
  });

  it('polls at ARM\'s Retry-After, clamped to the floor and the cap', async () => {
    await runDeployment(deps({ client: pacedClient }), target(), never());
    expect(after(paced.requests, 'PUT')).toEqual([7_000, 14_000, 21_000]);
    paced.requests.length = 0;
    await runDeployment(deps({ client: pacedClient, pacing: { floorMs: 2_000, capMs: 5_000 } }), target(), never());
    expect(after(paced.requests, 'PUT')).toEqual([5_000, 10_000, 15_000, 20_000]);
    paced.requests.length = 0;
    await runDeployment(deps({ client: pacedClient, pacing: { floorMs: 9_000, capMs: 30_000 } }), target(), never());
    expect(after(paced.requests, 'PUT')).toEqual([9_000, 18_000, 27_000]);
  });

  it('places the first poll just after the previous duration: 2 % more, at most 2 s more, never before the floor', async () => {
    await runDeployment(deps(), target({ expectedMs: 20_000 }), never());
    expect(after(sim.requests, 'PUT')).toEqual([20_400]);
    sim.requests.length = 0;
    await runDeployment(deps(), target({ expectedMs: 150_000 }), never());
    expect(after(sim.requests, 'PUT')).toEqual([152_000]);
    sim.requests.length = 0;
    // A previous deployment of 1 s: the first poll still waits for the floor, then grows from there.
    await runDeployment(deps(), target({ expectedMs: 1_000 }), never());
    expect(after(sim.requests, 'PUT')).toEqual([2_000, 5_000, 9_500, 16_250, 26_250]);
  });

  it('a Failed deployment fails with its innermost cause and correlation id', async () => {
    const t = target();
    sim.faults.add({ kind: 'deploymentFails', deploymentName: t.name, code: 'SkuNotAvailable', message: 'The size is not available in eastus.' });
    const failure = await failureOf(runDeployment(deps(), t, never()));
    expect([failure.code, failure.message, failure.correlationId, failure.transient]).toEqual(['SkuNotAvailable', `deployment ${t.name} failed: The size is not available in eastus.`, CORR, false]);
  });

  it('a deployment canceled by someone else fails as DeploymentCanceled', async () => {
    const t = target();
    const run = failureOf(runDeployment(deps(), t, never()));
    while (statusPolls(sim.requests).length === 0) await new Promise((resolve) => setImmediate(resolve));
    await client.deployments.cancel('rg-d', t.name);
    const failure = await run;
    expect([failure.code, failure.message, failure.correlationId]).toEqual(['DeploymentCanceled', `deployment ${t.name} was canceled`, CORR]);
  });
});

describe('the deployment timeout', () => {
  it('cancels at the timeout and says so in hours or minutes', async () => {
    const t = target({ timeoutMs: 3_600_000 });
    sim.faults.add({ kind: 'deploymentHangs', deploymentName: t.name });
    const started = clock.now();
    const failure = await failureOf(runDeployment(deps(), t, never()));
    expect([failure.code, failure.message, failure.correlationId]).toEqual(['DeploymentTimedOut', `deployment ${t.name} did not finish within 1 h (deploymentTimeout); it was canceled`, undefined]);
    expect(clock.now() - started).toBe(3_600_000);
    expect(lines).toEqual([`canceled deployment ${t.name}: it timed out`]);
    const t2 = target({ timeoutMs: 150_000 });
    sim.faults.add({ kind: 'deploymentHangs', deploymentName: t2.name });
    expect((await failureOf(runDeployment(deps(), t2, never()))).message).toBe(`deployment ${t2.name} did not finish within 3 min (deploymentTimeout); it was canceled`);
  });

  it('a cancel that keeps failing is retried for 30 s at most, and the failure says the deployment may still be running', async () => {
    const t = target({ timeoutMs: 120_000 });
    sim.faults.add({ kind: 'deploymentHangs', deploymentName: t.name });
    sim.faults.add({ kind: 'serverError', path: '/cancel', status: 503, code: 'ServiceUnavailable', message: 'Try later.' });
    const d = deps();
    const failure = await failureOf(runDeployment(d, t, never()));
    expect(failure.code).toBe('DeploymentTimedOut');
    expect(failure.message).toBe(`deployment ${t.name} did not finish within 2 min (deploymentTimeout); may still be running: ${t.name} (it timed out; the cancel failed: ServiceUnavailable: canceling deployment ${t.name}: Try later. (still failing after 5 attempts in 15 s))`);
    expect(failure.correlationId).toBe(CORR);
    expect(lines.at(-1)).toBe(`may still be running: ${t.name}: the cancel failed: ServiceUnavailable: canceling deployment ${t.name}: Try later. (still failing after 5 attempts in 15 s) (correlation id ${CORR})`);
    expect(sim.requests.filter((r) => r.path.endsWith('/cancel')).map((r) => r.status)).toEqual([503, 503, 503, 503, 503]);
    expect(d.inFlight.size).toBe(0);
  });

  it('a cancel that fails is a CancelFailed that says the deployment may still be running, with ARM\'s cause', async () => {
    const t = target();
    sim.faults.add({ kind: 'deploymentHangs', deploymentName: t.name });
    await client.deployments.beginCreateOrUpdate('rg-d', t.name, t.body);
    sim.faults.add({ kind: 'serverError', path: '/cancel', status: 500, code: 'InternalServerError', message: 'Boom.' });
    const failure = await failureOf(cancel(deps({ retryForMs: 0 }), t, 'testing'));
    expect([failure.code, failure.message, failure.correlationId]).toEqual(['CancelFailed', `may still be running: ${t.name} (testing; the cancel failed: InternalServerError: canceling deployment ${t.name}: Boom. (still failing after 1 attempts in 0 s))`, CORR]);
    sim.faults.clear();
    await client.deployments.cancel('rg-d', t.name);
  });

  it('cancel of a deployment that already ended, or never existed, is done', async () => {
    const t = target();
    await runDeployment(deps(), t, never());
    await expect(cancel(deps(), t, 'testing')).resolves.toBe(true);
    await expect(cancel(deps(), target(), 'testing')).resolves.toBe(true);
    expect(lines).toEqual([`canceled deployment ${t.name}: testing`, `canceled deployment web-${seq}: testing`]);
  });
});

describe('an abort', () => {
  it('cancels the deployment in flight, clears it, and ends with the abort\'s reason', async () => {
    const t = target();
    const stop = new AbortController();
    const reason = new Error('run stopped by the user');
    const d = deps();
    const run = runDeployment(d, t, stop.signal).catch((e: unknown) => e);
    while (statusPolls(sim.requests).length === 0) await new Promise((resolve) => setImmediate(resolve));
    expect(d.inFlight).toEqual(new Set([`${SUB}/rg-d/${t.name}`]));
    stop.abort(reason);
    expect(await run).toBe(reason);
    expect(lines).toEqual([`canceled deployment ${t.name}: the run was stopped (run stopped by the user)`]);
    expect(sim.requests.filter((r) => r.path.endsWith('/cancel')).map((r) => r.status)).toEqual([204]);
    expect(d.inFlight.size).toBe(0);
  });

  it('a deployment a failed attempt left running is canceled when the next attempt is stopped; a timed-out one is not canceled twice', async () => {
    const t = target({ readFirst: true });
    const d = deps({ retryForMs: 0 });
    sim.faults.add({ kind: 'deploymentHangs', deploymentName: t.name });
    // The first attempt's polls fail for good: it gives up, and ARM still runs the deployment.
    sim.faults.add({ kind: 'serverError', method: 'GET', path: '/operationStatuses/' });
    expect((await failureOf(runDeployment(d, t, never()))).code).toBe('InternalServerError');
    sim.faults.clear();
    sim.faults.add({ kind: 'deploymentHangs', deploymentName: t.name });
    const stop = new AbortController();
    stop.abort(new Error('run stopped by the user'));
    await runDeployment(d, t, stop.signal).catch(() => undefined);
    expect(lines.filter((l) => l.startsWith('canceled'))).toEqual([`canceled deployment ${t.name}: the run was stopped (run stopped by the user)`]);

    const u = target({ timeoutMs: 60_000, readFirst: true });
    sim.faults.add({ kind: 'deploymentHangs', deploymentName: u.name });
    expect((await failureOf(runDeployment(d, u, never()))).code).toBe('DeploymentTimedOut');
    await runDeployment(d, u, stop.signal).catch(() => undefined);
    expect(sim.requests.filter((r) => r.path.endsWith(`/${u.name}/cancel`))).toHaveLength(1);
  });
});

describe('an existing deployment of the name', () => {
  it('ours and Succeeded: accepted without a PUT; with acceptSucceeded false: PUT again', async () => {
    const t = target();
    await runDeployment(deps(), t, never());
    sim.requests.length = 0;
    const again = await runDeployment(deps(), { ...t, readFirst: true }, never());
    expect(again.durationMs).toBe(0);
    expect(again.outputs).toEqual({ greeting: { type: 'String', value: 'hello' } });
    expect(lines).toEqual([`${t.name} already succeeded with this content (web@1.0.0); accepting it without a new PUT`]);
    expect(sim.requests.map((r) => r.method)).toEqual(['GET']);
    sim.requests.length = 0;
    lines = [];
    await runDeployment(deps(), { ...t, readFirst: true, acceptSucceeded: async () => false }, never());
    expect(sim.requests.filter((r) => r.method === 'PUT')).toHaveLength(1);
    expect(lines).toEqual([]);
  });

  it('ours but older than the stamp\'s latest, or without our tags: PUT again', async () => {
    const t = target();
    await runDeployment(deps(), t, never());
    sim.requests.length = 0;
    await runDeployment(deps(), { ...t, readFirst: true, latestOursAt: clock.now() + 1 }, never());
    expect(sim.requests.filter((r) => r.method === 'PUT')).toHaveLength(1);
    const bare = target({}, {});
    await runDeployment(deps(), bare, never());
    sim.requests.length = 0;
    await runDeployment(deps(), { ...bare, readFirst: true }, never());
    expect(sim.requests.filter((r) => r.method === 'PUT')).toHaveLength(1);
    expect(lines).toEqual([]);
  });

  it('ours takes both our tags, each the same: a deployment matching only one of them is PUT again', async () => {
    const puts = (): number => sim.requests.filter((r) => r.method === 'PUT').length;
    const cases: [string, Record<string, string>, Record<string, string>][] = [
      ['no content hash asked for', { [DEPLOYMENT_TAGS.rolloutId]: 'web@1.0.0' }, { [DEPLOYMENT_TAGS.rolloutId]: 'web@1.0.0' }],
      ['no rollout id asked for', { [DEPLOYMENT_TAGS.contentHash]: 'hash-1' }, { [DEPLOYMENT_TAGS.contentHash]: 'hash-1' }],
      ['another content hash', OURS, { ...OURS, [DEPLOYMENT_TAGS.contentHash]: 'hash-2' }],
      ['another rollout', OURS, { ...OURS, [DEPLOYMENT_TAGS.rolloutId]: 'web@0.9.0' }],
    ];
    for (const [why, wanted, existing] of cases) {
      const t = target({}, existing);
      await runDeployment(deps(), t, never());
      sim.requests.length = 0;
      await runDeployment(deps(), { ...t, readFirst: true, body: { ...t.body, tags: wanted } }, never());
      expect({ why, puts: puts(), lines }).toEqual({ why, puts: 1, lines: [] });
    }
  });

  it("ours at the very time of the stamp's latest is accepted; ours still running is followed whatever its age", async () => {
    const t = target();
    await runDeployment(deps(), t, never());
    const at = (await client.deployments.get('rg-d', t.name)).properties!.timestamp!.getTime();
    sim.requests.length = 0;
    await runDeployment(deps(), { ...t, readFirst: true, latestOursAt: at }, never());
    expect(sim.requests.map((r) => r.method)).toEqual(['GET']);
    expect(lines).toEqual([`${t.name} already succeeded with this content (web@1.0.0); accepting it without a new PUT`]);

    const running = target();
    await client.deployments.beginCreateOrUpdate('rg-d', running.name, running.body);
    sim.requests.length = 0;
    lines = [];
    // "Older than the latest" only rules out a Succeeded one: a running one is this content still arriving.
    await runDeployment(deps(), { ...running, readFirst: true, latestOursAt: clock.now() + 60_000 }, never());
    expect(sim.requests.filter((r) => r.method === 'PUT')).toHaveLength(0);
    expect(lines).toEqual([`${running.name} is already Running with this content (web@1.0.0); following it instead of a new PUT`]);
  });

  it('a restore is ours only with the same rollout-restored-from', async () => {
    const t = target({}, { ...OURS, 'rollout-restored-from': 'web-old' });
    await runDeployment(deps(), t, never());
    sim.requests.length = 0;
    await runDeployment(deps(), { ...t, readFirst: true }, never());
    expect(sim.requests.filter((r) => r.method === 'PUT')).toHaveLength(0);
    await runDeployment(deps(), { ...t, readFirst: true, body: { ...t.body, tags: { ...OURS, 'rollout-restored-from': 'web-older' } } }, never());
    expect(sim.requests.filter((r) => r.method === 'PUT')).toHaveLength(1);
  });

  it('ours and still running: followed without a PUT', async () => {
    const t = target();
    await client.deployments.beginCreateOrUpdate('rg-d', t.name, t.body);
    sim.requests.length = 0;
    const d = deps();
    const started = clock.now();
    const done = await runDeployment(d, { ...t, readFirst: true }, never());
    expect(done.deploymentName).toBe(t.name);
    expect(lines).toEqual([`${t.name} is already Running with this content (web@1.0.0); following it instead of a new PUT`]);
    expect(sim.requests.filter((r) => r.method === 'PUT')).toHaveLength(0);
    // No status link to poll: the deployment itself is read, from the floor growing ×1.5.
    expect(sim.requests.map((r) => `${r.method} ${r.time - started}`)).toEqual(['GET 0', 'GET 2000', 'GET 5000', 'GET 9500', 'GET 16250', 'GET 26250']);
    expect(d.inFlight.size).toBe(0);
  });

  it('someone else\'s still running: waits at the cap between reads, then PUTs', async () => {
    const t = target();
    await client.deployments.beginCreateOrUpdate('rg-d', t.name, { ...t.body, tags: { [DEPLOYMENT_TAGS.rolloutId]: 'other@9' } });
    sim.requests.length = 0;
    const started = clock.now();
    await runDeployment(deps(), { ...t, readFirst: true }, never());
    expect(lines).toEqual([`${t.name} is Running for other@9 (correlation id ${CORR}); waiting for it to finish before deploying`]);
    const put = sim.requests.findIndex((r) => r.method === 'PUT');
    // Reads at 10 s and 20 s (the other one ends at 20 s), then the PUT.
    expect(sim.requests.slice(0, put).map((r) => `${r.method} ${r.time - started}`)).toEqual(['GET 0', 'GET 10000', 'GET 20000']);
    expect(sim.requests[put].time - started).toBe(20_000);
  });

  it('someone else\'s still running when the run is stopped: left running, never canceled', async () => {
    const t = target();
    sim.faults.add({ kind: 'deploymentHangs', deploymentName: t.name });
    await client.deployments.beginCreateOrUpdate('rg-d', t.name, { ...t.body, tags: { [DEPLOYMENT_TAGS.rolloutId]: 'other@9' } });
    sim.requests.length = 0;
    const stop = new AbortController();
    const reason = new Error('run stopped by the user');
    const d = deps();
    const run = runDeployment(d, { ...t, readFirst: true }, stop.signal).catch((e: unknown) => e);
    // Stopped while it waits between two reads of the other client's deployment.
    while (sim.requests.length < 2) await new Promise((resolve) => setImmediate(resolve));
    stop.abort(reason);
    expect(await run).toBe(reason);
    expect(lines).toEqual([`${t.name} is Running for other@9 (correlation id ${CORR}); waiting for it to finish before deploying`]);
    expect(sim.requests.filter((r) => r.method !== 'GET')).toEqual([]);
    expect((await client.deployments.get('rg-d', t.name)).properties?.provisioningState).toBe('Running');
    expect(d.inFlight.size).toBe(0);
    await client.deployments.cancel('rg-d', t.name);
  });

  it('someone else\'s that outlives the timeout: DeploymentActive, nothing PUT', async () => {
    const t = target({ timeoutMs: 60_000 });
    sim.faults.add({ kind: 'deploymentHangs', deploymentName: t.name });
    await client.deployments.beginCreateOrUpdate('rg-d', t.name, { ...t.body, tags: {} });
    sim.requests.length = 0;
    const started = clock.now();
    const failure = await failureOf(runDeployment(deps(), { ...t, readFirst: true }, never()));
    // Read at once, then every 10 s: the read at 60 s (the timeout) still sees it running and gives up.
    expect(sim.requests.map((r) => `${r.method} ${r.time - started}`)).toEqual(['GET 0', 'GET 10000', 'GET 20000', 'GET 30000', 'GET 40000', 'GET 50000', 'GET 60000']);
    expect([failure.code, failure.message, failure.correlationId]).toEqual(['DeploymentActive', `deployment ${t.name} of another client is still Running after 1 min; not deploying over it`, CORR]);
    expect(lines).toEqual([`${t.name} is Running for no rollout tag (correlation id ${CORR}); waiting for it to finish before deploying`]);
    expect(sim.requests.filter((r) => r.method === 'PUT')).toHaveLength(0);
    await client.deployments.cancel('rg-d', t.name);
  });
});

describe('a PUT whose answer is lost', () => {
  it('is settled by a read: ARM has it, so it is followed, not PUT twice', async () => {
    const t = target();
    sim.faults.add({ kind: 'answerLost', method: 'PUT', deploymentName: t.name, times: 1 });
    const done = await runDeployment(deps(), t, never());
    expect(done.deploymentName).toBe(t.name);
    expect(sim.requests.filter((r) => r.method === 'PUT')).toHaveLength(1);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(new RegExp(`^the answer to PUT ${t.name} was lost \\((ECONNRESET|REQUEST_SEND_ERROR)\\), but ARM has it \\(Running\\); following it instead of a second PUT$`));
  });

  it('is settled by a read that finds it already Succeeded: taken as done, not PUT twice', async () => {
    const t = target();
    sim.faults.add({ kind: 'deploymentTakes', deploymentName: t.name, durationMs: 1_000 });
    sim.faults.add({ kind: 'answerLost', method: 'PUT', deploymentName: t.name, times: 1 });
    // One read every 10 s, the first just spent: the read after the lost answer waits its turn, and the deployment ends
    // in the meantime.
    const reads = new RequestBudget(clock, 0.1, 1);
    await reads.take(never(), 'normal');
    const done = await runDeployment(deps({ reads }), t, never());
    expect(done.outputs).toEqual({ greeting: { type: 'String', value: 'hello' } });
    expect(sim.requests.filter((r) => r.method === 'PUT')).toHaveLength(1);
    expect(lines).toEqual([expect.stringMatching(new RegExp(`^the answer to PUT ${t.name} was lost \\(\\w+\\), but ARM has it \\(Succeeded\\); following it instead of a second PUT$`))]);
  });

  it('a 500 that did not act is PUT again after the read finds nothing', async () => {
    const t = target();
    sim.faults.add({ kind: 'serverError', method: 'PUT', deploymentName: t.name, times: 1 });
    await runDeployment(deps(), t, never());
    expect(sim.requests.filter((r) => r.method === 'PUT').map((r) => r.status)).toEqual([500, 201]);
    expect(lines).toEqual([`retrying starting deployment ${t.name} in 1.0 s (attempt 2): InternalServerError: starting deployment ${t.name}: Encountered internal server error. Diagnostic information: injected by the local ARM simulator. (correlation id ${CORR})`]);
  });

  it('a 500 whose read finds our earlier deployment Failed is PUT again at once: an old failure is not followed', async () => {
    const t = target();
    sim.faults.add({ kind: 'deploymentFails', deploymentName: t.name, code: 'QuotaExceeded', message: 'Injected.', times: 1 });
    await failureOf(runDeployment(deps(), t, never()));
    sim.requests.length = 0;
    lines = [];
    sim.faults.add({ kind: 'serverError', method: 'PUT', deploymentName: t.name, times: 1 });
    const started = clock.now();
    const done = await runDeployment(deps(), t, never());
    expect(done.deploymentName).toBe(t.name);
    const calls = sim.requests.filter((r) => !r.path.includes('/operationStatuses/')).map((r) => `${r.method} ${r.status} ${r.time - started}`);
    // The read after the 500 finds the old Failed one: neither followed nor waited for, the PUT goes again after 1 s.
    expect(calls.slice(0, 3)).toEqual(['PUT 500 0', 'GET 200 0', 'PUT 200 1000']);
    expect(lines).toHaveLength(1);
  });

  it("a 500 whose read finds someone else's finished deployment is PUT again after the backoff, without waiting", async () => {
    const t = target();
    await runDeployment(deps(), { ...t, body: { ...t.body, tags: { [DEPLOYMENT_TAGS.rolloutId]: 'other@9' } } }, never());
    sim.requests.length = 0;
    lines = [];
    sim.faults.add({ kind: 'serverError', method: 'PUT', deploymentName: t.name, times: 1 });
    const started = clock.now();
    await runDeployment(deps(), t, never());
    const calls = sim.requests.filter((r) => !r.path.includes('/operationStatuses/')).map((r) => `${r.method} ${r.status} ${r.time - started}`);
    expect(calls.slice(0, 3)).toEqual(['PUT 500 0', 'GET 200 0', 'PUT 200 1000']);
  });

  it('a throttled PUT is sent again without a read', async () => {
    const t = target();
    sim.faults.add({ kind: 'throttle', method: 'PUT', deploymentName: t.name, retryAfterSeconds: 4, times: 1 });
    await runDeployment(deps(), t, never());
    const kinds = sim.requests.filter((r) => !r.path.includes('/operationStatuses/')).map((r) => `${r.method} ${r.status}`);
    expect(kinds.slice(0, 2)).toEqual(['PUT 429', 'PUT 201']);
  });

  it("a PUT throttled under a provider's own code is sent again without a read too: a 429 never acted", async () => {
    const t = target();
    sim.faults.add({ kind: 'throttle', method: 'PUT', deploymentName: t.name, retryAfterSeconds: 4, times: 1, code: 'ResourceCollectionRequestsThrottled' });
    const started = clock.now();
    await runDeployment(deps(), t, never());
    const kinds = sim.requests.filter((r) => !r.path.includes('/operationStatuses/')).map((r) => `${r.method} ${r.status} ${r.time - started}`);
    expect(kinds.slice(0, 2)).toEqual(['PUT 429 0', 'PUT 201 4000']);
    expect(lines).toEqual([expect.stringMatching(/^retrying starting deployment web-\d+ in 4\.0 s \(attempt 2\): ResourceCollectionRequestsThrottled: starting deployment web-\d+: The request is being throttled by the resource provider\./)]);
  });

  it('DeploymentActive on our own running deployment (an earlier run\'s PUT): followed, with a line that says so', async () => {
    const t = target();
    await client.deployments.beginCreateOrUpdate('rg-d', t.name, t.body);
    sim.requests.length = 0;
    const done = await runDeployment(deps(), t, never());
    expect(done.deploymentName).toBe(t.name);
    expect(lines).toEqual([`${t.name} is already Running in ARM with this content (an earlier run's PUT); following it instead of a second PUT`]);
    expect(sim.requests.filter((r) => r.method === 'PUT').map((r) => r.status)).toEqual([409]);
  });

  it('DeploymentActive on someone else\'s: waits for it at the cap, then PUTs', async () => {
    const t = target();
    await client.deployments.beginCreateOrUpdate('rg-d', t.name, { ...t.body, tags: { [DEPLOYMENT_TAGS.rolloutId]: 'other@9' } });
    sim.requests.length = 0;
    const started = clock.now();
    await runDeployment(deps(), t, never());
    expect(sim.requests.filter((r) => r.method === 'PUT').map((r) => `${r.status} ${r.time - started}`)).toEqual(['409 0', '200 21000']);
    // Reads at 10 s and 20 s (the other one ends at 20 s), then the backoff of the first retry (1 s) before the PUT.
    expect(sim.requests.filter((r) => r.method === 'GET' && !r.path.includes('/operationStatuses/') && r.time - started <= 20_000).map((r) => r.time - started)).toEqual([0, 10_000, 20_000]);
    expect(lines.map((l) => l.replace(/'\d{4}-\d\d-\d\dT[^']+'/g, "'TIME'"))).toEqual([
      `retrying starting deployment ${t.name} in 1.0 s (attempt 2): DeploymentActive: starting deployment ${t.name}: Unable to edit or replace deployment '${t.name}': previous deployment from 'TIME' is still active (expiration time is 'TIME'). Please see https://aka.ms/arm-deploy for usage details. (correlation id ${CORR})`,
    ]);
  });

  it("DeploymentActive on someone else's that outlives the timeout: DeploymentActive, one PUT only", async () => {
    const t = target({ timeoutMs: 60_000 });
    sim.faults.add({ kind: 'deploymentHangs', deploymentName: t.name });
    await client.deployments.beginCreateOrUpdate('rg-d', t.name, { ...t.body, tags: { [DEPLOYMENT_TAGS.rolloutId]: 'other@9' } });
    sim.requests.length = 0;
    const failure = await failureOf(runDeployment(deps(), t, never()));
    expect([failure.code, failure.message]).toEqual(['DeploymentActive', `deployment ${t.name} of other@9 is still Running after 1 min; not deploying over it`]);
    expect(sim.requests.filter((r) => r.method === 'PUT').map((r) => r.status)).toEqual([409]);
    await client.deployments.cancel('rg-d', t.name);
  });
});
