/**
 * The HTTP(S) probe: one GET against the stamp's URL, judged by status, body patterns and latency, as Azure Deployment
 * Manager's REST health check judged it.
 */
import http from 'node:http';
import https from 'node:https';
import { performance } from 'node:perf_hooks';
import tls from 'node:tls';
import type { HealthCheck } from '../plan/types.js';
import type { Clock } from '../time/clock.js';
import { ProbeConnections, type ConnectionOptions } from './connections.js';
import { resolveEnv, resolveOutputs } from './template.js';
import { ProbeTimeout, withTimeout } from './timeout.js';
import { unhealthy, type ProbeAnswer, type ProbeTarget } from './types.js';

export interface HttpProbeOptions {
  clock: Clock;
  /** Where `{env.NAME}` in header values comes from; read at each probe so rotated secrets are picked up. */
  env?: Record<string, string | undefined>;
  /** Extra trusted CA certificates (PEM), e.g. the local ARM endpoint's self-signed one. */
  ca?: string | Buffer | Array<string | Buffer>;
  /** Bounds of the kept-alive connections (see ProbeConnections); the defaults unless given. */
  connections?: ConnectionOptions;
}

/** Enough of any health page; a probe must not buffer a runaway response. */
const MAX_BODY = 1024 * 1024;
const EXCERPT = 160;

interface Response {
  status: number;
  body: string;
}

export function httpProbe(options: HttpProbeOptions) {
  // One TLS context for every probe of this prober: building one per connection loads the whole CA store each time,
  // which for hundreds of stamps probed at once is most of the process's memory. Made at the first probe, so a CA
  // trusted after the prober was created still counts.
  let tlsContext: tls.SecureContext | undefined;
  const context = (): tls.SecureContext => (tlsContext ??= tls.createSecureContext({ ca: options.ca ?? tls.getCACertificates('default') }));
  const connections = new ProbeConnections(options.connections);
  return async (check: HealthCheck, target: ProbeTarget, signal: AbortSignal): Promise<ProbeAnswer> => {
    const url = resolveOutputs(check.url ?? '', target.outputs);
    if (!url.ok) return unhealthy(`${target.stamp.id}: ${url.detail}`);
    let parsed: URL;
    try {
      parsed = new URL(url.value);
    } catch {
      return unhealthy(`not a valid URL: ${url.shown}`);
    }
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return unhealthy(`not an http(s) URL: ${url.shown}`);

    const headers: Record<string, string> = {};
    const secrets: string[] = [];
    for (const [name, template] of Object.entries(check.headers)) {
      const value = resolveEnv(template, options.env ?? process.env);
      // The variable's name helps; its value never appears in a detail.
      if (!value.ok) return unhealthy(`header ${name}: environment variable ${value.missing} is not set`);
      headers[name] = value.value;
      if (value.value.length >= 4) secrets.push(value.value);
    }
    if (url.secure) secrets.push(url.value);

    const redact = (text: string): string => secrets.reduce((acc, s) => acc.split(s).join('***'), text);
    const started = performance.now();
    const latency = (): number => Math.round(performance.now() - started);
    let response: Response;
    try {
      response = await withTimeout(options.clock, check.timeoutMs, signal, (inner) => get(parsed, headers, parsed.protocol === 'https:' ? context() : undefined, connections.agentFor(parsed, check), inner));
    } catch (error) {
      if (signal.aborted) throw signal.reason;
      const reason = error instanceof ProbeTimeout ? error.message : describe(error);
      return unhealthy(`GET ${url.shown}: ${redact(reason)}`, latency());
    }
    const latencyMs = latency();
    const problems = judge(check, response, latencyMs);
    const head = `GET ${url.shown} -> ${response.status} in ${latencyMs}ms`;
    if (problems.length === 0) return { healthy: true, status: response.status, latencyMs, detail: head };
    const excerpt = response.body.replace(/\s+/g, ' ').trim().slice(0, EXCERPT);
    const body = excerpt ? `; body: ${JSON.stringify(excerpt)}` : '';
    return { healthy: false, status: response.status, latencyMs, detail: redact(`${head}: ${problems.join('; ')}${body}`) };
  };
}

function judge(check: HealthCheck, response: Response, latencyMs: number): string[] {
  const problems: string[] = [];
  const { expect } = check;
  if (expect.status.length > 0 && !expect.status.includes(response.status)) {
    problems.push(`status ${response.status} is not ${expect.status.join(' or ')}`);
  }
  if (expect.body.length > 0) {
    const results = expect.body.map((pattern) => {
      try {
        return { pattern, matched: new RegExp(pattern).test(response.body) };
      } catch {
        return { pattern, matched: false, invalid: true };
      }
    });
    const invalid = results.find((r) => 'invalid' in r);
    if (invalid) problems.push(`body pattern /${invalid.pattern}/ is not a valid regular expression`);
    else if (expect.bodyMatch === 'any' && !results.some((r) => r.matched)) {
      problems.push(`body matches none of ${results.map((r) => `/${r.pattern}/`).join(', ')}`);
    } else if (expect.bodyMatch !== 'any') {
      const failed = results.filter((r) => !r.matched);
      if (failed.length > 0) problems.push(`body does not match ${failed.map((r) => `/${r.pattern}/`).join(', ')}`);
    }
  }
  if (expect.maxLatencyMs !== undefined && latencyMs > expect.maxLatencyMs) {
    problems.push(`latency ${latencyMs}ms is over ${expect.maxLatencyMs}ms`);
  }
  return problems;
}

function describe(error: unknown): string {
  if (error instanceof Error) {
    const code = (error as NodeJS.ErrnoException).code;
    return code && !error.message.includes(code) ? `${code}: ${error.message}` : error.message;
  }
  return String(error);
}

function get(url: URL, headers: Record<string, string>, secureContext: tls.SecureContext | undefined, agent: http.Agent, signal: AbortSignal): Promise<Response> {
  return new Promise((resolve, reject) => {
    const transport = url.protocol === 'https:' ? https : http;
    const request = transport.request(
      url,
      { method: 'GET', headers: { 'user-agent': 'staged-rollout-probe', ...headers }, agent, signal, ...(secureContext ? { secureContext } : {}) },
      (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (chunk: Buffer) => {
          if (size < MAX_BODY) chunks.push(chunk.subarray(0, MAX_BODY - size));
          size += chunk.length;
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      },
    );
    request.on('error', reject);
    request.end();
  });
}
