import { describe, expect, it } from '@jest/globals';
import type { RollbackScope } from '../../src/plan/types.js';
import { HOUR, MIN, harness, makePlan, permanent, regionStamps } from './fakes.js';

const T0 = Date.UTC(2026, 0, 1);

const plan3 = (scope: RollbackScope = 'stage', deleteNew = false) =>
  makePlan(
    [
      { name: 'canary', stamps: regionStamps('eastus') },
      { name: 'pilot', stamps: [...regionStamps('westus'), ...regionStamps('centralus')] },
      { name: 'broad', stamps: regionStamps('northeurope') },
    ],
    { scope, deleteNew },
  );

/** Unhealthy while the stamp runs the new version, from `from` on: a rollback makes it healthy again. */
const badNewVersion = (h: ReturnType<typeof harness>, stampId: string, from = 0) => {
  h.prober.unhealthy = (id, now) => id === stampId && now >= from && h.deployer.current(id)?.version === '2.0.0';
};

describe('health failures', () => {
  it('rolls back a stage whose stamp turns unhealthy in its healthy window, and reports that answer', async () => {
    const h = harness(plan3());
    // pilot: deployed at 0:40 (canary 20m + 1h16m20s) ... simpler: go unhealthy 2 minutes into westus' healthy window.
    let windowStart = 0;
    h.reporter.onEvent = (e) => {
      if (e.type === 'probe-phase' && e.stamp === 'app@westus' && e.phase === 'healthyFor' && e.check === 'full') windowStart = h.clock.now();
    };
    h.prober.unhealthy = (id, now) => id === 'app@westus' && windowStart > 0 && now >= windowStart + 2 * MIN && h.deployer.current(id)?.version === '2.0.0';
    const result = await h.run();

    expect(result.status).toBe('rolled-back');
    const app = result.stages[1].stamps.find((s) => s.id === 'app@westus')!;
    expect(app.probe).toMatchObject({ healthy: false, phase: 'healthyFor', status: 503 });
    expect(app.probe!.detail).toMatch(/turned unhealthy 2m into the healthy window: GET .*2\.0\.0\/healthz -> 503/);
    expect(h.deployer.rollbacks.sort()).toEqual(['app@centralus', 'app@westus', 'cluster@centralus', 'cluster@westus']);
    expect(result.rollback!.stamps.map((s) => [s.id, s.outcome, s.probe?.healthy])).toEqual([
      ['app@centralus', 'rolled-back', true],
      ['app@westus', 'rolled-back', true],
      ['cluster@centralus', 'rolled-back', true],
      ['cluster@westus', 'rolled-back', true],
    ]);
    expect(result.stages[2].status).toBe('not-started');
    expect(h.deployer.started.some((id) => id.endsWith('northeurope'))).toBe(false);
    // The rolled-back stamps were probed at their restored (1.0.0) endpoints.
    const afterRollback = h.prober.calls.filter((c) => c.stamp === 'app@westus' && c.version === '1.0.0');
    expect(afterRollback.length).toBeGreaterThan(0);
    expect(result.message).toMatch(/stage pilot: app@westus unhealthy in healthyFor/);
  });

  it('fails the within phase when no healthy answer comes before its deadline', async () => {
    const h = harness(plan3());
    badNewVersion(h, 'app@eastus');
    const result = await h.run();
    expect(result.status).toBe('rolled-back');
    expect(result.stages[0].stamps[1].probe).toMatchObject({ healthy: false, phase: 'within' });
    expect(result.stages[0].stamps[1].probe!.detail).toMatch(/not healthy within 10m/);
    expect(h.deployer.rollbacks).toEqual(['app@eastus', 'cluster@eastus']);
  });

  it('stops before the next stage when a stage turns unhealthy during its bake', async () => {
    const h = harness(plan3());
    let bakeStart = Infinity;
    h.reporter.onEvent = (e) => {
      if (e.type === 'bake-started' && e.stage === 'canary') bakeStart = h.clock.now();
    };
    h.prober.unhealthy = (id, now) => id === 'cluster@eastus' && now > bakeStart + 30 * MIN && h.deployer.current(id)?.version === '2.0.0';
    const result = await h.run();
    expect(result.status).toBe('rolled-back');
    expect(result.stages[0].stamps[0].recheck).toMatchObject({ healthy: false });
    // A 1 h bake is watched every minute: found at the first probe after it turned, not at the end of the hour.
    expect(result.message).toMatch(/stage canary during its bake: cluster@eastus unhealthy in healthyFor: turned unhealthy 31m into the bake/);
    expect(result.stages[0].bake!.endedAt! - bakeStart).toBe(31 * MIN);
    expect(h.deployer.started.filter((id) => !id.endsWith('eastus'))).toEqual([]);
    expect(result.stages.map((s) => s.status)).toEqual(['rolled-back', 'not-started', 'not-started']);
  });
});

describe('rollback scopes', () => {
  it('stamp: restores only the failed stamp', async () => {
    const h = harness(plan3('stamp'));
    h.deployer.failures.set('app@centralus', [permanent()]);
    const result = await h.run();
    expect(result.status).toBe('rolled-back');
    expect(h.deployer.rollbacks).toEqual(['app@centralus']);
    expect(h.deployer.current('app@westus')!.version).toBe('2.0.0');
  });

  it('rollout: restores every stamp this rollout deployed, across stages, latest first', async () => {
    const h = harness(plan3('rollout'));
    h.deployer.latencyMs = (s) => (s.region === 'westus' ? 10 * MIN : 15 * MIN);
    h.deployer.failures.set('app@centralus', [permanent()]);
    const result = await h.run();
    expect(result.status).toBe('rolled-back');
    expect(h.deployer.rollbacks).toEqual(['app@centralus', 'app@westus', 'cluster@centralus', 'cluster@westus', 'app@eastus', 'cluster@eastus']);
    expect(h.deployer.started.some((id) => id.endsWith('northeurope'))).toBe(false);
  });

  it('rollout: also finds stamps deployed in an earlier job without a journal, by their rollout tag', async () => {
    const h = harness(plan3('rollout'));
    // canary was deployed by this rollout in another job: ARM knows, this run's journal does not.
    for (const id of ['cluster@eastus', 'app@eastus']) {
      const old = h.deployer.current(id)!;
      h.deployer.history.get(id)!.push({ ...old, version: '2.0.0', rolloutId: 'contoso@2.0.0', deploymentName: `${id}-2.0.0` });
    }
    h.deployer.failures.set('cluster@westus', [permanent()]);
    const result = await h.run({ stage: 'pilot' });
    expect(result.status).toBe('rolled-back');
    // cluster@centralus was in flight when cluster@westus failed; it finished, so it is this rollout's to undo too.
    expect(h.deployer.rollbacks.slice(0, 2).sort()).toEqual(['cluster@centralus', 'cluster@westus']);
    expect(h.deployer.rollbacks.slice(2)).toEqual(['app@eastus', 'cluster@eastus']);
    expect(h.deployer.current('app@eastus')!.version).toBe('1.0.0');
  });

  it('none: restores nothing and fails', async () => {
    const h = harness(plan3('none'));
    h.deployer.failures.set('app@centralus', [permanent()]);
    const result = await h.run();
    expect(result.status).toBe('failed');
    expect(h.deployer.rollbacks).toEqual([]);
    expect(result.message).toMatch(/rollback scope is none: nothing rolled back/);
  });

  it('reports a stamp with no previous deployment and leaves it as is', async () => {
    const h = harness(plan3('stage'));
    h.deployer.history.delete('cluster@westus');
    h.deployer.failures.set('app@westus', [permanent()]);
    const result = await h.run();
    expect(result.status).toBe('rolled-back');
    const cluster = result.rollback!.stamps.find((s) => s.id === 'cluster@westus')!;
    expect(cluster).toEqual({ id: 'cluster@westus', stage: 'pilot', outcome: 'no-previous', detail: 'no previous deployment; left as is' });
    expect(h.deployer.rollbacks).not.toContain('cluster@westus');
  });

  it('deleteNew: removes a new stamp when the deployer can, says so when it cannot', async () => {
    const without = harness(plan3('stage', true));
    without.deployer.history.delete('cluster@westus');
    without.deployer.failures.set('app@westus', [permanent()]);
    const r1 = await without.run();
    expect(r1.rollback!.stamps.find((s) => s.id === 'cluster@westus')).toEqual({ id: 'cluster@westus', stage: 'pilot', outcome: 'unsupported', detail: 'no previous deployment; deleting new stamps is not supported by this deployer; left as is' });

    const withRemove = harness(plan3('stage', true));
    withRemove.deployer.history.delete('cluster@westus');
    withRemove.deployer.failures.set('app@westus', [permanent()]);
    withRemove.deployer.remove = async (s) => void withRemove.deployer.removed.push(s.id);
    const r2 = await withRemove.run();
    expect(r2.rollback!.stamps.find((s) => s.id === 'cluster@westus')).toEqual({ id: 'cluster@westus', stage: 'pilot', outcome: 'removed', detail: 'no previous deployment; removed what this rollout created' });
    expect(withRemove.deployer.removed).toEqual(['cluster@westus']);
  });

  it('fails, not rolled-back, when a rollback redeploy fails', async () => {
    const h = harness(plan3('stage'));
    h.deployer.failures.set('app@westus', [permanent()]);
    const rollback = h.deployer.rollback.bind(h.deployer);
    h.deployer.rollback = async (s, previous, signal) => {
      if (s.id === 'cluster@westus') throw permanent('ResourceGroupNotFound');
      return rollback(s, previous, signal);
    };
    const result = await h.run();
    expect(result.status).toBe('failed');
    expect(result.rollback!.ok).toBe(false);
    expect(result.rollback!.stamps.find((s) => s.id === 'cluster@westus')!.detail).toBe('rollback failed: ResourceGroupNotFound: ResourceGroupNotFound: bad template (correlation id corr-p)');
    // The other stamps were still restored.
    expect(h.deployer.rollbacks).toContain('app@centralus');
  });

  it('does not start a rollback stamp before the previous one is restored', async () => {
    const h = harness(makePlan([{ name: 'canary', stamps: regionStamps('eastus'), bakeMs: HOUR }]));
    h.deployer.failures.set('app@eastus', [permanent()]);
    const times: number[] = [];
    h.reporter.onEvent = (e) => {
      if (e.type === 'stamp-rolled-back') times.push(h.clock.now() - T0);
    };
    await h.run();
    expect(times[1] - times[0]).toBe(5 * MIN);
  });
});
