import type { IncomingHttpHeaders } from 'node:http';
import type { Clock } from '../src/time/clock.js';
import type { StampApps } from './apps.js';
import type { FaultStore } from './faults.js';
import type { FrontDoorEdge } from './frontdoor/edge.js';
import type { MetricStore } from './metrics/store.js';
import type { LocationOperations } from './lro.js';
import type { TrafficRouters } from './traffic-manager.js';
import type { DeploymentRec, SimState } from './state.js';

export interface CoreOptions {
  deploymentLatencyMs: number;
  resourceGroupDeleteLatencyMs: number;
  /** Seconds for Retry-After on 202 answers of Location-polled operations; 0 leaves the header out. */
  lroRetryAfterSeconds: number;
  /** Seconds for Retry-After on a deployment PUT and on its operation status while it runs; 0 leaves it out. */
  deploymentRetryAfterSeconds: number;
  pageSize: number;
  historyLimit: number;
  autoDeleteHistory: boolean;
  tenantId: string;
  /** Templates served for templateLink.uri / templateLink.id (no network here). */
  linkedTemplates: Map<string, unknown>;
}

/** What every handler shares: the clock, the state, the faults, the apps. */
export interface SimCore {
  clock: Clock;
  state: SimState;
  faults: FaultStore;
  apps: StampApps;
  /** Traffic Manager profiles' loopback routers. */
  routers?: TrafficRouters;
  /** Front Door endpoints on loopback and the Azure Monitor counters they and the apps fill. */
  frontDoor: FrontDoorEdge;
  metrics: MetricStore;
  locationOps: LocationOperations;
  /** Async operation id -> the deployment run it reports on (kept after a redeploy replaces the record). */
  deploymentRuns: Map<string, DeploymentRec>;
  options: CoreOptions;
  endpoint: string;
  /** Every running deployment, so stop() can cancel and await them. */
  running: Set<Promise<void>>;
}

export interface ArmRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  body: unknown;
  headers: IncomingHttpHeaders;
  apiVersion: string;
  correlationId: string;
}

export interface ArmReply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export const json = (status: number, body?: unknown, headers?: Record<string, string>): ArmReply => ({ status, body, headers });
