import { describe, expect, it } from '@jest/globals';
import { DeploymentFailure, errorInfo } from '../../src/engine/errors.js';
import { backoffDelay, DEFAULT_RETRY, withRetry } from '../../src/engine/retry.js';
import { VirtualClock } from '../../src/time/clock.js';

describe('retry policy', () => {
  it('backs off exponentially with jitter in the upper half, capped, with Retry-After as a floor', () => {
    const low = { ...DEFAULT_RETRY, random: () => 0 };
    const high = { ...DEFAULT_RETRY, random: () => 0.999999 };
    expect([1, 2, 3, 4].map((a) => backoffDelay(low, a))).toEqual([1000, 2000, 4000, 8000]);
    expect([1, 2, 3, 4].map((a) => backoffDelay(high, a))).toEqual([2000, 4000, 8000, 16000]);
    expect(backoffDelay(high, 12)).toBe(60_000);
    expect(backoffDelay(low, 1, 30_000)).toBe(30_000);
  });

  it('retries only transient DeploymentFailures, sleeping on the clock', async () => {
    const clock = new VirtualClock(0).start();
    const signal = new AbortController().signal;
    const policy = { ...DEFAULT_RETRY, random: () => 0.5 };
    let calls = 0;
    const value = await withRetry(
      async () => {
        if (++calls < 3) throw new DeploymentFailure({ code: 'TooManyRequests', message: 'slow down', transient: true, retryAfterMs: 10_000 });
        return 'ok';
      },
      { clock, policy, signal },
    );
    expect(value).toBe('ok');
    expect(clock.now()).toBe(10_000 + 10_000);

    calls = 0;
    const bad = new DeploymentFailure({ code: 'InvalidTemplate', message: 'no', correlationId: 'c1', target: 't' });
    await expect(withRetry(async () => { calls++; throw bad; }, { clock, policy, signal })).rejects.toBe(bad);
    expect(calls).toBe(1);
    await expect(withRetry(async () => { calls++; throw new TypeError('bug'); }, { clock, policy, signal })).rejects.toThrow('bug');
    expect(calls).toBe(2);
    clock.stop();
    expect(errorInfo(bad)).toEqual({ code: 'InvalidTemplate', message: 'no', correlationId: 'c1', target: 't' });
  });
});
