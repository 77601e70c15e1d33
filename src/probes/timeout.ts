import type { Clock } from '../time/clock.js';

export class ProbeTimeout extends Error {
  constructor(ms: number) {
    super(`timed out after ${ms}ms`);
    this.name = 'ProbeTimeout';
  }
}

/**
 * Runs real I/O with a deadline. The I/O is tracked on the clock; the deadline is the first of a clock timer and a real
 * timer. On the SystemClock the two are the same; on a VirtualClock time cannot move while tracked I/O is pending, so
 * only the real timer can cut a request to a server that never answers.
 */
export async function withTimeout<T>(clock: Clock, ms: number, outer: AbortSignal, work: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const inner = new AbortController();
  const onAbort = (): void => inner.abort(outer.reason);
  if (outer.aborted) throw outer.reason;
  outer.addEventListener('abort', onAbort, { once: true });
  let realTimer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    const expire = (): void => {
      const error = new ProbeTimeout(ms);
      inner.abort(error);
      reject(error);
    };
    realTimer = setTimeout(expire, ms);
    clock.sleep(ms, inner.signal).then(expire, () => undefined);
  });
  deadline.catch(() => undefined);
  try {
    return await Promise.race([clock.track(work(inner.signal)), deadline]);
  } finally {
    clearTimeout(realTimer);
    outer.removeEventListener('abort', onAbort);
    // Cancels the clock timer too, so a virtual clock is not left with a stale wake-up.
    if (!inner.signal.aborted) inner.abort(new Error('probe finished'));
  }
}
