/**
 * The probes' own view of a probe. It mirrors the engine's Prober port structurally rather than importing it, because
 * probes sit below the engine; a test assigns one to the other so the two cannot drift apart.
 */
import type { HealthCheck, PlanStamp } from '../plan/types.js';

export type Outputs = Record<string, { type: string; value: unknown }>;

export interface ProbeTarget {
  stamp: PlanStamp;
  outputs: Outputs;
  rollout: { id: string; version: string; mode: string };
}

export interface ProbeAnswer {
  healthy: boolean;
  status?: number;
  latencyMs: number;
  detail: string;
}

export type Probe = (check: HealthCheck, target: ProbeTarget, signal: AbortSignal) => Promise<ProbeAnswer>;

export function unhealthy(detail: string, latencyMs = 0): ProbeAnswer {
  return { healthy: false, latencyMs, detail };
}
