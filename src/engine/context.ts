/**
 * The state of one `run()`: the ports, what the journal said, and the result being built. Stage, probe and rollback
 * steps share it; nothing in it outlives the run.
 */
import type { Plan, PlanStage, PlanStamp } from '../plan/types.js';
import type { Clock } from '../time/clock.js';
import type { ResumeState } from './journal.js';
import type { Deployer, Journal, JournalEvent, Outputs, Prober, Reporter, RolloutEvent } from './ports.js';
import type { RolloutResult, StageResult, StampResult } from './result.js';
import type { RetryPolicy } from './retry.js';
import type { ResumeVerdict } from './resume-truth.js';
import type { ResourceMetrics } from './traffic.js';

export interface EnginePorts {
  deployer: Deployer;
  prober: Prober;
  clock: Clock;
  journal: Journal;
  reporter?: Reporter;
  /** Azure Monitor for metric health checks (`health.metric`); without it such a check answers unhealthy. */
  resourceMetrics?: ResourceMetrics;
}

/** A stamp this rollout deployed or tried to deploy: what a rollback considers, latest first. */
export interface Attempt {
  stamp: PlanStamp;
  stage: PlanStage;
  at: number;
}

type JournalPayload = JournalEvent extends infer E ? (E extends JournalEvent ? Omit<E, 'rolloutId' | 'at'> : never) : never;

export class RunContext {
  readonly plan: Plan;
  readonly ports: EnginePorts;
  readonly clock: Clock;
  readonly signal: AbortSignal;
  readonly retry: RetryPolicy;
  readonly bakeBetweenJobs: boolean;
  /** This process's run id, tagged on every deployment it makes (src/engine/other-runs.ts). */
  readonly runId?: string;
  readonly resume: ResumeState;
  readonly result: RolloutResult;
  readonly stamps = new Map<string, StampResult>();
  readonly stages = new Map<string, StageResult>();
  /** Unmasked outputs for probes only; the result and the journal get masked copies. */
  readonly outputs = new Map<string, Outputs>();
  readonly attempts: Attempt[] = [];
  /** Stages whose health was checked by this run after their bake (or by the previous-stage check). */
  readonly checked = new Set<string>();
  /** Per stamp, what the journal and ARM together say about an earlier run's deployment (read once per run). */
  readonly resumeVerdicts = new Map<string, ResumeVerdict>();

  constructor(init: { plan: Plan; ports: EnginePorts; signal: AbortSignal; retry: RetryPolicy; resume: ResumeState; result: RolloutResult; bakeBetweenJobs?: boolean; runId?: string }) {
    this.plan = init.plan;
    this.ports = init.ports;
    this.clock = init.ports.clock;
    this.signal = init.signal;
    this.retry = init.retry;
    this.bakeBetweenJobs = init.bakeBetweenJobs ?? false;
    this.runId = init.runId;
    this.resume = init.resume;
    this.result = init.result;
  }

  /** Journal writes are real I/O: tracked, so a virtual clock does not jump while one is on its way to disk. */
  async record(event: JournalPayload): Promise<void> {
    const full = { ...event, rolloutId: this.plan.rollout.id, at: this.clock.now() } as JournalEvent;
    await this.clock.track(this.ports.journal.record(full));
  }

  report(event: RolloutEvent): void {
    try {
      this.ports.reporter?.event(event);
    } catch {
      // A broken reporter must not break a rollout that is halfway through production.
    }
  }

  stampResult(id: string): StampResult {
    const found = this.stamps.get(id);
    if (!found) throw new Error(`engine: no result for stamp ${id}`);
    return found;
  }

  /** The outputs a probe of this stamp resolves `{outputs.NAME}` from: this run's deployment, else ARM's latest. */
  async outputsFor(stamp: PlanStamp): Promise<Outputs> {
    const known = this.outputs.get(stamp.id);
    if (known) return known;
    const latest = await this.ports.deployer.lastSuccessful(stamp, {}, this.signal);
    const outputs = latest?.outputs ?? this.resume.deployed.get(stamp.id)?.outputs ?? {};
    this.outputs.set(stamp.id, outputs);
    return outputs;
  }
}
