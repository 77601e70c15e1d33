/**
 * The RolloutResult: what happened, per stage and stamp, as plain JSON. It becomes the action's `result` output and the
 * job summary, so secure output values are masked here, once, before anything can print them.
 */
import type { RollbackScope, StampDecision } from '../plan/types.js';
import { isSecureType } from '../plan/secure-type.js';
import type { HealthVerdict } from './health.js';
import type { ReleaseUnitResult } from './release-unit/events.js';
import type { ErrorInfo, HealthPhase, Outputs, RollbackOutcome, RolloutStatus } from './ports.js';

export interface VerdictSummary {
  healthy: boolean;
  phase: HealthPhase;
  probes: number;
  detail: string;
  status?: number;
  latencyMs?: number;
  startedAt: number;
  endedAt: number;
}

export type StampStatus = 'pending' | 'deploying' | 'deployed' | 'skipped' | 'failed' | 'canceled' | 'not-started';

export interface StampResult {
  id: string;
  component: string;
  region: string;
  /** The decision actually taken: a stamp resumed from the journal shows `already-deployed-by-this-rollout`. */
  decision: StampDecision;
  status: StampStatus;
  deploymentId?: string;
  deploymentName?: string;
  startedAt?: number;
  durationMs?: number;
  attempts?: number;
  /** ARM's correlation id of the deployment (the rollout's own id when the deployer sends one). */
  correlationId?: string;
  outputs?: Outputs;
  probe?: VerdictSummary;
  recheck?: VerdictSummary;
  rollback?: { outcome: RollbackOutcome; to?: string; detail: string; probe?: VerdictSummary };
  error?: ErrorInfo;
}

export type StageStatus = 'succeeded' | 'failed' | 'rolled-back' | 'canceled' | 'not-started' | 'already-completed';

export interface StageResult {
  name: string;
  index: number;
  status: StageStatus;
  startedAt?: number;
  finishedAt?: number;
  bake?: { ms: number; startedAt: number; endedAt?: number };
  stamps: StampResult[];
}

export interface RollbackEntry {
  id: string;
  stage: string;
  outcome: RollbackOutcome;
  to?: string;
  /** The version the stamp runs again (rolled-back only, when its deployment is tagged with one). */
  version?: string;
  detail: string;
  probe?: VerdictSummary;
}

export interface RolloutResult {
  rolloutId: string;
  version: string;
  mode: string;
  status: RolloutStatus;
  /** One sentence: what happened and, on failure, where. */
  message: string;
  startedAt: number;
  finishedAt: number;
  durationMs: number;
  resumed: boolean;
  stages: StageResult[];
  /** The quick check of the stage before the first one run here, when it ran in an earlier job. */
  previousStage?: { name: string; stamps: Array<{ id: string; recheck: VerdictSummary }> };
  /** `interrupted`: stopped by a signal before it finished (the next run finishes it); `resumed`: this run finished one an earlier run had started. */
  rollback?: { scope: RollbackScope; reason: string; ok: boolean; stamps: RollbackEntry[]; interrupted?: boolean; resumed?: boolean };
  error?: ErrorInfo & { stage?: string; stamp?: string };
  /** Release units: the weight steps, the traffic observed per unit, the metric verdicts and the teardown. */
  releaseUnit?: ReleaseUnitResult;
}

export function maskOutputs(outputs: Outputs): Outputs {
  const masked: Outputs = {};
  for (const [name, output] of Object.entries(outputs)) {
    masked[name] = isSecureType(output.type) ? { type: output.type, value: '***' } : output;
  }
  return masked;
}

export function summarize(verdict: HealthVerdict): VerdictSummary {
  const summary: VerdictSummary = {
    healthy: verdict.healthy,
    phase: verdict.phase,
    probes: verdict.probes,
    detail: verdict.detail,
    startedAt: verdict.startedAt,
    endedAt: verdict.endedAt,
  };
  if (verdict.answer?.status !== undefined) summary.status = verdict.answer.status;
  if (verdict.answer) summary.latencyMs = verdict.answer.latencyMs;
  return summary;
}
