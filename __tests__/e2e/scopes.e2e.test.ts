import { ResourceManagementClient } from '@azure/arm-resources';
import { DeploymentsClient } from '@azure/arm-resourcesdeployments';
import { trustSimCa } from '../../sim/index.js';
import { LocalEndpointCredential } from '../../src/azure/credentials.js';
import { ArmDeployer } from '../../src/azure/deployer.js';
import { ArmWhatIf } from '../../src/azure/what-if.js';
import { teardownCommand } from '../../src/commands/teardown.js';
import { whatIfStages } from '../../src/commands/what-if.js';
import { planRollout } from '../../src/plan/planner.js';
import { loadSpec } from '../../src/spec/load.js';
import { describeWithBicep } from '../helpers/bicep.js';
import { Rehearsal } from '../helpers/rehearsal.js';
import { repoRoot } from '../helpers/run-action.js';

const SUB = '00000000-0000-0000-0000-0000000000cd';
const SPEC = '__tests__/fixtures/scopes/rollout.yaml';
const MG = '/providers/Microsoft.Management/managementGroups/scoped-platform';
const signal = new AbortController().signal;

// Tenant and management-group components through the real SDK's *AtTenantScope / *AtManagementGroupScope calls.
describe('components at tenant and management-group scope, with subscription- and resource-group-scope ones', () => {
  let r: Rehearsal;
  beforeEach(async () => {
    r = await new Rehearsal().start();
  });
  afterEach(() => r.stop());

  const credential = new LocalEndpointCredential();
  const resource = async (id: string, apiVersion: string): Promise<Record<string, unknown> | undefined> => {
    const rm = new ResourceManagementClient(credential, SUB, { endpoint: r.sim.endpoint });
    try {
      return (await rm.resources.getById(id, apiVersion)).properties as Record<string, unknown>;
    } catch (error) {
      if ((error as { statusCode?: number }).statusCode === 404) return undefined;
      throw error;
    }
  };
  const DEFINITION = `${MG}/providers/Microsoft.Authorization/policyDefinitions/rollout-tag`;
  const puts = (): string[] => r.sim.requests.filter((q) => q.method === 'PUT' && /\/deployments\/[^/]+$/.test(q.path)).map((q) => q.path.replace(/\/deployments\/[^/]+$/, ''));

  it('deploys the tenant stamp, then the management-group one fed with its output, then the regions; a rerun skips them', async () => {
    const { plan, result } = await r.run('1.0.0', { spec: SPEC });
    expect([result!.status, result!.message]).toEqual(['succeeded', expect.any(String)]);
    const [platform, policy] = plan.stages[0].stamps;
    expect(platform).toMatchObject({ id: 'platform', scope: 'tenant', location: 'eastus' });
    expect(platform.resourceGroup).toBeUndefined();
    expect(policy).toMatchObject({ id: 'policy', scope: 'managementGroup', managementGroup: 'scoped-platform', requires: ['platform'], outputsFrom: ['platform'] });
    expect(puts()).toEqual([
      '/providers/Microsoft.Resources',
      `${MG}/providers/Microsoft.Resources`,
      `/subscriptions/${SUB}/resourcegroups/scoped-eus/providers/Microsoft.Resources`,
      `/subscriptions/${SUB}/resourcegroups/scoped-wus/providers/Microsoft.Resources`,
    ]);
    const stamps = result!.stages.flatMap((s) => s.stamps);
    const tenant = stamps.find((s) => s.id === 'platform')!;
    expect(tenant.deploymentId).toBe('/providers/Microsoft.Resources/deployments/scoped-platform-eastus-1.0.0');
    expect(tenant.outputs!.groupId.value).toBe(MG);
    const mg = stamps.find((s) => s.id === 'policy')!;
    expect(mg.deploymentId).toBe(`${MG}/providers/Microsoft.Resources/deployments/scoped-policy-eastus-1.0.0`);
    // managementGroup() is the group deployed to; the parameter came from the tenant stamp's output.
    expect(mg.outputs).toMatchObject({ group: { value: 'scoped-platform' }, parentGroup: { value: 'scoped-platform' }, definitionId: { value: `${MG}/providers/Microsoft.Authorization/policyDefinitions/rollout-tag` } });
    expect((await resource(DEFINITION, '2023-04-01'))?.displayName).toBe('Rollout tag required (1.0.0)');
    expect((await resource(MG, '2021-04-01'))?.displayName).toBe('Platform of scoped-platform');

    // A new version: the tenant stamp is unchanged (skipped, its outputs read back from ARM at tenant scope).
    const again = await r.run('1.0.1', { spec: SPEC });
    expect(again.result!.status).toBe('succeeded');
    const next = again.result!.stages.flatMap((s) => s.stamps);
    expect(next.find((s) => s.id === 'platform')).toMatchObject({ status: 'skipped', decision: { reason: 'unchanged' } });
    expect(next.find((s) => s.id === 'policy')).toMatchObject({ status: 'deployed', deploymentName: 'scoped-policy-eastus-1.0.1' });
  });

  it('rolls a failed management-group deployment back to its previous template, at its own scope', async () => {
    expect((await r.run('1.0.0', { spec: SPEC })).result!.status).toBe('succeeded');
    const { result } = await r.run('2.0.0', { spec: SPEC, faults: [{ kind: 'deploymentFails', deploymentName: 'scoped-policy-eastus-2.0.0', code: 'PolicyDefinitionLocked', message: 'locked' }] as never });
    expect(result!.status).toBe('rolled-back');
    expect(result!.error).toMatchObject({ code: 'PolicyDefinitionLocked', stamp: 'policy' });
    const restore = r.sim.requests.find((q) => q.method === 'PUT' && q.path.endsWith('/deployments/scoped-policy-eastus-1.0.0-rb'));
    expect(restore?.path).toBe(`${MG}/providers/Microsoft.Resources/deployments/scoped-policy-eastus-1.0.0-rb`);
    expect((await resource(DEFINITION, '2023-04-01'))?.displayName).toBe('Rollout tag required (1.0.0)');
  });

  it('cancels a tenant-scope deployment at its own scope when the run is stopped while it runs', async () => {
    const name = 'scoped-platform-eastus-1.0.0';
    const stop = new AbortController();
    // Stopped as soon as the endpoint has the PUT: the deployment hangs there, so only a cancel ends it.
    const watch = setInterval(() => {
      if (r.sim.requests.some((q) => q.method === 'PUT' && q.path.endsWith(`/deployments/${name}`) && q.status > 0)) stop.abort(new Error('stopped by the test'));
    }, 5);
    try {
      await r.run('1.0.0', { spec: SPEC, faults: [{ kind: 'deploymentHangs', deploymentName: name }] as never, signal: stop.signal }).catch((error: unknown) => error);
    } finally {
      clearInterval(watch);
    }
    expect(r.sim.requests.filter((q) => q.method === 'POST' && q.path.endsWith('/cancel')).map((q) => q.path)).toEqual([`/providers/Microsoft.Resources/deployments/${name}/cancel`]);
    const dc = new DeploymentsClient(credential, SUB, { endpoint: r.sim.endpoint });
    expect((await dc.deployments.getAtTenantScope(name)).properties?.provisioningState).toBe('Canceled');
  });

  it('what-if and ARM validate at tenant and management-group scope, and teardown removes what they created', async () => {
    trustSimCa(r.sim.ca);
    const spec = loadSpec(SPEC, { mode: 'standard', version: '1.0.0', env: {}, repoRoot });
    const plan = planRollout(spec);
    const byId = new Map(plan.stages.flatMap((s) => s.stamps).map((s) => [s.id, s]));
    const whatIf = new ArmWhatIf({ credential, endpoint: r.sim.endpoint, clock: r.clock, spec, stamps: byId, outputsOf: async () => undefined });
    const before = await whatIfStages(plan.stages, whatIf, signal);
    const shown = Object.fromEntries(before.map((w) => [w.stamp, w.error ?? w.changes.map((c) => `${c.changeType} ${c.resourceId}`)]));
    expect(shown.platform).toEqual([`Create ${MG}`]);
    expect(shown.policy).toEqual([`Create ${MG}/providers/Microsoft.Authorization/policyDefinitions/rollout-tag`]);
    const whatIfPaths = r.sim.requests.filter((q) => q.method === 'POST' && /whatIf$/i.test(q.path)).map((q) => q.path);
    expect(whatIfPaths).toEqual(expect.arrayContaining(['/providers/Microsoft.Resources/deployments/scoped-platform-eastus-1.0.0/whatIf', `${MG}/providers/Microsoft.Resources/deployments/scoped-policy-eastus-1.0.0/whatIf`]));

    // The deployer's preflight is ARM's validate at the stamp's own scope, with the location ARM requires there.
    const deployer = new ArmDeployer({ credential, endpoint: r.sim.endpoint, clock: r.clock, spec, pollMs: { first: 1_000, max: 5_000 } });
    const stage = plan.stages[0];
    const tenantStamp = byId.get('platform')!;
    expect(await deployer.preflight({ stamp: tenantStamp, stage, rollout: plan.rollout, tags: {} }, signal)).toBe('validated');
    // (The endpoint answers LocationRequired to a body without one, as ARM does.)
    expect(r.sim.requests.filter((q) => q.method === 'POST' && q.path.endsWith('/validate')).map((q) => q.path)).toEqual(['/providers/Microsoft.Resources/deployments/scoped-platform-eastus-1.0.0/validate']);

    expect((await r.run('1.0.0', { spec: SPEC })).result!.status).toBe('succeeded');
    // Someone else's management group and policy definition stay.
    const dc = new DeploymentsClient(credential, SUB, { endpoint: r.sim.endpoint });
    const theirs = { $schema: 'https://schema.management.azure.com/schemas/2019-08-01/tenantDeploymentTemplate.json#', contentVersion: '1.0.0.0', resources: [{ type: 'Microsoft.Management/managementGroups', apiVersion: '2021-04-01', name: 'not-ours', properties: {} }] };
    await dc.deployments.createOrUpdateAtTenantScope('not-ours', { location: 'eastus', properties: { mode: 'Incremental', template: theirs } }, { updateIntervalInMs: 10 }).pollUntilDone();

    const request = { specFile: SPEC, mode: 'standard', version: '1.0.0', env: {}, repoRoot, clock: r.clock, signal, credential, endpoint: r.sim.endpoint };
    const dry = await teardownCommand({ ...request, dryRun: true });
    const going = dry.plan.items.filter((i) => !i.kept).map((i) => i.id);
    // Reverse dependency order: the regions' resources, then the policy definition, then the management group.
    expect(going.indexOf(`${MG}/providers/Microsoft.Authorization/policyDefinitions/rollout-tag`)).toBeGreaterThan(going.findIndex((id) => id.includes('/resourceGroups/scoped-eus/')));
    expect(going.slice(-4)).toEqual([DEFINITION, MG, `/subscriptions/${SUB}/resourceGroups/scoped-wus`, `/subscriptions/${SUB}/resourceGroups/scoped-eus`]);
    expect(going.filter((id) => !id.includes('/resourceGroups/'))).toEqual([`${MG}/providers/Microsoft.Authorization/policyDefinitions/rollout-tag`, MG]);
    await teardownCommand({ ...request, dryRun: false });
    expect(await resource(DEFINITION, '2023-04-01')).toBeUndefined();
    expect(await resource(MG, '2021-04-01')).toBeUndefined();
    expect(await resource('/providers/Microsoft.Management/managementGroups/not-ours', '2021-04-01')).toBeDefined();
    const rm = new ResourceManagementClient(credential, SUB, { endpoint: r.sim.endpoint });
    const groups = [];
    for await (const g of rm.resourceGroups.list()) groups.push(g.name);
    expect(groups).toEqual([]);
  });
});

describeWithBicep('Bicep with targetScope tenant and managementGroup, compiled by the real CLI', (bicepPath) => {
  let r: Rehearsal;
  beforeAll(async () => {
    r = await new Rehearsal().start();
  });
  afterAll(() => r.stop());

  it('deploys the compiled templates at their scopes; managementGroup() and tenant() answer per scope', async () => {
    const { plan, result } = await r.run('1.0.0', { spec: '__tests__/fixtures/scopes/bicep.yaml', bicepPath });
    expect([result!.status, result!.message]).toEqual(['succeeded', expect.any(String)]);
    expect(plan.stages[0].stamps.map((s) => [s.id, s.scope])).toEqual([['platform', 'tenant'], ['policy', 'managementGroup']]);
    const stamps = result!.stages[0].stamps;
    expect(stamps[0].outputs).toMatchObject({ groupName: { value: 'bicep-platform' }, tenantId: { value: expect.stringMatching(/^[0-9a-f-]{36}$/) } });
    expect(stamps[1].outputs).toMatchObject({ group: { value: 'bicep-platform' }, definitionId: { value: '/providers/Microsoft.Management/managementGroups/bicep-platform/providers/Microsoft.Authorization/policyDefinitions/rollout-tag' } });
  });
});
