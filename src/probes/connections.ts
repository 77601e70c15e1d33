/**
 * The probe's kept-alive connections: one agent per target host and probe cadence, so a stamp probed every few seconds
 * reuses its connection instead of a TCP and TLS handshake each time, with a bound on what the idle ones cost.
 */
import http from 'node:http';
import https from 'node:https';
import type { Duplex } from 'node:stream';
import type { HealthCheck } from '../plan/types.js';

/**
 * Idle connections kept at once, all targets together. An open TLS client connection costs the process about 90 KB
 * (OpenSSL's buffers, mostly outside the JS heap), so a stage of thousands of stamps would otherwise hold hundreds of
 * megabytes only to save handshakes. Past the bound a connection is closed after its probe rather than closing one
 * kept for another target: stamps are probed round after round, and evicting would make every probe pay a handshake.
 */
const MAX_IDLE_CONNECTIONS = 512;
/** How much later than its cadence the next probe of a connection may come and still find it open. */
const IDLE_SLACK_MS = 1_000;

type KeepSocketAlive = (socket: Duplex) => boolean;

export interface ConnectionOptions {
  maxIdle?: number;
  idleSlackMs?: number;
}

export class ProbeConnections {
  private readonly agents = new Map<string, http.Agent>();
  private readonly idle = new Set<Duplex>();
  private readonly watched = new WeakSet<Duplex>();
  private readonly maxIdle: number;
  private readonly idleSlackMs: number;

  constructor(options: ConnectionOptions = {}) {
    this.maxIdle = options.maxIdle ?? MAX_IDLE_CONNECTIONS;
    this.idleSlackMs = options.idleSlackMs ?? IDLE_SLACK_MS;
  }

  /** Idle connections held now. */
  get idleCount(): number {
    return this.idle.size;
  }

  /**
   * The agent for probes of `check` against `url`. A connection stays idle for one gap between this check's probes and
   * a little slack, no longer: a stamp whose probing has ended soon holds no connection, and none keeps the process
   * alive.
   */
  agentFor(url: URL, check: HealthCheck): http.Agent {
    const idleMs = Math.max(check.intervalMs, check.watchMs ?? 0) + this.idleSlackMs;
    const key = `${url.protocol}//${url.host} ${idleMs}`;
    let agent = this.agents.get(key);
    if (!agent) {
      // One probe of a check is in flight per stamp, so one idle connection per host is all a cadence reuses.
      const settings = { keepAlive: true, keepAliveMsecs: 1_000, maxSockets: 4, maxFreeSockets: 1, timeout: idleMs };
      agent = url.protocol === 'https:' ? new https.Agent(settings) : new http.Agent(settings);
      this.limitIdle(agent);
      this.agents.set(key, agent);
    }
    return agent;
  }

  private limitIdle(agent: http.Agent): void {
    // Node reads keepSocketAlive's answer (falsy: destroy the socket instead of keeping it); @types/node says void.
    const keep = agent.keepSocketAlive.bind(agent) as unknown as KeepSocketAlive;
    const reuse = agent.reuseSocket.bind(agent);
    const keepWithinBound: KeepSocketAlive = (socket) => {
      if (this.idle.size >= this.maxIdle || !keep(socket)) return false;
      this.idle.add(socket);
      if (!this.watched.has(socket)) {
        this.watched.add(socket);
        socket.once('close', () => this.idle.delete(socket));
      }
      return true;
    };
    Object.assign(agent, { keepSocketAlive: keepWithinBound });
    agent.reuseSocket = (socket, request) => {
      this.idle.delete(socket);
      reuse(socket, request);
    };
  }
}
