// A stamp deployed as a deployment stack (src/azure/stack-deployment.ts), with the real stacks SDK against the local
// endpoint on a virtual clock: the stack's name and body, the poll pace, an update of ours already there (accepted or
// followed), someone else's (waited for, or refused after the timeout), a lost PUT answer, and the failures users read.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, jest } from '@jest/globals';
import { ResourceManagementClient } from '@azure/arm-resources';
import type { Deployment as ArmDeployment } from '@azure/arm-resourcesdeployments';
import { startArmSim, trustSimCa, type ArmSim, type RequestLogEntry } from '../../sim/index.js';
import { RequestBudget } from '../../src/azure/request-budget.js';
import { deployStack, readStack, stackBody, stackName, stacksClient, stackWhatIfNote, type StackDeploymentDeps, type StackTarget } from '../../src/azure/stack-deployment.js';
import { DeploymentFailure } from '../../src/engine/errors.js';
import { DEPLOYMENT_TAGS, type PlanStamp } from '../../src/plan/types.js';
import type { StackSettings } from '../../src/spec/stack-schema.js';
import { VirtualClock } from '../../src/time/clock.js';

const SUB = '00000000-0000-0000-0000-0000000000f1';
const CORR = '22222222-3333-4444-8555-666666666666';
const credential = { getToken: async () => ({ token: 't', expiresOnTimestamp: Date.now() + 3_600_000 }) };
const TEMPLATE = { $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#', contentVersion: '1.0.0.0', resources: [], outputs: { greeting: { type: 'string', value: 'hi' } } };
const OURS = { [DEPLOYMENT_TAGS.rolloutId]: 'web@1.0.0', [DEPLOYMENT_TAGS.contentHash]: 'hash-1' };
const SETTINGS: StackSettings = { actionOnUnmanage: 'delete', denySettings: 'denyDelete', excludedPrincipals: ['ops-principal'] };

let clock: VirtualClock;
let sim: ArmSim;
let lines: string[];
let seq = 0;
let random: ReturnType<typeof jest.spyOn>;

beforeAll(async () => {
  clock = new VirtualClock(Date.UTC(2026, 0, 1)).start();
  sim = await startArmSim({ clock, throttleScale: Infinity, deploymentLatencyMs: 20_000 });
  trustSimCa(sim.ca);
  await new ResourceManagementClient(credential, SUB, { endpoint: sim.endpoint, retryOptions: { maxRetries: 0 } }).resourceGroups.createOrUpdate('rg-s', { location: 'eastus' });
});
afterAll(async () => {
  await sim.stop();
  clock.stop();
});
beforeEach(() => {
  lines = [];
  sim.requests.length = 0;
  random = jest.spyOn(Math, 'random').mockReturnValue(0.999999999);
});
afterEach(() => {
  random.mockRestore();
  sim.faults.clear();
});

let depsOnce: StackDeploymentDeps | undefined;
function deps(): StackDeploymentDeps {
  depsOnce ??= {
    clock,
    log: (l) => lines.push(l),
    retryForMs: 600_000,
    credential,
    endpoint: sim.endpoint,
    reads: new RequestBudget(clock, 1_000, 1_000),
    writes: new RequestBudget(clock, 1_000, 1_000),
    pacing: { floorMs: 2_000, capMs: 10_000 },
    pipeline: { credential, correlationId: CORR, requestTimeoutMs: 60_000 },
  };
  return depsOnce;
}
function target(over: Partial<StackTarget> = {}, tags: Record<string, string> = OURS): StackTarget {
  const stamp = { id: `c${++seq}@eastus`, component: `c${seq}`, region: 'eastus', global: false, scope: 'resourceGroup', subscription: SUB, resourceGroup: 'rg-s', location: 'eastus' } as PlanStamp;
  const body: ArmDeployment = { tags, properties: { mode: 'Incremental', template: TEMPLATE, parameters: {} } };
  return { stamp, stack: SETTINGS, body, priority: 'normal', timeoutMs: 3_600_000, ...over };
}
const never = (): AbortSignal => new AbortController().signal;
const stackGets = (name: string, log: RequestLogEntry[] = sim.requests): RequestLogEntry[] => log.filter((r) => r.method === 'GET' && r.path.endsWith(`/deploymentStacks/${name}`));
const puts = (name: string): RequestLogEntry[] => sim.requests.filter((r) => r.method === 'PUT' && r.path.endsWith(`/deploymentStacks/${name}`));
const failureOf = async (p: Promise<unknown>): Promise<DeploymentFailure> => {
  const e = await p.then(() => undefined, (x: unknown) => x);
  if (!(e instanceof DeploymentFailure)) throw new Error(`expected a DeploymentFailure, got ${String(e)}`);
  return e;
};

describe('stack names and bodies', () => {
  it('names a stack by rollout, component and region (global: no region), with ARM\'s characters only, at most 90', () => {
    expect(stackName('web', { component: 'api', region: 'eastus', global: false })).toBe('web-api-eastus');
    expect(stackName('web', { component: 'dns', region: 'global', global: true })).toBe('web-dns');
    expect(stackName('my web/app', { component: 'a:b', region: 'x', global: false })).toBe('my-web-app-a-b-x');
    expect(stackName('w', { component: 'c.(1)_z', region: 'r', global: false })).toBe('w-c.(1)_z-r');
    expect(stackName('r'.repeat(100), { component: 'c', region: 'x', global: true })).toBe('r'.repeat(90));
  });

  it('carries template, parameters, tags, the unmanage action and the deny settings; a location at subscription scope only', () => {
    const t = target();
    expect(stackBody(t)).toEqual({
      tags: OURS,
      properties: {
        description: `staged-rollout stamp ${t.stamp.id}`,
        template: TEMPLATE,
        parameters: {},
        actionOnUnmanage: { resources: 'delete', resourceGroups: 'delete', managementGroups: 'detach' },
        denySettings: { mode: 'denyDelete', excludedPrincipals: ['ops-principal'], applyToChildScopes: false },
      },
    });
    const sub = target();
    sub.stamp = { ...sub.stamp, scope: 'subscription', resourceGroup: undefined, location: 'westus' };
    expect(stackBody(sub).location).toBe('westus');
  });

  it('says what a what-if of a stack stamp leaves out', () => {
    expect(stackWhatIfNote('web-api-eastus', SETTINGS)).toBe(
      'deploys as deployment stack web-api-eastus (actionOnUnmanage: delete, denySettings: denyDelete); ARM has no what-if for stacks (api-version 2024-03-01), so this is the what-if of its template as a deployment: resources the stack would delete because the template dropped them are not shown',
    );
  });

  it('one stacks client per subscription and deps', () => {
    const d = deps();
    expect(stacksClient(d, SUB)).toBe(stacksClient(d, SUB));
    expect(stacksClient(d, '00000000-0000-0000-0000-000000000009')).not.toBe(stacksClient(d, SUB));
  });
});

describe('deployStack', () => {
  it('PUTs, reads from the floor growing ×1.5 to the cap, and returns the stack deployment\'s outputs', async () => {
    const t = target();
    const name = `web-${t.stamp.component}-eastus`;
    const started = clock.now();
    const done = await deployStack(deps(), 'web', t, never());
    expect(puts(name)).toHaveLength(1);
    // The first read is the one before the PUT; then 2, 3, 4.5, 6.75 s apart, then the cap of 10 s.
    expect(stackGets(name).map((r) => r.time - started)).toEqual([0, 2_000, 5_000, 9_500, 16_250, 26_250]);
    expect(done.deploymentName).toMatch(new RegExp(`^${name}-20260101\\d{6}-\\d{3}$`));
    expect(done.deploymentId).toBe(`/subscriptions/${SUB}/resourceGroups/rg-s/providers/Microsoft.Resources/deployments/${done.deploymentName}`);
    expect([done.outputs, done.correlationId, done.durationMs]).toEqual([{ greeting: { type: 'String', value: 'hi' } }, CORR, 26_250]);
    const stack = await readStack(deps(), t, name, never());
    expect([stack?.properties?.description, stack?.properties?.actionOnUnmanage?.resources, stack?.properties?.denySettings?.mode]).toEqual([`staged-rollout stamp ${t.stamp.id}`, 'delete', 'denyDelete']);
    expect(lines).toEqual([]);
  });

  it('ours and succeeded: accepted without a PUT; other content: PUT again', async () => {
    const t = target();
    const name = `web-${t.stamp.component}-eastus`;
    await deployStack(deps(), 'web', t, never());
    sim.requests.length = 0;
    const again = await deployStack(deps(), 'web', t, never());
    expect(again.durationMs).toBe(0);
    expect(lines).toEqual([`stack ${name} already succeeded with this content (web@1.0.0); accepting it without a new PUT`]);
    expect(puts(name)).toHaveLength(0);
    lines = [];
    await deployStack(deps(), 'web', { ...t, body: { ...t.body, tags: { ...OURS, [DEPLOYMENT_TAGS.contentHash]: 'hash-2' } } }, never());
    expect(puts(name)).toHaveLength(1);
    expect(lines).toEqual([]);
  });

  it('ours and still deploying: followed without a PUT', async () => {
    const t = target();
    const name = `web-${t.stamp.component}-eastus`;
    await stacksClient(deps(), SUB).deploymentStacks.beginCreateOrUpdateAtResourceGroup('rg-s', name, stackBody(t));
    sim.requests.length = 0;
    const started = clock.now();
    const done = await deployStack(deps(), 'web', t, never());
    expect(lines).toEqual([`stack ${name} is already deploying with this content; following it instead of a new PUT`]);
    expect(puts(name)).toHaveLength(0);
    expect(done.durationMs).toBe(clock.now() - started);
  });

  it('someone else\'s still deploying: waited for, then PUT', async () => {
    const t = target();
    const name = `web-${t.stamp.component}-eastus`;
    await stacksClient(deps(), SUB).deploymentStacks.beginCreateOrUpdateAtResourceGroup('rg-s', name, stackBody({ ...t, body: { ...t.body, tags: { [DEPLOYMENT_TAGS.rolloutId]: 'other@2' } } }));
    sim.requests.length = 0;
    const started = clock.now();
    await deployStack(deps(), 'web', t, never());
    expect(lines).toEqual([`stack ${name} is deploying for other@2 (correlation id ${CORR}); waiting for it to finish before deploying`]);
    expect(puts(name).map((r) => r.time - started)).toEqual([26_250]);
  });

  it('someone else\'s that outlives the timeout: DeploymentStackInProgress, not deployed over', async () => {
    const t = target({ timeoutMs: 120_000 });
    const name = `web-${t.stamp.component}-eastus`;
    sim.faults.add({ kind: 'deploymentHangs', resourceGroup: 'rg-s' });
    await stacksClient(deps(), SUB).deploymentStacks.beginCreateOrUpdateAtResourceGroup('rg-s', name, stackBody({ ...t, body: { ...t.body, tags: {} } }));
    sim.requests.length = 0;
    const failure = await failureOf(deployStack(deps(), 'web', t, never()));
    expect([failure.code, failure.message, failure.correlationId]).toEqual(['DeploymentStackInProgress', `deployment stack ${name} is still deploying for another client after 2 min; not deploying over it`, CORR]);
    expect(lines).toEqual([`stack ${name} is deploying for another client (correlation id ${CORR}); waiting for it to finish before deploying`]);
    expect(puts(name)).toHaveLength(0);
  });

  it('ours that outlives the timeout: DeploymentTimedOut, which says stacks cannot be canceled', async () => {
    const t = target({ timeoutMs: 90_000 });
    const name = `web-${t.stamp.component}-eastus`;
    sim.faults.add({ kind: 'deploymentHangs', resourceGroup: 'rg-s' });
    const started = clock.now();
    const failure = await failureOf(deployStack(deps(), 'web', t, never()));
    expect([failure.code, failure.message, failure.correlationId]).toEqual(['DeploymentTimedOut', `deployment stack ${name} did not finish within 2 min (deploymentTimeout); stacks cannot be canceled, so it may still be running`, CORR]);
    // Reads up to the deadline and not past it: the last sleep is cut to end at 90 s.
    expect(stackGets(name).map((r) => r.time - started)).toEqual([0, 2_000, 5_000, 9_500, 16_250, 26_250, 36_250, 46_250, 56_250, 66_250, 76_250, 86_250, 90_000]);
  });

  it('a failed stack fails with the innermost cause and the correlation id', async () => {
    const t = target();
    const name = `web-${t.stamp.component}-eastus`;
    sim.faults.add({ kind: 'deploymentFails', resourceGroup: 'rg-s', code: 'QuotaExceeded', message: 'Cores quota exceeded.' });
    const failure = await failureOf(deployStack(deps(), 'web', t, never()));
    expect([failure.code, failure.message, failure.correlationId, failure.transient]).toEqual(['QuotaExceeded', `deployment stack ${name} failed: Cores quota exceeded.`, CORR, false]);
  });

  it('a PUT whose answer was lost is followed when ARM has it, not PUT twice', async () => {
    const t = target();
    const name = `web-${t.stamp.component}-eastus`;
    sim.faults.add({ kind: 'answerLost', method: 'PUT', path: `/deploymentStacks/${name}`, times: 1 });
    const done = await deployStack(deps(), 'web', t, never());
    expect(done.outputs).toEqual({ greeting: { type: 'String', value: 'hi' } });
    expect(puts(name)).toHaveLength(1);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(new RegExp(`^the answer to PUT stack ${name} was lost \\((ECONNRESET|REQUEST_SEND_ERROR)\\), but ARM has it; following it instead of a second PUT$`));
  });

  it('a PUT whose answer was lost is taken as done when ARM finished it before the read, not PUT twice', async () => {
    const t = target();
    const name = `web-${t.stamp.component}-eastus`;
    sim.faults.add({ kind: 'deploymentTakes', resourceGroup: 'rg-s', durationMs: 1_000 });
    sim.faults.add({ kind: 'answerLost', method: 'PUT', path: `/deploymentStacks/${name}`, times: 1 });
    // One read every 10 s: the read after the lost answer waits its turn, and the update ends in the meantime.
    const slowReads = { ...deps(), reads: new RequestBudget(clock, 0.1, 1) };
    const done = await deployStack(slowReads, 'web', t, never());
    expect(done.outputs).toEqual({ greeting: { type: 'String', value: 'hi' } });
    expect(puts(name)).toHaveLength(1);
    // The read before the PUT, the one after the lost answer, and the follow's one that finds it done.
    expect(stackGets(name).map((r) => r.status)).toEqual([404, 200, 200]);
    expect(lines).toEqual([expect.stringMatching(new RegExp(`^the answer to PUT stack ${name} was lost \\(\\w+\\), but ARM has it; following it instead of a second PUT$`))]);
  });

  it('a stack in a resource group that does not exist reads as no stack', async () => {
    const t = target();
    t.stamp.resourceGroup = 'rg-never-made';
    expect(await readStack(deps(), t, `web-${t.stamp.component}-eastus`, never())).toBeUndefined();
    expect(sim.requests.filter((r) => r.path.includes('/rg-never-made/')).map((r) => r.status)).toEqual([404]);
  });

  it('a 500 that did not act, and a throttled PUT, are sent again', async () => {
    const t = target();
    const name = `web-${t.stamp.component}-eastus`;
    sim.faults.add({ kind: 'serverError', method: 'PUT', path: `/deploymentStacks/${name}`, times: 1 });
    sim.faults.add({ kind: 'throttle', method: 'PUT', path: `/deploymentStacks/${name}`, retryAfterSeconds: 5, times: 1 });
    await deployStack(deps(), 'web', t, never());
    expect(puts(name).map((r) => r.status)).toEqual([500, 429, 201]);
    expect(lines.map((l) => l.replace(/: starting deployment stack .*/, ''))).toEqual([`retrying starting deployment stack ${name} in 1.0 s (attempt 2): InternalServerError`, `retrying starting deployment stack ${name} in 5.0 s (attempt 3): SubscriptionRequestsThrottled`]);
    // After the 500 a read looked for our update (none); after the 429 none did.
    const kinds = sim.requests.filter((r) => r.path.endsWith(`/deploymentStacks/${name}`)).map((r) => `${r.method} ${r.status}`);
    expect(kinds.slice(0, 5)).toEqual(['GET 404', 'PUT 500', 'GET 404', 'PUT 429', 'PUT 201']);
  });

  it("a PUT throttled under a provider's own code is sent again without a read", async () => {
    const t = target();
    const name = `web-${t.stamp.component}-eastus`;
    sim.faults.add({ kind: 'throttle', method: 'PUT', path: `/deploymentStacks/${name}`, retryAfterSeconds: 5, times: 1, code: 'ResourceRequestsThrottled' });
    await deployStack(deps(), 'web', t, never());
    const kinds = sim.requests.filter((r) => r.path.endsWith(`/deploymentStacks/${name}`)).map((r) => `${r.method} ${r.status}`);
    expect(kinds.slice(0, 3)).toEqual(['GET 404', 'PUT 429', 'PUT 201']);
  });

  it('at subscription scope: the stack lives in the subscription, with a location', async () => {
    const t = target();
    t.stamp = { ...t.stamp, scope: 'subscription', resourceGroup: undefined, location: 'westus' };
    const name = `web-${t.stamp.component}-eastus`;
    const done = await deployStack(deps(), 'web', t, never());
    expect(done.deploymentId).toBe(`/subscriptions/${SUB}/providers/Microsoft.Resources/deployments/${done.deploymentName}`);
    expect(puts(name)[0].path).toBe(`/subscriptions/${SUB}/providers/Microsoft.Resources/deploymentStacks/${name}`);
    expect((await readStack(deps(), t, name, never()))?.location).toBe('westus');
  });
});
