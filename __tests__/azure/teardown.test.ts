// What a rollout owns and its removal (src/azure/teardown.ts), with the real SDK against the local endpoint: only what
// this spec's tagged deployments of the stamp created, newest first, its resource group last and only when we made it
// and nothing else is in it; each kept item says why, and removal logs each deletion.
import { rolloutCorrelationId } from '../../src/azure/pipeline.js';
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { ResourceManagementClient } from '@azure/arm-resources';
import { DeploymentsClient } from '@azure/arm-resourcesdeployments';
import { startArmSim, trustSimCa, type ArmSim } from '../../sim/index.js';
import { LocalEndpointCredential } from '../../src/azure/credentials.js';
import { ArmDeployer } from '../../src/azure/deployer.js';
import { ArmTeardown } from '../../src/azure/teardown.js';
import { planRollout } from '../../src/plan/planner.js';
import { DEPLOYMENT_TAGS, type Plan, type PlanStamp } from '../../src/plan/types.js';
import { loadSpec } from '../../src/spec/load.js';
import type { LoadedSpec } from '../../src/spec/types.js';
import { VirtualClock } from '../../src/time/clock.js';

const SUB = '00000000-0000-0000-0000-0000000000f1';
const RG = `/subscriptions/${SUB}/resourceGroups/faulty-eus`;
const SITE = `${RG}/providers/Microsoft.Web/sites/faulty-web-eus`;
const credential = new LocalEndpointCredential();
const storageTemplate = (name: string) => ({
  $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#',
  contentVersion: '1.0.0.0',
  resources: [{ type: 'Microsoft.Storage/storageAccounts', apiVersion: '2023-01-01', name, location: 'eastus', sku: { name: 'Standard_LRS' }, kind: 'StorageV2' }],
});

describe('ArmTeardown', () => {
  let sim: ArmSim;
  let clock: VirtualClock;
  let spec: LoadedSpec;
  let plan: Plan;
  let stamp: PlanStamp;
  beforeEach(async () => {
    clock = new VirtualClock(Date.UTC(2026, 0, 1)).start();
    sim = await startArmSim({ clock, deploymentLatencyMs: 1_000, throttleScale: Infinity });
    trustSimCa(sim.ca);
    spec = loadSpec('rollout.yaml', { mode: 'standard', version: '1.0.0', env: {}, repoRoot: '__tests__/fixtures/arm-faults' });
    plan = planRollout(spec);
    stamp = plan.stages[0].stamps[0] as PlanStamp;
  });
  afterEach(async () => {
    await sim.stop();
    clock.stop();
  });
  const never = (): AbortSignal => new AbortController().signal;
  const teardown = (): ArmTeardown => new ArmTeardown({ credential, endpoint: sim.endpoint, clock, spec });
  const deployStamp = () =>
    new ArmDeployer({ credential, endpoint: sim.endpoint, clock, spec }).deploy({ stamp, stage: plan.stages[0], rollout: plan.rollout, tags: { [DEPLOYMENT_TAGS.stamp]: stamp.id, [DEPLOYMENT_TAGS.rolloutId]: plan.rollout.id, [DEPLOYMENT_TAGS.contentHash]: stamp.contentHash } }, never());
  const deployRaw = async (name: string, tags: Record<string, string>, account: string): Promise<void> => {
    await new DeploymentsClient(credential, SUB, { endpoint: sim.endpoint }).deployments.beginCreateOrUpdateAndWait('faulty-eus', name, { tags, properties: { mode: 'Incremental', template: storageTemplate(account) } }, { updateIntervalInMs: 10 });
  };
  const ours = { [DEPLOYMENT_TAGS.stamp]: 'app@eastus', [DEPLOYMENT_TAGS.rolloutId]: 'faulty@0.1.0' };

  it('a stamp never deployed: nothing to remove', async () => {
    expect(await teardown().inventory([stamp], never())).toEqual({ items: [] });
  });

  it('lists what our deployments created, newest deployment first, then our resource group; removes them in that order', async () => {
    await new ResourceManagementClient(credential, SUB, { endpoint: sim.endpoint }).resourceGroups.createOrUpdate('faulty-eus', { location: 'eastus', tags: { 'managed-by': 'staged-rollout' } });
    await deployRaw('older', ours, 'oldstore');
    await deployStamp();
    const from = sim.requests.length;
    const plan = await teardown().inventory([stamp], never());
    expect(plan.items).toEqual([
      { kind: 'resource', id: SITE, stamp: 'app@eastus' },
      { kind: 'resource', id: `${RG}/providers/Microsoft.Storage/storageAccounts/oldstore`, stamp: 'app@eastus', kept: "no api-version known for its type in the spec's templates" },
      // The storage account stays, and it is one of ours: the group may go (with it).
      { kind: 'resourceGroup', id: RG, stamp: 'app@eastus' },
    ]);
    const lines: string[] = [];
    await teardown().remove(plan, never(), (l) => lines.push(l));
    expect(lines).toEqual([`deleted resource ${SITE}`, `deleted resource group ${RG}`]);
    // Listing and deleting alike carry the rollout's correlation id, as its deployments do.
    const own = sim.requests.slice(from);
    expect(own.filter((q) => q.method === 'DELETE')).toHaveLength(2);
    expect(own.filter((q) => q.correlationId !== rolloutCorrelationId('faulty@1.0.0')).map((q) => `${q.method} ${q.path}`)).toEqual([]);
    expect((await new ResourceManagementClient(credential, SUB, { endpoint: sim.endpoint }).resourceGroups.checkExistence('faulty-eus')).body).toBe(false);
  });

  it('keeps a group that holds something we did not create, and says what', async () => {
    await deployStamp();
    await deployRaw('by-hand', {}, 'foreign');
    await deployRaw('other-spec', { ...ours, [DEPLOYMENT_TAGS.rolloutId]: 'faultyx@1.0.0' }, 'notours');
    const { items } = await teardown().inventory([stamp], never());
    expect(items).toEqual([
      { kind: 'resource', id: SITE, stamp: 'app@eastus' },
      { kind: 'resourceGroup', id: RG, stamp: 'app@eastus', kept: 'holds 2 resource(s) this rollout did not create, e.g. Microsoft.Storage/storageAccounts/foreign' },
    ]);
  });

  it('one foreign resource is enough to keep the group', async () => {
    await deployStamp();
    await deployRaw('by-hand', {}, 'lonely');
    expect((await teardown().inventory([stamp], never())).items.at(-1)).toEqual({ kind: 'resourceGroup', id: RG, stamp: 'app@eastus', kept: 'holds 1 resource(s) this rollout did not create, e.g. Microsoft.Storage/storageAccounts/lonely' });
  });

  it('keeps a group we did not create', async () => {
    await new ResourceManagementClient(credential, SUB, { endpoint: sim.endpoint }).resourceGroups.createOrUpdate('faulty-eus', { location: 'eastus' });
    await deployStamp();
    expect((await teardown().inventory([stamp], never())).items.at(-1)).toEqual({ kind: 'resourceGroup', id: RG, stamp: 'app@eastus', kept: 'not created by staged-rollout (no managed-by: staged-rollout tag)' });
  });

  it('a group already gone is skipped without a line (a missing resource ARM deletes with a 204); kept items are left alone', async () => {
    await deployStamp();
    const plan = await teardown().inventory([stamp], never());
    const lines: string[] = [];
    await teardown().remove({ items: [{ kind: 'resource', id: `${RG}/providers/Microsoft.Web/sites/gone`, stamp: 'app@eastus' }, { kind: 'resourceGroup', id: `/subscriptions/${SUB}/resourceGroups/none`, stamp: 'x' }, { ...plan.items[0], kept: 'test' }] }, never(), (l) => lines.push(l));
    expect(lines).toEqual([`deleted resource ${RG}/providers/Microsoft.Web/sites/gone`]);
    expect((await new ResourceManagementClient(credential, SUB, { endpoint: sim.endpoint }).resources.checkExistenceById(SITE, '2023-12-01')).body).toBe(true);
  });

  it('a resource deleted with its stack is only logged', async () => {
    const lines: string[] = [];
    await teardown().remove({ items: [{ kind: 'resource', id: SITE, stamp: 'app@eastus', withStack: 'faulty-app-eastus' }] }, never(), (l) => lines.push(l));
    expect(lines).toEqual([`deleted resource ${SITE} with stack faulty-app-eastus`]);
  });
});
