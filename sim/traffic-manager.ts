import https from 'node:https';
import type { AddressInfo } from 'node:net';
import type { SimCert } from './certs.js';

/**
 * Traffic Manager profiles (Microsoft.Network/trafficManagerProfiles) as a loopback router: each profile gets an
 * HTTPS port that forwards every request to the endpoint its routing method picks, so a test can see where users'
 * requests land after a failover redeployed the profile with new priorities. Azure's Traffic Manager answers DNS, not
 * HTTP, and probes its endpoints itself; here it proxies and never probes (see sim/README.md).
 */
export const TRAFFIC_MANAGER = 'microsoft.network/trafficmanagerprofiles';

interface Endpoint {
  name: string;
  target: string;
  priority: number;
  weight: number;
}

interface Router {
  server: https.Server;
  host: string;
  method: string;
  endpoints: Endpoint[];
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

export class TrafficRouters {
  private readonly routers = new Map<string, Router>();
  private readonly cert: SimCert;

  constructor(cert: SimCert) {
    this.cert = cert;
  }

  /** Starts (or re-routes) the router of a profile; returns the properties ARM reports, `dnsConfig.fqdn` its address. */
  async deploy(resourceId: string, properties: Record<string, unknown>): Promise<Record<string, unknown>> {
    const key = resourceId.toLowerCase();
    const endpoints = endpointsOf(properties.endpoints);
    const method = typeof properties.trafficRoutingMethod === 'string' ? properties.trafficRoutingMethod : 'Priority';
    let router = this.routers.get(key);
    if (router) {
      router.endpoints = endpoints;
      router.method = method;
    } else {
      const server = https.createServer({ key: this.cert.key, cert: this.cert.cert });
      router = { server, host: '', method, endpoints };
      const current = router;
      server.on('request', (req, res) => this.forward(current, req, res));
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(0, '127.0.0.1', () => resolve());
      });
      router.host = `127.0.0.1:${(server.address() as AddressInfo).port}`;
      this.routers.set(key, router);
    }
    const dnsConfig = isObject(properties.dnsConfig) ? properties.dnsConfig : {};
    return { ...properties, dnsConfig: { ...dnsConfig, fqdn: router.host }, profileStatus: 'Enabled', provisioningState: 'Succeeded' };
  }

  async remove(resourceId: string): Promise<void> {
    const router = this.routers.get(resourceId.toLowerCase());
    if (!router) return;
    this.routers.delete(resourceId.toLowerCase());
    await close(router.server);
  }

  async stopAll(): Promise<void> {
    const all = [...this.routers.values()];
    this.routers.clear();
    await Promise.all(all.map((r) => close(r.server)));
  }

  private forward(router: Router, req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse): void {
    const endpoint = pick(router);
    if (!endpoint) {
      res.writeHead(502, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: 'no enabled endpoint in the Traffic Manager profile' }));
      return;
    }
    const [hostname, port] = endpoint.target.replace(/^https?:\/\//, '').split('/')[0].split(':');
    const upstream = https.request(
      { hostname, port: port ? Number(port) : 443, path: req.url, method: req.method, headers: { ...req.headers, host: endpoint.target }, ca: this.cert.cert, agent: false },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, { ...answer.headers, 'x-sim-traffic-endpoint': endpoint.name });
        answer.pipe(res);
      },
    );
    upstream.on('error', (error) => {
      if (res.headersSent) return void res.destroy();
      res.writeHead(502, { 'content-type': 'application/json', 'x-sim-traffic-endpoint': endpoint.name });
      res.end(JSON.stringify({ error: `endpoint ${endpoint.name} (${endpoint.target}) did not answer: ${error.message}` }));
    });
    req.pipe(upstream);
  }
}

/** Priority: the enabled endpoint with the lowest priority number. Weighted: at random in proportion to weight. */
function pick(router: Router): Endpoint | undefined {
  const enabled = router.endpoints;
  if (enabled.length === 0) return undefined;
  if (router.method.toLowerCase() === 'weighted') {
    const total = enabled.reduce((sum, e) => sum + e.weight, 0);
    let roll = Math.random() * total;
    for (const e of enabled) if ((roll -= e.weight) < 0) return e;
    return enabled[enabled.length - 1];
  }
  return [...enabled].sort((a, b) => a.priority - b.priority)[0];
}

function endpointsOf(value: unknown): Endpoint[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((e, i) => {
    if (!isObject(e)) return [];
    const p = isObject(e.properties) ? e.properties : {};
    if (typeof p.endpointStatus === 'string' && p.endpointStatus.toLowerCase() === 'disabled') return [];
    const target = typeof p.target === 'string' ? p.target : undefined;
    if (!target) return [];
    return [{ name: typeof e.name === 'string' ? e.name : `endpoint${i}`, target, priority: Number(p.priority ?? i + 1), weight: Number(p.weight ?? 1) }];
  });
}

function close(server: https.Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}
