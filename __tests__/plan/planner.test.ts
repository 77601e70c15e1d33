import { planRollout } from '../../src/plan/planner.js';
import { deploymentName } from '../../src/plan/names.js';
import type { ObservedState } from '../../src/plan/types.js';
import { loadSpec } from '../../src/spec/load.js';
import { repoRoot } from '../helpers/run-action.js';

const load = (version = '2.0.0', mode = 'standard') => loadSpec('examples/basic/rollout.yaml', { mode, version, env: {}, repoRoot });

describe('planRollout', () => {
  it('lists the stages in order and each stage\'s stamps after what they require', () => {
    const plan = planRollout(load());
    expect(plan.stages.map((s) => s.stamps.map((x) => x.id))).toEqual([
      ['global', 'cluster@eastus', 'app@eastus'],
      ['cluster@westus', 'cluster@northeurope', 'app@westus', 'app@northeurope'],
      ['cluster@westeurope', 'cluster@southeastasia', 'app@westeurope', 'app@southeastasia'],
    ]);
    expect(plan.stages[0].stamps[1].requires).toEqual(['global']);
    expect(plan.stages[1].stamps[2].requires).toEqual(['cluster@westus']);
  });

  it('is byte-identical for the same inputs, and changes with the version', () => {
    const a = JSON.stringify(planRollout(load()));
    const b = JSON.stringify(planRollout(load()));
    expect(a).toBe(b);
    expect(JSON.stringify(planRollout(load('2.0.1')))).not.toBe(a);
  });

  it('decides deploy or skip from the observed state, with a reason', () => {
    const first = planRollout(load('1.0.0'), {});
    const by = (plan: typeof first) => Object.fromEntries(plan.stages.flatMap((s) => s.stamps).map((s) => [s.id, s.decision.reason]));
    expect(by(first)).toMatchObject({ global: 'not-deployed', 'cluster@eastus': 'not-deployed', 'app@eastus': 'always' });

    const observed: ObservedState = Object.fromEntries(
      first.stages.flatMap((s) => s.stamps).map((s) => [s.id, { deploymentName: s.deploymentName, version: '1.0.0', rolloutId: first.rollout.id, contentHash: s.contentHash }]),
    );
    const next = planRollout(load('2.0.0'), observed);
    // global and cluster do not depend on the version: unchanged. app is deploy: always.
    expect(by(next)).toMatchObject({ global: 'unchanged', 'cluster@westus': 'unchanged', 'app@westus': 'always' });
    expect(next.stages[0].stamps[0].decision.detail).toBe('template and parameters unchanged since contoso-web-global-eastus-1.0.0 (version 1.0.0)');

    // A re-run of the same rollout skips what it already deployed, even deploy: always.
    expect(by(planRollout(load('1.0.0'), observed))).toMatchObject({ 'app@eastus': 'already-deployed-by-this-rollout' });
    // No observed state at all is said plainly.
    expect(by(planRollout(load('1.0.0')))).toMatchObject({ global: 'state-unknown' });
  });

  it('names deployments deterministically, with the region, within 64 characters', () => {
    for (const s of planRollout(load()).stages.flatMap((x) => x.stamps)) {
      expect(s.deploymentName).toMatch(/^[-\w.()]{1,64}$/);
      expect(s.deploymentName).toContain(s.region);
    }
    const long = deploymentName('a-very-long-service-name-indeed', 'frontend-gateway', 'southeastasia', '2026.11.23-rc.1+build.9');
    expect(long.length).toBeLessThanOrEqual(64);
    expect(long).toMatch(/^a-very-long-service-name-[a-z-]*southeastasia-2026\.11\.23-rc\.1-[0-9a-f]{8}$/);
    expect(long).not.toBe(deploymentName('a-very-long-service-name-indeed', 'frontend-gateway', 'southeastasia', '2026.11.23-rc.1+build.8'));
  });
});

describe('planRollout with release units', () => {
  it('leaves the traffic component out of every stage: the controller deploys it at each weight step', () => {
    const spec = loadSpec('__tests__/fixtures/release-units/rollout.yaml', { mode: 'standard', version: '4.0.0', env: {}, repoRoot });
    const plan = planRollout(spec);
    expect(plan.stages.map((s) => s.stamps.map((x) => x.id))).toEqual([['app@eastus'], ['app@westeurope']]);
    expect(plan.releaseUnits?.traffic.stamp).toMatchObject({ id: 'frontdoor', component: 'frontdoor', resourceGroup: 'shop-global' });
  });
});
