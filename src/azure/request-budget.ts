import type { Clock } from '../time/clock.js';

/** Who is served first when requests queue: a rollback's before a deployment's, a deployment's before a poll. */
export type Priority = 'rollback' | 'normal' | 'poll';
const RANK: Record<Priority, number> = { rollback: 0, normal: 1, poll: 2 };

interface Waiter {
  resolve: () => void;
  reject: (reason: unknown) => void;
  signal?: AbortSignal;
  onAbort?: () => void;
  /** Set when its signal aborted: it stays in its queue and is skipped when reached (no O(n) removal). */
  gone: boolean;
}

/** First in, first out, O(1) at both ends: an array with a moving head, compacted once half of it is spent. */
class Fifo<T> {
  private items: (T | undefined)[] = [];
  private head = 0;

  get size(): number {
    return this.items.length - this.head;
  }

  push(item: T): void {
    this.items.push(item);
  }

  shift(): T | undefined {
    if (this.head >= this.items.length) return undefined;
    const item = this.items[this.head];
    this.items[this.head++] = undefined;
    if (this.head > 1024 && this.head * 2 > this.items.length) {
      this.items = this.items.slice(this.head);
      this.head = 0;
    }
    return item;
  }
}

/**
 * A token bucket shared by every ARM request of one kind this process makes. ARM refills reads at 25 per second per
 * subscription and principal (burst 250), writes at 10 (burst 200); polling 100 stamps every 2 s alone would need 50
 * reads a second. Staying just below ARM's rates keeps any number of parallel stamps out of 429s: more stamps only
 * means each waits its turn, and when they queue a rollback's requests go first, polls last.
 */
export class RequestBudget {
  private tokens: number;
  private last: number;
  /** One queue per priority, in RANK order. */
  private readonly queues: Fifo<Waiter>[] = [new Fifo(), new Fifo(), new Fifo()];
  private live = 0;
  private pumping = false;
  private readonly clock: Clock;
  private readonly perSecond: number;
  private readonly burst: number;

  constructor(clock: Clock, perSecond: number, burst: number) {
    this.clock = clock;
    this.perSecond = perSecond;
    this.burst = burst;
    this.tokens = burst;
    this.last = clock.now();
  }

  /** Requests waiting for a token (not counting aborted ones). */
  get queued(): number {
    return this.live;
  }

  /** Resolves when a request may be sent. */
  take(signal?: AbortSignal, priority: Priority = 'normal'): Promise<void> {
    if (signal?.aborted) return Promise.reject(signal.reason);
    this.refill();
    if (this.queued === 0 && this.tokens >= 1) {
      this.tokens -= 1;
      return Promise.resolve();
    }
    return new Promise<void>((resolve, reject) => {
      const waiter: Waiter = { resolve, reject, signal, gone: false };
      if (signal) {
        waiter.onAbort = () => {
          waiter.gone = true;
          this.live--;
          reject(signal.reason);
        };
        signal.addEventListener('abort', waiter.onAbort, { once: true });
      }
      this.queues[RANK[priority]].push(waiter);
      this.live++;
      void this.pump();
    });
  }

  /** The first waiter still waiting, in priority order; first come first served within a priority. */
  private next(): Waiter | undefined {
    for (const queue of this.queues) {
      for (let w = queue.shift(); w !== undefined; w = queue.shift()) if (!w.gone) return w;
    }
    return undefined;
  }

  private refill(): void {
    const now = this.clock.now();
    this.tokens = Math.min(this.burst, this.tokens + ((now - this.last) / 1000) * this.perSecond);
    this.last = now;
  }

  /**
   * One loop hands out tokens as they refill, always to the first waiter in priority order. A rollback's request waits
   * behind the rollback requests before it only; polls are served whenever no rollback or deployment request waits.
   */
  private async pump(): Promise<void> {
    if (this.pumping) return;
    this.pumping = true;
    try {
      for (;;) {
        this.refill();
        if (this.tokens >= 1) {
          const waiter = this.next();
          if (!waiter) break;
          this.tokens -= 1;
          this.live--;
          if (waiter.onAbort) waiter.signal!.removeEventListener('abort', waiter.onAbort);
          waiter.resolve();
          continue;
        }
        // Nobody left but aborted waiters: no token is worth waiting for.
        if (this.queued === 0) break;
        await this.clock.sleep(Math.ceil(((1 - this.tokens) / this.perSecond) * 1000));
      }
    } finally {
      this.pumping = false;
    }
  }
}
