import type { Clock } from '../src/time/clock.js';

export type OperationKind = 'read' | 'write' | 'delete';

/** ARM public-cloud numbers (2025): per subscription, per kind. */
const LIMITS: Record<OperationKind, { burst: number; perSecond: number }> = {
  read: { burst: 250, perSecond: 25 },
  write: { burst: 200, perSecond: 10 },
  delete: { burst: 200, perSecond: 10 },
};

export function operationKind(method: string): OperationKind {
  const m = method.toUpperCase();
  if (m === 'GET' || m === 'HEAD') return 'read';
  if (m === 'DELETE') return 'delete';
  return 'write';
}

interface Bucket {
  tokens: number;
  at: number;
}

/** Token buckets refilled lazily from the clock, so virtual time refills them exactly like real time would. */
export class Throttle {
  private readonly buckets = new Map<string, Bucket>();
  private readonly clock: Clock;
  private readonly scale: number;

  constructor(clock: Clock, scale = 1) {
    this.clock = clock;
    this.scale = scale;
  }

  get enabled(): boolean {
    return Number.isFinite(this.scale);
  }

  /** Takes one token; `ok: false` carries the whole seconds until one is back (ARM's Retry-After). */
  take(subscription: string, kind: OperationKind): { ok: boolean; remaining: number; retryAfterSeconds: number } {
    const { burst, perSecond } = LIMITS[kind];
    if (!this.enabled) return { ok: true, remaining: burst, retryAfterSeconds: 0 };
    const cap = Math.max(1, burst * this.scale);
    const rate = perSecond * this.scale;
    const key = `${subscription.toLowerCase()}|${kind}`;
    const now = this.clock.now();
    const b = this.buckets.get(key) ?? { tokens: cap, at: now };
    b.tokens = Math.min(cap, b.tokens + ((now - b.at) / 1000) * rate);
    b.at = now;
    this.buckets.set(key, b);
    if (b.tokens >= 1) {
      b.tokens -= 1;
      return { ok: true, remaining: Math.floor(b.tokens), retryAfterSeconds: 0 };
    }
    const wait = rate > 0 ? Math.ceil((1 - b.tokens) / rate) : 3600;
    return { ok: false, remaining: 0, retryAfterSeconds: Math.max(1, wait) };
  }

  /** Remaining tokens without taking one (for the headers of kinds not used by this request). */
  remaining(subscription: string, kind: OperationKind): number {
    const { burst, perSecond } = LIMITS[kind];
    if (!this.enabled) return burst;
    const b = this.buckets.get(`${subscription.toLowerCase()}|${kind}`);
    if (!b) return Math.floor(Math.max(1, burst * this.scale));
    const tokens = Math.min(burst * this.scale, b.tokens + ((this.clock.now() - b.at) / 1000) * perSecond * this.scale);
    return Math.floor(tokens);
  }
}
