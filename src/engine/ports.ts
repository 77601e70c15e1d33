/**
 * The engine's ports. The engine knows no Azure and no GitHub: it deploys, probes, records and reports only through
 * these interfaces, so the same controller runs against ARM, against the local endpoint, and against in-memory fakes.
 */
import type { HealthCheck, Plan, PlanStage, PlanStamp, RollbackScope } from '../plan/types.js';
import type { TrafficJournalEvent, TrafficReport } from './release-unit/events.js';

/** ARM deployment outputs as ARM returns them: name -> { type, value }. `type` is ARM's (`String`, `SecureString`...). */
export type Outputs = Record<string, { type: string; value: unknown }>;

export interface DeployRequest {
  stamp: PlanStamp;
  stage: PlanStage;
  rollout: Plan['rollout'];
  /** The DEPLOYMENT_TAGS, filled in; the adapter puts them on the ARM deployment verbatim. */
  tags: Record<string, string>;
  /** Outputs of the stamps in `stamp.outputsFrom`, by stamp id: they fill `{outputs.COMPONENT.NAME}` parameters. */
  inputs?: Record<string, Outputs>;
}

export interface Deployment {
  deploymentId: string;
  deploymentName: string;
  outputs: Outputs;
  correlationId?: string;
  durationMs: number;
}

/** A stamp's successful deployment as read back from ARM (tags and outputs). */
export interface PreviousDeployment {
  deploymentName: string;
  deploymentId?: string;
  version?: string;
  rolloutId?: string;
  contentHash?: string;
  outputs?: Outputs;
  /** When ARM finished it (epoch ms): where a stage's bake is counted from when no other record says. */
  finishedAt?: number;
}

/** A deployment ARM shows as still running, with what its tags say. */
export interface ActiveDeployment {
  deploymentName: string;
  /** `resource group NAME` or `subscription ID`: where to look for it. */
  where: string;
  state: string;
  stamp?: string;
  rolloutId?: string;
  version?: string;
  runId?: string;
  /** ARM's timestamp of it (epoch ms): for a running deployment, about when it started. */
  startedAt?: number;
  restoredFrom?: string;
}

/**
 * Adapters track their own I/O on the clock (`clock.track`) and wait on it between polls; the engine never tracks a
 * deployer call as a whole, or a virtual clock could not move while a deployment is being followed.
 */
export interface Deployer {
  /** Deploys one stamp and follows it to a terminal state. Throws DeploymentFailure (transient or not). */
  deploy(request: DeployRequest, signal: AbortSignal): Promise<Deployment>;
  /**
   * The stamp's latest successful deployment, or undefined when it never had one. With `excludeRolloutId`, the latest
   * one made by another rollout: what a rollback restores. A rollback redeploy keeps the tags of the deployment it
   * restores, so a later rollback of the same rollout finds the same good deployment again.
   */
  lastSuccessful(stamp: PlanStamp, options: { excludeRolloutId?: string }, signal: AbortSignal): Promise<PreviousDeployment | undefined>;
  /**
   * Redeploys `previous` (its template and parameters; secure parameters re-resolved by the adapter, never read back).
   * `tags` (this run's id) are set on the restoring deployment over the tags it copies from `previous`.
   */
  rollback(stamp: PlanStamp, previous: PreviousDeployment, signal: AbortSignal, tags?: Record<string, string>): Promise<Deployment>;
  /**
   * Deployments of this spec's stamps that are still running (rollback ones too), with their rollout tags; from the
   * listing the plan already made where there is one (src/engine/other-runs.ts decides whose they are). Optional.
   */
  activeDeployments?(stamps: PlanStamp[], signal: AbortSignal): Promise<ActiveDeployment[]>;
  /**
   * ARM's validate (preflight) of the deployment `deploy` would make, writing nothing. `prerequisites-missing` when it
   * cannot be validated yet (its resource group does not exist: this rollout creates it). Throws DeploymentFailure
   * with ARM's code, message and correlation id when ARM refuses it. Optional: without it only ARM's PUT preflights.
   */
  preflight?(request: DeployRequest, signal: AbortSignal): Promise<'validated' | 'prerequisites-missing'>;
  /** Deletes what a stamp's first deployment created (`rollback.deleteNew`). Optional: adapters may not support it. */
  remove?(stamp: PlanStamp, signal: AbortSignal): Promise<void>;
}

export interface ProbeTarget {
  stamp: PlanStamp;
  outputs: Outputs;
  rollout: Pick<Plan['rollout'], 'id' | 'version' | 'mode'>;
}

export interface ProbeAnswer {
  healthy: boolean;
  /** HTTP status or process exit code. */
  status?: number;
  latencyMs: number;
  /** One line a person reads; never holds header values or secure outputs. */
  detail: string;
  /** Clock time of the answer (set by the health analysis). */
  at?: number;
}

export interface Prober {
  /** One probe. Enforces `check.timeoutMs` itself (it owns the I/O to cut) and tracks its I/O on the clock. */
  probe(check: HealthCheck, target: ProbeTarget, signal: AbortSignal): Promise<ProbeAnswer>;
}

export type HealthPhase = 'wait' | 'within' | 'healthyFor';

export interface ErrorInfo {
  code: string;
  message: string;
  correlationId?: string;
  target?: string;
}

/** Progress that a re-run resumes from. Secure output values are masked before they are recorded. */
export type JournalEvent = { rolloutId: string; at: number } & (
  | { type: 'rollout-started'; version: string; mode: string; specHash: string; runId?: string }
  /** `--break-lease`: this run took over the deployments another run left running (that run is gone), with who. */
  | { type: 'run-taken-over'; runId: string; from: string[]; deployments: string[]; by: string }
  | { type: 'stamp-deployed'; stage: string; stamp: string; contentHash: string; deploymentId: string; deploymentName: string; durationMs: number; correlationId?: string; outputs: Outputs }
  | { type: 'stamp-skipped'; stage: string; stamp: string; reason: string }
  | { type: 'stamp-failed'; stage: string; stamp: string; error: ErrorInfo }
  | { type: 'stage-probed'; stage: string; check: 'full' | 'recheck'; healthy: boolean }
  | { type: 'bake-started'; stage: string; bakeMs: number }
  | { type: 'bake-ended'; stage: string }
  | { type: 'stage-completed'; stage: string }
  | { type: 'rollback-started'; scope: RollbackScope; reason: string; stage?: string; stamps?: string[] }
  | { type: 'stamp-rolled-back'; stage: string; stamp: string; to?: string; outcome: RollbackOutcome }
  | { type: 'rollback-finished'; ok: boolean }
  | { type: 'rollout-finished'; status: RolloutStatus }
  | { type: 'gate-forced'; stage: string; by: string; reason: string }
  | TrafficJournalEvent
  /** An operator's `abort` or `promote` (past the stage's bake), with who and why. */
  | { type: 'operator'; action: 'abort' | 'promote'; stage: string; by: string; reason: string }
);

export interface Journal {
  /** Every event recorded so far, oldest first (all rollouts; the engine filters by rollout id). */
  load(): Promise<JournalEvent[]>;
  /** Resolves once the event is durable. */
  record(event: JournalEvent): Promise<void>;
}

export type RolloutStatus = 'succeeded' | 'failed' | 'rolled-back' | 'canceled';
export type RollbackOutcome = 'rolled-back' | 'no-previous' | 'removed' | 'unsupported' | 'failed';

/** One answer of a probe, as reported and kept in the result. */
export interface ProbeRecord {
  phase: HealthPhase;
  answer: ProbeAnswer;
}

export type RolloutEvent =
  | { type: 'rollout-started'; rolloutId: string; version: string; mode: string; stages: string[]; resumed: boolean }
  | { type: 'stage-started'; stage: string; index: number; stamps: number }
  | { type: 'stage-finished'; stage: string; status: string; durationMs: number }
  | { type: 'stamp-deploying'; stage: string; stamp: string; attempt: number }
  | { type: 'stamp-deployed'; stage: string; stamp: string; deploymentId: string; durationMs: number; correlationId?: string }
  | { type: 'stamp-skipped'; stage: string; stamp: string; reason: string; detail: string }
  | { type: 'stamp-retrying'; stage: string; stamp: string; attempt: number; delayMs: number; error: ErrorInfo }
  | { type: 'stamp-failed'; stage: string; stamp: string; error: ErrorInfo }
  | { type: 'probe-phase'; stage: string; stamp: string; phase: HealthPhase; check: 'full' | 'recheck'; untilMs: number }
  | { type: 'probe-answer'; stage: string; stamp: string; phase: HealthPhase; answer: ProbeAnswer }
  | { type: 'probe-verdict'; stage: string; stamp: string; check: 'full' | 'recheck'; healthy: boolean; phase: HealthPhase; detail: string }
  | { type: 'bake-started'; stage: string; bakeMs: number; remainingMs: number }
  | { type: 'bake-ended'; stage: string }
  | { type: 'rollback-started'; scope: RollbackScope; stamps: string[]; reason: string }
  | { type: 'stamp-rolled-back'; stage: string; stamp: string; outcome: RollbackOutcome; to?: string; detail: string }
  | { type: 'rollback-finished'; ok: boolean }
  | { type: 'rollout-finished'; status: RolloutStatus; durationMs: number; message: string }
  | TrafficReport;

export interface Reporter {
  /** Synchronous on purpose: reporting never slows or fails the rollout. */
  event(event: RolloutEvent): void;
}
