import https from 'node:https';
import net, { type AddressInfo } from 'node:net';
import type { Clock } from '../src/time/clock.js';
import type { SimCert } from './certs.js';
import type { FaultStore, FaultSubject } from './faults.js';
import type { MetricStore } from './metrics/store.js';
import { userErrorStatus, type UserErrorRule } from './frontdoor/user-errors.js';

export interface SimApp {
  resourceId: string;
  /** `https://127.0.0.1:PORT`: what a probe calls. */
  url: string;
  version: string;
  region: string;
  resourceGroup: string;
  subscription: string;
  type: string;
  deploymentName: string;
}

interface Running {
  info: SimApp;
  /** The app's own port; its connections are handed to the one TLS server of all apps. */
  listener: net.Server;
  sockets: Set<net.Socket>;
  startedAt: number;
}

/**
 * How long an idle keep-alive connection to an app stays open, in real time: Azure's load balancers drop idle flows
 * after 4 minutes. Node's default (5 s) made every probe round of a large rehearsal a fresh TLS handshake.
 */
const IDLE_CONNECTION_MS = 4 * 60_000;

/**
 * The stamps' apps: one small HTTPS app per site / container app, on a port of its own, alive from its first deployment until its
 * resource (group) is deleted. A redeploy swaps the version in place, so the host name stays stable as in Azure.
 */
export class StampApps {
  private readonly apps = new Map<string, Running>();
  private readonly cert: SimCert;
  private readonly clock: Clock;
  private readonly faults: FaultStore;
  private readonly stopping = new AbortController();
  /** Requests and 5xx per app, as Azure Monitor counts them for a site. */
  metrics?: MetricStore;
  /** Errors injected into user requests (not health probes): a unit that serves users badly. */
  userErrors: UserErrorRule[] = [];
  private readonly served = new Map<string, number>();
  /**
   * One TLS server for every app, each app on a port of its own: one certificate context instead of one per app
   * (thousands of stamps in a rehearsal), and the app is known by the port a request came in on.
   */
  private tls?: https.Server;
  private readonly byPort = new Map<number, Running>();

  constructor(cert: SimCert, clock: Clock, faults: FaultStore) {
    this.cert = cert;
    this.clock = clock;
    this.faults = faults;
  }

  private tlsServer(): https.Server {
    if (this.tls) return this.tls;
    const server = https.createServer({ key: this.cert.key, cert: this.cert.cert });
    server.keepAliveTimeout = IDLE_CONNECTION_MS;
    server.on('request', (req, res) => {
      const app = this.byPort.get(req.socket.localPort ?? 0);
      if (!app) return void res.destroy();
      this.answer(app, req.method ?? 'GET', req.url ?? '/', res).catch(() => res.destroy());
    });
    this.tls = server;
    return server;
  }

  /** Starts (or re-versions) the app of a resource; returns its `host:port`. */
  async deploy(info: Omit<SimApp, 'url'>, port = 0): Promise<string> {
    const key = info.resourceId.toLowerCase();
    const existing = this.apps.get(key);
    if (existing) {
      existing.info = { ...info, url: existing.info.url };
      existing.startedAt = this.clock.now();
      return existing.info.url.slice('https://'.length);
    }
    const tlsServer = this.tlsServer();
    const listener = net.createServer();
    const app: Running = { info: { ...info, url: '' }, listener, sockets: new Set(), startedAt: this.clock.now() };
    listener.on('connection', (socket) => {
      app.sockets.add(socket);
      socket.once('close', () => app.sockets.delete(socket));
      tlsServer.emit('connection', socket);
    });
    await new Promise<void>((resolve, reject) => {
      listener.once('error', reject);
      listener.listen(port, '127.0.0.1', () => resolve());
    });
    const bound = (listener.address() as AddressInfo).port;
    app.info.url = `https://127.0.0.1:${bound}`;
    // The sim stopped, or another deploy of this resource started its app, while this one was listening: close it, or it
    // would listen on unseen (and keep the process alive after the sim stopped).
    const raced = this.apps.get(key);
    if (this.stopping.signal.aborted || raced) {
      await close(app);
      if (!raced) return `127.0.0.1:${bound}`;
      raced.info = { ...info, url: raced.info.url };
      raced.startedAt = this.clock.now();
      return raced.info.url.slice('https://'.length);
    }
    this.apps.set(key, app);
    this.byPort.set(bound, app);
    return `127.0.0.1:${bound}`;
  }

  async remove(resourceId: string): Promise<void> {
    const app = this.apps.get(resourceId.toLowerCase());
    if (!app) return;
    this.apps.delete(resourceId.toLowerCase());
    this.byPort.delete(Number(new URL(app.info.url).port));
    await close(app);
  }

  list(): SimApp[] {
    return [...this.apps.values()].map((a) => ({ ...a.info }));
  }

  async stopAll(): Promise<void> {
    this.stopping.abort(new Error('sim stopped'));
    const all = [...this.apps.values()];
    this.apps.clear();
    this.byPort.clear();
    await Promise.all(all.map((a) => close(a)));
    this.tls?.closeAllConnections();
  }

  private async answer(app: Running, method: string, url: string, res: import('node:http').ServerResponse): Promise<void> {
    const { info } = app;
    const subject: FaultSubject = {
      region: [info.region],
      resourceGroup: info.resourceGroup,
      subscription: info.subscription,
      version: info.version,
      deploymentName: info.deploymentName,
    };
    const age = (): number => this.clock.now() - app.startedAt;
    const slow = this.faults.take(['healthSlow'], subject, (r) => age() >= (r.afterMs ?? 0));
    // The client holds the clock while it waits for this answer; let time run while the answer is held back.
    if (slow) await this.clock.release(this.clock.sleep(slow.delayMs, this.stopping.signal));
    const failing = this.faults.take(['healthFails', 'healthFlaps'], subject, (r) => {
      const since = age() - (r.afterMs ?? 0);
      if (since < 0) return false;
      // Flapping starts with a failing period, then alternates.
      return r.kind === 'healthFails' || Math.floor(since / (r.periodMs ?? 30_000)) % 2 === 0;
    });
    const path = url.split('?')[0];
    const send = (status: number, body: unknown): void => {
      this.metrics?.add(info.resourceId, 'Requests', {}, this.clock.now());
      if (status >= 500) this.metrics?.add(info.resourceId, 'Http5xx', {}, this.clock.now());
      const text = typeof body === 'string' ? body : JSON.stringify(body);
      res.writeHead(status, { 'content-type': typeof body === 'string' ? 'text/plain; charset=utf-8' : 'application/json; charset=utf-8' });
      res.end(method === 'HEAD' ? undefined : text);
    };
    if (method !== 'GET' && method !== 'HEAD') return send(405, { error: 'method not allowed' });
    if (path !== '/healthz' && path !== '/') return send(404, { error: 'not found' });
    if (failing) {
      const body = failing.kind === 'healthFails' && failing.body !== undefined ? failing.body : { status: 'unhealthy', version: info.version };
      return send(failing.status ?? 500, body);
    }
    if (path === '/healthz') return send(200, { status: 'ok', version: info.version });
    const n = (this.served.get(info.resourceId) ?? 0) + 1;
    this.served.set(info.resourceId, n);
    const injected = userErrorStatus(this.userErrors, info, age(), n);
    if (injected !== undefined) return send(injected, { error: 'injected user error', version: info.version });
    return send(200, { name: info.resourceId.split('/').pop(), version: info.version, region: info.region, type: info.type });
  }
}

/** Stops the app's port and drops its connections: a deleted site answers nothing, not even on a kept-alive socket. */
function close(app: Running): Promise<void> {
  return new Promise((resolve) => {
    app.listener.close(() => resolve());
    for (const socket of app.sockets) socket.destroy();
  });
}
