import { describe, expect, it } from '@jest/globals';
import { recheckOf, runHealthCheck } from '../../src/engine/health.js';
import type { ProbeAnswer } from '../../src/engine/ports.js';
import { VirtualClock } from '../../src/time/clock.js';
import { HEALTH, MIN } from './fakes.js';

const T0 = Date.UTC(2026, 0, 1);
const check = { intervalMs: 10_000, waitMs: MIN, withinMs: 2 * MIN, healthyForMs: MIN };

/** Runs a check whose probe answers healthy exactly when `healthy(elapsedMs)` says so. */
async function run(healthy: (elapsed: number) => boolean | Error, overrides: Partial<typeof check> = {}) {
  const clock = new VirtualClock(T0).start();
  const at: number[] = [];
  const phases: string[] = [];
  try {
    const verdict = await runHealthCheck({
      check: { ...check, ...overrides },
      clock,
      signal: new AbortController().signal,
      onPhase: (phase) => phases.push(phase),
      probe: async (): Promise<ProbeAnswer> => {
        const elapsed = clock.now() - T0;
        at.push(elapsed);
        const h = healthy(elapsed);
        if (h instanceof Error) throw h;
        return { healthy: h, status: h ? 200 : 500, latencyMs: 1, detail: `answer at ${elapsed / 1000}s` };
      },
    });
    return { verdict, at, phases };
  } finally {
    clock.stop();
  }
}

describe('the three-phase health check', () => {
  it('waits without probing, then probes every interval through the healthy window', async () => {
    const { verdict, at, phases } = await run(() => true);
    expect(verdict).toMatchObject({ healthy: true, phase: 'healthyFor', probes: 7, startedAt: T0, endedAt: T0 + 2 * MIN });
    expect(at[0]).toBe(MIN);
    expect(at.at(-1)).toBe(2 * MIN);
    expect(phases).toEqual(['wait', 'within', 'healthyFor']);
  });

  it('tolerates unhealthy answers in the within phase until the first healthy one', async () => {
    const { verdict, at } = await run((t) => t >= MIN + 45_000);
    expect(verdict.healthy).toBe(true);
    // Healthy first at 1m50s (the 10s grid from 1m), then the healthy window of a minute.
    expect(at.filter((t) => t < MIN + 50_000)).toHaveLength(5);
    expect(verdict.endedAt - T0).toBe(MIN + 50_000 + MIN);
  });

  it('fails within when no healthy answer came before the deadline, reporting the last answer', async () => {
    const { verdict, at } = await run(() => false);
    expect(verdict).toMatchObject({ healthy: false, phase: 'within', answer: { status: 500, detail: 'answer at 180s' } });
    expect(at.at(-1)).toBe(3 * MIN);
    expect(verdict.detail).toBe('not healthy within 2m: answer at 180s');
  });

  it('fails at the first unhealthy answer in the healthy window and reports it', async () => {
    const { verdict, at } = await run((t) => t < MIN + 30_000);
    expect(verdict).toMatchObject({ healthy: false, phase: 'healthyFor', answer: { detail: 'answer at 90s', at: T0 + MIN + 30_000 } });
    expect(verdict.detail).toBe('turned unhealthy 30s into the healthy window: answer at 90s');
    expect(at.at(-1)).toBe(MIN + 30_000);
  });

  it('keeps the cadence of the phase start when answers are slow', async () => {
    const clock = new VirtualClock(T0).start();
    const at: number[] = [];
    try {
      const verdict = await runHealthCheck({
        check: { intervalMs: 10_000, waitMs: 0, withinMs: MIN, healthyForMs: MIN },
        clock,
        signal: new AbortController().signal,
        probe: async () => {
          at.push(clock.now() - T0);
          await clock.sleep(4_000); // every answer takes 4 s
          return { healthy: true, status: 200, latencyMs: 4_000, detail: 'ok' };
        },
      });
      // The healthy window starts at 4 s; its probes go out at 14, 24, ... 64 s, not 4 s later each time.
      expect(at).toEqual([0, 14_000, 24_000, 34_000, 44_000, 54_000, 64_000]);
      expect(verdict.probes).toBe(7);
    } finally {
      clock.stop();
    }
  });

  it('counts a probe that throws as an unhealthy answer', async () => {
    const { verdict } = await run(() => new Error('socket hang up'), { withinMs: 0 });
    expect(verdict).toMatchObject({ healthy: false, phase: 'within', answer: { healthy: false, detail: 'probe error: socket hang up' } });
  });

  it('stops at once on abort', async () => {
    const clock = new VirtualClock(T0).start();
    const abort = new AbortController();
    const pending = runHealthCheck({ check, clock, signal: abort.signal, probe: async () => ({ healthy: true, latencyMs: 0, detail: '' }) });
    abort.abort(new Error('SIGTERM'));
    await expect(pending).rejects.toThrow('SIGTERM');
    clock.stop();
  });

  it('a probe that fails because the run was stopped ends the check with the stop, not with an unhealthy verdict', async () => {
    const clock = new VirtualClock(T0).start();
    const abort = new AbortController();
    const pending = runHealthCheck({
      check,
      clock,
      signal: abort.signal,
      // Healthy at once, then stopped in the healthy window, where one unhealthy answer would end the check.
      probe: async () => {
        if (clock.now() < T0 + MIN + 30_000) return { healthy: true, latencyMs: 1, detail: 'ok' };
        abort.abort(new Error('SIGTERM'));
        throw new Error('socket hang up');
      },
    });
    await expect(pending).rejects.toThrow('SIGTERM');
    clock.stop();
  });

  it('re-checks quickly: no wait, healthy at once, then two more intervals', () => {
    expect(recheckOf(HEALTH)).toMatchObject({ waitMs: 0, withinMs: 0, healthyForMs: 20_000 });
    expect(recheckOf({ ...HEALTH, healthyForMs: 5_000 }).healthyForMs).toBe(5_000);
  });
});
