import { describe, expect, it } from '@jest/globals';
import { DAY, HOUR, MIN, harness, makePlan, permanent, regionStamps, stamp } from './fakes.js';

const threeStages = (bakeMs = HOUR) =>
  makePlan([
    { name: 'canary', stamps: [stamp('global', { region: 'eastus', global: true, health: null }), ...regionStamps('eastus').map((s) => (s.id === 'cluster@eastus' ? { ...s, requires: ['global'] } : s))], bakeMs },
    { name: 'pilot', stamps: regionStamps('westus'), bakeMs },
    { name: 'broad', stamps: [...regionStamps('northeurope'), ...regionStamps('westeurope')], bakeMs },
  ]);

describe('a rollout that goes well', () => {
  it('runs the stages in order, probes and bakes each, and reports it', async () => {
    const h = harness(threeStages());
    const result = await h.run();

    expect(result.status).toBe('succeeded');
    expect(result.stages.map((s) => [s.name, s.status])).toEqual([['canary', 'succeeded'], ['pilot', 'succeeded'], ['broad', 'succeeded']]);
    const stageOf = (id: string) => h.plan.stages.findIndex((s) => s.stamps.some((x) => x.id === id));
    const order = h.deployer.started.map(stageOf);
    expect(order).toEqual([...order].sort());
    expect(h.deployer.completed).toHaveLength(9);

    const started = h.reporter.of('stage-started');
    const finished = h.reporter.of('stage-finished');
    expect(started.map((e) => e.stage)).toEqual(['canary', 'pilot', 'broad']);
    expect(finished.every((e) => e.status === 'succeeded')).toBe(true);
    // Each stage: deploy chain (2 or 3 x 10m), wait 1m + first healthy + healthyFor 5m, bake 1h, re-check 20s.
    for (const stage of result.stages) expect(stage.bake!.endedAt! - stage.bake!.startedAt).toBe(HOUR);

    const app = result.stages[1].stamps.find((s) => s.id === 'app@westus')!;
    expect(app).toMatchObject({ status: 'deployed', deploymentId: '/d/app@westus/2.0.0', probe: { healthy: true, phase: 'healthyFor' }, recheck: { healthy: true } });
    expect(app.outputs).toEqual({ endpoint: { type: 'String', value: 'https://app@westus.example/2.0.0' }, adminKey: { type: 'SecureString', value: '***' } });
    expect(JSON.stringify(result)).not.toContain('secret-');
    expect(JSON.stringify(await h.journal.load())).not.toContain('secret-');

    const tags = h.deployer.requests.find((r) => r.stamp.id === 'app@westus')!.tags;
    expect(tags).toEqual({
      'rollout-id': 'contoso@2.0.0',
      'rollout-version': '2.0.0',
      'rollout-stage': 'pilot',
      'rollout-stamp': 'app@westus',
      'rollout-content-hash': 'hash-app@westus',
      'rollout-spec-hash': 'spec-hash',
    });
    expect(result.message).toMatch(/3 stage\(s\) succeeded: 9 stamp\(s\) deployed, 0 skipped/);
  });

  it('probes the next stage only after the previous one baked and stayed healthy', async () => {
    const h = harness(threeStages());
    await h.run();
    const bakeEnded = h.reporter.of('bake-ended').map((e) => e.stage);
    const events = h.reporter.events.map((e) => `${e.type}:${'stage' in e ? e.stage : ''}`);
    expect(bakeEnded).toEqual(['canary', 'pilot', 'broad']);
    expect(events.indexOf('bake-ended:canary')).toBeLessThan(events.indexOf('stage-started:pilot'));
    const recheck = h.reporter.of('probe-verdict').filter((e) => e.stage === 'canary' && e.check === 'recheck');
    expect(recheck.length).toBe(2);
    expect(events.indexOf('stage-started:pilot')).toBeGreaterThan(events.lastIndexOf('probe-verdict:canary'));
  });

  it('does not deploy skipped stamps but probes them with the stage', async () => {
    const plan = makePlan([{ name: 'only', stamps: [stamp('cluster@eastus', { region: 'eastus', skip: true }), stamp('app@eastus', { region: 'eastus', requires: ['cluster@eastus'] })] }]);
    const h = harness(plan);
    const result = await h.run();
    expect(result.status).toBe('succeeded');
    expect(h.deployer.started).toEqual(['app@eastus']);
    const cluster = result.stages[0].stamps[0];
    expect(cluster).toMatchObject({ status: 'skipped', decision: { reason: 'unchanged' }, probe: { healthy: true } });
    // An unchanged stamp is probed at its live (older) deployment's outputs.
    expect(h.prober.calls.find((c) => c.stamp === 'cluster@eastus')!.version).toBe('1.0.0');
  });

  it('runs a three-day rollout on the virtual clock in well under a second', async () => {
    const h = harness(threeStages(DAY));
    const real = performance.now();
    const result = await h.run();
    const elapsedReal = performance.now() - real;
    expect(result.status).toBe('succeeded');
    expect(result.durationMs).toBeGreaterThanOrEqual(3 * DAY);
    expect(elapsedReal).toBeLessThan(1000);
  });

  it('runs one stage by name, re-checking the stage before it first', async () => {
    const plan = threeStages();
    const h = harness(plan);
    const result = await h.run({ stage: 'pilot' });
    expect(result.stages.map((s) => s.name)).toEqual(['pilot']);
    expect(result.previousStage?.name).toBe('canary');
    expect(result.previousStage?.stamps.map((s) => s.recheck.healthy)).toEqual([true, true]);
    expect(h.deployer.started).toEqual(['cluster@westus', 'app@westus']);
    await expect(h.run({ stage: 'nope' })).rejects.toThrow(/unknown stage 'nope'.*canary, pilot, broad, or all/);
  });

  it('stops before a stage when the stage before it, baked in an earlier job, is unhealthy now', async () => {
    const h = harness(threeStages());
    h.prober.unhealthy = (id) => id === 'app@eastus';
    const result = await h.run({ stage: 'pilot' });
    expect(result.status).toBe('failed');
    expect(result.message).toMatch(/before stage pilot, stage canary is app@eastus unhealthy/);
    expect(h.deployer.started).toEqual([]);
    expect(result.stages[0].status).toBe('not-started');
  });
});

describe('scheduling inside a stage', () => {
  it('follows requires and keeps at most maxParallel regions in flight', async () => {
    const regions = ['r1', 'r2', 'r3', 'r4', 'r5'];
    const plan = makePlan([{ name: 'broad', stamps: regions.flatMap(regionStamps), maxParallel: 2, bakeMs: 0 }]);
    const h = harness(plan);
    const finishedAt = new Map<string, number>();
    const startedAt = new Map<string, number>();
    h.reporter.onEvent = (e) => {
      if (e.type === 'stamp-deploying') startedAt.set(e.stamp, h.clock.now());
      if (e.type === 'stamp-deployed') finishedAt.set(e.stamp, h.clock.now());
    };
    const result = await h.run();
    expect(result.status).toBe('succeeded');
    expect(h.deployer.maxRegionsInFlight).toBe(2);
    for (const r of regions) expect(startedAt.get(`app@${r}`)!).toBeGreaterThanOrEqual(finishedAt.get(`cluster@${r}`)!);
    // A region keeps its slot until its app is done: regions go two by two, never interleaved.
    expect(h.deployer.started.slice(0, 4).sort()).toEqual(['app@r1', 'app@r2', 'cluster@r1', 'cluster@r2']);
  });

  it('deploys independent stamps of one region together within its one slot, and a global stamp takes its own', async () => {
    const plan = makePlan([
      {
        name: 'canary',
        maxParallel: 1,
        bakeMs: 0,
        stamps: [
          stamp('global', { region: 'eastus', global: true }),
          stamp('db@eastus', { region: 'eastus', requires: ['global'] }),
          stamp('cache@eastus', { region: 'eastus', requires: ['global'] }),
        ],
      },
    ]);
    const h = harness(plan);
    const startedAt: Record<string, number> = {};
    h.reporter.onEvent = (e) => {
      if (e.type === 'stamp-deploying') startedAt[e.stamp] = h.clock.now() - Date.UTC(2026, 0, 1);
    };
    await h.run();
    expect(h.deployer.started[0]).toBe('global');
    expect(h.deployer.maxRegionsInFlight).toBe(1);
    // db and cache start together the moment global is done (10m), and are in flight at once: not one after another.
    expect(startedAt).toEqual({ global: 0, 'db@eastus': 10 * MIN, 'cache@eastus': 10 * MIN });
    expect(h.deployer.maxStampsInFlight).toBe(2);
  });

  it('does not deadlock when a held region waits on a stamp of another slot', async () => {
    const plan = makePlan([
      {
        name: 'odd',
        maxParallel: 1,
        bakeMs: 0,
        stamps: [
          stamp('a1@east', { region: 'east' }),
          stamp('b1@west', { region: 'west' }),
          stamp('a2@east', { region: 'east', requires: ['a1@east', 'b1@west'] }),
        ],
      },
    ]);
    const h = harness(plan);
    const result = await h.run();
    expect(result.status).toBe('succeeded');
    expect(h.deployer.completed.sort()).toEqual(['a1@east', 'a2@east', 'b1@west']);
  });
});

describe('deployment failures', () => {
  it('fails a permanent error at once and rolls back only that stage, latest first, leaving later stages untouched', async () => {
    const plan = makePlan([
      { name: 'canary', stamps: regionStamps('eastus') },
      { name: 'pilot', stamps: [...regionStamps('westus'), ...regionStamps('centralus')] },
      { name: 'broad', stamps: regionStamps('northeurope') },
    ]);
    const h = harness(plan);
    h.deployer.latencyMs = (s) => (s.region === 'westus' ? 10 * MIN : 15 * MIN);
    h.deployer.failures.set('app@centralus', [permanent()]);
    const result = await h.run();

    expect(result.status).toBe('rolled-back');
    expect(h.deployer.started.filter((id) => id === 'app@centralus')).toHaveLength(1);
    // Completion order in pilot: cluster@westus (10m), cluster@centralus (15m), app@westus (20m), app@centralus fails (30m).
    expect(h.deployer.rollbacks).toEqual(['app@centralus', 'app@westus', 'cluster@centralus', 'cluster@westus']);
    expect(h.deployer.started.some((id) => id.endsWith('northeurope'))).toBe(false);
    expect(h.deployer.current('app@eastus')!.version).toBe('2.0.0');
    expect(h.deployer.current('app@westus')!.version).toBe('1.0.0');

    expect(result.stages.map((s) => s.status)).toEqual(['succeeded', 'rolled-back', 'not-started']);
    expect(result.error).toMatchObject({ code: 'InvalidTemplate', correlationId: 'corr-p', stage: 'pilot', stamp: 'app@centralus' });
    const failed = result.stages[1].stamps.find((s) => s.id === 'app@centralus')!;
    // Started at 15m, failed at 30m.
    expect(failed).toMatchObject({ status: 'failed', durationMs: 15 * MIN, error: { code: 'InvalidTemplate', target: 'app' }, rollback: { outcome: 'rolled-back', to: 'app-centralus-1.0.0' } });
    // Every restored stamp was probed again, and answered healthy.
    expect(result.rollback!.stamps.map((s) => [s.id, s.outcome, s.probe?.healthy])).toEqual([
      ['app@centralus', 'rolled-back', true],
      ['app@westus', 'rolled-back', true],
      ['cluster@centralus', 'rolled-back', true],
      ['cluster@westus', 'rolled-back', true],
    ]);
    expect(result.message).toMatch(/stage pilot: app@centralus failed to deploy: InvalidTemplate.*rolled back 4 stamp\(s\) \(scope stage\)/);
  });

  it('retries transient errors with backoff on the clock and succeeds', async () => {
    const { transient } = await import('./fakes.js');
    const plan = makePlan([{ name: 'canary', stamps: [stamp('app@eastus', { region: 'eastus' })], bakeMs: 0 }]);
    const h = harness(plan);
    h.deployer.failures.set('app@eastus', [transient(), transient('DeploymentActive')]);
    const result = await h.run({ retry: { baseMs: 2000 } });
    expect(result.status).toBe('succeeded');
    expect(result.stages[0].stamps[0].attempts).toBe(3);
    const retries = h.reporter.of('stamp-retrying');
    expect(retries.map((r) => [r.attempt, r.delayMs, r.error.code])).toEqual([[1, 1500, 'TooManyRequests'], [2, 3000, 'DeploymentActive']]);
  });

  it('gives up after the attempt bound and rolls back', async () => {
    const { transient } = await import('./fakes.js');
    const plan = makePlan([{ name: 'canary', stamps: [stamp('app@eastus', { region: 'eastus' })] }]);
    const h = harness(plan);
    h.deployer.failures.set('app@eastus', Array.from({ length: 9 }, () => transient('InternalServerError')));
    const result = await h.run({ retry: { attempts: 4 } });
    expect(result.status).toBe('rolled-back');
    expect(h.deployer.started).toHaveLength(4);
    expect(result.error?.code).toBe('InternalServerError');
  });
});

describe('a job that runs one stage', () => {
  it('leaves the bake to the next stage\'s job, which re-checks the stage before it deploys', async () => {
    const plan = threeStages();
    const first = harness(plan);
    const one = await first.run({ stage: 'canary', bakeBetweenJobs: true });
    expect(one.status).toBe('succeeded');
    expect(one.stages[0].bake).toBeUndefined();
    expect(first.reporter.of('bake-started')).toEqual([]);

    // The next job: no journal of the first, so the canary stage is re-checked before pilot deploys.
    const next = harness(plan);
    const two = await next.run({ stage: 'pilot', bakeBetweenJobs: true });
    expect(two.status).toBe('succeeded');
    expect(two.previousStage?.name).toBe('canary');
    expect(next.reporter.of('bake-started')).toEqual([]);

    // Without the option, the same single stage bakes in its own run.
    const inline = harness(plan);
    const baked = await inline.run({ stage: 'canary' });
    expect(baked.stages[0].bake?.ms).toBe(HOUR);
  });
});
