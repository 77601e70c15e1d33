import type { RolloutEvent } from '../engine/ports.js';
import type { RolloutResult } from '../engine/result.js';
import type { Plan, PlanStage } from '../plan/types.js';
import { recordEnvironment, type DeploymentRecords, type StageDeployment } from './deployments.js';

/**
 * Each stage a job runs becomes a GitHub deployment of its environment: in progress while it runs, then success or
 * failure (saying when it was rolled back). The first record is made before anything touches Azure, so a token without
 * `deployments: write` stops the job before it deploys. Later stages of a `stage: all` run are recorded as they start.
 */
export class StageRecorder {
  private readonly records: DeploymentRecords;
  private readonly plan: Plan;
  private readonly sha: string;
  private readonly started = new Map<string, Promise<StageDeployment>>();
  private queue: Promise<unknown> = Promise.resolve();

  constructor(records: DeploymentRecords, plan: Plan, sha: string) {
    this.records = records;
    this.plan = plan;
    this.sha = sha;
  }

  /** Records `stage` as started now; awaited, so a permission error surfaces here. */
  async begin(stage: PlanStage): Promise<void> {
    await this.start(stage);
  }

  /** For the engine's reporter: stages after the first are recorded when the engine starts them. */
  onEvent(event: RolloutEvent): void {
    if (event.type !== 'stage-started' || this.started.has(event.stage)) return;
    const stage = this.plan.stages.find((s) => s.name === event.stage);
    if (stage) this.queue = this.queue.then(() => this.start(stage)).catch(() => undefined);
  }

  /** Closes every record with the stage's outcome; `error` when the run ended without a result. */
  async finish(result: RolloutResult | undefined, error?: string): Promise<void> {
    await this.queue;
    for (const [name, deployment] of this.started) {
      const stage = result?.stages.find((s) => s.name === name);
      const ok = stage?.status === 'succeeded' || stage?.status === 'already-completed';
      const message = ok ? `stage ${name} succeeded` : (result?.message ?? error ?? `stage ${name} did not finish`);
      const url = stage?.stamps.map((s) => s.outputs?.endpoint?.value).find((v): v is string => typeof v === 'string' && /^https?:\/\//.test(v));
      // A record that could not be started (its error was reported then) has nothing to finish.
      const started = await deployment.catch(() => undefined);
      await started?.finish({ state: ok ? 'success' : 'failure', rolledBack: stage?.status === 'rolled-back', message, environmentUrl: url });
    }
  }

  private start(stage: PlanStage): Promise<StageDeployment> {
    let started = this.started.get(stage.name);
    if (!started) {
      const { id, version, specHash, mode } = this.plan.rollout;
      started = this.records.start({
        rolloutId: id,
        version,
        specHash,
        stage: stage.name,
        environment: recordEnvironment(stage, this.plan.rollout.name),
        sha: this.sha,
        mode,
        stamps: stage.stamps.map((s) => s.id),
      });
      this.started.set(stage.name, started);
    }
    return started;
  }
}
