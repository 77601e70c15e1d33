import { describe, expect, it } from '@jest/globals';
import { evaluate, judgeFor } from '../../src/engine/release-unit/judge.js';
import type { MetricCheck } from '../../src/plan/release-units.js';
import type { TrafficCount, TrafficMetrics, UnitOrigin } from '../../src/engine/traffic.js';
import { VirtualClock } from '../../src/time/clock.js';

const MIN = 60_000;
const origins: UnitOrigin[] = [{ unit: 'green', region: 'eastus', hostName: 'green-eus.example' }];
const errorRatio: MetricCheck = { metric: 'errorRatio', maxErrorRatio: 0.05, windowMs: 5 * MIN, minRequests: 10 };
const noTraffic: MetricCheck = { metric: 'noTraffic', maxErrorRatio: 0, windowMs: 2 * MIN, minRequests: 0 };

/** Answers each query by `answer(toMs - start)` and records the windows asked for, relative to the start. */
class FakeMetrics implements TrafficMetrics {
  readonly windows: Array<[number, number]> = [];
  private readonly start: number;
  private readonly answer: (elapsed: number) => TrafficCount;
  constructor(start: number, answer: (elapsed: number) => TrafficCount) {
    this.start = start;
    this.answer = answer;
  }
  async originTraffic(asked: UnitOrigin[], fromMs: number, toMs: number): Promise<TrafficCount> {
    expect(asked).toBe(origins);
    this.windows.push([fromMs - this.start, toMs - this.start]);
    return this.answer(toMs - this.start);
  }
}

async function judge(checks: MetricCheck[], answer: (elapsed: number) => TrafficCount, extra: { untilMs?: number; stopWhenHealthy?: boolean; intervalMs?: number } = {}) {
  const clock = new VirtualClock(1_000_000).start();
  const metrics = new FakeMetrics(1_000_000, answer);
  const seen: Array<{ at: number; outcomes: string[] }> = [];
  try {
    const result = await judgeFor({
      clock,
      metrics,
      origins,
      checks,
      intervalMs: extra.intervalMs ?? MIN,
      untilMs: 1_000_000 + (extra.untilMs ?? 3 * MIN),
      signal: new AbortController().signal,
      stopWhenHealthy: extra.stopWhenHealthy,
      onVerdicts: (verdicts) => seen.push({ at: clock.now() - 1_000_000, outcomes: verdicts.map((v) => v.outcome) }),
    });
    return { result, seen, windows: metrics.windows, elapsed: clock.now() - 1_000_000 };
  } finally {
    clock.stop();
  }
}

describe('judgeFor', () => {
  it('judges every interval until the end, each window ending now, and the verdicts at the end are final', async () => {
    const { result, seen, windows, elapsed } = await judge([errorRatio], () => ({ requests: 100, errors: 1 }));
    expect(result.healthy).toBe(true);
    expect(result.verdicts.map((v) => v.detail)).toEqual(['5xx ratio 1.0% (1/100) over 5m, under 5.0%']);
    expect(seen).toEqual([0, 1, 2, 3].map((m) => ({ at: m * MIN, outcomes: ['healthy'] })));
    expect(windows).toEqual([0, 1, 2, 3].map((m) => [m * MIN - 5 * MIN, m * MIN]));
    expect(elapsed).toBe(3 * MIN);
  });

  it('sleeps only what is left of the window when it is shorter than an interval', async () => {
    const { seen } = await judge([errorRatio], () => ({ requests: 100, errors: 0 }), { untilMs: 150_000, intervalMs: MIN });
    expect(seen.map((s) => s.at)).toEqual([0, MIN, 2 * MIN, 150_000]);
  });

  it('stops at the first unhealthy verdict', async () => {
    const { result, seen, elapsed } = await judge([noTraffic, errorRatio], (t) => ({ requests: t >= MIN ? 100 : 0, errors: t >= MIN ? 50 : 0 }), { untilMs: 10 * MIN });
    expect(result.healthy).toBe(false);
    expect(result.verdicts.map((v) => v.outcome)).toEqual(['inconclusive', 'unhealthy']);
    expect(seen).toEqual([
      { at: 0, outcomes: ['healthy', 'inconclusive'] },
      { at: MIN, outcomes: ['inconclusive', 'unhealthy'] },
    ]);
    expect(elapsed).toBe(MIN);
  });

  it('an inconclusive verdict at the end is final: unhealthy', async () => {
    const { result, seen } = await judge([errorRatio], () => ({ requests: 3, errors: 0 }), { untilMs: MIN });
    expect(result.healthy).toBe(false);
    expect(seen).toEqual([
      { at: 0, outcomes: ['inconclusive'] },
      { at: MIN, outcomes: ['unhealthy'] },
    ]);
  });

  it('with stopWhenHealthy, ends as soon as every check is healthy, and not while one is inconclusive', async () => {
    const { result, seen, elapsed } = await judge([noTraffic], (t) => ({ requests: t >= 2 * MIN ? 0 : 5, errors: 0 }), { untilMs: 10 * MIN, stopWhenHealthy: true });
    expect(result.healthy).toBe(true);
    expect(seen.map((s) => s.outcomes[0])).toEqual(['inconclusive', 'inconclusive', 'healthy']);
    expect(elapsed).toBe(2 * MIN);
  });

  it('with stopWhenHealthy and two checks, one healthy is not enough: it waits for both', async () => {
    // No traffic at all: noTraffic is healthy at once, errorRatio inconclusive until the end (then unhealthy).
    const { result, seen, elapsed } = await judge([noTraffic, errorRatio], () => ({ requests: 0, errors: 0 }), { untilMs: 2 * MIN, stopWhenHealthy: true });
    expect(seen.map((s) => s.outcomes)).toEqual([['healthy', 'inconclusive'], ['healthy', 'inconclusive'], ['healthy', 'unhealthy']]);
    expect([result.healthy, elapsed]).toEqual([false, 2 * MIN]);
  });

  it('without stopWhenHealthy, healthy verdicts go on until the end', async () => {
    const { seen } = await judge([noTraffic], () => ({ requests: 0, errors: 0 }), { untilMs: 2 * MIN });
    expect(seen.length).toBe(3);
  });

  it('with no checks, waits out the window and is healthy with no verdicts', async () => {
    const { result, seen, windows, elapsed } = await judge([], () => ({ requests: 0, errors: 0 }), { untilMs: 150_000 });
    expect(result).toEqual({ healthy: true, verdicts: [] });
    expect(seen).toEqual([]);
    expect(windows).toEqual([]);
    expect(elapsed).toBe(150_000);
  });

  it('a window already over is judged once, final', async () => {
    const { result, seen, elapsed } = await judge([errorRatio], () => ({ requests: 3, errors: 0 }), { untilMs: -MIN });
    expect(result.healthy).toBe(false);
    expect(seen).toEqual([{ at: 0, outcomes: ['unhealthy'] }]);
    expect(elapsed).toBe(0);
  });
});

describe('evaluate', () => {
  it('asks each check about its own window, in order', async () => {
    const clock = new VirtualClock(10 * MIN);
    const metrics = new FakeMetrics(0, () => ({ requests: 0, errors: 0 }));
    const verdicts = await evaluate({ clock, metrics, origins, checks: [errorRatio, noTraffic], signal: new AbortController().signal }, false);
    expect(metrics.windows).toEqual([
      [5 * MIN, 10 * MIN],
      [8 * MIN, 10 * MIN],
    ]);
    expect(verdicts.map((v) => [v.metric, v.outcome, v.at])).toEqual([
      ['errorRatio', 'inconclusive', 10 * MIN],
      ['noTraffic', 'healthy', 10 * MIN],
    ]);
  });
});
