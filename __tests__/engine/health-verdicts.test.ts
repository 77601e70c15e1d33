import { describe, expect, it } from '@jest/globals';
import { recheckOf, recheckSpan, runHealthCheck, untilNextTick } from '../../src/engine/health.js';
import type { ProbeAnswer } from '../../src/engine/ports.js';
import { VirtualClock } from '../../src/time/clock.js';
import { HEALTH, MIN } from './fakes.js';

// The verdicts' exact sentences and fields, the phase events, and the tick arithmetic behind the cadence.
const T0 = Date.UTC(2026, 0, 1);
const check = { intervalMs: 10_000, waitMs: MIN, withinMs: 2 * MIN, healthyForMs: MIN };

async function run(answer: (elapsed: number) => boolean | Error | string, overrides: Partial<typeof check> = {}, signal = new AbortController().signal, answers: Array<[string, number]> = []) {
  const clock = new VirtualClock(T0).start();
  const phases: Array<[string, number, number]> = [];
  try {
    const verdict = await runHealthCheck({
      check: { ...check, ...overrides },
      clock,
      signal,
      onPhase: (phase, untilMs) => phases.push([phase, untilMs, clock.now() - T0]),
      onAnswer: (phase, a) => answers.push([phase, a.at! - T0]),
      probe: async (): Promise<ProbeAnswer> => {
        const elapsed = clock.now() - T0;
        const h = answer(elapsed);
        if (h instanceof Error || typeof h === 'string') throw h;
        return { healthy: h, status: h ? 200 : 500, latencyMs: 1, detail: `${h ? 200 : 500} at ${elapsed / 1000}s` };
      },
    });
    return { verdict, phases, answers };
  } finally {
    clock.stop();
  }
}

describe('health verdicts', () => {
  it('healthy: counts its probes and quotes the last answer; phases say how long each lasts', async () => {
    const { verdict, phases, answers } = await run(() => true);
    expect(verdict).toEqual({
      healthy: true,
      phase: 'healthyFor',
      answer: { healthy: true, status: 200, latencyMs: 1, detail: '200 at 120s', at: T0 + 2 * MIN },
      probes: 7,
      startedAt: T0,
      endedAt: T0 + 2 * MIN,
      detail: 'healthy (7 probes): 200 at 120s',
    });
    expect(phases).toEqual([
      ['wait', MIN, 0],
      ['within', 2 * MIN, MIN],
      ['healthyFor', MIN, MIN],
    ]);
    expect(answers[0]).toEqual(['within', MIN]);
    expect(answers.slice(1).every(([p]) => p === 'healthyFor')).toBe(true);
  });

  it('says "probe" for one', async () => {
    const { verdict } = await run(() => true, { waitMs: 0, healthyForMs: 0 });
    expect(verdict.detail).toBe('healthy (1 probe): 200 at 0s');
    expect(verdict.probes).toBe(1);
  });

  it('no wait phase without a wait', async () => {
    const { phases } = await run(() => true, { waitMs: 0, healthyForMs: 0 });
    expect(phases.map(([p]) => p)).toEqual(['within', 'healthyFor']);
  });

  it('within: fails with the window and the last answer, probing through the window\'s very end', async () => {
    const { verdict, answers } = await run(() => false, { waitMs: 0, withinMs: 30_000 });
    expect(verdict.detail).toBe('not healthy within 30s: 500 at 30s');
    expect([verdict.healthy, verdict.phase, verdict.probes, verdict.endedAt - T0]).toEqual([false, 'within', 4, 30_000]);
    expect(answers.map(([, at]) => at)).toEqual([0, 10_000, 20_000, 30_000]);
  });

  it('healthyFor: names how far into the window it turned', async () => {
    const { verdict } = await run((t) => t < MIN + 25_000, { waitMs: MIN });
    expect(verdict.detail).toBe('turned unhealthy 30s into the healthy window: 500 at 90s');
    expect([verdict.healthy, verdict.phase]).toEqual([false, 'healthyFor']);
  });

  it('a probe that throws a non-Error is an unhealthy answer quoting it', async () => {
    const { verdict } = await run(() => 'ECONNRESET', { waitMs: 0, withinMs: 0 });
    expect(verdict.answer).toEqual({ healthy: false, latencyMs: 0, detail: 'probe error: ECONNRESET', at: T0 });
    expect(verdict.detail).toBe('not healthy within 0s: probe error: ECONNRESET');
  });

  it('a probe that throws because the run was aborted throws the abort reason', async () => {
    const controller = new AbortController();
    const reason = new Error('SIGINT');
    const answers: Array<[string, number]> = [];
    await expect(
      run(
        () => {
          controller.abort(reason);
          return new Error('request aborted');
        },
        { waitMs: 0 },
        controller.signal,
        answers,
      ),
    ).rejects.toBe(reason);
    expect(answers).toEqual([]);
  });
});

describe('recheck and ticks', () => {
  it('a recheck keeps the check but drops wait and within, capping the healthy window at two intervals', () => {
    expect(recheckOf(HEALTH)).toEqual({ ...HEALTH, waitMs: 0, withinMs: 0, healthyForMs: 20_000 });
    expect(recheckOf({ ...HEALTH, healthyForMs: 1_000 }).healthyForMs).toBe(1_000);
    expect(recheckSpan([])).toBe(0);
    expect(recheckSpan([HEALTH, { ...HEALTH, intervalMs: 30_000 }, { ...HEALTH, healthyForMs: 1_000 }])).toBe(60_000);
  });

  it('the next tick is on the phase\'s grid, never past its end, never negative', () => {
    expect(untilNextTick(T0, T0, 10_000, T0 + MIN)).toBe(10_000);
    expect(untilNextTick(T0 + 10_000, T0, 10_000, T0 + MIN)).toBe(10_000);
    expect(untilNextTick(T0 + 13_000, T0, 10_000, T0 + MIN)).toBe(7_000);
    expect(untilNextTick(T0 + 55_000, T0, 10_000, T0 + MIN)).toBe(5_000);
    expect(untilNextTick(T0 + 70_000, T0, 10_000, T0 + MIN)).toBe(0);
  });
});
