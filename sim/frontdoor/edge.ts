import https from 'node:https';
import type { AddressInfo } from 'node:net';
import type { Clock } from '../../src/time/clock.js';
import type { SimCert } from '../certs.js';
import type { MetricStore } from '../metrics/store.js';
import type { SimState } from '../state.js';
import { WeightedPicker, type OriginChoice } from './routing.js';

/**
 * The Front Door edge on loopback: one HTTPS server per `Microsoft.Cdn/profiles/afdEndpoints` resource, alive while
 * the resource exists. A request is matched to a route of its endpoint, the route's origin group picks an origin
 * by priority and weight, and the request is really forwarded to that origin (a stamp app). Every answer is counted
 * on the profile as Azure Monitor does: RequestCount and OriginRequestCount by Origin and HttpStatusGroup.
 */
interface EdgeServer {
  server: https.Server;
  host: string;
}

const lower = (s: string): string => s.toLowerCase();
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

export class FrontDoorEdge {
  private readonly servers = new Map<string, EdgeServer>();
  private readonly pickers = new Map<string, WeightedPicker>();

  private readonly cert: SimCert;
  private readonly clock: Clock;
  private readonly state: SimState;
  private readonly metrics: MetricStore;

  constructor(cert: SimCert, clock: Clock, state: SimState, metrics: MetricStore) {
    this.cert = cert;
    this.clock = clock;
    this.state = state;
    this.metrics = metrics;
  }

  /** Starts the endpoint's server (once); returns its host as Azure returns `hostName` (here `127.0.0.1:PORT`). */
  async provisionEndpoint(endpointId: string): Promise<string> {
    const existing = this.servers.get(lower(endpointId));
    if (existing) return existing.host;
    const server = https.createServer({ key: this.cert.key, cert: this.cert.cert });
    server.on('request', (req, res) => {
      this.serve(endpointId, req, res).catch(() => res.destroy());
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
    const host = `127.0.0.1:${(server.address() as AddressInfo).port}`;
    this.servers.set(lower(endpointId), { server, host });
    return host;
  }

  async removeUnder(idPrefix: string): Promise<void> {
    const p = lower(idPrefix);
    for (const [id, s] of [...this.servers]) {
      if (!id.startsWith(p)) continue;
      this.servers.delete(id);
      await close(s.server);
    }
  }

  async stopAll(): Promise<void> {
    const all = [...this.servers.values()];
    this.servers.clear();
    await Promise.all(all.map((s) => close(s.server)));
  }

  /** Which origin the endpoint's route for `path` would send a request to next (exposed for the tests' reasoning). */
  private origins(endpointId: string, path: string): { groupId?: string; profileId: string; origins: OriginChoice[] } {
    const profileId = endpointId.slice(0, lower(endpointId).lastIndexOf('/afdendpoints/'));
    const routes = [...this.state.resources.values()].filter((r) => lower(r.type) === 'microsoft.cdn/profiles/afdendpoints/routes' && lower(r.id).startsWith(`${lower(endpointId)}/routes/`));
    const matching = routes
      .filter((r) => r.properties.enabledState !== 'Disabled')
      .map((r) => ({ r, pattern: longestMatch(Array.isArray(r.properties.patternsToMatch) ? (r.properties.patternsToMatch as string[]) : ['/*'], path) }))
      .filter((m) => m.pattern !== undefined)
      .sort((a, b) => b.pattern!.length - a.pattern!.length);
    const route = matching[0]?.r;
    const groupId = isObject(route?.properties.originGroup) ? String(route!.properties.originGroup.id ?? '') : undefined;
    if (!groupId) return { profileId, origins: [] };
    const origins = [...this.state.resources.values()]
      .filter((r) => lower(r.type) === 'microsoft.cdn/profiles/origingroups/origins' && lower(r.id).startsWith(`${lower(groupId)}/origins/`))
      .map((r) => ({
        id: r.id,
        hostName: String(r.properties.hostName ?? ''),
        httpsPort: Number(r.properties.httpsPort ?? 443),
        priority: Number(r.properties.priority ?? 1),
        weight: Number(r.properties.weight ?? 50),
        enabled: r.properties.enabledState !== 'Disabled',
      }));
    return { groupId, profileId, origins };
  }

  private async serve(endpointId: string, req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse): Promise<void> {
    const path = (req.url ?? '/').split('?')[0];
    const { groupId, profileId, origins } = this.origins(endpointId, path);
    const picker = this.pickers.get(groupId ?? '') ?? new WeightedPicker();
    this.pickers.set(groupId ?? '', picker);
    const origin = picker.pick(origins);
    const at = this.clock.now();
    if (!origin) {
      this.metrics.add(profileId, 'RequestCount', { HttpStatusGroup: '5xx' }, at);
      res.writeHead(503, { 'content-type': 'text/plain' });
      res.end('No healthy origin in the origin group of this route (local Front Door).');
      return;
    }
    const answer = await forward(origin, req.method ?? 'GET', req.url ?? '/', this.cert.cert);
    const group = `${Math.floor(answer.status / 100)}xx`;
    this.metrics.add(profileId, 'RequestCount', { HttpStatusGroup: group }, at);
    this.metrics.add(profileId, 'OriginRequestCount', { Origin: `${origin.hostName}:${origin.httpsPort}`, HttpStatusGroup: group }, at);
    res.writeHead(answer.status, { 'content-type': answer.contentType, 'x-sim-origin': origin.id.split('/').pop()! });
    res.end(answer.body);
  }
}

function longestMatch(patterns: string[], path: string): string | undefined {
  const hits = patterns.filter((p) => (p.endsWith('/*') ? path.startsWith(p.slice(0, -1)) || path === p.slice(0, -2) : path === p));
  return hits.sort((a, b) => b.length - a.length)[0];
}

function forward(origin: OriginChoice, method: string, url: string, ca: string): Promise<{ status: number; body: Buffer; contentType: string }> {
  return new Promise((resolve) => {
    const req = https.request({ host: origin.hostName, port: origin.httpsPort, method, path: url, ca, timeout: 30_000 }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 502, body: Buffer.concat(chunks), contentType: String(res.headers['content-type'] ?? 'text/plain') }));
      res.on('error', () => resolve({ status: 502, body: Buffer.from('origin answer broke off'), contentType: 'text/plain' }));
    });
    req.on('timeout', () => req.destroy(new Error('origin timeout')));
    // An origin that is gone or refuses is a 502 at the edge, as Front Door answers.
    req.on('error', () => resolve({ status: 502, body: Buffer.from('origin unreachable (local Front Door)'), contentType: 'text/plain' }));
    req.end();
  });
}

function close(server: https.Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}
