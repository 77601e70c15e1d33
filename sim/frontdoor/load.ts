import https from 'node:https';
import type { Clock } from '../../src/time/clock.js';

/**
 * Synthetic users: `ratePerMinute` GET requests to a Front Door endpoint, evenly spaced on the sim's clock, so a
 * VirtualClock makes a day of traffic pass in seconds. Each request is real HTTPS on loopback; the answers are
 * counted by the origin that served them (the edge names it in `x-sim-origin`).
 */
export interface UserLoadOptions {
  /** `https://127.0.0.1:PORT` of an afdEndpoint (its `hostName`). */
  url: string;
  ratePerMinute: number;
  path?: string;
}

export interface UserLoadCounts {
  requests: number;
  byOrigin: Record<string, { requests: number; errors: number; firstAt: number; lastAt: number; firstErrorAt?: number }>;
}

export class UserLoad {
  private readonly stopping = new AbortController();
  private readonly inFlight = new Set<Promise<void>>();
  private readonly loop: Promise<void>;
  readonly counts: UserLoadCounts = { requests: 0, byOrigin: {} };

  private readonly clock: Clock;
  private readonly ca: string;
  private readonly options: UserLoadOptions;

  constructor(clock: Clock, ca: string, options: UserLoadOptions) {
    this.clock = clock;
    this.ca = ca;
    this.options = options;
    if (!(options.ratePerMinute > 0) || options.ratePerMinute > 6000) throw new Error('user load: ratePerMinute must be between 0 and 6000');
    this.loop = this.run();
  }

  /** Stops sending and waits for the requests on their way. */
  async stop(): Promise<void> {
    this.stopping.abort(new Error('user load stopped'));
    await this.loop;
    await Promise.allSettled([...this.inFlight]);
  }

  /** Counts since the last reset; the caller compares splits per step. */
  take(): UserLoadCounts {
    const copy = JSON.parse(JSON.stringify(this.counts)) as UserLoadCounts;
    this.counts.requests = 0;
    this.counts.byOrigin = {};
    return copy;
  }

  private async run(): Promise<void> {
    const gapMs = 60_000 / this.options.ratePerMinute;
    for (;;) {
      try {
        await this.clock.sleep(gapMs, this.stopping.signal);
      } catch {
        return;
      }
      const work = this.clock.track(this.send()).finally(() => this.inFlight.delete(work));
      this.inFlight.add(work);
    }
  }

  private send(): Promise<void> {
    const target = new URL(this.options.path ?? '/', this.options.url);
    return new Promise((resolve) => {
      const req = https.request(target, { method: 'GET', ca: this.ca, timeout: 30_000 }, (res) => {
        res.resume();
        res.on('end', () => {
          const origin = String(res.headers['x-sim-origin'] ?? '(none)');
          const at = this.clock.now();
          const slot = (this.counts.byOrigin[origin] ??= { requests: 0, errors: 0, firstAt: at, lastAt: at });
          slot.requests++;
          slot.lastAt = at;
          if ((res.statusCode ?? 500) >= 500) {
            slot.errors++;
            slot.firstErrorAt ??= at;
          }
          this.counts.requests++;
          resolve();
        });
      });
      req.on('timeout', () => req.destroy(new Error('timeout')));
      req.on('error', () => {
        this.counts.requests++;
        resolve();
      });
      req.end();
    });
  }
}
