import { afterEach, describe, expect, it } from '@jest/globals';
import { UnitRun, type ReleaseUnitPorts } from '../../src/engine/release-unit/controller.js';
import { foldTraffic, type ReleaseUnitResult } from '../../src/engine/release-unit/events.js';
import { runSteps } from '../../src/engine/release-unit/steps.js';
import { tearDown } from '../../src/engine/release-unit/teardown.js';
import { MemoryJournal } from '../../src/engine/journal.js';
import type { TrafficCount, UnitWeight } from '../../src/engine/traffic.js';
import type { MetricCheck, ReleaseUnitPlan } from '../../src/plan/release-units.js';
import { VirtualClock } from '../../src/time/clock.js';
import { FakeDeployer, FakeProber, makePlan, RecordingReporter } from './fakes.js';

// The step and teardown parts of a release on in-memory ports: what they record, report, and return, exactly.
const MIN = 60_000;
const T0 = Date.UTC(2026, 0, 1);
const errorRatio: MetricCheck = { metric: 'errorRatio', maxErrorRatio: 0.05, windowMs: 5 * MIN, minRequests: 10 };
const noTraffic: MetricCheck = { metric: 'noTraffic', maxErrorRatio: 0, windowMs: 15 * MIN, minRequests: 0 };
const blue: UnitWeight = { unit: 'blue', weight: 100, origins: [{ unit: 'blue', region: 'eastus', hostName: 'blue.example' }] };
const green: UnitWeight = { unit: 'green', weight: 0, origins: [{ unit: 'green', region: 'eastus', hostName: 'green.example' }] };

let clock: VirtualClock;
afterEach(() => clock?.stop());

function setup(opts: { steps?: Array<{ weight: number; bakeMs: number }>; health?: MetricCheck[]; checks?: MetricCheck[]; onAbort?: 'keep' | 'remove'; traffic?: (unit: string, fromMs: number, toMs: number) => TrafficCount; journal?: MemoryJournal } = {}) {
  clock = new VirtualClock(T0).start();
  const spec: ReleaseUnitPlan = {
    strategy: 'releaseUnit',
    unit: 'green',
    components: ['app'],
    onAbort: opts.onAbort ?? 'remove',
    traffic: { component: 'traffic', parameter: 'units', hostOutput: 'host', intervalMs: MIN, steps: opts.steps ?? [{ weight: 10, bakeMs: 3 * MIN }, { weight: 100, bakeMs: 2 * MIN }], health: opts.health ?? [errorRatio] },
    teardown: { environment: 'prod-teardown', checks: opts.checks ?? [noTraffic] },
  };
  const plan = { ...makePlan([]), releaseUnits: spec };
  const journal = opts.journal ?? new MemoryJournal();
  const reporter = new RecordingReporter();
  const weights: Array<{ label: string; weights: Array<[string, number]>; immediate: boolean }> = [];
  const removed: string[] = [];
  const traffic = opts.traffic ?? ((unit: string) => (unit === 'green' ? { requests: 100, errors: 1 } : { requests: 0, errors: 0 }));
  const ports: ReleaseUnitPorts = {
    deployer: new FakeDeployer(clock),
    prober: new FakeProber(clock),
    clock,
    journal,
    reporter,
    traffic: {
      current: async () => ({ units: [] }),
      setWeights: async (w, label, _signal, options) => {
        weights.push({ label, weights: w.map((x) => [x.unit, x.weight]), immediate: options?.immediate ?? false });
        return { deploymentName: `traffic-${label}` };
      },
    },
    metrics: { originTraffic: async (origins, fromMs, toMs) => traffic(origins[0].unit, fromMs - T0, toMs - T0) },
    units: {
      groups: () => [],
      remove: async (unit) => {
        removed.push(unit);
        return [`rg-${unit}-eastus`];
      },
    },
  };
  const result: ReleaseUnitResult = { strategy: 'releaseUnit', unit: 'green', steps: spec.traffic.steps.map((s) => ({ weight: s.weight, bakeMs: s.bakeMs, status: 'not-started', verdicts: [] })) };
  const run = new UnitRun(plan, ports, new AbortController().signal, foldTraffic(journal.events as never, plan.rollout.id), result);
  const recorded = () => journal.events.map((e) => ({ ...e, at: e.at - T0 }));
  return { run, result, journal, reporter, weights, removed, recorded };
}

describe('runSteps', () => {
  it('moves users step by step, judging each for its bake, and records each start and completion', async () => {
    const s = setup({ traffic: (unit) => (unit === 'green' ? { requests: 30, errors: 0 } : { requests: 70, errors: 1 }) });
    const end = await runSteps(s.run, blue, green);
    expect(end).toEqual({ ok: true, message: 'traffic moved to green in 2 step(s)' });
    expect(s.weights).toEqual([
      { label: 'w10', weights: [['blue', 90], ['green', 10]], immediate: false },
      { label: 'w100', weights: [['blue', 0], ['green', 100]], immediate: false },
    ]);
    expect(s.recorded()).toEqual([
      { type: 'traffic-step-started', rolloutId: 'contoso@2.0.0', at: 0, unit: 'green', previousUnit: 'blue', weight: 10 },
      { type: 'traffic-step-completed', rolloutId: 'contoso@2.0.0', at: 3 * MIN, unit: 'green', weight: 10 },
      { type: 'traffic-step-started', rolloutId: 'contoso@2.0.0', at: 3 * MIN, unit: 'green', previousUnit: 'blue', weight: 100 },
      { type: 'traffic-step-completed', rolloutId: 'contoso@2.0.0', at: 5 * MIN, unit: 'green', weight: 100 },
    ]);
    const [first] = s.result.steps;
    expect([first.status, first.startedAt, first.endedAt, first.deploymentName, first.observed, first.observedShare]).toEqual([
      'succeeded',
      T0,
      T0 + 3 * MIN,
      'traffic-w10',
      { blue: { requests: 70, errors: 1 }, green: { requests: 30, errors: 0 } },
      30,
    ]);
    expect(first.verdicts.map((v) => v.detail)).toEqual(['5xx ratio 0.00% (0/30) over 5m, under 5.0%']);
    expect(s.reporter.of('traffic-step-started')).toEqual([
      { type: 'traffic-step-started', unit: 'green', previousUnit: 'blue', weight: 10, bakeMs: 3 * MIN, resumed: false },
      { type: 'traffic-step-started', unit: 'green', previousUnit: 'blue', weight: 100, bakeMs: 2 * MIN, resumed: false },
    ]);
    expect(s.reporter.of('traffic-step-finished')[0]).toEqual({ type: 'traffic-step-finished', unit: 'green', weight: 10, ok: true, observed: { blue: { requests: 70, errors: 1 }, green: { requests: 30, errors: 0 } } });
    expect(s.reporter.of('traffic-verdicts').map((e) => e.weight)).toEqual([10, 10, 10, 10, 100, 100, 100]);
  });

  it('rounds the observed share to a tenth of a percent, and leaves it out when nothing was observed', async () => {
    const s = setup({ steps: [{ weight: 1, bakeMs: 0 }], health: [], traffic: (unit) => (unit === 'green' ? { requests: 1, errors: 0 } : { requests: 2, errors: 0 }) });
    await runSteps(s.run, blue, green);
    expect(s.result.steps[0].observedShare).toBe(33.3);
    const quiet = setup({ steps: [{ weight: 1, bakeMs: 0 }], health: [], traffic: () => ({ requests: 0, errors: 0 }) });
    await runSteps(quiet.run, blue, green);
    expect('observedShare' in quiet.result.steps[0]).toBe(false);
  });

  it('an unhealthy step sends everyone back at once, removes the new unit, and says why', async () => {
    const s = setup({ traffic: (unit, _from, to) => (unit === 'green' && to >= 2 * MIN ? { requests: 100, errors: 20 } : { requests: 100, errors: 0 }) });
    const end = await runSteps(s.run, blue, green);
    const reason = 'unit green unhealthy at 10%: 5xx ratio 20.0% (20/100) over 5m is not under 5.0%';
    expect(end).toEqual({ ok: false, status: 'rolled-back', message: `${reason}; all traffic is back on unit blue` });
    expect(s.weights).toEqual([
      { label: 'w10', weights: [['blue', 90], ['green', 10]], immediate: false },
      { label: 'revert', weights: [['blue', 100]], immediate: true },
    ]);
    expect(s.removed).toEqual(['green']);
    expect(s.result.reverted).toEqual({ reason, at: T0 + 2 * MIN });
    expect(s.result.steps.map((x) => x.status)).toEqual(['unhealthy', 'not-started']);
    expect(s.recorded().at(-1)).toEqual({ type: 'traffic-reverted', rolloutId: 'contoso@2.0.0', at: 2 * MIN, unit: 'green', previousUnit: 'blue', reason });
    expect(s.reporter.of('traffic-reverted')).toEqual([{ type: 'traffic-reverted', unit: 'green', previousUnit: 'blue', reason }]);
  });

  it('names the check that failed, not the first one asked', async () => {
    const lenient: MetricCheck = { ...errorRatio, maxErrorRatio: 0.5 };
    const s = setup({ health: [lenient, errorRatio], traffic: (unit) => (unit === 'green' ? { requests: 100, errors: 20 } : { requests: 100, errors: 0 }) });
    const end = await runSteps(s.run, blue, green);
    expect(end.message).toBe('unit green unhealthy at 10%: 5xx ratio 20.0% (20/100) over 5m is not under 5.0%; all traffic is back on unit blue');
  });

  it('with onAbort keep, the new unit stays at weight 0 for inspection', async () => {
    const s = setup({ onAbort: 'keep', traffic: () => ({ requests: 100, errors: 50 }) });
    await runSteps(s.run, blue, green);
    expect(s.weights.at(-1)).toEqual({ label: 'revert', weights: [['blue', 100], ['green', 0]], immediate: true });
    expect(s.removed).toEqual([]);
  });

  it('an inconclusive step at the end of its bake is unhealthy, saying what it saw', async () => {
    const s = setup({ steps: [{ weight: 10, bakeMs: MIN }], traffic: () => ({ requests: 3, errors: 0 }) });
    const end = await runSteps(s.run, blue, green);
    expect(end.message).toBe('unit green unhealthy at 10%: 3 request(s) over 5m, fewer than the 10 needed to judge; all traffic is back on unit blue');
  });

  it('resumes: a completed step is skipped, a started one continues its bake from when it began', async () => {
    const journal = new MemoryJournal([
      { type: 'traffic-step-started', rolloutId: 'contoso@2.0.0', at: T0 - 4 * MIN, unit: 'green', previousUnit: 'blue', weight: 10 } as never,
      { type: 'traffic-step-completed', rolloutId: 'contoso@2.0.0', at: T0 - MIN, unit: 'green', weight: 10 } as never,
      { type: 'traffic-step-started', rolloutId: 'contoso@2.0.0', at: T0 - MIN, unit: 'green', previousUnit: 'blue', weight: 100 } as never,
    ]);
    const s = setup({ journal });
    const end = await runSteps(s.run, blue, green);
    expect(end.ok).toBe(true);
    expect(s.result.steps.map((x) => [x.status, x.startedAt, x.endedAt])).toEqual([
      ['already-completed', undefined, undefined],
      ['succeeded', T0 - MIN, T0 + MIN],
    ]);
    expect(s.weights.map((w) => w.label)).toEqual(['w100']);
    expect(s.reporter.of('traffic-step-started')).toEqual([{ type: 'traffic-step-started', unit: 'green', previousUnit: 'blue', weight: 100, bakeMs: 2 * MIN, resumed: true }]);
    expect(s.recorded().map((e) => e.type)).toEqual(['traffic-step-started', 'traffic-step-completed', 'traffic-step-started', 'traffic-step-completed']);
  });

  it('once the teardown began, every step counts as done: users are all on the new unit already', async () => {
    const journal = new MemoryJournal([{ type: 'teardown-started', rolloutId: 'contoso@2.0.0', at: T0 - MIN, unit: 'green', previousUnit: 'blue' } as never]);
    const s = setup({ journal });
    expect(await runSteps(s.run, blue, green)).toEqual({ ok: true, message: 'traffic moved to green in 2 step(s)' });
    expect(s.result.steps.map((x) => x.status)).toEqual(['already-completed', 'already-completed']);
    expect(s.weights).toEqual([]);
  });

  it('runs only the step asked for', async () => {
    const s = setup();
    await runSteps(s.run, blue, green, 100);
    expect(s.weights.map((w) => w.label)).toEqual(['w100']);
    expect(s.result.steps.map((x) => x.status)).toEqual(['not-started', 'succeeded']);
  });
});

describe('tearDown', () => {
  it('waits for the old unit to get no traffic, then removes it from Front Door and deletes its groups', async () => {
    const s = setup({ traffic: (unit, _from, to) => (unit === 'blue' && to < 3 * MIN ? { requests: 2, errors: 0 } : { requests: 0, errors: 0 }) });
    const end = await tearDown(s.run, blue, green);
    expect(end).toEqual({ ok: true, message: 'unit blue torn down (1 resource group(s) removed)' });
    expect(s.weights).toEqual([{ label: 'only', weights: [['green', 100]], immediate: false }]);
    expect(s.removed).toEqual(['blue']);
    expect(s.result.teardown).toEqual({ status: 'succeeded', environment: 'prod-teardown', checks: [expect.objectContaining({ outcome: 'healthy', detail: 'no request in the last 15m' })], removedGroups: ['rg-blue-eastus'], at: T0 + 3 * MIN });
    expect(s.recorded()).toEqual([
      { type: 'teardown-started', rolloutId: 'contoso@2.0.0', at: 3 * MIN, unit: 'green', previousUnit: 'blue' },
      { type: 'teardown-finished', rolloutId: 'contoso@2.0.0', at: 3 * MIN, unit: 'green', previousUnit: 'blue', groups: ['rg-blue-eastus'] },
    ]);
    expect(s.reporter.of('teardown-check').map((e) => [e.unit, e.verdicts[0].outcome])).toEqual([
      ['blue', 'inconclusive'],
      ['blue', 'inconclusive'],
      ['blue', 'inconclusive'],
      ['blue', 'healthy'],
    ]);
    expect(s.reporter.of('teardown-finished')).toEqual([{ type: 'teardown-finished', unit: 'blue', groups: ['rg-blue-eastus'] }]);
  });

  it('holds back when the old unit still gets traffic after eight times the longest window, touching nothing', async () => {
    const s = setup({ traffic: (unit) => (unit === 'blue' ? { requests: 4, errors: 0 } : { requests: 0, errors: 0 }) });
    const end = await tearDown(s.run, blue, green);
    expect(end).toEqual({ ok: false, status: 'failed', message: 'teardown of blue held back: 4 request(s) in the last 15m; waiting for none; all traffic is on green, re-run to try the teardown again' });
    expect(s.result.teardown!.status).toBe('checks-failed');
    expect(clock.now() - T0).toBe(8 * 15 * MIN);
    expect([s.weights, s.removed, s.recorded()]).toEqual([[], [], []]);
  });

  it('a held-back teardown names the check that failed, not the first one asked', async () => {
    const served: MetricCheck = { metric: 'errorRatio', maxErrorRatio: 0.05, windowMs: 15 * MIN, minRequests: 1 };
    const s = setup({ checks: [served, noTraffic], traffic: (unit) => (unit === 'blue' ? { requests: 4, errors: 0 } : { requests: 0, errors: 0 }) });
    const end = await tearDown(s.run, blue, green);
    expect(end.message).toBe('teardown of blue held back: 4 request(s) in the last 15m; waiting for none; all traffic is on green, re-run to try the teardown again');
  });

  it('with short windows gives checks at least eight minutes', async () => {
    const s = setup({ checks: [{ ...noTraffic, windowMs: 30_000 }], traffic: () => ({ requests: 1, errors: 0 }) });
    await tearDown(s.run, blue, green);
    expect(clock.now() - T0).toBe(8 * MIN);
  });

  it('a teardown already started skips the checks and finishes', async () => {
    const journal = new MemoryJournal([{ type: 'teardown-started', rolloutId: 'contoso@2.0.0', at: T0 - MIN, unit: 'green', previousUnit: 'blue' } as never]);
    const s = setup({ journal, traffic: () => ({ requests: 9, errors: 0 }) });
    const end = await tearDown(s.run, blue, green);
    expect(end.ok).toBe(true);
    expect(s.reporter.of('teardown-check')).toEqual([]);
    expect(s.recorded().map((e) => e.type)).toEqual(['teardown-started', 'teardown-finished']);
  });
});
