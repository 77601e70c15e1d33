// Probes in flight at once are bounded: a stage of thousands of stamps must not send thousands of probes in the same
// instant, where the prober's own work, not the stamps, decides their timeouts.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { HealthCheck } from '../../src/plan/types.js';
import { createProber } from '../../src/probes/index.js';
import { InFlightLimit } from '../../src/probes/in-flight.js';
import type { ProbeTarget } from '../../src/probes/types.js';
import { SystemClock, VirtualClock } from '../../src/time/clock.js';
import { HEALTH, stamp } from '../engine/fakes.js';

describe('InFlightLimit', () => {
  const never = new AbortController().signal;

  it('grants up to its bound at once, then one slot per release, first come first served', async () => {
    const limit = new InFlightLimit(2);
    const a = await limit.acquire(never);
    const b = await limit.acquire(never);
    const order: string[] = [];
    const c = limit.acquire(never).then((release) => (order.push('c'), release));
    const d = limit.acquire(never).then((release) => (order.push('d'), release));
    await new Promise((r) => setImmediate(r));
    expect(order).toEqual([]);
    expect([limit.inFlight, limit.queued]).toEqual([2, 2]);
    b();
    b(); // a second release of the same slot frees nothing more
    const releaseC = await c;
    expect(order).toEqual(['c']);
    expect([limit.inFlight, limit.queued]).toEqual([2, 1]);
    a();
    (await d)();
    releaseC();
    expect([limit.inFlight, limit.queued]).toEqual([0, 0]);
  });

  it('takes an aborted waiter out of the queue, so its turn goes to the next one', async () => {
    const limit = new InFlightLimit(1);
    const first = await limit.acquire(never);
    const abort = new AbortController();
    const left = limit.acquire(abort.signal);
    const next = limit.acquire(never);
    abort.abort(new Error('SIGTERM'));
    await expect(left).rejects.toThrow('SIGTERM');
    expect(limit.queued).toBe(1);
    first();
    (await next)();
    expect(limit.inFlight).toBe(0);
  });

  it('refuses a bound that is not a positive integer', () => {
    expect(() => new InFlightLimit(0)).toThrow('in-flight limit must be a positive integer, not 0');
  });
});

describe('createProber', () => {
  let base: string;
  let open = 0;
  let most = 0;
  let slow: VirtualClock | undefined;
  const server = http.createServer((req, res) => {
    open++;
    most = Math.max(most, open);
    const reply = (): void => {
      open--;
      res.end('{"status": "ok"}');
    };
    if (req.url === '/slow') void slow!.release(slow!.sleep(30_000)).then(reply);
    else setTimeout(reply, 400);
  });
  beforeAll(async () => {
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
  });

  const check = (path: string, timeoutMs: number): HealthCheck => ({ ...HEALTH, url: `{outputs.endpoint}${path}`, timeoutMs });
  const target = (id: string): ProbeTarget => ({ stamp: stamp(id, { region: id.split('@')[1] }), outputs: { endpoint: { type: 'String', value: base } }, rollout: { id: 'r', version: '2.0.0', mode: 'standard' } });

  it('sends at most its bound at once, and starts a queued probe\'s timeout only when it is sent', async () => {
    most = 0;
    const prober = createProber({ clock: new SystemClock(), maxInFlight: 2 });
    const signal = new AbortController().signal;
    // Six probes of 400 ms, two at a time, take ~1.2 s: with the timeout counted from the call, the last two (queued
    // for 800 ms at least) would time out at 700 ms. Counted from the send, each has 300 ms to spare for a busy machine
    // (a 40 ms margin failed under CI's load).
    const answers = await Promise.all(['a', 'b', 'c', 'd', 'e', 'f'].map((id) => prober.probe(check('/ok', 700), target(`app@${id}`), signal)));
    expect(answers.map((a) => a.healthy)).toEqual([true, true, true, true, true, true]);
    expect(most).toBe(2);
  });

  it('lets a virtual clock move while a slow answer is held, with probes queued behind it', async () => {
    const clock = new VirtualClock(Date.UTC(2026, 0, 1)).start();
    slow = clock;
    try {
      const prober = createProber({ clock, maxInFlight: 1 });
      const signal = new AbortController().signal;
      // Each answer is held 30 s of virtual time (as the local endpoint's healthSlow fault holds one).
      const answers = await Promise.all([prober.probe(check('/slow', 60_000), target('app@a'), signal), prober.probe(check('/slow', 60_000), target('app@b'), signal)]);
      expect(answers.map((a) => a.healthy)).toEqual([true, true]);
      expect(clock.now() - Date.UTC(2026, 0, 1)).toBe(60_000);
    } finally {
      clock.stop();
    }
  });
});
