import { jest } from '@jest/globals';
import { MAX_TIMER_MS, SystemClock } from '../../src/time/clock.js';
import { DAY, harness, makePlan, regionStamps } from '../engine/fakes.js';

describe('SystemClock', () => {
  beforeEach(() => jest.useFakeTimers({ now: Date.UTC(2026, 0, 1) }));
  afterEach(() => jest.useRealTimers());

  it('sleeps 30 days for a 30-day sleep, past the 24.8 days one timer can hold', async () => {
    expect(30 * DAY).toBeGreaterThan(MAX_TIMER_MS);
    let done = false;
    const sleep = new SystemClock().sleep(30 * DAY).then(() => (done = true));
    await jest.advanceTimersByTimeAsync(MAX_TIMER_MS + 1);
    expect(done).toBe(false); // a single setTimeout would have fired at once, or here
    await jest.advanceTimersByTimeAsync(30 * DAY - MAX_TIMER_MS - 2);
    expect(done).toBe(false);
    await jest.advanceTimersByTimeAsync(1);
    await sleep;
    expect(done).toBe(true);
  });

  it('still stops a long sleep when aborted', async () => {
    const controller = new AbortController();
    const sleep = new SystemClock().sleep(40 * DAY, controller.signal);
    await jest.advanceTimersByTimeAsync(26 * DAY);
    controller.abort(new Error('stop'));
    await expect(sleep).rejects.toThrow('stop');
  });
});

describe('a 30-day bake on the virtual clock', () => {
  it('bakes 30 days of clock time, then re-checks the stage, and reports exactly that', async () => {
    const h = harness(makePlan([{ name: 'soak', stamps: regionStamps('eastus'), bakeMs: 30 * DAY }, { name: 'rest', stamps: regionStamps('westus'), bakeMs: 0 }]));
    const start = h.clock.now();
    const result = await h.run();
    expect(result.status).toBe('succeeded');
    const bake = result.stages[0].bake!;
    expect(bake.ms).toBe(30 * DAY);
    expect(bake.endedAt! - bake.startedAt).toBe(30 * DAY);
    expect(h.clock.now() - start).toBeGreaterThan(30 * DAY);
    // The next stage started only after the bake, and the soaked stage was probed again after it.
    const probedAfter = h.prober.calls.filter((c) => c.stamp === 'app@eastus' && c.at >= bake.endedAt!);
    expect(probedAfter.length).toBeGreaterThan(0);
    expect(h.deployer.started.filter((id) => id.endsWith('@westus'))).toHaveLength(2);
  });
});
