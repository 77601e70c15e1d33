import type { RolloutEvent } from '../engine/ports.js';
import type { RolloutResult } from '../engine/result.js';
import { isSecureType } from '../plan/secure-type.js';
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
      const url = environmentUrl(this.plan.stages.find((s) => s.name === name)?.environmentUrl ?? '{outputs.endpoint}', stage?.stamps ?? []);
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

/**
 * The stage's URL on its GitHub deployment: the spec's `environmentUrl` (default `{outputs.endpoint}`) filled from the
 * first stamp that has every output it names; only an http(s) URL, and never from a secure output.
 */
export function environmentUrl(template: string, stamps: Array<{ outputs?: Record<string, { type: string; value: unknown }> }>): string | undefined {
  const names = [...template.matchAll(/\{outputs\.([A-Za-z0-9_]+)\}/g)].map((m) => m[1]);
  for (const stamp of stamps) {
    const outputs = stamp.outputs ?? {};
    if (!names.every((n) => typeof outputs[n]?.value === 'string' && !isSecureType(outputs[n].type))) continue;
    const url = template.replace(/\{outputs\.([A-Za-z0-9_]+)\}/g, (_, n: string) => String(outputs[n].value));
    if (/^https?:\/\//.test(url)) return url;
  }
  return undefined;
}
