import { describe, expect, it } from '@jest/globals';
import { watchInterval } from '../../src/engine/bake-watch.js';
import { HEALTH, HOUR, MIN, harness, makePlan, stamp } from './fakes.js';

describe('watchInterval', () => {
  const check = { ...HEALTH, intervalMs: 10_000 };

  it('is the check\'s own watch when it has a positive one', () => {
    expect(watchInterval({ ...check, watchMs: 45_000 }, 24 * HOUR)).toBe(45_000);
    expect(watchInterval({ ...check, watchMs: 0 }, 5 * MIN)).toBe(10_000);
  });

  it('is the check\'s interval for bakes up to 10 minutes', () => {
    expect(watchInterval(check, 10 * MIN)).toBe(10_000);
    expect(watchInterval(check, 0)).toBe(10_000);
    expect(watchInterval({ ...check, intervalMs: 5_000 }, 10 * MIN)).toBe(5_000);
  });

  it('spreads about 60 probes over a longer bake, never more often than the interval nor less often than every 5 minutes', () => {
    expect(watchInterval(check, 10 * MIN + 60_000)).toBe(11_000);
    expect(watchInterval(check, HOUR)).toBe(MIN);
    expect(watchInterval(check, 4 * HOUR)).toBe(4 * MIN);
    expect(watchInterval(check, 5 * HOUR)).toBe(5 * MIN);
    expect(watchInterval(check, 24 * HOUR)).toBe(5 * MIN);
    expect(watchInterval({ ...check, intervalMs: 30_000 }, 20 * MIN)).toBe(30_000);
    expect(watchInterval(check, 10 * MIN + 1_050)).toBe(10_018);
  });
});

describe('the watched bake', () => {
  const plan = (health = HEALTH) => makePlan([{ name: 'canary', stamps: [stamp('app@eastus', { region: 'eastus', health })], bakeMs: HOUR }, { name: 'pilot', stamps: [stamp('app@westus', { region: 'westus' })] }]);

  it('a probe that throws during the bake is an unhealthy answer, found at that watch tick', async () => {
    const h = harness(plan());
    let bakeStart = Infinity;
    h.reporter.onEvent = (e) => {
      if (e.type === 'bake-started' && e.stage === 'canary') bakeStart = h.clock.now();
    };
    const probe = h.prober.probe.bind(h.prober);
    h.prober.probe = async (check, target) => {
      if (h.clock.now() >= bakeStart + 20 * MIN && h.deployer.current('app@eastus')!.version === '2.0.0') throw new Error('connection refused');
      return probe(check, target);
    };
    const result = await h.run();
    expect(result.status).toBe('rolled-back');
    expect(result.message).toBe('stage canary during its bake: app@eastus unhealthy in healthyFor: turned unhealthy 20m into the bake: probe error: connection refused; rolled back 1 stamp(s) (scope stage)');
    expect(result.stages[0].bake!.endedAt! - bakeStart).toBe(20 * MIN);
    expect(h.reporter.of('probe-answer').filter((e) => !e.answer.healthy)).toEqual([
      { type: 'probe-answer', stage: 'canary', stamp: 'app@eastus', phase: 'healthyFor', answer: { healthy: false, latencyMs: 0, detail: 'probe error: connection refused', at: bakeStart + 20 * MIN } },
    ]);
    expect(h.reporter.of('probe-verdict').filter((e) => !e.healthy)).toEqual([
      { type: 'probe-verdict', stage: 'canary', stamp: 'app@eastus', check: 'recheck', healthy: false, phase: 'healthyFor', detail: 'turned unhealthy 20m into the bake: probe error: connection refused' },
    ]);
  });

  it('watches at the check\'s watch cadence from the bake\'s start', async () => {
    const h = harness(plan({ ...HEALTH, watchMs: 7 * MIN }));
    let bakeStart = Infinity;
    h.reporter.onEvent = (e) => {
      if (e.type === 'bake-started' && e.stage === 'canary') bakeStart = h.clock.now();
    };
    await h.run();
    const during = h.prober.calls.filter((c) => c.stamp === 'app@eastus' && c.at > bakeStart && c.at < bakeStart + 50 * MIN).map((c) => (c.at - bakeStart) / MIN);
    expect(during).toEqual([7, 14, 21, 28, 35, 42, 49]);
  });

  it('watches each stamp at its own cadence, and a stamp without a check not at all', async () => {
    const stamps = [
      stamp('app@eastus', { region: 'eastus', health: { ...HEALTH, watchMs: 5 * MIN } }),
      stamp('web@eastus', { region: 'eastus', health: { ...HEALTH, watchMs: 2 * MIN } }),
      stamp('jobs@eastus', { region: 'eastus', health: null }),
    ];
    const h = harness(makePlan([{ name: 'canary', stamps, bakeMs: HOUR }, { name: 'pilot', stamps: [stamp('app@westus', { region: 'westus' })] }]));
    let bakeStart = Infinity;
    h.reporter.onEvent = (e) => {
      if (e.type === 'bake-started' && e.stage === 'canary') bakeStart = h.clock.now();
    };
    await h.run({ stage: 'canary' });
    const during = (id: string): number[] => h.prober.calls.filter((c) => c.stamp === id && c.at > bakeStart && c.at < bakeStart + 11 * MIN).map((c) => (c.at - bakeStart) / MIN);
    expect(during('app@eastus')).toEqual([5, 10]);
    expect(during('web@eastus')).toEqual([2, 4, 6, 8, 10]);
    expect(h.prober.calls.filter((c) => c.stamp === 'jobs@eastus')).toEqual([]);
  });

  it('a probe that fails because the run was stopped is no unhealthy answer: the run is canceled, nothing rolled back', async () => {
    const h = harness(plan());
    let bakeStart = Infinity;
    h.reporter.onEvent = (e) => {
      if (e.type === 'bake-started' && e.stage === 'canary') bakeStart = h.clock.now();
    };
    const stop = new AbortController();
    h.prober.probe = async () => {
      if (h.clock.now() < bakeStart + 10 * MIN) return { healthy: true, latencyMs: 1, detail: 'ok' };
      stop.abort(new Error('stopped by the operator'));
      throw new Error('socket hang up');
    };
    const result = await h.run({ signal: stop.signal });
    expect(result.status).toBe('canceled');
    expect(h.deployer.rollbacks).toEqual([]);
    expect(h.reporter.of('probe-answer').filter((e) => !e.answer.healthy)).toEqual([]);
  });

  it('reports stamps that turn unhealthy at one tick in plan order, whichever probe answered first', async () => {
    const stamps = [stamp('app@eastus', { region: 'eastus' }), stamp('web@eastus', { region: 'eastus' })];
    const h = harness(makePlan([{ name: 'canary', stamps, bakeMs: HOUR }, { name: 'pilot', stamps: [stamp('app@westus', { region: 'westus' })] }]));
    let bakeStart = Infinity;
    h.reporter.onEvent = (e) => {
      if (e.type === 'bake-started' && e.stage === 'canary') bakeStart = h.clock.now();
    };
    h.prober.probe = async (_check, target) => {
      if (h.clock.now() < bakeStart + 10 * MIN) return { healthy: true, latencyMs: 1, detail: 'ok' };
      // The first stamp's probe answers last.
      if (target.stamp.id === 'app@eastus') await h.clock.sleep(2_000);
      return { healthy: false, latencyMs: 1, detail: `${target.stamp.id} 503` };
    };
    const result = await h.run({ stage: 'canary' });
    // The probes stay unhealthy, so the restored stamps fail their probe too: the rollback did not end clean.
    expect(result.message).toBe('stage canary during its bake: app@eastus unhealthy (and 1 more) in healthyFor: turned unhealthy 10m into the bake: app@eastus 503; rollback (scope stage) did not complete cleanly: see the rollback section');
  });

  it('a stage without health checks just sleeps its bake', async () => {
    const h = harness(makePlan([{ name: 'canary', stamps: [stamp('app@eastus', { region: 'eastus', health: null })], bakeMs: 3 * HOUR }, { name: 'pilot', stamps: [stamp('app@westus', { region: 'westus', health: null })] }]));
    const result = await h.run();
    expect(result.status).toBe('succeeded');
    expect(result.stages[0].bake!.endedAt! - result.stages[0].bake!.startedAt).toBe(3 * HOUR);
    expect(h.prober.calls).toEqual([]);
  });
});
