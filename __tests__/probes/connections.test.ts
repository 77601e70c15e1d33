// The probe's kept-alive connections: reused within a check's cadence, closed one cadence after the last probe, and
// never more idle at once than the bound, so a stage of thousands of stamps does not hold a TLS connection per stamp.
import { afterEach, describe, expect, it } from '@jest/globals';
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { HealthCheck } from '../../src/plan/types.js';
import { ProbeConnections } from '../../src/probes/connections.js';
import { httpProbe } from '../../src/probes/http.js';
import { SystemClock } from '../../src/time/clock.js';
import { HEALTH } from '../engine/fakes.js';
import { probeTarget } from './target.js';

interface Host {
  url: string;
  server: http.Server;
  /** Connections the server accepted, in order. */
  connections: Socket[];
}

const hosts: Host[] = [];
afterEach(async () => {
  for (const { server } of hosts.splice(0)) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

async function host(): Promise<Host> {
  const server = http.createServer({ keepAliveTimeout: 60_000 }, (_req, res) => res.end('ok'));
  const connections: Socket[] = [];
  server.on('connection', (socket: Socket) => connections.push(socket));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const h = { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server, connections };
  hosts.push(h);
  return h;
}

const closed = (socket: Socket): Promise<void> => new Promise((resolve) => (socket.destroyed ? resolve() : socket.once('close', () => resolve())));

function get(url: string, agent: http.Agent): Promise<void> {
  return new Promise((resolve, reject) => {
    const request = http.get(url, { agent }, (res) => {
      res.resume();
      res.on('end', () => resolve());
    });
    request.on('error', reject);
  });
}

/** The socket timeout the agent gives its idle connections (Node reads it; @types/node does not declare it). */
const idleTimeout = (agent: http.Agent): number | undefined => (agent as unknown as { options: { timeout?: number } }).options.timeout;
const check = (over: Partial<HealthCheck> = {}): HealthCheck => ({ ...HEALTH, ...over });

describe('probe connections', () => {
  it('reuse one connection within the cadence and close it a cadence and the slack after the last probe', async () => {
    const a = await host();
    const pool = new ProbeConnections({ idleSlackMs: 30 });
    const cadence = check({ intervalMs: 20 });
    const agent = pool.agentFor(new URL(a.url), cadence);
    for (let i = 0; i < 3; i++) await get(`${a.url}/healthz`, agent);
    expect(a.connections).toHaveLength(1);
    expect(pool.idleCount).toBe(1);

    await closed(a.connections[0]);
    await new Promise((resolve) => setImmediate(resolve));
    expect(pool.idleCount).toBe(0);
    await get(`${a.url}/healthz`, agent);
    expect(a.connections).toHaveLength(2);
  });

  it('keep one idle connection per host: of two probes at once, one connection stays', async () => {
    const a = await host();
    const pool = new ProbeConnections();
    const agent = pool.agentFor(new URL(a.url), check());
    await Promise.all([get(a.url, agent), get(a.url, agent)]);
    expect(a.connections).toHaveLength(2);
    await Promise.race(a.connections.map(closed));
    expect(pool.idleCount).toBe(1);
    expect(a.connections.filter((c) => !c.destroyed)).toHaveLength(1);
  });

  it('keep the idle time of the longer of interval and bake-watch cadence, one agent per cadence', async () => {
    const a = await host();
    const pool = new ProbeConnections();
    const fast = pool.agentFor(new URL(a.url), check({ intervalMs: 5_000 }));
    expect(idleTimeout(fast)).toBe(6_000);
    const watched = pool.agentFor(new URL(a.url), check({ intervalMs: 5_000, watchMs: 60_000 }));
    expect(idleTimeout(watched)).toBe(61_000);
    expect(watched).not.toBe(fast);
    expect(pool.agentFor(new URL(`${a.url}/other`), check({ intervalMs: 5_000 }))).toBe(fast);
  });

  it('close a connection after its probe once the bound is reached, keeping those already kept', async () => {
    const [a, b, c] = [await host(), await host(), await host()];
    const probe = httpProbe({ clock: new SystemClock(), connections: { maxIdle: 2 } });
    const signal = new AbortController().signal;
    const slow = check({ url: '{outputs.endpoint}/healthz', intervalMs: 60_000 });
    for (let round = 0; round < 3; round++) {
      for (const h of [a, b, c]) expect((await probe(slow, probeTarget(h.url), signal)).healthy).toBe(true);
    }
    expect([a, b, c].map((h) => h.connections.length)).toEqual([1, 1, 3]);
    // The connection c could not keep was closed by the client, not left to the server.
    await closed(c.connections[0]);
    expect(a.connections[0].destroyed).toBe(false);
  });

  it('give the place of a kept connection that closes to the next one', async () => {
    const [a, b] = [await host(), await host()];
    const pool = new ProbeConnections({ maxIdle: 1 });
    const slow = check({ intervalMs: 60_000 });
    await get(a.url, pool.agentFor(new URL(a.url), slow));
    expect(pool.idleCount).toBe(1);
    a.server.closeAllConnections();
    await closed(a.connections[0]);
    for (let i = 0; i < 20 && pool.idleCount > 0; i++) await new Promise((resolve) => setTimeout(resolve, 5));
    expect(pool.idleCount).toBe(0);

    const agent = pool.agentFor(new URL(b.url), slow);
    await get(b.url, agent);
    await get(b.url, agent);
    expect(b.connections).toHaveLength(1);
    expect(pool.idleCount).toBe(1);
  });
});
