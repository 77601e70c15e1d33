import { describe, expect, it } from '@jest/globals';
import { DeploymentFailure } from '../../src/engine/errors.js';
import { backoffDelay, DEFAULT_RETRY, withRetry } from '../../src/engine/retry.js';
import { VirtualClock } from '../../src/time/clock.js';

const throttled = (retryAfterMs?: number): DeploymentFailure => new DeploymentFailure({ code: 'TooManyRequests', message: 'slow down', transient: true, retryAfterMs });

describe('retry limits', () => {
  it('defaults to 5 attempts, 2 s base, a 60 s cap', () => {
    expect({ ...DEFAULT_RETRY, random: undefined }).toEqual({ attempts: 5, baseMs: 2_000, maxDelayMs: 60_000, random: undefined });
    expect(DEFAULT_RETRY.random).toBe(Math.random);
  });

  it('the cap applies to the step before the jitter, and a Retry-After above the cap still wins', () => {
    const mid = { ...DEFAULT_RETRY, random: () => 0.5 };
    expect(backoffDelay(mid, 6)).toBe(45_000); // step 64 s capped at 60 s: 30 s + 0.5 * 30 s (uncapped: 48 s)
    expect(backoffDelay(mid, 5)).toBe(24_000); // step 32 s, under the cap
    expect(backoffDelay(mid, 1, 90_000)).toBe(90_000);
    expect(backoffDelay(mid, 1, 1_499)).toBe(1_500);
    expect(backoffDelay({ ...mid, random: () => 0.3333 }, 1)).toBe(1_333);
  });

  it('makes exactly `attempts` attempts, reporting each retry with its attempt number and delay, then throws the last error', async () => {
    const clock = new VirtualClock(0).start();
    try {
      const errors = [throttled(), throttled(), throttled(5_000)];
      const attempts: number[] = [];
      const retries: Array<[number, number, string]> = [];
      await expect(
        withRetry(
          async (attempt) => {
            attempts.push(attempt);
            throw errors[attempt - 1];
          },
          { clock, policy: { ...DEFAULT_RETRY, attempts: 3, random: () => 0 }, signal: new AbortController().signal, onRetry: (a, d, e) => retries.push([a, d, e.code]) },
        ),
      ).rejects.toBe(errors[2]);
      expect(attempts).toEqual([1, 2, 3]);
      expect(retries).toEqual([
        [1, 1_000, 'TooManyRequests'],
        [2, 2_000, 'TooManyRequests'],
      ]);
      expect(clock.now()).toBe(3_000);
    } finally {
      clock.stop();
    }
  });

  it('with one attempt does not retry at all', async () => {
    const clock = new VirtualClock(0).start();
    try {
      let calls = 0;
      const error = throttled();
      await expect(withRetry(async () => { calls++; throw error; }, { clock, policy: { ...DEFAULT_RETRY, attempts: 1 }, signal: new AbortController().signal })).rejects.toBe(error);
      expect(calls).toBe(1);
    } finally {
      clock.stop();
    }
  });

  it('does not sleep after an abort: it throws the signal\'s reason instead of the transient error', async () => {
    const clock = new VirtualClock(0).start();
    try {
      const controller = new AbortController();
      const reason = new Error('canceled');
      const retried: number[] = [];
      await expect(
        withRetry(
          async () => {
            controller.abort(reason);
            throw throttled();
          },
          { clock, policy: DEFAULT_RETRY, signal: controller.signal, onRetry: (a) => retried.push(a) },
        ),
      ).rejects.toBe(reason);
      expect(retried).toEqual([]);
      expect(clock.now()).toBe(0);
    } finally {
      clock.stop();
    }
  });
});
