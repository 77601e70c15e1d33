// What an HTTP probe's answer says, exactly, and what it reads: status lists, body patterns (any/all, invalid), the
// excerpt, which header values are masked, the 1 MiB read limit, the user agent. (Mutation testing found these
// unasserted.) Loopback only; the server is stopped after.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { HealthCheck } from '../../src/plan/types.js';
import { httpProbe } from '../../src/probes/http.js';
import { SystemClock } from '../../src/time/clock.js';
import { HEALTH } from '../engine/fakes.js';
import { probeTarget } from './target.js';

const MAX_BODY = 1024 * 1024;
let base: string;
const server = http.createServer((req, res) => {
  const fail = (body: string): void => {
    res.statusCode = 500;
    res.end(body);
  };
  switch (req.url) {
    case '/ua':
      return fail(`agent ${req.headers['user-agent']}`);
    case '/key':
      return fail(`key ${req.headers['x-key']} and ${req.headers['x-short']}`);
    case '/spaces':
      return fail(`  \n  lots   of\n\n\tspace  ${'y'.repeat(200)}`);
    case '/empty':
      return fail('');
    case '/ok':
      return void res.end('ok');
    case '/big':
      // The read stops at 1 MiB: two Zs inside it, two past it, then more past it.
      res.write('a'.repeat(MAX_BODY - 2));
      res.write('ZZZZ');
      return void res.end('Y'.repeat(100_000));
    case '/cut':
      res.writeHead(200, { 'content-length': '1000' });
      res.write('partial');
      return void setImmediate(() => res.socket?.destroy());
    default:
      return fail('not found');
  }
});

beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

const target = probeTarget('http://placeholder');
const check = (path: string, over: Omit<Partial<HealthCheck>, 'expect'> & { expect?: Partial<HealthCheck['expect']> } = {}): HealthCheck => ({
  ...HEALTH,
  ...over,
  url: `${base}${path}`,
  expect: { ...HEALTH.expect, ...over.expect },
});
const probe = httpProbe({ clock: new SystemClock(), env: { KEY: 'k123', SHORT: 'abc' } });
const signal = new AbortController().signal;
const head = (path: string, status: number, latencyMs: number): string => `GET ${base}${path} -> ${status} in ${latencyMs}ms`;

describe('http probe answers', () => {
  it('says every problem, joined, with the excerpt of the body whitespace-folded and cut at 160 characters', async () => {
    const before = performance.now();
    const answer = await probe(check('/spaces', { expect: { status: [200, 204], body: ['nope'] } }), target, signal);
    const took = performance.now() - before;
    const excerpt = `lots of space ${'y'.repeat(200)}`.slice(0, 160);
    expect(answer).toEqual({
      healthy: false,
      status: 500,
      latencyMs: answer.latencyMs,
      detail: `${head('/spaces', 500, answer.latencyMs!)}: status 500 is not 200 or 204; body does not match /nope/; body: ${JSON.stringify(excerpt)}`,
    });
    expect(answer.latencyMs).toBeLessThanOrEqual(Math.ceil(took));
  });

  it('shows no body part for an empty body', async () => {
    const answer = await probe(check('/empty'), target, signal);
    expect(answer.detail).toBe(`${head('/empty', 500, answer.latencyMs!)}: status 500 is not 200`);
  });

  it('accepts any status when the list is empty, and any body when there are no patterns', async () => {
    const answer = await probe(check('/empty', { expect: { status: [], body: [], bodyMatch: 'any' } }), target, signal);
    expect(answer).toEqual({ healthy: true, status: 500, latencyMs: answer.latencyMs, detail: head('/empty', 500, answer.latencyMs!) });
  });

  it('names every pattern when none of "any" matches, and every failed one of "all"', async () => {
    const any = await probe(check('/ok', { expect: { body: ['a', 'b'], bodyMatch: 'any' } }), target, signal);
    expect(any.detail).toBe(`${head('/ok', 200, any.latencyMs!)}: body matches none of /a/, /b/; body: "ok"`);
    const all = await probe(check('/ok', { expect: { body: ['a', 'o', 'b'], bodyMatch: 'all' } }), target, signal);
    expect(all.detail).toBe(`${head('/ok', 200, all.latencyMs!)}: body does not match /a/, /b/; body: "ok"`);
  });

  it('says a body pattern is not a regular expression', async () => {
    const answer = await probe(check('/ok', { expect: { body: ['ok', '('] } }), target, signal);
    expect(answer.detail).toBe(`${head('/ok', 200, answer.latencyMs!)}: body pattern /(/ is not a valid regular expression; body: "ok"`);
  });

  it('is healthy under its latency bound', async () => {
    expect(await probe(check('/ok', { expect: { maxLatencyMs: 60_000 } }), target, signal)).toMatchObject({ healthy: true, status: 200 });
  });

  it('masks header values of four characters or more, and leaves shorter ones (they would mask every such word)', async () => {
    const answer = await probe(check('/key', { headers: { 'x-key': '{env.KEY}', 'x-short': '{env.SHORT}' } }), target, signal);
    expect(answer.detail).toBe(`${head('/key', 500, answer.latencyMs!)}: status 500 is not 200; body: "key *** and abc"`);
  });

  it('says who is asking', async () => {
    const answer = await probe(check('/ua'), target, signal);
    expect(answer.detail).toBe(`${head('/ua', 500, answer.latencyMs!)}: status 500 is not 200; body: "agent staged-rollout-probe"`);
  });

  it('reads no more than 1 MiB of a body', async () => {
    const past = await probe(check('/big', { expect: { body: ['ZZZ', 'Y'], bodyMatch: 'any' } }), target, signal);
    expect(past).toMatchObject({ healthy: false, status: 200, detail: expect.stringContaining('body matches none of /ZZZ/, /Y/') });
    expect(await probe(check('/big', { expect: { body: ['aZZ$'] } }), target, signal)).toMatchObject({ healthy: true });
  });

  it('is unhealthy, not stuck, when the connection drops mid-body', async () => {
    const answer = await probe(check('/cut', { timeoutMs: 30_000 }), target, signal);
    // (Node's own errors come from outside jest's VM, so here they fail `instanceof Error` and print as "Error: ...".)
    expect(answer).toMatchObject({ healthy: false, detail: expect.stringMatching(new RegExp(`^GET ${base}/cut: .*aborted$`)) });
  });

  it('says what is wrong with a URL that is not one, or is missing', async () => {
    expect(await probe({ ...HEALTH, url: 'http//no-colon' }, target, signal)).toEqual({ healthy: false, latencyMs: 0, detail: 'not a valid URL: http//no-colon' });
    expect(await probe({ ...HEALTH, url: undefined }, target, signal)).toEqual({ healthy: false, latencyMs: 0, detail: 'not a valid URL: ' });
  });
});
