import { DeploymentFailure } from '../engine/errors.js';
import type { Clock } from '../time/clock.js';
import { fromSdkError } from './arm-errors.js';
import type { Priority, RequestBudget } from './request-budget.js';

export interface ArmCallContext {
  clock: Clock;
  /** A line per retry (reads too), per token refresh, per adopted deployment. */
  log: (line: string) => void;
  /** How long one call keeps being retried: a 60 s 429 storm is ridden out, a dead endpoint is not waited on forever. */
  retryForMs: number;
}

export interface ArmCall<T> {
  what: string;
  budget: RequestBudget;
  priority?: Priority;
  signal: AbortSignal;
  send: () => Promise<T>;
  /**
   * Called after a transient failure that may hide an answer ARM already acted on (a timeout, a reset, a 5xx on a
   * write). Returns a value to stop retrying with (the write did happen), or undefined to send again.
   */
  recover?: (failure: DeploymentFailure) => Promise<T | undefined>;
}

/**
 * One ARM request, retried while it fails transiently and `retryForMs` has not run out: waits at least ARM's
 * Retry-After (on every kind of call, validate included), otherwise a jittered backoff from 1 s to 30 s.
 */
export async function armCall<T>(ctx: ArmCallContext, call: ArmCall<T>): Promise<T> {
  const started = ctx.clock.now();
  for (let attempt = 1; ; attempt++) {
    await call.budget.take(call.signal, call.priority);
    let failure: DeploymentFailure;
    try {
      return await ctx.clock.track(call.send());
    } catch (error) {
      if (call.signal.aborted) throw call.signal.reason;
      failure = fromSdkError(error, call.what);
    }
    if (!failure.transient) throw failure;
    if (call.recover) {
      const recovered = await call.recover(failure);
      if (recovered !== undefined) return recovered;
    }
    const waited = ctx.clock.now() - started;
    const backoff = Math.min(30_000, 1_000 * 2 ** Math.min(attempt - 1, 5)) * (0.5 + Math.random() / 2);
    const delay = Math.round(Math.max(failure.retryAfterMs ?? 0, backoff));
    if (waited + delay > ctx.retryForMs) {
      throw new DeploymentFailure({
        code: failure.code,
        message: `${failure.message} (still failing after ${attempt} attempts in ${Math.round(waited / 1000)} s)`,
        target: failure.target,
        correlationId: failure.correlationId,
        details: failure.details,
        transient: true,
        retryAfterMs: failure.retryAfterMs,
        cause: failure,
      });
    }
    ctx.log(`retrying ${call.what} in ${(delay / 1000).toFixed(1)} s (attempt ${attempt + 1}): ${failure.code}: ${failure.message}${failure.correlationId ? ` (correlation id ${failure.correlationId})` : ''}`);
    await ctx.clock.sleep(delay, call.signal);
  }
}
