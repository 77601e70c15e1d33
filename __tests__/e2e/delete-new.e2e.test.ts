import { ResourceManagementClient } from '@azure/arm-resources';
import { LocalEndpointCredential } from '../../src/azure/credentials.js';
import { Rehearsal } from '../helpers/rehearsal.js';

const SUB = '00000000-0000-0000-0000-000000000001';

describe('rollback.deleteNew through the real SDK: a failed first deployment is removed the way teardown removes it', () => {
  let r: Rehearsal;
  beforeAll(async () => {
    r = await new Rehearsal().start();
  });
  afterAll(() => r.stop());

  it('removes the pilot stage\'s new stamps and their resource groups, and leaves the canary stage alone', async () => {
    const spec = '__tests__/fixtures/delete-new/rollout.yaml';
    const { result } = await r.run('1.0.0', { spec, faults: [{ kind: 'healthFails', region: 'westus', version: '1.0.0', afterMs: 180_000 }] });
    expect(result!.status).toBe('rolled-back');
    const pilot = result!.rollback!.stamps.filter((s) => s.id.endsWith('@westus') || s.id.endsWith('@northeurope'));
    expect(pilot.map((s) => [s.id, s.outcome])).toEqual(expect.arrayContaining([['app@westus', 'removed'], ['cluster@westus', 'removed'], ['app@northeurope', 'removed'], ['cluster@northeurope', 'removed']]));
    const rm = new ResourceManagementClient(new LocalEndpointCredential(), SUB, { endpoint: r.sim.endpoint });
    const groups: string[] = [];
    for await (const g of rm.resourceGroups.list()) groups.push(g.name!);
    expect(groups.sort()).toEqual(['contoso-eus', 'contoso-global']);
    expect(r.sim.apps().map((a) => a.region)).toEqual(['eastus']);
  });
});
