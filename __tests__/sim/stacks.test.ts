// Microsoft.Resources/deploymentStacks at the local endpoint, through the unmodified @azure/arm-resourcesdeploymentstacks
// client over HTTPS: the REST reference's examples replayed, deny settings, actionOnUnmanage.
import { readFileSync } from 'node:fs';
import { ResourceManagementClient } from '@azure/arm-resources';
import { DeploymentStacksClient, type DeploymentStack } from '@azure/arm-resourcesdeploymentstacks';
import { startArmSim, type ArmSim } from '../../sim/index.js';
import { trustSimCa } from '../../sim/trust.js';
import { call, clients, SUB } from './helpers.js';

const FIXTURES = '__tests__/fixtures/deployment-stacks';
const fixture = (name: string): any => JSON.parse(readFileSync(`${FIXTURES}/${name}`, 'utf8'));
const poll = { updateIntervalInMs: 5 };

/** An unsigned JWT: the sim reads the caller's principal from its oid claim, as ARM does. */
const tokenFor = (oid: string): string => `${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from(JSON.stringify({ oid })).toString('base64url')}.`;
const credentialFor = (oid: string) => ({ getToken: async () => ({ token: tokenFor(oid), expiresOnTimestamp: Date.now() + 3_600_000 }) });

let sim: ArmSim;
beforeAll(async () => {
  sim = await startArmSim({ deploymentLatencyMs: 20 });
  trustSimCa(sim.ca);
});
afterAll(async () => {
  await sim.stop();
});

const stacksAs = (oid = 'rollout-principal') => new DeploymentStacksClient(credentialFor(oid), SUB, { endpoint: sim.endpoint }).deploymentStacks;
const rmAs = (oid = 'someone') => new ResourceManagementClient(credentialFor(oid), SUB, { endpoint: sim.endpoint });

/** Storage accounts named by the template's `names` parameter: dropping a name drops the resource from the template. */
function accountsTemplate(): Record<string, unknown> {
  return {
    $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#',
    contentVersion: '1.0.0.0',
    parameters: { names: { type: 'array' }, parameter1: { type: 'string', defaultValue: '' } },
    resources: [
      { type: 'Microsoft.Storage/storageAccounts', apiVersion: '2023-01-01', name: "[parameters('names')[copyIndex()]]", location: '[resourceGroup().location]', copy: { name: 'accounts', count: "[length(parameters('names'))]" }, properties: {} },
    ],
    outputs: { first: { type: 'string', value: "[parameters('names')[0]]" } },
  };
}

const accountId = (rg: string, name: string): string => `/subscriptions/${SUB}/resourceGroups/${rg}/providers/Microsoft.Storage/storageAccounts/${name}`;

async function group(name: string): Promise<void> {
  await clients(sim).rm.resourceGroups.createOrUpdate(name, { location: 'eastus' });
}

function stackBody(names: string[], settings: Partial<NonNullable<DeploymentStack['properties']>> = {}): DeploymentStack {
  return {
    tags: { 'rollout-id': 'demo@1.0.0' },
    properties: {
      actionOnUnmanage: { resources: 'delete' },
      denySettings: { mode: 'none' },
      template: accountsTemplate(),
      parameters: { names: { value: names } },
      ...settings,
    } as NonNullable<DeploymentStack['properties']>,
  };
}

async function exists(id: string): Promise<boolean> {
  const r = await call(sim, 'GET', `${id}?api-version=2023-01-01`);
  return r.status === 200;
}

describe('deployment stacks: the REST reference examples', () => {
  test('create answers 201 with Azure-AsyncOperation; get and list answer the examples\' shape; delete 202 then 204', async () => {
    await group('deploymentStacksRG');
    const example = fixture('DeploymentStackManagementGroupCreate.json');
    const request = example.parameters.deploymentStack;
    const put = await call(sim, 'PUT', `/subscriptions/${SUB}/resourceGroups/deploymentStacksRG/providers/Microsoft.Resources/deploymentStacks/simpleDeploymentStack?api-version=2024-03-01`, {
      ...request,
      properties: { ...request.properties, template: { ...accountsTemplate(), parameters: { parameter1: { type: 'string' }, names: { type: 'array', defaultValue: ['acct1'] } } } },
    });
    expect(Object.keys(example.responses)).toContain(String(put.status));
    expect(put.status).toBe(201);
    expect(put.headers.get('azure-asyncoperation')).toMatch(/\/deploymentStacks\/simpleDeploymentStack\/operationStatuses\//);
    const created = example.responses['201'].body;
    expect(put.json).toMatchObject({ type: created.type, name: created.name, tags: created.tags, properties: { actionOnUnmanage: created.properties.actionOnUnmanage, denySettings: created.properties.denySettings } });

    const client = stacksAs();
    let got = await client.getAtResourceGroup('deploymentStacksRG', 'simpleDeploymentStack');
    for (let i = 0; i < 200 && got.properties?.provisioningState === 'deploying'; i++) {
      await new Promise((r) => setTimeout(r, 5));
      got = await client.getAtResourceGroup('deploymentStacksRG', 'simpleDeploymentStack');
    }
    const want = fixture('DeploymentStackResourceGroupGet.json').responses['200'].body;
    expect(got.id).toBe(want.id.replace('00000000-0000-0000-0000-000000000000', SUB));
    expect(got).toMatchObject({ type: want.type, name: want.name, location: want.location, tags: want.tags });
    expect(got.properties).toMatchObject({ actionOnUnmanage: want.properties.actionOnUnmanage, denySettings: want.properties.denySettings, parameters: want.properties.parameters, provisioningState: want.properties.provisioningState });
    expect(got.properties!.resources).toEqual([{ id: accountId('deploymentStacksRG', 'acct1'), status: 'managed', denyStatus: 'denyDelete' }]);
    expect(got.properties!.deploymentId).toMatch(/\/resourceGroups\/deploymentStacksRG\/providers\/Microsoft\.Resources\/deployments\/simpleDeploymentStack-\d{14}-\d{3}$/);
    expect(Object.keys(want.properties).filter((k) => !(k in got.properties!))).toEqual(['deploymentScope', 'description']);

    const listed = [];
    for await (const s of client.listAtResourceGroup('deploymentStacksRG')) listed.push(s);
    const listExample = fixture('DeploymentStackSubscriptionList.2025-07-01.json').responses['200'].body.value[0];
    expect(listed.map((s) => s.name)).toEqual(['simpleDeploymentStack']);
    expect(Object.keys(listed[0]).sort()).toEqual(Object.keys(listExample).sort());

    const del = fixture('DeploymentStackResourceGroupDelete.json').responses;
    // The example's principal is excluded from its denyDelete: only that caller may delete the stack's resource.
    const asOther = await call(sim, 'DELETE', `${accountId('deploymentStacksRG', 'acct1')}?api-version=2023-01-01`);
    expect(asOther.status).toBe(403);
    const first = await call(sim, 'DELETE', `/subscriptions/${SUB}/resourceGroups/deploymentStacksRG/providers/Microsoft.Resources/deploymentStacks/simpleDeploymentStack?api-version=2024-03-01&unmanageAction.Resources=detach`);
    expect(first.status).toBe(202);
    expect(Object.keys(del)).toContain('202');
    expect(first.headers.get('location')).toMatch(/\/subscriptions\/[^/]+\/operationresults\//);
    const result = await fetch(first.headers.get('location')!, { headers: { authorization: 'Bearer t' } });
    expect(result.status).toBe(200);
    const again = await call(sim, 'DELETE', `/subscriptions/${SUB}/resourceGroups/deploymentStacksRG/providers/Microsoft.Resources/deploymentStacks/simpleDeploymentStack?api-version=2024-03-01`);
    expect(again.status).toBe(204);
    expect(Object.keys(del)).toContain('204');
    // Detached: the resource stays, and with the stack gone its deny assignment went too.
    expect(await exists(accountId('deploymentStacksRG', 'acct1'))).toBe(true);
    expect((await call(sim, 'DELETE', `${accountId('deploymentStacksRG', 'acct1')}?api-version=2023-01-01`)).status).toBe(200);
  });

  test('a subscription stack: created and deleted through the SDK, its location required', async () => {
    const client = stacksAs();
    const template = { $schema: 'https://schema.management.azure.com/schemas/2018-05-01/subscriptionDeploymentTemplate.json#', contentVersion: '1.0.0.0', resources: [], outputs: { region: { type: 'string', value: '[deployment().location]' } } };
    await expect(client.beginCreateOrUpdateAtSubscriptionAndWait('subStack', { properties: { actionOnUnmanage: { resources: 'detach' }, denySettings: { mode: 'none' }, template } }, poll)).rejects.toMatchObject({ statusCode: 400, code: 'LocationRequired' });
    const done = await client.beginCreateOrUpdateAtSubscriptionAndWait('subStack', { location: 'westus', properties: { actionOnUnmanage: { resources: 'detach' }, denySettings: { mode: 'none' }, template } }, poll);
    expect(done.properties).toMatchObject({ provisioningState: 'succeeded', outputs: { region: { type: 'String', value: 'westus' } } });
    const listed = [];
    for await (const s of client.listAtSubscription()) listed.push(s.name);
    expect(listed).toEqual(['subStack']);
    expect(fixture('DeploymentStackSubscriptionDelete.json').parameters['api-version']).toBe('2024-03-01');
    await client.beginDeleteAtSubscriptionAndWait('subStack', poll);
    await expect(client.getAtSubscription('subStack')).rejects.toMatchObject({ statusCode: 404, code: 'DeploymentStackNotFound' });
  });

  test('a body without actionOnUnmanage or with a wrong denySettings mode is refused with 400', async () => {
    await group('rg-bad-stack');
    const client = stacksAs();
    const body = stackBody(['a1']);
    await expect(client.beginCreateOrUpdateAtResourceGroupAndWait('rg-bad-stack', 'bad', { properties: { ...body.properties!, denySettings: { mode: 'lockAll' as never } } }, poll)).rejects.toMatchObject({ statusCode: 400, code: 'InvalidRequestContent' });
    const raw = await call(sim, 'PUT', `/subscriptions/${SUB}/resourceGroups/rg-bad-stack/providers/Microsoft.Resources/deploymentStacks/bad?api-version=2024-03-01`, { properties: { denySettings: { mode: 'none' }, template: accountsTemplate() } });
    expect(raw.status).toBe(400);
    expect(raw.json.error.message).toMatch(/actionOnUnmanage\.resources/);
  });
});

describe('deny settings on the managed resources', () => {
  test('denyDelete refuses a delete of its resource (and of its resource group) with DenyAssignmentAuthorizationFailed; an excluded principal passes', async () => {
    await group('rg-deny-delete');
    await stacksAs().beginCreateOrUpdateAtResourceGroupAndWait('rg-deny-delete', 'locked', stackBody(['keep1', 'keep2'], { denySettings: { mode: 'denyDelete', excludedPrincipals: ['ops-principal'] } }), poll);
    const id = accountId('rg-deny-delete', 'keep1');
    const refused = await rmAs('someone').resources.beginDeleteByIdAndWait(id, '2023-01-01', poll).catch((e) => e);
    expect(refused).toMatchObject({ statusCode: 403, code: 'DenyAssignmentAuthorizationFailed' });
    expect(refused.message).toMatch(/'someone'.*Microsoft\.Storage\/storageAccounts\/delete.*deny assignment.*deploymentStacks\/locked/);
    expect(await exists(id)).toBe(true);
    await expect(rmAs('someone').resourceGroups.beginDeleteAndWait('rg-deny-delete', poll)).rejects.toMatchObject({ statusCode: 403, code: 'DenyAssignmentAuthorizationFailed' });
    // denyDelete leaves writes alone: a plain deployment may update the resource.
    const write = await clients(sim).dc.deployments.beginCreateOrUpdateAndWait('rg-deny-delete', 'touch', { properties: { mode: 'Incremental', template: accountsTemplate(), parameters: { names: { value: ['keep1'] } } } }, poll);
    expect(write.properties?.provisioningState).toBe('Succeeded');
    await rmAs('ops-principal').resources.beginDeleteByIdAndWait(id, '2023-01-01', poll);
    expect(await exists(id)).toBe(false);
  });

  test('denyWriteAndDelete refuses a deployment that writes its resource; an excluded principal passes; the stack itself may update it', async () => {
    await group('rg-deny-write');
    const settings = { denySettings: { mode: 'denyWriteAndDelete' as const, excludedPrincipals: ['ops-principal'] } };
    await stacksAs().beginCreateOrUpdateAtResourceGroupAndWait('rg-deny-write', 'frozen', stackBody(['frozen1'], settings), poll);
    const body = { properties: { mode: 'Incremental' as const, template: accountsTemplate(), parameters: { names: { value: ['frozen1'] } } } };
    const other = await call(sim, 'PUT', `/subscriptions/${SUB}/resourceGroups/rg-deny-write/providers/Microsoft.Resources/deployments/overwrite?api-version=2024-03-01`, body, { authorization: `Bearer ${tokenFor('someone')}` });
    expect(other.status).toBe(403);
    expect(other.json.error).toMatchObject({ code: 'DenyAssignmentAuthorizationFailed' });
    expect(other.json.error.message).toMatch(/storageAccounts\/write/);
    expect((await call(sim, 'DELETE', `${accountId('rg-deny-write', 'frozen1')}?api-version=2023-01-01`, undefined, { authorization: `Bearer ${tokenFor('someone')}` })).status).toBe(403);
    // A deployment that writes something else is not refused.
    const elsewhere = await call(sim, 'PUT', `/subscriptions/${SUB}/resourceGroups/rg-deny-write/providers/Microsoft.Resources/deployments/other?api-version=2024-03-01`, { properties: { ...body.properties, parameters: { names: { value: ['free1'] } } } }, { authorization: `Bearer ${tokenFor('someone')}` });
    expect(elsewhere.status).toBe(201);
    const excluded = await call(sim, 'PUT', `/subscriptions/${SUB}/resourceGroups/rg-deny-write/providers/Microsoft.Resources/deployments/overwrite?api-version=2024-03-01`, body, { authorization: `Bearer ${tokenFor('ops-principal')}` });
    expect(excluded.status).toBe(201);
    const updated = await stacksAs('someone').beginCreateOrUpdateAtResourceGroupAndWait('rg-deny-write', 'frozen', stackBody(['frozen1', 'frozen2'], settings), poll);
    expect(updated.properties?.resources?.map((r) => r.id)).toEqual([accountId('rg-deny-write', 'frozen1'), accountId('rg-deny-write', 'frozen2')]);
  });
});

describe('actionOnUnmanage on the next update', () => {
  test('delete: a resource dropped from the template is deleted and listed in deletedResources', async () => {
    await group('rg-unmanage-delete');
    const client = stacksAs();
    await client.beginCreateOrUpdateAtResourceGroupAndWait('rg-unmanage-delete', 'app', stackBody(['one', 'two']), poll);
    expect(await exists(accountId('rg-unmanage-delete', 'two'))).toBe(true);
    const next = await client.beginCreateOrUpdateAtResourceGroupAndWait('rg-unmanage-delete', 'app', stackBody(['one']), poll);
    expect(next.properties?.deletedResources).toEqual([{ id: accountId('rg-unmanage-delete', 'two') }]);
    expect(next.properties?.detachedResources).toEqual([]);
    expect(next.properties?.resources?.map((r) => r.id)).toEqual([accountId('rg-unmanage-delete', 'one')]);
    expect(await exists(accountId('rg-unmanage-delete', 'two'))).toBe(false);
    expect(await exists(accountId('rg-unmanage-delete', 'one'))).toBe(true);
  });

  test('detach: a resource dropped from the template stays and is listed in detachedResources', async () => {
    await group('rg-unmanage-detach');
    const client = stacksAs();
    await client.beginCreateOrUpdateAtResourceGroupAndWait('rg-unmanage-detach', 'app', stackBody(['one', 'two'], { actionOnUnmanage: { resources: 'detach' } }), poll);
    const next = await client.beginCreateOrUpdateAtResourceGroupAndWait('rg-unmanage-detach', 'app', stackBody(['one'], { actionOnUnmanage: { resources: 'detach' } }), poll);
    expect(next.properties?.detachedResources).toEqual([{ id: accountId('rg-unmanage-detach', 'two') }]);
    expect(next.properties?.deletedResources).toEqual([]);
    expect(await exists(accountId('rg-unmanage-detach', 'two'))).toBe(true);
  });

  test('delete of the stack with unmanageAction.Resources=delete removes its resources and nothing else', async () => {
    await group('rg-stack-delete');
    const client = stacksAs();
    await clients(sim).dc.deployments.beginCreateOrUpdateAndWait('rg-stack-delete', 'unrelated', { properties: { mode: 'Incremental', template: accountsTemplate(), parameters: { names: { value: ['bystander'] } } } }, poll);
    await client.beginCreateOrUpdateAtResourceGroupAndWait('rg-stack-delete', 'app', stackBody(['one', 'two']), poll);
    await client.beginDeleteAtResourceGroupAndWait('rg-stack-delete', 'app', { ...poll, unmanageActionResources: 'delete' });
    expect(await exists(accountId('rg-stack-delete', 'one'))).toBe(false);
    expect(await exists(accountId('rg-stack-delete', 'two'))).toBe(false);
    expect(await exists(accountId('rg-stack-delete', 'bystander'))).toBe(true);
    const bad = await call(sim, 'DELETE', `/subscriptions/${SUB}/resourceGroups/rg-stack-delete/providers/Microsoft.Resources/deploymentStacks/app?api-version=2024-03-01&unmanageAction.Resources=purge`);
    expect(bad.status).toBe(204); // already gone: nothing to refuse
  });

  test('a stack whose template fails preflight answers the PUT with ARM\'s error; a failed deployment fails the stack with its error', async () => {
    await group('rg-stack-fail');
    const client = stacksAs();
    const broken = stackBody(['x']);
    (broken.properties!.template as any).resources[0].name = "[parameters('nope')]";
    await expect(client.beginCreateOrUpdateAtResourceGroupAndWait('rg-stack-fail', 'broken', broken, poll)).rejects.toMatchObject({ statusCode: 400, code: 'InvalidTemplate' });
    sim.faults.add({ kind: 'deploymentFails', resourceGroup: 'rg-stack-fail', code: 'Conflict', message: 'simulated failure', times: 1 });
    const failed = await client.beginCreateOrUpdateAtResourceGroupAndWait('rg-stack-fail', 'flaky', stackBody(['flaky1']), poll).catch((e) => e);
    expect(String(failed.message)).toMatch(/simulated failure|failed/i);
    const stack = await client.getAtResourceGroup('rg-stack-fail', 'flaky');
    expect(stack.properties).toMatchObject({ provisioningState: 'failed', error: { code: 'DeploymentFailed' } });
    expect(JSON.stringify(stack.properties!.error)).toMatch(/simulated failure/);
  });
});
