import { ResourceManagementClient } from '@azure/arm-resources';
import { LocalEndpointCredential } from '../../src/azure/credentials.js';
import { teardownCommand } from '../../src/commands/teardown.js';
import { teardownText } from '../../src/report/teardown-text.js';
import { describeWithBicep } from '../helpers/bicep.js';
import { repoRoot } from '../helpers/run-action.js';
import { Rehearsal } from '../helpers/rehearsal.js';

const SUB = '00000000-0000-0000-0000-000000000001';
const spec = 'examples/bicep/rollout.yaml';

describeWithBicep('examples/bicep through the real Bicep CLI and the real SDK, to the local endpoint', (bicepPath) => {
  let r: Rehearsal;
  beforeAll(async () => {
    r = await new Rehearsal().start();
  });
  afterAll(() => r.stop());

  const resource = async (id: string): Promise<Record<string, unknown>> => {
    const client = new ResourceManagementClient(new LocalEndpointCredential(), SUB, { endpoint: r.sim.endpoint });
    return (await client.resources.getById(id, '2024-02-01')).properties as Record<string, unknown>;
  };

  it('deploys each region\'s cluster then app, then the global Front Door after the last region, fed with both apps\' host names', async () => {
    const { plan, result } = await r.run('1.0.0', { spec, bicepPath });
    expect(result!.status).toBe('succeeded');
    expect(plan.stages.map((s) => [s.name, s.stamps.map((x) => x.id)])).toEqual([
      ['canary', ['cluster@eastus', 'app@eastus']],
      ['broad', ['cluster@westus', 'app@westus', 'frontdoor']],
    ]);
    const frontdoor = plan.stages[1].stamps[2];
    expect(frontdoor.requires).toEqual(['app@eastus', 'app@westus']);
    expect(frontdoor.outputsFrom).toEqual(['app@eastus', 'app@westus']);
    expect(frontdoor.parameters.origins).toEqual({ value: '{outputs.app[*].fqdn}' });

    const deployed = result!.stages.flatMap((s) => s.stamps);
    const fqdn = (id: string): string => deployed.find((s) => s.id === id)!.outputs!.fqdn.value as string;
    const hosts = [fqdn('app@eastus'), fqdn('app@westus')];
    expect(new Set(hosts).size).toBe(2);
    // The Front Door's origins output echoes the parameter it was given: one host per region, in stage order.
    expect(deployed.find((s) => s.id === 'frontdoor')!.outputs!.origins.value).toEqual(hosts);
    const fd = '/subscriptions/' + SUB + '/resourceGroups/contoso-bicep-global/providers/Microsoft.Cdn/profiles/contoso-bicep-fd';
    expect((await resource(`${fd}/originGroups/apps/origins/region-0`)).hostName).toBe(hosts[0]);
    expect((await resource(`${fd}/originGroups/apps/origins/region-1`)).hostName).toBe(hosts[1]);
    // The app took its own region's environment id from the cluster's output.
    const app = await resource(`/subscriptions/${SUB}/resourceGroups/contoso-bicep-wus/providers/Microsoft.App/containerApps/contoso-app-wus`);
    expect(app.managedEnvironmentId).toBe(`/subscriptions/${SUB}/resourceGroups/contoso-bicep-wus/providers/Microsoft.App/managedEnvironments/contoso-env-wus`);
  });

  it('runs stage by stage too: the broad stage takes the canary app\'s outputs from ARM', async () => {
    const first = await r.run('2.0.0', { spec, bicepPath, stage: 'canary' });
    expect(first.result!.status).toBe('succeeded');
    const second = await r.run('2.0.0', { spec, bicepPath, stage: 'broad' });
    expect(second.result!.status).toBe('succeeded');
    const fd = second.result!.stages[0].stamps.find((s) => s.id === 'frontdoor')!;
    expect(fd.status).toBe('skipped'); // same origins, same template: onChange
  });
});

/** Every write of a deployment or a deployment stack (examples/bicep's regional components are stacks), in order. */
function writes(r: Rehearsal): string[] {
  return r.sim.requests.filter((q) => q.method === 'PUT' && /\/(deploymentStacks|deployments)\/[^/]+$/.test(q.path)).map((q) => q.path.replace(/^.*\/providers\/Microsoft\.Resources\//, ''));
}

describeWithBicep('deploy --only app@westus of examples/bicep', (bicepPath) => {
  let r: Rehearsal;
  beforeAll(async () => {
    r = await new Rehearsal().start();
  });
  afterAll(() => r.stop());

  it('on an empty endpoint deploys cluster@westus then app@westus and nothing else; on a full one only app@westus', async () => {
    const first = await r.run('1.0.0', { spec, bicepPath, only: 'app@westus' });
    expect(first.result!.status).toBe('succeeded');
    expect(writes(r)).toEqual(['deploymentStacks/contoso-bicep-cluster-westus', 'deploymentStacks/contoso-bicep-app-westus']);
    expect(first.plan.only!.outside).toEqual([]);
    expect(first.plan.only!.stamps).toEqual([
      { id: 'cluster@westus', included: true, role: 'prerequisite', why: 'app@westus requires cluster@westus; it has no successful deployment yet' },
      { id: 'app@westus', included: true, role: 'requested', why: 'requested with --only app@westus' },
    ]);

    const full = await r.run('1.0.0', { spec, bicepPath });
    expect([full.result!.status, full.result!.message]).toEqual(['succeeded', expect.any(String)]);
    const before = writes(r).length;
    const again = await r.run('2.0.0', { spec, bicepPath, only: 'app@westus' });
    expect(again.result!.status).toBe('succeeded');
    expect(writes(r).slice(before)).toEqual(['deploymentStacks/contoso-bicep-app-westus']);
    expect(again.plan.only!.stamps[0]).toMatchObject({ id: 'cluster@westus', included: false });
    expect(again.plan.only!.stamps[0].why).toMatch(/^app@westus requires cluster@westus; its current content is deployed already \(contoso-bicep-cluster-westus-\d{14}-\d{3}\)$/); // the deployment the stack made
  });
});

describeWithBicep('teardown of examples/bicep', (bicepPath) => {
  let r: Rehearsal;
  beforeAll(async () => {
    r = await new Rehearsal().start();
  });
  afterAll(() => r.stop());

  it('--dry-run lists every resource and resource group; teardown leaves no resource of the rollout and all else untouched', async () => {
    expect((await r.run('1.0.0', { spec, bicepPath })).result!.status).toBe('succeeded');
    const credential = new LocalEndpointCredential();
    const rm = new ResourceManagementClient(credential, SUB, { endpoint: r.sim.endpoint });
    // Someone else's resources: one in a group of the rollout, one in a group of their own.
    await rm.resourceGroups.createOrUpdate('someone-else', { location: 'eastus' });
    const foreign = { type: 'Microsoft.Storage/storageAccounts', apiVersion: '2023-05-01', location: 'westus', sku: { name: 'Standard_LRS' }, kind: 'StorageV2' };
    const { DeploymentsClient } = await import('@azure/arm-resourcesdeployments');
    const dc = new DeploymentsClient(credential, SUB, { endpoint: r.sim.endpoint });
    const template = (name: string) => ({ $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#', contentVersion: '1.0.0.0', resources: [{ ...foreign, name }] });
    await dc.deployments.createOrUpdate('contoso-bicep-wus', 'not-ours', { properties: { mode: 'Incremental', template: template('theirswus') } }, { updateIntervalInMs: 10 }).pollUntilDone();
    await dc.deployments.createOrUpdate('someone-else', 'theirs', { properties: { mode: 'Incremental', template: template('theirsown') } }, { updateIntervalInMs: 10 }).pollUntilDone();

    const request = { specFile: spec, mode: 'standard', version: '1.0.0', env: {}, repoRoot, bicepPath, clock: r.clock, signal: new AbortController().signal, credential, endpoint: r.sim.endpoint };
    const dry = await teardownCommand({ ...request, dryRun: true });
    expect(dry.stamps).toEqual(['cluster@eastus', 'app@eastus', 'cluster@westus', 'app@westus', 'frontdoor']);
    const going = dry.plan.items.filter((i) => !i.kept).map((i) => i.id.replace(`/subscriptions/${SUB}/resourceGroups/`, ''));
    // Reverse dependency order: the Front Door's resources first, then the west app and cluster, then the east ones.
    expect(going.indexOf('contoso-bicep-global/providers/Microsoft.Cdn/profiles/contoso-bicep-fd')).toBeGreaterThan(going.indexOf('contoso-bicep-global/providers/Microsoft.Cdn/profiles/contoso-bicep-fd/originGroups/apps/origins/region-1'));
    expect(going.indexOf('contoso-bicep-wus/providers/Microsoft.App/containerApps/contoso-app-wus')).toBeLessThan(going.indexOf('contoso-bicep-wus/providers/Microsoft.App/managedEnvironments/contoso-env-wus'));
    expect(going.indexOf('contoso-bicep-wus/providers/Microsoft.App/managedEnvironments/contoso-env-wus')).toBeLessThan(going.indexOf('contoso-bicep-eus/providers/Microsoft.App/containerApps/contoso-app-eus'));
    expect(going.filter((g) => !g.includes('/'))).toEqual(['contoso-bicep-global', 'contoso-bicep-eus']);
    expect(dry.plan.items.find((i) => i.id.endsWith('/contoso-bicep-wus'))!.kept).toBe('holds 1 resource(s) this rollout did not create, e.g. Microsoft.Storage/storageAccounts/theirswus');
    expect(teardownText(dry)).toContain('(dry run: nothing deleted)');
    expect(r.sim.requests.some((q) => q.method === 'DELETE')).toBe(false);

    const done = await teardownCommand({ ...request, dryRun: false });
    expect(done.removed).toBe(true);
    const groups = [];
    for await (const g of rm.resourceGroups.list()) groups.push(g.name);
    expect(groups.sort()).toEqual(['contoso-bicep-wus', 'someone-else']);
    const left = [];
    for await (const x of rm.resources.listByResourceGroup('contoso-bicep-wus')) left.push(x.name);
    expect(left).toEqual(['theirswus']);
    const theirs = [];
    for await (const x of rm.resources.listByResourceGroup('someone-else')) theirs.push(x.name);
    expect(theirs).toEqual(['theirsown']);
    expect(r.sim.apps()).toEqual([]);
  });
});
