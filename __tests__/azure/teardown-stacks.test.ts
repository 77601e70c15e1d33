// Teardown of stack stamps (src/azure/teardown-stacks.ts) with the real stacks SDK against the local endpoint: which
// stack is ours (tags), whether its resources go with it (the stack's own actionOnUnmanage, not the spec's), their
// order, and a stack or resource group already gone.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ResourceManagementClient } from '@azure/arm-resources';
import { startArmSim, trustSimCa, type ArmSim } from '../../sim/index.js';
import { RequestBudget } from '../../src/azure/request-budget.js';
import { deployStack, readStack, stackBody, stacksClient, type StackDeploymentDeps, type StackTarget } from '../../src/azure/stack-deployment.js';
import { deleteStack, stackItems, type TeardownStackDeps } from '../../src/azure/teardown-stacks.js';
import { DeploymentFailure } from '../../src/engine/errors.js';
import { DEPLOYMENT_TAGS, type PlanStamp } from '../../src/plan/types.js';
import type { StackSettings } from '../../src/spec/stack-schema.js';
import { VirtualClock } from '../../src/time/clock.js';

const SUB = '00000000-0000-0000-0000-0000000000a7';
const credential = { getToken: async () => ({ token: 't', expiresOnTimestamp: Date.now() + 3_600_000 }) };
const TEMPLATE = {
  $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#',
  contentVersion: '1.0.0.0',
  resources: [
    { type: 'Microsoft.Storage/storageAccounts', apiVersion: '2023-01-01', name: 'first', location: 'eastus', sku: { name: 'Standard_LRS' }, kind: 'StorageV2' },
    { type: 'Microsoft.Storage/storageAccounts', apiVersion: '2023-01-01', name: 'second', location: 'eastus', sku: { name: 'Standard_LRS' }, kind: 'StorageV2', dependsOn: ["[resourceId('Microsoft.Storage/storageAccounts', 'first')]"] },
  ],
};
const DELETE: StackSettings = { actionOnUnmanage: 'delete', denySettings: 'none', excludedPrincipals: [] };
const DETACH: StackSettings = { actionOnUnmanage: 'detach', denySettings: 'none', excludedPrincipals: [] };

let clock: VirtualClock;
let sim: ArmSim;
let deps: StackDeploymentDeps;
let teardown: TeardownStackDeps;
beforeAll(async () => {
  clock = new VirtualClock(Date.UTC(2026, 0, 1)).start();
  sim = await startArmSim({ clock, throttleScale: Infinity, deploymentLatencyMs: 1_000 });
  trustSimCa(sim.ca);
  const groups = new ResourceManagementClient(credential, SUB, { endpoint: sim.endpoint, retryOptions: { maxRetries: 0 } });
  await groups.resourceGroups.createOrUpdate('rg-t', { location: 'eastus' });
  deps = { clock, log: () => undefined, retryForMs: 60_000, credential, endpoint: sim.endpoint, reads: new RequestBudget(clock, 1_000, 1_000), writes: new RequestBudget(clock, 1_000, 1_000), pacing: { floorMs: 1_000, capMs: 1_000 }, pipeline: { credential, correlationId: 'c', requestTimeoutMs: 60_000 } };
  teardown = { credential, endpoint: sim.endpoint, clock, correlationId: 'teardown-c' };
});
afterAll(async () => {
  await sim.stop();
  clock.stop();
});

const stampOf = (component: string, rg = 'rg-t'): PlanStamp => ({ id: `${component}@eastus`, component, region: 'eastus', global: false, scope: 'resourceGroup', subscription: SUB, resourceGroup: rg, location: 'eastus' }) as PlanStamp;
function target(stamp: PlanStamp, stack: StackSettings, rolloutId = 'web@1.0.0'): StackTarget {
  return { stamp, stack, body: { tags: { [DEPLOYMENT_TAGS.rolloutId]: rolloutId, [DEPLOYMENT_TAGS.contentHash]: 'h' }, properties: { mode: 'Incremental', template: TEMPLATE, parameters: {} } }, priority: 'normal', timeoutMs: 600_000 };
}
const never = (): AbortSignal => new AbortController().signal;
const storage = (name: string, rg = 'rg-t'): string => `/subscriptions/${SUB}/resourceGroups/${rg}/providers/Microsoft.Storage/storageAccounts/${name}`;

describe('stackItems', () => {
  it('no stack of the name: undefined (its deployments decide); nor when the resource group is gone', async () => {
    expect(await stackItems(teardown, 'web', stampOf('none'), DELETE, never())).toBeUndefined();
    expect(await stackItems(teardown, 'web', stampOf('none', 'rg-missing'), DELETE, never())).toBeUndefined();
  });

  it('ours with actionOnUnmanage delete: the stack, then its resources in reverse order, each deleted with it', async () => {
    const stamp = stampOf('del');
    await deployStack(deps, 'web', target(stamp, DELETE), never());
    const id = `/subscriptions/${SUB}/resourceGroups/rg-t/providers/Microsoft.Resources/deploymentStacks/web-del-eastus`;
    expect(await stackItems(teardown, 'web', stamp, DETACH, never())).toEqual({
      stack: { kind: 'stack', id, stamp: 'del@eastus', unmanage: 'delete' },
      resources: [
        { kind: 'resource', id: storage('second'), stamp: 'del@eastus', withStack: 'web-del-eastus' },
        { kind: 'resource', id: storage('first'), stamp: 'del@eastus', withStack: 'web-del-eastus' },
      ],
    });
  });

  it('ours with detach: the resources are listed to be deleted on their own', async () => {
    const stamp = stampOf('det');
    await deployStack(deps, 'web', target(stamp, DETACH), never());
    const found = await stackItems(teardown, 'web', stamp, DELETE, never());
    expect(found?.stack.unmanage).toBe('detach');
    expect(found?.resources).toEqual([
      { kind: 'resource', id: storage('second'), stamp: 'det@eastus' },
      { kind: 'resource', id: storage('first'), stamp: 'det@eastus' },
    ]);
  });

  it('a stack of the name that another spec made is kept, with nothing under it', async () => {
    const stamp = stampOf('theirs');
    // Same name as this spec's stack would have, made by rollout "webber": the prefix "web" must not match it.
    await stacksClient(deps, SUB).deploymentStacks.beginCreateOrUpdateAtResourceGroupAndWait('rg-t', 'web-theirs-eastus', stackBody(target(stamp, DELETE, 'webber@1.0.0')), { updateIntervalInMs: 10 });
    expect(await stackItems(teardown, 'web', stamp, DELETE, never())).toEqual({
      stack: { kind: 'stack', id: `/subscriptions/${SUB}/resourceGroups/rg-t/providers/Microsoft.Resources/deploymentStacks/web-theirs-eastus`, stamp: 'theirs@eastus', kept: 'not made by this rollout (no rollout-id tag of this spec)' },
      resources: [],
    });
  });

  it('another failure is ARM\'s, with its code', async () => {
    const broken = { credential: { getToken: async () => ({ token: 't', expiresOnTimestamp: Date.now() + 3_600_000 }) }, endpoint: sim.endpoint, clock };
    sim.faults.add({ kind: 'serverError', path: '/deploymentStacks/web-err-eastus', status: 500, code: 'Boom', message: 'It broke.', times: 3 });
    const failure = await stackItems(broken, 'web', stampOf('err'), DELETE, never()).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(DeploymentFailure);
    expect([(failure as DeploymentFailure).code, (failure as DeploymentFailure).message]).toEqual(['Boom', 'reading deployment stack web-err-eastus: It broke.']);
    sim.faults.clear();
  });
});

describe('deleteStack', () => {
  it('deletes the stack with its resources when unmanage is delete; a stack already gone is fine', async () => {
    const stamp = stampOf('gone');
    await deployStack(deps, 'web', target(stamp, DELETE), never());
    const from = sim.requests.length;
    const found = (await stackItems(teardown, 'web', stamp, DELETE, never()))!;
    await deleteStack(teardown, found.stack, never());
    // The teardown's own requests carry the rollout's correlation id.
    expect(sim.requests.slice(from).map((q) => `${q.method} ${q.correlationId}`)).toEqual(expect.arrayContaining(['GET teardown-c', 'DELETE teardown-c']));
    expect(sim.requests.slice(from).filter((q) => q.correlationId !== 'teardown-c')).toEqual([]);
    expect(await readStack(deps, { stamp, priority: 'normal' }, 'web-gone-eastus', never())).toBeUndefined();
    const rm = new ResourceManagementClient(credential, SUB, { endpoint: sim.endpoint });
    expect((await rm.resources.checkExistenceById(storage('first'), '2023-01-01')).body).toBe(false);
    await expect(deleteStack(teardown, found.stack, never())).resolves.toBeUndefined();
  });

  it('detaches the resources when unmanage is detach or unset: they stay', async () => {
    const stamp = stampOf('keep', 'rg-keep');
    await new ResourceManagementClient(credential, SUB, { endpoint: sim.endpoint }).resourceGroups.createOrUpdate('rg-keep', { location: 'eastus' });
    await deployStack(deps, 'web', target(stamp, DELETE), never());
    const found = (await stackItems(teardown, 'web', stamp, DELETE, never()))!;
    await deleteStack(teardown, { ...found.stack, unmanage: undefined }, never());
    const rm = new ResourceManagementClient(credential, SUB, { endpoint: sim.endpoint });
    expect((await rm.resources.checkExistenceById(storage('first', 'rg-keep'), '2023-01-01')).body).toBe(true);
  });

  it('a subscription-scope stack is deleted at the subscription', async () => {
    const stamp = { ...stampOf('sub'), scope: 'subscription', resourceGroup: undefined } as PlanStamp;
    const t = target(stamp, DETACH);
    t.body = { ...t.body, properties: { ...t.body.properties, template: { ...TEMPLATE, $schema: 'https://schema.management.azure.com/schemas/2018-05-01/subscriptionDeploymentTemplate.json#', resources: [] } } };
    await deployStack(deps, 'web', t, never());
    const found = (await stackItems(teardown, 'web', stamp, DETACH, never()))!;
    expect(found.stack.id).toBe(`/subscriptions/${SUB}/providers/Microsoft.Resources/deploymentStacks/web-sub-eastus`);
    await deleteStack(teardown, found.stack, never());
    expect(await stackItems(teardown, 'web', stamp, DETACH, never())).toBeUndefined();
  });

  it('a delete ARM refuses fails with its code and the stack\'s id; one of a resource group already gone is done', async () => {
    const id = `/subscriptions/${SUB}/resourceGroups/rg-t/providers/Microsoft.Resources/deploymentStacks/web-locked-eastus`;
    sim.faults.add({ kind: 'serverError', method: 'DELETE', path: '/deploymentStacks/web-locked-eastus', status: 500, code: 'StackLocked', message: 'The stack is locked.', times: 3 });
    const failure = await deleteStack(teardown, { kind: 'stack', id, stamp: 'locked@eastus', unmanage: 'delete' }, never()).catch((e: unknown) => e);
    sim.faults.clear();
    expect(failure).toBeInstanceOf(DeploymentFailure);
    expect([(failure as DeploymentFailure).code, (failure as DeploymentFailure).message]).toEqual(['StackLocked', `deleting deployment stack ${id}: The stack is locked.`]);
    await expect(deleteStack(teardown, { kind: 'stack', id: `/subscriptions/${SUB}/resourceGroups/rg-nowhere/providers/Microsoft.Resources/deploymentStacks/x`, stamp: 'x' }, never())).resolves.toBeUndefined();
  });
});
