// The deployer's request budgets (src/azure/subscription-budgets.ts) with the real SDK against the local endpoint on a
// virtual clock: ARM throttles per subscription, so the stamps of one subscription share a budget and a stamp of
// another subscription never waits for it.
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { ResourceManagementClient } from '@azure/arm-resources';
import { startArmSim, trustSimCa, type ArmSim } from '../../sim/index.js';
import { LocalEndpointCredential } from '../../src/azure/credentials.js';
import { ArmDeployer } from '../../src/azure/deployer.js';
import { SubscriptionBudgets } from '../../src/azure/subscription-budgets.js';
import { planRollout } from '../../src/plan/planner.js';
import { DEPLOYMENT_TAGS, type Plan, type PlanStamp } from '../../src/plan/types.js';
import { loadSpec } from '../../src/spec/load.js';
import type { LoadedSpec } from '../../src/spec/types.js';
import { VirtualClock } from '../../src/time/clock.js';

describe('ArmDeployer budgets per subscription', () => {
  let sim: ArmSim;
  let clock: VirtualClock;
  let spec: LoadedSpec;
  let plan: Plan;
  beforeEach(async () => {
    clock = new VirtualClock(Date.UTC(2026, 0, 1)).start();
    sim = await startArmSim({ clock, deploymentLatencyMs: 5_000 });
    trustSimCa(sim.ca);
    spec = loadSpec('rollout.yaml', { mode: 'standard', version: '1.0.0', env: {}, repoRoot: '__tests__/fixtures/two-subscriptions' });
    plan = planRollout(spec);
    for (const stamp of plan.stages[0].stamps) {
      await new ResourceManagementClient(new LocalEndpointCredential(), stamp.subscription, { endpoint: sim.endpoint }).resourceGroups.createOrUpdate(stamp.resourceGroup!, { location: stamp.location });
    }
    sim.requests.length = 0;
  });
  afterEach(async () => {
    await sim.stop();
    clock.stop();
  });
  const stampIn = (region: string): PlanStamp => plan.stages[0].stamps.find((s) => s.region === region)!;
  const request = (stamp: PlanStamp) => ({ stamp, stage: plan.stages[0], rollout: plan.rollout, tags: { [DEPLOYMENT_TAGS.stamp]: stamp.id, [DEPLOYMENT_TAGS.rolloutId]: plan.rollout.id } });
  const never = (): AbortSignal => new AbortController().signal;

  it('the fixture puts its two stamps in two subscriptions', () => {
    expect([stampIn('eastus').subscription, stampIn('westus').subscription]).toEqual(['00000000-0000-0000-0000-0000000000a1', '00000000-0000-0000-0000-0000000000b2']);
  });

  it('a subscription whose write burst is spent holds its own stamps only', async () => {
    // 0.1 writes a second: a burst of 2 validates, then one every 10 s.
    const deployer = new ArmDeployer({ credential: new LocalEndpointCredential(), endpoint: sim.endpoint, clock, spec, budget: { reads: 25, writes: 0.1 } });
    const start = clock.now();
    await deployer.preflight(request(stampIn('eastus')), never());
    await deployer.preflight(request(stampIn('eastus')), never());
    expect(clock.now() - start).toBe(0);
    // The other subscription's burst is untouched.
    await deployer.preflight(request(stampIn('westus')), never());
    await deployer.preflight(request(stampIn('westus')), never());
    expect(clock.now() - start).toBe(0);
    // A third validate in either waits for its own bucket to refill one token: 10 s, not 20 s or more.
    await deployer.preflight(request(stampIn('eastus')), never());
    expect(clock.now() - start).toBe(10_000);
    await deployer.preflight(request(stampIn('westus')), never());
    expect(clock.now() - start).toBe(10_000);
    const validates = sim.requests.filter((r) => r.path.endsWith('/validate'));
    expect(validates.map((r) => [r.path.split('/')[2], r.status])).toEqual([
      ['00000000-0000-0000-0000-0000000000a1', 200],
      ['00000000-0000-0000-0000-0000000000a1', 200],
      ['00000000-0000-0000-0000-0000000000b2', 200],
      ['00000000-0000-0000-0000-0000000000b2', 200],
      ['00000000-0000-0000-0000-0000000000a1', 200],
      ['00000000-0000-0000-0000-0000000000b2', 200],
    ]);
  });
});

describe('SubscriptionBudgets', () => {
  const clock = new VirtualClock(0);
  const budgets = new SubscriptionBudgets(clock, { reads: 22.5, writes: 9 });

  it('one pair of buckets per subscription, whatever the case of its id', () => {
    const a = budgets.for({ scope: 'resourceGroup', subscription: 'AAAA' });
    expect(budgets.for({ scope: 'subscription', subscription: 'aaaa' })).toBe(a);
    expect(budgets.for({ scope: 'resourceGroup', subscription: 'bbbb' })).not.toBe(a);
    expect(a.reads).not.toBe(a.writes);
  });

  it('tenant and management-group requests name no subscription: they share the tenant bucket', () => {
    const tenant = budgets.for({ scope: 'tenant', subscription: 'aaaa' });
    expect(budgets.for({ scope: 'managementGroup', subscription: 'bbbb' })).toBe(tenant);
    expect(tenant).not.toBe(budgets.for({ scope: 'subscription', subscription: 'aaaa' }));
  });

  it("the bursts are ARM's: 10 s of reads and 20 s of writes at the rates given", async () => {
    const { reads, writes } = new SubscriptionBudgets(clock, { reads: 2, writes: 1 }).for({ scope: 'resourceGroup', subscription: 'cccc' });
    for (let i = 0; i < 20; i++) await reads.take();
    for (let i = 0; i < 20; i++) await writes.take();
    expect([reads.queued, writes.queued]).toEqual([0, 0]);
    void reads.take();
    void writes.take();
    expect([reads.queued, writes.queued]).toEqual([1, 1]);
  });
});
