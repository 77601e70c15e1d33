import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { SystemClock, type Clock } from '../src/time/clock.js';
import { StampApps, type SimApp } from './apps.js';
import { FrontDoorEdge } from './frontdoor/edge.js';
import { UserLoad, type UserLoadOptions } from './frontdoor/load.js';
import type { UserErrorRule } from './frontdoor/user-errors.js';
import { MetricStore } from './metrics/store.js';
import { makeCert } from './certs.js';
import type { SimCore } from './core.js';
import { FaultStore, type FaultRule } from './faults.js';
import { LocationOperations } from './lro.js';
import { openStateDir } from './persist.js';
import { startServer, type RequestLogEntry } from './server.js';
import { SimState, isActive } from './state.js';
import { Throttle } from './throttle.js';
import { TrafficRouters } from './traffic-manager.js';

export type { FaultRule, FaultKind, FaultSubject } from './faults.js';
export type { SimApp } from './apps.js';
export type { UserLoad, UserLoadOptions } from './frontdoor/load.js';
export type { UserErrorRule } from './frontdoor/user-errors.js';
export type { RequestLogEntry } from './server.js';
export { FaultStore } from './faults.js';
export { trustSimCa, simTlsOptions } from './trust.js';

export interface ArmSimOptions {
  clock?: Clock;
  /** 0 (default): a free port. Always 127.0.0.1. */
  port?: number;
  /** Multiplies ARM's bucket sizes and refill rates; Infinity disables throttling. */
  throttleScale?: number;
  /** Time a deployment takes when no fault says otherwise (on `clock`). */
  deploymentLatencyMs?: number;
  faults?: FaultRule[];
  /** JSON file of FaultRule[], re-read whenever it changes. */
  faultsFile?: string;
  /** Time a resource group deletion takes (on `clock`). Default 0: done at the first poll. */
  resourceGroupDeleteLatencyMs?: number;
  /** Retry-After (seconds) on 202s of Location-polled operations. Default 0: no header, clients use their interval. */
  lroRetryAfterSeconds?: number;
  /**
   * Retry-After (seconds) on a deployment PUT and its running operation status; 0: no header. Default on the system
   * clock 5 for deployments of 10 s or more, 1 from 1 s, none below (a whole second would outlast the deployment);
   * none on a virtual clock, whose seconds a client sleeping in real time (the SDK's poller) cannot honour.
   */
  deploymentRetryAfterSeconds?: number;
  /** Items per page of list answers (then `nextLink`). Default 100. */
  pageSize?: number;
  /** Deployment history per scope. Default 800. */
  historyLimit?: number;
  /** Trim the oldest finished deployments above 7/8 of the limit, as ARM does since 2020. Default false. */
  autoDeleteHistory?: boolean;
  /** Templates for templateLink.uri / templateLink.id. */
  linkedTemplates?: Record<string, unknown>;
  /** Keep state, certificate (CA) and port in this directory across restarts (`sim --state DIR`). */
  stateDir?: string;
}

export interface ArmSim {
  endpoint: string;
  ca: string;
  caFile: string;
  faults: FaultStore;
  requests: RequestLogEntry[];
  apps(): SimApp[];
  /** Synthetic users against a Front Door endpoint, on the sim's clock; stopped with the sim at the latest. */
  startLoad(options: UserLoadOptions): UserLoad;
  /** Errors the stamp apps of a version serve to users (not to health probes). */
  setUserErrors(rules: UserErrorRule[]): void;
  stop(): Promise<void>;
}

/** Starts the local ARM endpoint (HTTPS on 127.0.0.1) with its own self-signed certificate. */
export async function startArmSim(options: ArmSimOptions = {}): Promise<ArmSim> {
  const clock = options.clock ?? new SystemClock();
  const kept = options.stateDir ? openStateDir(options.stateDir) : undefined;
  const cert = kept?.cert ?? (await makeCert());
  // A kept state has its own directory; a fresh one a temporary directory removed at stop.
  const dir = kept ? undefined : mkdtempSync(path.join(tmpdir(), 'staged-rollout-sim-'));
  const caFile = kept?.caFile ?? path.join(dir!, 'ca.pem');
  writeFileSync(caFile, cert.cert);
  const faults = new FaultStore(options.faults ?? [], options.faultsFile);
  const apps = new StampApps(cert, clock, faults);
  const requests: RequestLogEntry[] = [];
  const state = new SimState();
  const metrics = new MetricStore();
  apps.metrics = metrics;
  const frontDoor = new FrontDoorEdge(cert, clock, state, metrics);
  const loads: UserLoad[] = [];
  const core: SimCore = {
    clock,
    state,
    frontDoor,
    metrics,
    faults,
    apps,
    routers: new TrafficRouters(cert),
    locationOps: new LocationOperations(),
    deploymentRuns: new Map(),
    options: {
      deploymentLatencyMs: options.deploymentLatencyMs ?? 20_000,
      resourceGroupDeleteLatencyMs: options.resourceGroupDeleteLatencyMs ?? 0,
      lroRetryAfterSeconds: options.lroRetryAfterSeconds ?? 0,
      deploymentRetryAfterSeconds: options.deploymentRetryAfterSeconds ?? (clock instanceof SystemClock ? defaultRetryAfter(options.deploymentLatencyMs ?? 20_000) : 0),
      pageSize: options.pageSize ?? 100,
      historyLimit: options.historyLimit ?? 800,
      autoDeleteHistory: options.autoDeleteHistory ?? false,
      tenantId: '00000000-0000-0000-0000-00000000a11d',
      linkedTemplates: new Map(Object.entries(options.linkedTemplates ?? {})),
    },
    endpoint: '',
    running: new Set(),
  };
  const throttle = new Throttle(clock, options.throttleScale ?? 1);
  const stopHooks: Array<() => void> = [];
  let server;
  try {
    server = await startServer(cert, options.port ?? kept?.port ?? 0, () => ({ core, throttle, log: requests, caFile }));
  } catch (err) {
    if (dir) rmSync(dir, { recursive: true, force: true });
    throw err;
  }
  core.endpoint = `https://127.0.0.1:${server.port}`;
  let saver: NodeJS.Timeout | undefined;
  if (kept) {
    await kept.restore(core);
    const save = (): void => kept.save(core, server.port, cert);
    save();
    // Often enough that a kill loses at most a moment of state; the timer never keeps the process alive.
    saver = setInterval(save, 100).unref();
    stopHooks.push(() => {
      clearInterval(saver);
      save();
    });
  }

  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> =>
    (stopping ??= (async () => {
      await Promise.all(loads.map((l) => l.stop()));
      await server.close();
      for (const hook of stopHooks) hook();
      for (const history of core.state.deployments.values()) {
        for (const d of history.values()) if (isActive(d)) d.abort.abort(new Error('sim stopped'));
      }
      await apps.stopAll();
      await core.routers?.stopAll();
      await frontDoor.stopAll();
      // Resource-group deletions may sleep on a clock that no longer moves; they need not finish.
      await Promise.race([Promise.allSettled([...core.running]), new Promise((r) => setImmediate(r))]);
      if (dir) rmSync(dir, { recursive: true, force: true });
    })());

  return {
    endpoint: core.endpoint,
    ca: cert.cert,
    caFile,
    faults,
    requests,
    apps: () => apps.list(),
    startLoad: (o) => {
      const load = new UserLoad(clock, cert.cert, o);
      loads.push(load);
      return load;
    },
    setUserErrors: (rules) => {
      apps.userErrors = rules;
    },
    stop,
  };
}

function defaultRetryAfter(latencyMs: number): number {
  return latencyMs >= 10_000 ? 5 : latencyMs >= 1_000 ? 1 : 0;
}
