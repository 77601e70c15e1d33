import { afterEach, describe, expect, it } from '@jest/globals';
import { runReleaseUnit, type ReleaseUnitOptions, type ReleaseUnitPorts } from '../../src/engine/release-unit/controller.js';
import { MemoryJournal } from '../../src/engine/journal.js';
import type { TrafficCount, UnitWeight } from '../../src/engine/traffic.js';
import type { ReleaseUnitPlan } from '../../src/plan/release-units.js';
import type { Plan, PlanStamp } from '../../src/plan/types.js';
import { VirtualClock } from '../../src/time/clock.js';
import { FakeDeployer, FakeProber, makePlan, RecordingReporter, stamp } from './fakes.js';

// The controller on in-memory ports: which job does what, what it refuses, and the sentence it ends with.
const MIN = 60_000;
let clock: VirtualClock;
afterEach(() => clock?.stop());

const blueUnit: UnitWeight = { unit: 'blue', weight: 100, origins: [{ unit: 'blue', region: 'eastus', hostName: 'blue.example' }] };

function setup(opts: { units?: UnitWeight[]; strategy?: 'releaseUnit' | 'inPlace'; hostOutput?: string; traffic?: (unit: string) => TrafficCount; journal?: MemoryJournal; stamps?: PlanStamp[]; components?: string[] } = {}) {
  clock = new VirtualClock(Date.UTC(2026, 0, 1));
  const releaseUnits: ReleaseUnitPlan = {
    strategy: opts.strategy ?? 'releaseUnit',
    unit: 'green',
    components: opts.components ?? ['app'],
    onAbort: 'remove',
    traffic: { component: 'traffic', parameter: 'units', hostOutput: opts.hostOutput ?? 'endpoint', intervalMs: MIN, steps: [{ weight: 50, bakeMs: 2 * MIN }, { weight: 100, bakeMs: MIN }], health: [{ metric: 'errorRatio', maxErrorRatio: 0.05, windowMs: 5 * MIN, minRequests: 10 }] },
    teardown: { checks: [{ metric: 'noTraffic', maxErrorRatio: 0, windowMs: 5 * MIN, minRequests: 0 }] },
  };
  const plan: Plan = { ...makePlan([{ name: 'canary', stamps: opts.stamps ?? [stamp('app@eastus', { region: 'eastus', health: null })], bakeMs: 0 }]), releaseUnits };
  let units = structuredClone(opts.units ?? [blueUnit]);
  const labels: string[] = [];
  const removed: string[] = [];
  const deployer = new FakeDeployer(clock).seed(plan);
  const journal = opts.journal ?? new MemoryJournal();
  const reporter = new RecordingReporter();
  const traffic = opts.traffic ?? ((unit: string) => (unit === 'green' ? { requests: 100, errors: 0 } : { requests: 0, errors: 0 }));
  const ports: ReleaseUnitPorts = {
    deployer,
    prober: new FakeProber(clock),
    clock,
    journal,
    reporter,
    traffic: {
      current: async () => ({ units: structuredClone(units) }),
      setWeights: async (weights, label) => {
        labels.push(`${label}:${weights.map((w) => `${w.unit}=${w.weight}`).join(',')}`);
        units = structuredClone(weights);
        return { deploymentName: `traffic-${label}` };
      },
    },
    metrics: { originTraffic: async (origins) => traffic(origins[0].unit) },
    units: { groups: () => [], remove: async (unit) => (removed.push(unit), [`rg-${unit}`]) },
  };
  const run = async (options: ReleaseUnitOptions = {}) => {
    clock.start();
    try {
      return await runReleaseUnit(plan, ports, { retry: { random: () => 0.5 }, ...options });
    } finally {
      clock.stop();
    }
  };
  return { plan, ports, run, labels, removed, journal, deployer, units: () => units };
}

describe('runReleaseUnit', () => {
  it('needs a plan with release units', async () => {
    const s = setup();
    await expect(runReleaseUnit(makePlan([]), s.ports)).rejects.toThrow('engine: runReleaseUnit needs a plan with releaseUnits');
  });

  it('deploys the new unit, moves users in steps, tears the old one down, and says each part', async () => {
    const s = setup();
    const result = await s.run();
    expect(result.status).toBe('succeeded');
    expect(result.message).toBe('1 stage(s) succeeded: 1 stamp(s) deployed, 0 skipped; traffic moved to green in 2 step(s); unit blue torn down (1 resource group(s) removed)');
    expect(s.labels).toEqual(['w50:blue=50,green=50', 'w100:blue=0,green=100', 'only:green=100']);
    expect(s.removed).toEqual(['blue']);
    expect(result.releaseUnit).toMatchObject({ strategy: 'releaseUnit', unit: 'green', previousUnit: 'blue' });
    expect(result.releaseUnit!.steps.map((x) => [x.weight, x.status])).toEqual([
      [50, 'succeeded'],
      [100, 'succeeded'],
    ]);
    expect(result.durationMs).toBe(result.finishedAt - result.startedAt);
    expect(result.finishedAt - result.startedAt).toBe(10 * MIN + 3 * MIN);
  });

  it('the first unit takes all traffic at once', async () => {
    const s = setup({ units: [] });
    const result = await s.run();
    expect(result.message).toBe('1 stage(s) succeeded: 1 stamp(s) deployed, 0 skipped; unit green takes all traffic (no unit before it)');
    expect(s.labels).toEqual(['live:green=100']);
    expect(s.journal.events.at(-1)).toMatchObject({ type: 'unit-live', unit: 'green' });
    expect('previousUnit' in result.releaseUnit!).toBe(false);
  });

  it('a hotfix (inPlace) redeploys the live unit and never touches Front Door', async () => {
    const s = setup({ strategy: 'inPlace' });
    const result = await s.run();
    expect(result.status).toBe('succeeded');
    expect(result.releaseUnit).toEqual({ strategy: 'inPlace', unit: 'green', steps: [] });
    expect(s.labels).toEqual([]);
    expect(s.deployer.completed).toEqual(['app@eastus']);
  });

  it('refuses while Front Door has entries for two other units', async () => {
    const s = setup({ units: [{ ...blueUnit, weight: 0 }, { ...blueUnit, unit: 'red', weight: 100 }] });
    const result = await s.run();
    expect(result.releaseUnit!.previousUnit).toBe('red');
    expect([result.status, result.message]).toEqual(['failed', 'refused: Front Door has entries for blue and red; it must point at one unit before green starts (finish or abort the release in flight)']);
    expect(s.deployer.started).toEqual([]);
  });

  it('the new unit\'s own entries never make it the old unit', async () => {
    const s = setup({ units: [{ ...blueUnit, weight: 0 }, { unit: 'green', weight: 0, origins: [] }] });
    const result = await s.run();
    expect(result.releaseUnit!.previousUnit).toBe('blue');
  });

  it('abort sends everyone back to the old unit', async () => {
    const s = setup({ units: [{ ...blueUnit, weight: 50 }, { unit: 'green', weight: 50, origins: [] }] });
    const result = await s.run({ abort: true });
    expect([result.status, result.message]).toEqual(['rolled-back', 'aborted: all traffic is back on blue']);
    expect(s.labels).toEqual(['revert:blue=100']);
    expect(s.removed).toEqual(['green']);
    expect(result.releaseUnit!.reverted!.reason).toBe('aborted by request');
  });

  it('abort once the old unit has left Front Door (its teardown started) is refused, and traffic stays', async () => {
    const journal = new MemoryJournal([{ type: 'teardown-started', rolloutId: 'contoso@2.0.0', at: 0, unit: 'green', previousUnit: 'blue' } as never]);
    const s = setup({ units: [{ unit: 'green', weight: 100, origins: [{ unit: 'green', region: 'eastus', hostName: 'green.example' }] }], journal });
    const result = await s.run({ abort: true });
    expect([result.status, result.message]).toEqual(['failed', 'refused: nothing to abort: unit blue has left Front Door (its teardown started), so green keeps all traffic; run the teardown job to finish']);
    expect(s.labels).toEqual([]);
    expect(s.removed).toEqual([]);
    expect(s.units()).toEqual([{ unit: 'green', weight: 100, origins: [{ unit: 'green', region: 'eastus', hostName: 'green.example' }] }]);
  });

  it('the teardown job on a runner of its own (empty journal) tears down without moving traffic again', async () => {
    const s = setup({ units: [{ ...blueUnit, weight: 0 }, { unit: 'green', weight: 100, origins: [{ unit: 'green', region: 'eastus', hostName: 'green.example' }] }] });
    const result = await s.run({ stage: 'teardown' });
    expect([result.status, result.message]).toEqual(['succeeded', 'stamps of unit green deployed earlier; unit blue torn down (1 resource group(s) removed)']);
    expect(s.labels).toEqual(['only:green=100']);
  });

  it('a unit whose stamps fail to deploy moves no traffic and tears nothing down', async () => {
    const s = setup();
    s.deployer.failures.set('app@eastus', [Object.assign(new Error('boom'), { name: 'Error' })]);
    const result = await s.run();
    expect(result.status).not.toBe('succeeded');
    expect(s.labels).toEqual([]);
    expect(s.removed).toEqual([]);
  });

  it('stage all is the whole release', async () => {
    const s = setup();
    const result = await s.run({ stage: 'all' });
    expect(result.message).toBe('1 stage(s) succeeded: 1 stamp(s) deployed, 0 skipped; traffic moved to green in 2 step(s); unit blue torn down (1 resource group(s) removed)');
  });

  it('a stage job deploys the unit\'s stamps of that stage and moves no traffic', async () => {
    const s = setup();
    const result = await s.run({ stage: 'canary' });
    expect([result.status, result.message]).toEqual(['succeeded', '1 stage(s) succeeded: 1 stamp(s) deployed, 0 skipped']);
    expect(s.labels).toEqual([]);
    expect(s.removed).toEqual([]);
  });

  it('an error while moving traffic that is not a stop is thrown, not taken for a cancel', async () => {
    const s = setup();
    s.ports.traffic.setWeights = async () => {
      throw new TypeError('bug in the traffic adapter');
    };
    await expect(s.run()).rejects.toThrow('bug in the traffic adapter');
  });

  it('a region\'s origin is its first unit component with the host output; other components are no origin', async () => {
    const stamps = [stamp('db@eastus', { region: 'eastus', health: null }), stamp('app@eastus', { region: 'eastus', health: null }), stamp('web@eastus', { region: 'eastus', health: null }), stamp('app@westus', { region: 'westus', health: null })];
    const s = setup({ stamps, components: ['app', 'web'] });
    // A step job: the stamps were deployed by an earlier job, so their outputs come from ARM (the seeded 1.0.0).
    expect((await s.run({ stage: 'traffic-50' })).status).toBe('succeeded');
    expect(s.units().find((u) => u.unit === 'green')!.origins).toEqual([
      { unit: 'green', region: 'eastus', hostName: 'app@eastus.example/1.0.0' },
      { unit: 'green', region: 'westus', hostName: 'app@westus.example/1.0.0' },
    ]);
  });

  it('abort with nothing in flight is refused', async () => {
    const s = setup();
    const result = await s.run({ abort: true });
    expect([result.status, result.message, result.resumed]).toEqual(['failed', 'refused: nothing to abort: green is not in flight beside another unit', false]);
    expect(s.labels).toEqual([]);
  });

  it('refuses a job name the release does not have, listing stages, steps and teardown', async () => {
    const s = setup();
    await expect(s.run({ stage: 'traffic-25' })).rejects.toThrow("unknown stage 'traffic-25'; the plan has: canary, traffic-50, traffic-100, teardown, or all");
  });

  it('a stage job deploys only its stamps and moves no traffic', async () => {
    const s = setup();
    const result = await s.run({ stage: 'canary' });
    expect(result.status).toBe('succeeded');
    expect(s.labels).toEqual([]);
    expect(s.deployer.completed).toEqual(['app@eastus']);
  });

  it('a step job runs its step only, taking the origins from ARM, and needs the step before it done', async () => {
    const s = setup();
    const gated = await s.run({ stage: 'traffic-100' });
    expect([gated.status, gated.message]).toEqual(['failed', 'refused: traffic-100 needs green at 50% first, but Front Door sends it 0%: run traffic-50 first']);
    const step = await s.run({ stage: 'traffic-50' });
    expect([step.status, step.message]).toEqual(['succeeded', 'stamps of unit green deployed earlier; traffic moved to green at 50%']);
    expect(s.labels).toEqual(['w50:blue=50,green=50']);
    expect(s.deployer.started).toEqual([]);
    expect(s.units().find((u) => u.unit === 'green')!.origins).toEqual([{ unit: 'green', region: 'eastus', hostName: 'app@eastus.example/1.0.0' }]);
    const teardownEarly = await s.run({ stage: 'teardown' });
    expect(teardownEarly.message).toBe('refused: teardown needs green at 100% first, but Front Door sends it 50%: run traffic-100 first');
    await s.run({ stage: 'traffic-100' });
    const teardown = await s.run({ stage: 'teardown' });
    expect([teardown.status, teardown.message]).toEqual(['succeeded', 'stamps of unit green deployed earlier; unit blue torn down (1 resource group(s) removed)']);
  });

  it('an origin host is the output without its scheme and trailing slash; an empty one is no origin', async () => {
    const s = setup();
    const live = s.deployer.current('app@eastus')!;
    live.outputs = { endpoint: { type: 'String', value: 'http://green-eus.example:8443/' } };
    await s.run({ stage: 'traffic-50' });
    expect(s.units().find((u) => u.unit === 'green')!.origins).toEqual([{ unit: 'green', region: 'eastus', hostName: 'green-eus.example:8443' }]);
    live.outputs = { endpoint: { type: 'String', value: '' } };
    expect((await s.run({ stage: 'traffic-100' })).message).toBe('no stamp of unit green has the output "endpoint" that names its origin host');
  });

  it('mid-teardown, the old unit may have left Front Door: the journal names it', async () => {
    const journal = new MemoryJournal([{ type: 'teardown-started', rolloutId: 'contoso@2.0.0', at: 0, unit: 'green', previousUnit: 'blue' } as never]);
    const s = setup({ units: [{ unit: 'green', weight: 100, origins: [] }], journal });
    const result = await s.run({ stage: 'teardown' });
    expect([result.status, result.message]).toEqual(['succeeded', 'stamps of unit green deployed earlier; unit blue torn down (1 resource group(s) removed)']);
    expect(s.removed).toEqual(['blue']);
  });

  it('after a revert the journal\'s old unit is forgotten: with Front Door empty, the unit is the first', async () => {
    const journal = new MemoryJournal([
      { type: 'traffic-step-started', rolloutId: 'contoso@2.0.0', at: 0, unit: 'green', previousUnit: 'blue', weight: 50 } as never,
      { type: 'traffic-reverted', rolloutId: 'contoso@2.0.0', at: 1, unit: 'green', previousUnit: 'blue', reason: 'x' } as never,
    ]);
    const s = setup({ units: [], journal });
    expect((await s.run()).message).toBe('1 stage(s) succeeded: 1 stamp(s) deployed, 0 skipped; unit green takes all traffic (no unit before it)');
  });

  it('fails when no stamp of the unit has the host output', async () => {
    const s = setup({ hostOutput: 'hostName' });
    const result = await s.run();
    expect([result.status, result.message]).toEqual(['failed', 'no stamp of unit green has the output "hostName" that names its origin host']);
    expect(s.labels).toEqual([]);
  });

  it('an abort signal during the steps cancels, leaving the journal to resume from', async () => {
    const s = setup();
    const controller = new AbortController();
    s.ports.reporter!.event = (e) => {
      if (e.type === 'traffic-step-started') controller.abort(new Error('SIGTERM'));
    };
    const result = await s.run({ signal: controller.signal });
    expect([result.status, result.message]).toEqual(['canceled', '1 stage(s) succeeded: 1 stamp(s) deployed, 0 skipped; canceled during the traffic steps of green; a re-run resumes from the journal']);
  });
});
