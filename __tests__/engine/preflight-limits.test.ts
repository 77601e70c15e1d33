import { describe, expect, it } from '@jest/globals';
import { DeploymentFailure } from '../../src/engine/errors.js';
import type { Deployer, DeployRequest } from '../../src/engine/ports.js';
import { harness, makePlan, MIN, stamp } from './fakes.js';

const regions = ['r1', 'r2', 'r3', 'r4', 'r5', 'r6'];
const plan = () => makePlan([{ name: 'broad', stamps: regions.map((r) => stamp(`app@${r}`, { region: r, health: null })), bakeMs: 0 }]);

describe('preflight limits', () => {
  it('validates at most four stamps at once', async () => {
    const h = harness(plan());
    let inFlight = 0;
    let most = 0;
    (h.deployer as Deployer).preflight = async (_request: DeployRequest, signal: AbortSignal) => {
      most = Math.max(most, ++inFlight);
      await h.clock.sleep(MIN, signal);
      inFlight--;
      return 'validated';
    };
    const started = h.clock.now();
    const result = await h.run();
    expect(result.status).toBe('succeeded');
    expect(most).toBe(4);
    // Six validations four at a time: two rounds before the first deployment.
    expect(result.stages[0].stamps[0].startedAt! - started).toBe(2 * MIN);
  });

  it('retries a throttled validation, and names the first refusal without a correlation id when ARM sent none', async () => {
    const h = harness(plan());
    const calls: string[] = [];
    (h.deployer as Deployer).preflight = async (request: DeployRequest) => {
      calls.push(request.stamp.id);
      if (request.stamp.id === 'app@r1' && calls.filter((c) => c === 'app@r1').length === 1) throw new DeploymentFailure({ code: 'TooManyRequests', message: 'slow down', transient: true });
      if (request.stamp.id === 'app@r2') throw new DeploymentFailure({ code: 'InvalidTemplate', message: 'no such property' });
      return 'validated';
    };
    const result = await h.run();
    expect(result.status).toBe('failed');
    expect(result.message).toBe('ARM refused app@r2 (stage broad) in its preflight, before anything was written: InvalidTemplate: no such property; nothing was deployed');
    expect(calls.filter((c) => c === 'app@r1').length).toBe(2);
    expect(result.error).toEqual({ code: 'InvalidTemplate', message: 'no such property', stage: 'broad', stamp: 'app@r2' });
    expect(result.stages[0].stamps.map((s) => s.status)).toEqual(['not-started', 'failed', 'not-started', 'not-started', 'not-started', 'not-started']);
    expect(h.deployer.started).toEqual([]);
  });
});
