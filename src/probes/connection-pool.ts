import type { Socket } from 'node:net';
import http from 'node:http';
import https from 'node:https';

/**
 * Keep-alive agents, one per target host, that share one budget of idle connections. Each stamp is its own host, so
 * per-host pools alone keep one idle TLS connection per stamp: about 50 KB each, 100 MB at 2,000 stamps, most of them
 * for stamps whose probing is over. Past the budget the connection idle the longest is closed: a rollout probing up to
 * `maxIdle` hosts at once reuses every connection; a larger one reuses those probed most recently.
 */
export class ProbeConnectionPool {
  private readonly agents = new Map<string, http.Agent>();
  /** Idle connections, the longest idle first (a Set keeps insertion order). */
  private readonly idle = new Set<Socket>();
  /** Connections whose close already takes them out of `idle`: one listener for a connection's whole life. */
  private readonly watched = new WeakSet<Socket>();

  private readonly maxIdle: number;

  constructor(maxIdle: number) {
    this.maxIdle = maxIdle;
    if (!Number.isInteger(maxIdle) || maxIdle < 0) throw new Error(`idle connection budget must be a whole number, not ${maxIdle}`);
  }

  agentFor(url: URL): http.Agent {
    const key = `${url.protocol}//${url.host}`;
    let agent = this.agents.get(key);
    if (!agent) {
      agent = this.makeAgent(url.protocol === 'https:');
      this.agents.set(key, agent);
    }
    return agent;
  }

  /** Idle connections held now (for tests and diagnostics). */
  get idleConnections(): number {
    return this.idle.size;
  }

  private makeAgent(secure: boolean): http.Agent {
    const pool = this;
    // An idle connection closes after a minute unused, and never keeps the process alive.
    const settings = { keepAlive: true, keepAliveMsecs: 1_000, maxSockets: 4, maxFreeSockets: 2, timeout: 60_000 };
    const Base = secure ? https.Agent : http.Agent;
    return new (class extends Base {
      override keepSocketAlive(socket: Socket): boolean {
        if (pool.maxIdle === 0) return false;
        // Node's own answer (false when the server's Keep-Alive header says not to), typed as void.
        const kept: unknown = super.keepSocketAlive(socket);
        if (kept === false) return false;
        pool.keptIdle(socket);
        return true;
      }
      override reuseSocket(socket: Socket, request: http.ClientRequest): void {
        pool.idle.delete(socket);
        super.reuseSocket(socket, request);
      }
    })(settings);
  }

  private keptIdle(socket: Socket): void {
    if (!this.watched.has(socket)) {
      this.watched.add(socket);
      socket.once('close', () => this.idle.delete(socket));
    }
    this.idle.add(socket);
    // The connection just kept is the newest: what is closed is always another, already in its agent's free list.
    while (this.idle.size > this.maxIdle) {
      const oldest = this.idle.values().next().value as Socket;
      this.idle.delete(oldest);
      oldest.destroy();
    }
  }
}
