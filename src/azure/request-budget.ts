import type { Clock } from '../time/clock.js';

/** Who is served first when requests queue: a rollback's before a deployment's, a deployment's before a poll. */
export type Priority = 'rollback' | 'normal' | 'poll';
const RANK: Record<Priority, number> = { rollback: 0, normal: 1, poll: 2 };

interface Waiter {
  rank: number;
  seq: number;
  resolve: () => void;
  reject: (reason: unknown) => void;
  signal?: AbortSignal;
  onAbort?: () => void;
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
  private readonly waiters: Waiter[] = [];
  private seq = 0;
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

  /** Resolves when a request may be sent. */
  take(signal?: AbortSignal, priority: Priority = 'normal'): Promise<void> {
    if (signal?.aborted) return Promise.reject(signal.reason);
    this.refill();
    if (this.waiters.length === 0 && this.tokens >= 1) {
      this.tokens -= 1;
      return Promise.resolve();
    }
    return new Promise<void>((resolve, reject) => {
      const waiter: Waiter = { rank: RANK[priority], seq: this.seq++, resolve, reject, signal };
      if (signal) {
        waiter.onAbort = () => {
          const at = this.waiters.indexOf(waiter);
          if (at >= 0) this.waiters.splice(at, 1);
          reject(signal.reason);
        };
        signal.addEventListener('abort', waiter.onAbort, { once: true });
      }
      this.waiters.push(waiter);
      this.waiters.sort((a, b) => a.rank - b.rank || a.seq - b.seq);
      void this.pump();
    });
  }

  private refill(): void {
    const now = this.clock.now();
    this.tokens = Math.min(this.burst, this.tokens + ((now - this.last) / 1000) * this.perSecond);
    this.last = now;
  }

  /** One loop hands out tokens as they refill, always to the first waiter in priority order. */
  private async pump(): Promise<void> {
    if (this.pumping) return;
    this.pumping = true;
    try {
      while (this.waiters.length > 0) {
        this.refill();
        if (this.tokens >= 1) {
          const waiter = this.waiters.shift()!;
          this.tokens -= 1;
          if (waiter.onAbort) waiter.signal!.removeEventListener('abort', waiter.onAbort);
          waiter.resolve();
          continue;
        }
        await this.clock.sleep(Math.ceil(((1 - this.tokens) / this.perSecond) * 1000));
      }
    } finally {
      this.pumping = false;
    }
  }
}
