// Reading each stamp's deployment history (the plan's first step) on a virtual clock, with more stamps than the read
// burst allows at once. A budget wait inside tracked I/O (the next page's token) held the clock still forever: 200
// stamps hung a rehearsal. Each list is one read, and the stamps beyond the burst wait for the refill in virtual time.
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { startArmSim, trustSimCa, type ArmSim } from '../../sim/index.js';
import { LocalEndpointCredential } from '../../src/azure/credentials.js';
import { ArmDeployer } from '../../src/azure/deployer.js';
import { planRollout } from '../../src/plan/planner.js';
import { DEPLOYMENT_TAGS, type PlanStamp } from '../../src/plan/types.js';
import { loadSpec } from '../../src/spec/load.js';
import { VirtualClock } from '../../src/time/clock.js';

describe('listing deployments past the read burst', () => {
  let sim: ArmSim;
  let clock: VirtualClock;
  beforeEach(async () => {
    clock = new VirtualClock(Date.UTC(2026, 0, 1)).start();
    sim = await startArmSim({ clock, deploymentLatencyMs: 5_000 });
    trustSimCa(sim.ca);
  });
  afterEach(async () => {
    await sim.stop();
    clock.stop();
  });

  it('30 lists with a read burst of 10 all finish, one read each, paced by the refill', async () => {
    const spec = loadSpec('rollout.yaml', { mode: 'standard', version: '1.0.0', env: {}, repoRoot: '__tests__/fixtures/arm-faults' });
    const plan = planRollout(spec);
    const stamp = plan.stages[0].stamps[0] as PlanStamp;
    // 1 read a second, burst 10.
    const deployer = new ArmDeployer({ credential: new LocalEndpointCredential(), endpoint: sim.endpoint, clock, spec, budget: { reads: 1, writes: 1 } });
    const signal = new AbortController().signal;
    await deployer.deploy({ stamp, stage: plan.stages[0], rollout: plan.rollout, tags: { [DEPLOYMENT_TAGS.stamp]: stamp.id, [DEPLOYMENT_TAGS.rolloutId]: plan.rollout.id, [DEPLOYMENT_TAGS.version]: '1.0.0' } }, signal);
    sim.requests.length = 0;
    const before = clock.now();

    const found = await Promise.all(Array.from({ length: 30 }, () => deployer.lastSuccessful(stamp, {}, signal)));

    expect(found.map((f) => f?.deploymentName)).toEqual(Array.from({ length: 30 }, () => stamp.deploymentName));
    const lists = sim.requests.filter((r) => r.method === 'GET' && /\/deployments$/.test(r.path.split('?')[0]));
    expect(lists).toHaveLength(30);
    expect(sim.requests).toHaveLength(30);
    // Whatever the deploy left of the burst, at least the 20 reads beyond a full burst waited for tokens in virtual time.
    expect(clock.now() - before).toBeGreaterThanOrEqual(19_000);
  });
});
