import type { Clock } from '../time/clock.js';
import { DeploymentFailure } from './errors.js';

export interface RetryPolicy {
  /** Attempts in all, the first included. */
  attempts: number;
  baseMs: number;
  maxDelayMs: number;
  /** [0, 1): injectable so tests are deterministic. */
  random: () => number;
}

export const DEFAULT_RETRY: RetryPolicy = { attempts: 5, baseMs: 2_000, maxDelayMs: 60_000, random: Math.random };

/**
 * "Equal jitter" exponential backoff: half the exponential step is kept so retries never bunch at zero, the other half is
 * random so a hundred stamps throttled by the same 429 do not come back in lockstep. A Retry-After from ARM is a floor.
 */
export function backoffDelay(policy: RetryPolicy, attempt: number, retryAfterMs = 0): number {
  const step = Math.min(policy.maxDelayMs, policy.baseMs * 2 ** (attempt - 1));
  const delay = step / 2 + policy.random() * (step / 2);
  return Math.round(Math.max(delay, retryAfterMs));
}

/**
 * Runs `work` until it succeeds, fails permanently, or the attempts run out. Only a DeploymentFailure marked transient
 * is retried: anything else (a bug, an abort, a permanent ARM error) is thrown at once.
 */
export async function withRetry<T>(
  work: (attempt: number) => Promise<T>,
  options: { clock: Clock; policy: RetryPolicy; signal: AbortSignal; onRetry?: (attempt: number, delayMs: number, error: DeploymentFailure) => void },
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work(attempt);
    } catch (error) {
      if (!(error instanceof DeploymentFailure) || !error.transient || attempt >= options.policy.attempts) throw error;
      if (options.signal.aborted) throw options.signal.reason;
      const delayMs = backoffDelay(options.policy, attempt, error.retryAfterMs);
      options.onRetry?.(attempt, delayMs, error);
      await options.clock.sleep(delayMs, options.signal);
    }
  }
}
