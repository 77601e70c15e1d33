// Components deployed as deployment stacks, end to end: the engine, the ARM adapter on the real SDKs over HTTPS, the
// local endpoint's deploymentStacks; a failed stage rolls the stacks back to the previous version's template, and
// teardown removes the stacks with their resources and nothing else.
import { ResourceManagementClient } from '@azure/arm-resources';
import { DeploymentsClient } from '@azure/arm-resourcesdeployments';
import { DeploymentStacksClient } from '@azure/arm-resourcesdeploymentstacks';
import { LocalEndpointCredential } from '../../src/azure/credentials.js';
import { ArmWhatIf } from '../../src/azure/what-if.js';
import { whatIfStages } from '../../src/commands/what-if.js';
import { planRollout } from '../../src/plan/planner.js';
import { whatIfMarkdown } from '../../src/report/what-if.js';
import { loadSpec } from '../../src/spec/load.js';
import { teardownCommand } from '../../src/commands/teardown.js';
import { teardownText } from '../../src/report/teardown-text.js';
import { Rehearsal } from '../helpers/rehearsal.js';
import { repoRoot } from '../helpers/run-action.js';

const SUB = '00000000-0000-0000-0000-000000000001';
const V1 = '__tests__/fixtures/stacks-rollout/rollout-v1.yaml';
const V2 = '__tests__/fixtures/stacks-rollout/rollout-v2.yaml';
const env = { OPS_PRINCIPAL: 'ops-principal' };
const rg = (name: string) => `/subscriptions/${SUB}/resourceGroups/${name}`;

describe('deployment stacks through a rollout', () => {
  let r: Rehearsal;
  let stacks: DeploymentStacksClient['deploymentStacks'];
  let rm: ResourceManagementClient;
  const credential = new LocalEndpointCredential();
  beforeAll(async () => {
    r = await new Rehearsal().start();
    stacks = new DeploymentStacksClient(credential, SUB, { endpoint: r.sim.endpoint }).deploymentStacks;
    rm = new ResourceManagementClient(credential, SUB, { endpoint: r.sim.endpoint });
  });
  afterAll(() => r.stop());

  const exists = async (id: string): Promise<boolean> => {
    try {
      await rm.resources.getById(id, '2023-01-01');
      return true;
    } catch {
      return false;
    }
  };

  it('deploys every stamp as its stack, with the rollout\'s tags, the spec\'s settings and the outputs the probes use', async () => {
    const { result } = await r.run('1.0.0', { spec: V1, env });
    expect(result!.status).toBe('succeeded');
    const app = await stacks.getAtResourceGroup('stacked-eus', 'stacked-web-app-eastus');
    expect(app.tags).toMatchObject({ 'rollout-id': 'stacked-web@1.0.0', 'rollout-stamp': 'app@eastus' });
    expect(app.properties).toMatchObject({
      provisioningState: 'succeeded',
      actionOnUnmanage: { resources: 'delete' },
      denySettings: { mode: 'denyWriteAndDelete', excludedPrincipals: ['ops-principal'] },
      resources: [{ id: `${rg('stacked-eus')}/providers/Microsoft.Web/sites/stacked-web-eus`, status: 'managed', denyStatus: 'denyWriteAndDelete' }],
    });
    expect((app.properties!.outputs as Record<string, { value: string }>).endpoint.value).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    // Every write went to a stack: no plain deployment was PUT.
    expect(r.deploymentPuts()).toEqual([]);
    const stackPuts = r.sim.requests.filter((q) => q.method === 'PUT' && q.path.includes('/deploymentStacks/')).map((q) => q.path.split('/').at(-1));
    expect(stackPuts).toEqual(['stacked-web-cluster-eastus', 'stacked-web-app-eastus', 'stacked-web-cluster-westus', 'stacked-web-app-westus']);
    // Every request of the rollout carried its one correlation id, and the stack records it.
    expect(app.properties!.correlationId).toBe(r.sim.requests.find((q) => q.path.endsWith('/stacked-web-app-eastus') && q.method === 'PUT')!.correlationId);
    // The cluster's denyDelete holds at the endpoint.
    await expect(rm.resources.beginDeleteByIdAndWait(`${rg('stacked-eus')}/providers/Microsoft.Web/serverfarms/stacked-plan-eus`, '2023-12-01', { updateIntervalInMs: 10 })).rejects.toMatchObject({ statusCode: 403, code: 'DenyAssignmentAuthorizationFailed' });
  });

  it('what-if of a stack stamp is its template\'s what-if as a deployment, and says that stacks have none', async () => {
    const spec = loadSpec(V1, { mode: 'standard', version: '1.0.1', env, repoRoot });
    const whatIf = new ArmWhatIf({ credential, endpoint: r.sim.endpoint, clock: r.clock, spec, stamps: new Map(), outputsOf: async () => undefined });
    const results = await whatIfStages(planRollout(spec).stages.slice(0, 1), whatIf, new AbortController().signal);
    const cluster = results.find((x) => x.stamp === 'cluster@eastus')!;
    expect(cluster.error).toBeUndefined();
    expect(cluster.changes.map((c) => [c.resourceId.split('/').at(-1), c.changeType])).toEqual([['stacked-plan-eus', 'NoChange'], ['stacked-web-eus', 'Ignore']]);
    expect(cluster.note).toBe('deploys as deployment stack stacked-web-cluster-eastus (actionOnUnmanage: delete, denySettings: denyDelete); ARM has no what-if for stacks (api-version 2024-03-01), so this is the what-if of its template as a deployment: resources the stack would delete because the template dropped them are not shown');
    expect(whatIfMarkdown(results)).toContain('ARM has no what-if for stacks');
  });

  it('a re-run of the same version accepts the stacks it already made, without a new PUT', async () => {
    r.sim.requests.length = 0;
    const { result } = await r.run('1.0.0', { spec: V1, env });
    expect(result!.status).toBe('succeeded');
    expect(r.sim.requests.filter((q) => q.method === 'PUT')).toEqual([]);
  });

  it('a failing stage rolls the stacks back to the previous version\'s template; the resource only the new one had is deleted', async () => {
    const faults = [{ kind: 'healthFails' as const, region: 'westus', version: '2.0.0' }];
    const { result } = await r.run('2.0.0', { spec: V2, env, faults });
    expect(result!.status).toBe('rolled-back');
    expect(result!.rollback!.stamps.filter((s) => s.id.startsWith('app@')).map((s) => [s.id, s.outcome])).toEqual(expect.arrayContaining([['app@eastus', 'rolled-back'], ['app@westus', 'rolled-back']]));
    for (const [group, region, short] of [['stacked-eus', 'eastus', 'eus'], ['stacked-wus', 'westus', 'wus']]) {
      const name = `stacked-web-app-${region}`;
      const stack = await stacks.getAtResourceGroup(group, name);
      expect(stack.properties!.provisioningState).toBe('succeeded');
      expect(stack.tags).toMatchObject({ 'rollout-version': '1.0.0' });
      expect(stack.tags!['rollout-restored-from']).toMatch(new RegExp(`^${name}-`));
      const exported = await stacks.exportTemplateAtResourceGroup(group, name);
      expect((exported.template as { resources: { type: string }[] }).resources.map((x) => x.type)).toEqual(['Microsoft.Web/sites']);
      expect(stack.properties!.deletedResources).toEqual([{ id: `${rg(group)}/providers/Microsoft.Storage/storageAccounts/stackedcache${short}` }]);
      expect(await exists(`${rg(group)}/providers/Microsoft.Storage/storageAccounts/stackedcache${short}`)).toBe(false);
    }
    // The apps serve version 1.0.0 again.
    expect(r.sim.apps().map((a) => a.version).sort()).toEqual(['1.0.0', '1.0.0']);
  });

  it('teardown --dry-run lists the stacks and their resources; teardown removes them and leaves everything else', async () => {
    // Someone else's storage account in a group of the rollout.
    const dc = new DeploymentsClient(credential, SUB, { endpoint: r.sim.endpoint });
    const foreign = { $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#', contentVersion: '1.0.0.0', resources: [{ type: 'Microsoft.Storage/storageAccounts', apiVersion: '2023-01-01', name: 'theirswus', location: 'westus', sku: { name: 'Standard_LRS' }, kind: 'StorageV2', properties: {} }] };
    await dc.deployments.beginCreateOrUpdateAndWait('stacked-wus', 'not-ours', { properties: { mode: 'Incremental', template: foreign } }, { updateIntervalInMs: 10 });

    const request = { specFile: V1, mode: 'standard', version: '1.0.0', env, repoRoot, clock: r.clock, signal: new AbortController().signal, credential, endpoint: r.sim.endpoint };
    const dry = await teardownCommand({ ...request, dryRun: true });
    const going = dry.plan.items.filter((i) => !i.kept).map((i) => `${i.kind} ${i.id.replace(`/subscriptions/${SUB}/resourceGroups/`, '')}`);
    expect(going).toEqual([
      'stack stacked-wus/providers/Microsoft.Resources/deploymentStacks/stacked-web-app-westus',
      'resource stacked-wus/providers/Microsoft.Web/sites/stacked-web-wus',
      'stack stacked-wus/providers/Microsoft.Resources/deploymentStacks/stacked-web-cluster-westus',
      'resource stacked-wus/providers/Microsoft.Web/serverfarms/stacked-plan-wus',
      'stack stacked-eus/providers/Microsoft.Resources/deploymentStacks/stacked-web-app-eastus',
      'resource stacked-eus/providers/Microsoft.Web/sites/stacked-web-eus',
      'stack stacked-eus/providers/Microsoft.Resources/deploymentStacks/stacked-web-cluster-eastus',
      'resource stacked-eus/providers/Microsoft.Web/serverfarms/stacked-plan-eus',
      'resourceGroup stacked-eus',
    ]);
    expect(dry.plan.items.find((i) => i.id === rg('stacked-wus'))!.kept).toMatch(/holds 1 resource\(s\) this rollout did not create, e.g. Microsoft.Storage\/storageAccounts\/theirswus/);
    const text = teardownText(dry);
    expect(text).toContain(`  - deployment stack ${rg('stacked-eus')}/providers/Microsoft.Resources/deploymentStacks/stacked-web-app-eastus (app@eastus)`);
    expect(text).toContain(`  - resource ${rg('stacked-eus')}/providers/Microsoft.Web/sites/stacked-web-eus (app@eastus, with stack stacked-web-app-eastus)`);
    expect(r.sim.requests.some((q) => q.method === 'DELETE')).toBe(false);

    const lines: string[] = [];
    const done = await teardownCommand({ ...request, dryRun: false, log: (l) => lines.push(l) });
    expect(done.removed).toBe(true);
    // The stacks went with unmanageAction delete: ARM deleted their resources, no resource DELETE of ours.
    const deletes = r.sim.requests.filter((q) => q.method === 'DELETE').map((q) => q.url.replace(/^.*\/(deploymentStacks\/[^?]+|resourcegroups\/[^/?]+)(\?.*)?$/i, '$1$2'));
    expect(deletes.filter((d) => d.startsWith('deploymentStacks/')).every((d) => /unmanageAction\.Resources=delete/.test(d))).toBe(true);
    expect(deletes.filter((d) => d.startsWith('deploymentStacks/'))).toHaveLength(4);
    expect(r.sim.requests.filter((q) => q.method === 'DELETE' && /\/providers\/Microsoft\.Web\//.test(q.path))).toEqual([]);
    expect(lines).toContain(`deleted deployment stack ${rg('stacked-eus')}/providers/Microsoft.Resources/deploymentStacks/stacked-web-app-eastus and its resources`);
    const groups: string[] = [];
    for await (const g of rm.resourceGroups.list()) groups.push(g.name!);
    expect(groups).toEqual(['stacked-wus']);
    const left: string[] = [];
    for await (const x of rm.resources.listByResourceGroup('stacked-wus')) left.push(x.name!);
    expect(left).toEqual(['theirswus']);
    expect(r.sim.apps()).toEqual([]);
    const remaining = [];
    for await (const s of stacks.listAtResourceGroup('stacked-wus')) remaining.push(s.name);
    expect(remaining).toEqual([]);
  });
});
