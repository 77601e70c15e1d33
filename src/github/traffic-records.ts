/**
 * A traffic-step or teardown job of a release-unit rollout as a GitHub deployment of its environment, like a stage
 * job's: in progress from before the weights change, then success or failure with the traffic it observed per unit
 * and its metric verdicts. The next job's gate (stage-gate.ts) reads it exactly as it reads a stage's record.
 */
import type { MetricVerdict } from '../engine/metric-analysis.js';
import type { TrafficStepResult } from '../engine/release-unit/events.js';
import type { RolloutResult } from '../engine/result.js';
import type { RolloutJob } from '../plan/job-sequence.js';
import type { Plan } from '../plan/types.js';
import { recordEnvironment, type DeploymentRecords, type StageDeployment } from './deployments.js';
import { checkText, type TrafficJobPayload } from './traffic-payload.js';

export class TrafficJobRecorder {
  private readonly records: DeploymentRecords;
  private readonly plan: Plan;
  private readonly job: RolloutJob;
  private readonly sha: string;
  private deployment?: StageDeployment;

  constructor(records: DeploymentRecords, plan: Plan, job: RolloutJob, sha: string) {
    this.records = records;
    this.plan = plan;
    this.job = job;
    this.sha = sha;
  }

  /** Before anything touches Azure, so a token without `deployments: write` stops the job before the weights move. */
  async begin(): Promise<void> {
    const { id, version, specHash, mode, name } = this.plan.rollout;
    this.deployment = await this.records.start({
      rolloutId: id,
      version,
      specHash,
      stage: this.job.name,
      environment: recordEnvironment(this.job, name),
      sha: this.sha,
      mode,
      stamps: [],
      traffic: this.payload(),
    });
  }

  /** `result` is already redacted (run-deploy.ts); `error` when the job ended without one. */
  async finish(result: RolloutResult | undefined, error?: string): Promise<void> {
    if (!this.deployment) return;
    const ok = result?.status === 'succeeded' && this.done(result);
    await this.deployment.finish({ state: ok ? 'success' : 'failure', rolledBack: result?.status === 'rolled-back', description: this.describe(ok, result, error) });
  }

  private payload(): TrafficJobPayload {
    const units = this.plan.releaseUnits!;
    const weight = this.job.kind === 'teardown' ? 100 : this.job.weight!;
    const checks = this.job.kind === 'teardown' ? units.teardown.checks : units.traffic.health;
    return { kind: this.job.kind === 'teardown' ? 'teardown' : 'traffic-step', unit: units.unit, weights: { newUnit: weight, previousUnit: 100 - weight }, bakeMs: this.job.bakeMs, checks: checks.map(checkText) };
  }

  private step(result: RolloutResult | undefined): TrafficStepResult | undefined {
    return result?.releaseUnit?.steps.find((s) => s.weight === this.job.weight);
  }

  private done(result: RolloutResult): boolean {
    if (this.job.kind === 'teardown') return result.releaseUnit?.teardown?.status === 'succeeded';
    const status = this.step(result)?.status;
    return status === 'succeeded' || status === 'already-completed';
  }

  /** One line (GitHub keeps 140 characters): the traffic observed per unit, then the verdicts, then the outcome. */
  private describe(ok: boolean, result: RolloutResult | undefined, error?: string): string {
    const name = this.job.name;
    if (!result) return `${name} failed: ${error ?? 'the job ended without a result'}`;
    const unit = result.releaseUnit;
    if (this.job.kind === 'teardown') {
      const teardown = unit?.teardown;
      const removed = teardown ? `${unit?.previousUnit ?? 'the old unit'} removed (${teardown.removedGroups.length} resource group(s)); ` : '';
      return ok ? `${name} succeeded: ${removed}${verdictText(teardown?.checks ?? [])}` : `${name} failed: ${verdictText(teardown?.checks ?? [])}${teardown?.checks.length ? '; ' : ''}${result.message}`;
    }
    const step = this.step(result);
    const observed = Object.entries(step?.observed ?? {}).map(([u, c]) => `${u} ${c.requests} req ${c.errors} 5xx`).join(', ');
    const seen = step?.observed ? `${unit?.unit} at ${this.job.weight}%, observed ${step.observedShare ?? 0}% (${observed}); ` : '';
    if (ok) return `${name} succeeded: ${seen}${verdictText(step?.verdicts ?? [])}`;
    return `${name} failed: ${seen}${result.message}`;
  }
}

function verdictText(verdicts: MetricVerdict[]): string {
  return verdicts.map((v) => `${v.metric} ${v.outcome}`).join(', ');
}
