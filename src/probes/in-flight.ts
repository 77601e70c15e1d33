/**
 * A bound on probes in flight at once. Without it, a stage of a thousand stamps sends a thousand probes in the same
 * instant, and the prober's own work (a TLS handshake per new connection, a process per command probe) runs up their
 * timeouts: stamps fail for the prober's queue, not for their health. A probe waits its turn here, first come first
 * served, and its timeout starts only when it is sent.
 */
export class InFlightLimit {
  private active = 0;
  private readonly waiting: Array<{ grant: () => void }> = [];

  readonly max: number;

  constructor(max: number) {
    this.max = max;
    if (!Number.isInteger(max) || max < 1) throw new Error(`in-flight limit must be a positive integer, not ${max}`);
  }

  /** Resolves with a release function once a slot is free; rejects with the signal's reason if aborted first. */
  acquire(signal: AbortSignal): Promise<() => void> {
    if (signal.aborted) return Promise.reject(signal.reason);
    if (this.active < this.max) {
      this.active++;
      return Promise.resolve(this.releaser());
    }
    return new Promise((resolve, reject) => {
      const entry = {
        grant: () => {
          signal.removeEventListener('abort', onAbort);
          this.active++;
          resolve(this.releaser());
        },
      };
      const onAbort = (): void => {
        const at = this.waiting.indexOf(entry);
        if (at >= 0) this.waiting.splice(at, 1);
        reject(signal.reason);
      };
      signal.addEventListener('abort', onAbort, { once: true });
      this.waiting.push(entry);
    });
  }

  get inFlight(): number {
    return this.active;
  }

  get queued(): number {
    return this.waiting.length;
  }

  private releaser(): () => void {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.active--;
      this.waiting.shift()?.grant();
    };
  }
}
