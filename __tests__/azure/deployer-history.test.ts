// What the deployer reads of a stamp's history (src/azure/deployer.ts: lastSuccessful, activeDeployments) with the
// real SDK against the local endpoint: every page of the listing (one read each), only this spec's deployments of the
// stamp, the latest Succeeded one, a rollout to exclude, and running ones reported from the same listing.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { ResourceManagementClient } from '@azure/arm-resources';
import { DeploymentsClient } from '@azure/arm-resourcesdeployments';
import { startArmSim, trustSimCa, type ArmSim } from '../../sim/index.js';
import { LocalEndpointCredential } from '../../src/azure/credentials.js';
import { ArmDeployer } from '../../src/azure/deployer.js';
import { planRollout } from '../../src/plan/planner.js';
import { DEPLOYMENT_TAGS, type PlanStamp } from '../../src/plan/types.js';
import { loadSpec } from '../../src/spec/load.js';
import type { LoadedSpec } from '../../src/spec/types.js';
import { VirtualClock } from '../../src/time/clock.js';

const SUB = '00000000-0000-0000-0000-0000000000f1';
const credential = new LocalEndpointCredential();
const TEMPLATE = { $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#', contentVersion: '1.0.0.0', resources: [], outputs: { v: { type: 'string', value: 'x' } } };

let clock: VirtualClock;
let sim: ArmSim;
let spec: LoadedSpec;
let stamp: PlanStamp;
let client: DeploymentsClient;
beforeAll(async () => {
  clock = new VirtualClock(Date.UTC(2026, 0, 1)).start();
  // Two deployments a page: the listing below takes four pages.
  sim = await startArmSim({ clock, throttleScale: Infinity, deploymentLatencyMs: 90_500, pageSize: 2 });
  trustSimCa(sim.ca);
  spec = loadSpec('rollout.yaml', { mode: 'standard', version: '1.0.0', env: {}, repoRoot: '__tests__/fixtures/arm-faults' });
  stamp = planRollout(spec).stages[0].stamps[0] as PlanStamp;
  await new ResourceManagementClient(credential, SUB, { endpoint: sim.endpoint }).resourceGroups.createOrUpdate('faulty-eus', { location: 'eastus' });
  client = new DeploymentsClient(credential, SUB, { endpoint: sim.endpoint });
  const put = async (name: string, tags: Record<string, string>, wait = true): Promise<void> => {
    const poller = await client.deployments.beginCreateOrUpdate('faulty-eus', name, { tags, properties: { mode: 'Incremental', template: TEMPLATE } });
    if (wait) {
      while (!poller.isDone()) {
        await new Promise((resolve) => setImmediate(resolve));
        await poller.poll();
      }
    }
  };
  const ours = (version: string, extra: Record<string, string> = {}) => ({ [DEPLOYMENT_TAGS.stamp]: stamp.id, [DEPLOYMENT_TAGS.rolloutId]: `faulty@${version}`, [DEPLOYMENT_TAGS.version]: version, [DEPLOYMENT_TAGS.contentHash]: `h-${version}`, ...extra });
  await put('d-1.0.0', ours('1.0.0'));
  await put('d-2.0.0', ours('2.0.0'));
  await put('d-3.0.0', ours('3.0.0'));
  // Later, but not this stamp's, not this spec's ("faultyx" is not "faulty"), or not Succeeded.
  await put('d-other-stamp', { ...ours('4.0.0'), [DEPLOYMENT_TAGS.stamp]: 'other@eastus' });
  await put('d-other-spec', { ...ours('4.0.0'), [DEPLOYMENT_TAGS.rolloutId]: 'faultyx@4.0.0' });
  await put('d-untagged', {});
  await put('d-running', ours('5.0.0', { [DEPLOYMENT_TAGS.runId]: 'run-5', 'rollout-restored-from': 'd-3.0.0' }), false);
});
afterAll(async () => {
  await sim.stop();
  clock.stop();
});
beforeEach(() => void (sim.requests.length = 0));

const never = (): AbortSignal => new AbortController().signal;
const lists = (): number => sim.requests.filter((r) => r.method === 'GET' && r.path.endsWith('/deployments')).length;

describe('lastSuccessful', () => {
  it('reads every page, one read each, and returns this spec\'s latest Succeeded deployment of the stamp', async () => {
    const d = new ArmDeployer({ credential, endpoint: sim.endpoint, clock, spec });
    const last = await d.lastSuccessful(stamp, {}, never());
    expect(lists()).toBe(4);
    expect(last).toMatchObject({ deploymentName: 'd-3.0.0', version: '3.0.0', rolloutId: 'faulty@3.0.0', contentHash: 'h-3.0.0', outputs: { v: { type: 'String', value: 'x' } } });
    expect(last!.deploymentId).toBe(`/subscriptions/${SUB}/resourceGroups/faulty-eus/providers/Microsoft.Resources/deployments/d-3.0.0`);
    // The third deployment, each taking 90.5 s one after the other.
    expect(last!.finishedAt).toBe(Date.UTC(2026, 0, 1) + 3 * 90_500);
  });

  it('skips a rollout to exclude (a rollback looks past the rollout it undoes)', async () => {
    const d = new ArmDeployer({ credential, endpoint: sim.endpoint, clock, spec });
    expect((await d.lastSuccessful(stamp, { excludeRolloutId: 'faulty@3.0.0' }, never()))?.deploymentName).toBe('d-2.0.0');
  });

  it('running deployments of the stamps come from the same listing: no second list', async () => {
    const d = new ArmDeployer({ credential, endpoint: sim.endpoint, clock, spec });
    await d.lastSuccessful(stamp, {}, never());
    sim.requests.length = 0;
    const active = await d.activeDeployments([stamp], never());
    expect(lists()).toBe(0);
    expect(active).toHaveLength(1);
    expect(active[0]).toMatchObject({ deploymentName: 'd-running', state: 'Running', stamp: stamp.id, rolloutId: 'faulty@5.0.0', version: '5.0.0', runId: 'run-5', restoredFrom: 'd-3.0.0' });
    // Started after six deployments of 90.5 s.
    expect(active[0].startedAt).toBe(Date.UTC(2026, 0, 1) + 6 * 90_500);
    // A deployer that has not listed yet lists once.
    const fresh = new ArmDeployer({ credential, endpoint: sim.endpoint, clock, spec });
    expect((await fresh.activeDeployments([stamp, stamp], never())).map((a) => a.deploymentName)).toEqual(['d-running']);
    expect(lists()).toBe(4);
  });

  it('a resource group that does not exist: no deployment and no error', async () => {
    const elsewhere = { ...stamp, resourceGroup: 'faulty-none' };
    const d = new ArmDeployer({ credential, endpoint: sim.endpoint, clock, spec });
    expect(await d.lastSuccessful(elsewhere, {}, never())).toBeUndefined();
    expect(await d.activeDeployments([elsewhere], never())).toEqual([]);
  });
});
