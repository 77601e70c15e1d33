/**
 * Time as a port. The engine, the probes, the ARM poller and the local ARM endpoint all wait through a Clock, so a
 * rehearsal of a three-day rollout runs on a VirtualClock in seconds while a real one runs on the SystemClock.
 */
export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
  /** Resolves after `ms`; rejects with the signal's reason when aborted first. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
  /**
   * Marks real I/O in flight. A virtual clock does not jump ahead while any tracked promise is pending, so a probe's
   * timeout cannot fire just because another stamp was sleeping while the HTTP answer was still on its way.
   */
  track<T>(work: Promise<T>): Promise<T>;
  /**
   * The opposite of `track`, for a server in the same process: the request it is answering (tracked by its client)
   * now waits on the clock, not on I/O, so time may move while `work` runs. Without it a simulated slow answer would
   * hold the virtual clock still forever.
   */
  release<T>(work: Promise<T>): Promise<T>;
}

/** The longest delay setTimeout honours. */
export const MAX_TIMER_MS = 2 ** 31 - 1;

export class SystemClock implements Clock {
  now(): number {
    return Date.now();
  }

  /**
   * Node fires a timer of more than 2^31-1 ms (about 24.8 days) at once, with only a warning: a 30-day bake would
   * end immediately and be reported as baked. Long sleeps are slept in chunks, each re-aimed at the end time.
   */
  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    const end = Date.now() + Math.max(0, ms);
    return new Promise((resolve, reject) => {
      if (signal?.aborted) return reject(signal.reason);
      let timer: ReturnType<typeof setTimeout>;
      const onAbort = (): void => {
        clearTimeout(timer);
        reject(signal!.reason);
      };
      // A Node timer holds at most 2^31-1 ms (24.8 days) and fires at once beyond it: long sleeps go in chunks, each
      // against the wall clock, so a bake of weeks is slept in full.
      const arm = (): void => {
        const left = end - Date.now();
        if (left <= 0 && timer !== undefined) {
          signal?.removeEventListener('abort', onAbort);
          return resolve();
        }
        timer = setTimeout(arm, Math.min(Math.max(0, left), MAX_TIMER_MS));
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      arm();
    });
  }

  track<T>(work: Promise<T>): Promise<T> {
    return work;
  }

  release<T>(work: Promise<T>): Promise<T> {
    return work;
  }
}

interface Timer {
  due: number;
  seq: number;
  fire: () => void;
}

/**
 * A clock that only moves when everything waiting on it is asleep: after a few real event-loop turns with no tracked
 * I/O in flight and no new timer, it jumps to the earliest due timer. Start it with `start()`, stop it with `stop()`.
 */
export class VirtualClock implements Clock {
  private current: number;
  private timers: Timer[] = [];
  private seq = 0;
  private busy = 0;
  private running = false;
  private quietTurns = 0;
  private lastSeq = 0;

  private readonly idleTurns: number;

  /** `idleTurns`: real event-loop turns that must pass quietly before time jumps. */
  constructor(start: number = Date.UTC(2026, 0, 1), idleTurns = 3) {
    this.current = start;
    this.idleTurns = idleTurns;
  }

  now(): number {
    return this.current;
  }

  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    return new Promise((resolve, reject) => {
      if (signal?.aborted) return reject(signal.reason);
      const timer: Timer = {
        due: this.current + Math.max(0, ms),
        seq: ++this.seq,
        fire: () => {
          signal?.removeEventListener('abort', onAbort);
          resolve();
        },
      };
      const onAbort = (): void => {
        this.timers = this.timers.filter((t) => t !== timer);
        reject(signal!.reason);
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.timers.push(timer);
    });
  }

  track<T>(work: Promise<T>): Promise<T> {
    this.busy++;
    return work.finally(() => {
      this.busy--;
      this.quietTurns = 0;
    });
  }

  release<T>(work: Promise<T>): Promise<T> {
    if (this.busy === 0) return work; // the client did not track its request: nothing to hand back
    this.busy--;
    return work.finally(() => {
      this.busy++;
    });
  }

  /** Moves time forward by `ms` at once, firing every timer due on the way, in order. */
  advance(ms: number): void {
    this.advanceTo(this.current + ms);
  }

  /** Number of sleepers waiting; tests use it to see that work is parked on the clock. */
  get pending(): number {
    return this.timers.length;
  }

  start(): this {
    if (this.running) return this;
    this.running = true;
    const tick = (): void => {
      if (!this.running) return;
      this.step();
      setImmediate(tick);
    };
    setImmediate(tick);
    return this;
  }

  stop(): void {
    this.running = false;
  }

  private step(): void {
    if (this.busy > 0 || this.timers.length === 0 || this.seq !== this.lastSeq) {
      this.lastSeq = this.seq;
      this.quietTurns = 0;
      return;
    }
    if (++this.quietTurns < this.idleTurns) return;
    this.quietTurns = 0;
    const next = Math.min(...this.timers.map((t) => t.due));
    this.advanceTo(Math.max(next, this.current));
  }

  private advanceTo(target: number): void {
    for (;;) {
      const due = this.timers.filter((t) => t.due <= target).sort((a, b) => a.due - b.due || a.seq - b.seq);
      if (due.length === 0) break;
      const first = due[0];
      this.current = Math.max(this.current, first.due);
      const batch = due.filter((t) => t.due === first.due);
      this.timers = this.timers.filter((t) => !batch.includes(t));
      for (const t of batch) t.fire();
    }
    this.current = Math.max(this.current, target);
  }
}
