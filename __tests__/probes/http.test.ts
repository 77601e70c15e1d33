import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { generate } from 'selfsigned';
import type { HealthCheck } from '../../src/plan/types.js';
import { httpProbe } from '../../src/probes/http.js';
import { SystemClock, VirtualClock } from '../../src/time/clock.js';
import { HEALTH } from '../engine/fakes.js';
import { probeTarget } from './target.js';

const TOKEN = 'tok-3f9a81c2e7';
let base: string;
let tlsBase: string;
let ca: string;
let tlsKey: string;
const servers: Array<http.Server | https.Server> = [];

const handler: http.RequestListener = (req, res) => {
  switch (req.url) {
    case '/ok':
      return void res.end('{"status": "ok", "version": "2.0.0"}');
    case '/bad':
      res.statusCode = 503;
      return void res.end('{"status": "degraded"}');
    case '/slow':
      return void setTimeout(() => res.end('{"status": "ok"}'), 80);
    case '/hang':
      return;
    case '/auth':
      res.statusCode = req.headers.authorization === `Bearer ${TOKEN}` ? 200 : 401;
      // A careless health page that echoes the credential back.
      return void res.end(`auth was ${req.headers.authorization ?? 'missing'}`);
    default:
      res.statusCode = 404;
      return void res.end('not found');
  }
};

const listen = (server: http.Server | https.Server): Promise<string> =>
  new Promise((resolve) => {
    servers.push(server);
    server.listen(0, '127.0.0.1', () => resolve(String((server.address() as AddressInfo).port)));
  });

beforeAll(async () => {
  base = `http://127.0.0.1:${await listen(http.createServer(handler))}`;
  const pems = await generate([{ name: 'commonName', value: 'localhost' }], {
    keySize: 2048,
    algorithm: 'sha256',
    extensions: [{ name: 'subjectAltName', altNames: [{ type: 7, ip: '127.0.0.1' }] }],
  });
  ca = pems.cert;
  tlsKey = pems.private;
  tlsBase = `https://127.0.0.1:${await listen(https.createServer({ key: pems.private, cert: pems.cert }, handler))}`;
});

afterAll(async () => {
  for (const server of servers) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

const check = (over: Omit<Partial<HealthCheck>, 'expect'> & { expect?: Partial<HealthCheck['expect']> } = {}): HealthCheck => ({
  ...HEALTH,
  ...over,
  expect: { ...HEALTH.expect, ...over.expect },
});
const probe = httpProbe({ clock: new SystemClock(), env: { TOKEN }, ca: undefined });
const signal = new AbortController().signal;

describe('http probe', () => {
  it('reuses one kept-alive connection per host across probes, over TLS too', async () => {
    for (const secure of [false, true]) {
      const connections: unknown[] = [];
      const server = secure ? https.createServer({ key: tlsKey, cert: ca }, handler) : http.createServer(handler);
      server.on('connection', (c) => connections.push(c));
      const port = await listen(server);
      const own = httpProbe({ clock: new SystemClock(), ca: secure ? ca : undefined });
      const url = `${secure ? 'https' : 'http'}://127.0.0.1:${port}`;
      for (let i = 0; i < 5; i++) expect((await own(check({ url: '{outputs.endpoint}/ok' }), probeTarget(url), signal)).healthy).toBe(true);
      expect(connections).toHaveLength(1);
    }
  });

  it('is healthy on an expected status with every body pattern matching', async () => {
    const answer = await probe(check({ url: '{outputs.endpoint}/ok', expect: { body: ['"status":\\s*"ok"', '2\\.0\\.0'] } }), probeTarget(base), signal);
    expect(answer).toMatchObject({ healthy: true, status: 200 });
    expect(answer.detail).toMatch(new RegExp(`^GET ${base}/ok -> 200 in \\d+ms$`));
  });

  it('tells all from any', async () => {
    const patterns = ['"status":\\s*"ok"', 'nope'];
    expect((await probe(check({ url: '{outputs.endpoint}/ok', expect: { body: patterns, bodyMatch: 'all' } }), probeTarget(base), signal)).detail).toMatch(/body does not match \/nope\//);
    expect((await probe(check({ url: '{outputs.endpoint}/ok', expect: { body: patterns, bodyMatch: 'any' } }), probeTarget(base), signal)).healthy).toBe(true);
  });

  it('is unhealthy on another status, saying which and showing the start of the body', async () => {
    const answer = await probe(check({ url: '{outputs.endpoint}/bad' }), probeTarget(base), signal);
    expect(answer).toMatchObject({ healthy: false, status: 503 });
    expect(answer.detail).toMatch(/-> 503 in \d+ms: status 503 is not 200; body: "\{\\"status\\": \\"degraded\\"\}"/);
  });

  it('is unhealthy over the latency bound', async () => {
    const answer = await probe(check({ url: '{outputs.endpoint}/slow', expect: { maxLatencyMs: 20 } }), probeTarget(base), signal);
    expect(answer.healthy).toBe(false);
    expect(answer.detail).toMatch(/latency \d+ms is over 20ms/);
    expect(answer.latencyMs).toBeGreaterThanOrEqual(60);
  });

  it('sends headers from the env without ever printing their values', async () => {
    const headers = { authorization: 'Bearer {env.TOKEN}' };
    const good = await probe(check({ url: '{outputs.endpoint}/auth', headers }), probeTarget(base), signal);
    expect(good.healthy).toBe(true);
    const mismatch = await probe(check({ url: '{outputs.endpoint}/auth', headers, expect: { body: ['never'] } }), probeTarget(base), signal);
    expect(mismatch.healthy).toBe(false);
    expect(mismatch.detail).toContain('auth was ***');
    expect(mismatch.detail).not.toContain(TOKEN);
    const missing = await probe(check({ url: '{outputs.endpoint}/auth', headers: { authorization: 'Bearer {env.NOT_SET}' } }), probeTarget(base), signal);
    expect(missing).toMatchObject({ healthy: false, detail: 'header authorization: environment variable NOT_SET is not set' });
  });

  it('names a missing output and the outputs there are', async () => {
    const answer = await probe(check({ url: '{outputs.hostName}/ok' }), probeTarget(base, { fqdn: { type: 'String', value: 'x' } }), signal);
    expect(answer).toMatchObject({ healthy: false });
    expect(answer.detail).toBe("app@eastus: output 'hostName' not found in the deployment's outputs (endpoint, fqdn)");
  });

  it('masks a secure output used in the URL', async () => {
    const answer = await probe(check({ url: '{outputs.endpoint}/bad?code={outputs.key}' }), probeTarget(base, { key: { type: 'SecureString', value: 'k-secret-1' } }), signal);
    expect(answer.detail).toContain('?code=***');
    expect(answer.detail).not.toContain('k-secret-1');
  });

  it('times out a server that never answers, even on a virtual clock', async () => {
    const clock = new VirtualClock().start();
    try {
      const answer = await httpProbe({ clock })(check({ url: '{outputs.endpoint}/hang', timeoutMs: 150 }), probeTarget(base), signal);
      expect(answer).toMatchObject({ healthy: false });
      expect(answer.detail).toBe(`GET ${base}/hang: timed out after 150ms`);
      expect(clock.pending).toBe(0);
    } finally {
      clock.stop();
    }
  });

  it('is unhealthy when nothing listens', async () => {
    const answer = await probe(check({ url: 'http://127.0.0.1:1/ok' }), probeTarget(base), signal);
    expect(answer.healthy).toBe(false);
    expect(answer.detail).toMatch(/ECONNREFUSED/);
  });

  it('trusts a self-signed server only with its CA', async () => {
    const withCa = httpProbe({ clock: new SystemClock(), ca });
    expect((await withCa(check({ url: '{outputs.endpoint}/ok' }), probeTarget(tlsBase), signal)).healthy).toBe(true);
    const without = await probe(check({ url: '{outputs.endpoint}/ok' }), probeTarget(tlsBase), signal);
    expect(without.healthy).toBe(false);
    expect(without.detail).toMatch(/self.signed|certificate/i);
  });

  it('passes an abort through instead of calling it unhealthy', async () => {
    const abort = new AbortController();
    const pending = probe(check({ url: '{outputs.endpoint}/hang' }), probeTarget(base), abort.signal);
    setImmediate(() => abort.abort(new Error('SIGTERM')));
    await expect(pending).rejects.toThrow('SIGTERM');
  });
});
