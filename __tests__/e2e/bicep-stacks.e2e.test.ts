// examples/bicep, whose regional components are deployment stacks: compiled by the real Bicep CLI, deployed through the
// real SDKs to the local endpoint; the regional stacks first, then the global Front Door with both apps' hosts.
import { DeploymentStacksClient } from '@azure/arm-resourcesdeploymentstacks';
import { LocalEndpointCredential } from '../../src/azure/credentials.js';
import { describeWithBicep } from '../helpers/bicep.js';
import { Rehearsal } from '../helpers/rehearsal.js';

const SUB = '00000000-0000-0000-0000-000000000001';

describeWithBicep('examples/bicep as deployment stacks', (bicepPath) => {
  let r: Rehearsal;
  beforeAll(async () => {
    r = await new Rehearsal().start();
  });
  afterAll(() => r.stop());

  it('deploys the regional stacks first (each region\'s cluster then app), then the Front Door as a deployment fed with both hosts', async () => {
    const { result } = await r.run('1.0.0', { spec: 'examples/bicep/rollout.yaml', bicepPath });
    expect(result!.status).toBe('succeeded');
    const writes = r.sim.requests.filter((q) => q.method === 'PUT' && /\/(deploymentStacks|deployments)\/[^/]+$/.test(q.path)).map((q) => q.path.replace(/^.*\/providers\/Microsoft\.Resources\//, ''));
    expect(writes).toEqual([
      'deploymentStacks/contoso-bicep-cluster-eastus',
      'deploymentStacks/contoso-bicep-app-eastus',
      'deploymentStacks/contoso-bicep-cluster-westus',
      'deploymentStacks/contoso-bicep-app-westus',
      'deployments/contoso-bicep-frontdoor-eastus-1.0.0',
    ]);
    const stacks = new DeploymentStacksClient(new LocalEndpointCredential(), SUB, { endpoint: r.sim.endpoint }).deploymentStacks;
    const app = await stacks.getAtResourceGroup('contoso-bicep-wus', 'contoso-bicep-app-westus');
    expect(app.properties).toMatchObject({ provisioningState: 'succeeded', actionOnUnmanage: { resources: 'delete' }, denySettings: { mode: 'denyDelete' } });
    expect(app.properties!.resources!.map((x) => x.id)).toEqual([`/subscriptions/${SUB}/resourceGroups/contoso-bicep-wus/providers/Microsoft.App/containerApps/contoso-app-wus`]);
    const deployed = result!.stages.flatMap((s) => s.stamps);
    const hosts = ['app@eastus', 'app@westus'].map((id) => deployed.find((s) => s.id === id)!.outputs!.fqdn.value);
    expect(new Set(hosts).size).toBe(2);
    expect(deployed.find((s) => s.id === 'frontdoor')!.outputs!.origins.value).toEqual(hosts);
  });
});
