/**
 * Deploys the stamps of one stage: each starts once everything it requires is done, and at most `maxParallel` regions
 * are in flight at a time.
 */
import { DEPLOYMENT_TAGS, type PlanStage, type PlanStamp } from '../plan/types.js';
import type { RunContext } from './context.js';
import { DeploymentFailure, errorInfo } from './errors.js';
import type { Deployment, ErrorInfo } from './ports.js';
import { maskOutputs } from './result.js';
import { withRetry } from './retry.js';
import { resumeVerdict, type ResumeVerdict } from './resume-truth.js';
import { stampInputs } from './inputs.js';

export interface StageDeployOutcome {
  failed: Array<{ stamp: PlanStamp; error: ErrorInfo }>;
  /** Stamps deployed by this very run (not resumed, not skipped). */
  deployed: string[];
  canceled: boolean;
}

/**
 * A region holds its slot from its first stamp's start until its last stamp of the stage is done, so `maxParallel: 1`
 * means one region at a time, never two half-changed regions interleaving their components. A global stamp is its own
 * slot. Requires outside the stage belong to earlier stages, already done.
 */
const slotOf = (stamp: PlanStamp): string => (stamp.global ? `global:${stamp.id}` : `region:${stamp.region}`);

export async function deployStage(ctx: RunContext, stage: PlanStage): Promise<StageDeployOutcome> {
  const outcome: StageDeployOutcome = { failed: [], deployed: [], canceled: false };
  const inStage = new Set(stage.stamps.map((s) => s.id));
  // In stage order; a stamp leaves when it starts, so each wake-up looks only at what has yet to start.
  const pending = new Map(stage.stamps.map((s) => [s.id, s]));
  const done = new Set<string>();
  const left = new Map<string, number>();
  for (const stamp of stage.stamps) left.set(slotOf(stamp), (left.get(slotOf(stamp)) ?? 0) + 1);
  const held = new Set<string>();
  let running = 0;
  const limit = Math.max(1, stage.maxParallel);
  const isReady = (required: string): boolean => !inStage.has(required) || done.has(required);
  // The loop sleeps until any stamp settles. Racing every running stamp's promise instead would leave one reaction on
  // each of them per wake-up, held until that stamp ends: quadratic memory in a stage of a thousand stamps.
  let wake = (): void => {};
  const anyStampSettles = (): Promise<void> => new Promise((resolve) => (wake = resolve));
  // A stamp's work that throws (its journal could not be written) ends the stage with that error, as it always has.
  let crash: { error: unknown } | undefined;

  const start = (stamp: PlanStamp): void => {
    pending.delete(stamp.id);
    held.add(slotOf(stamp));
    const settle = (status: StampStatus): void => {
      running--;
      if (status === 'done' || status === 'deployed') {
        done.add(stamp.id);
        if (status === 'deployed') outcome.deployed.push(stamp.id);
        const remaining = left.get(slotOf(stamp))! - 1;
        left.set(slotOf(stamp), remaining);
        if (remaining === 0) held.delete(slotOf(stamp));
      } else if (status !== 'canceled') {
        // A canceled stamp needs no mark of its own: only the rollout's signal cancels one, and the stage reads that.
        outcome.failed.push({ stamp, error: status.error });
      }
    };
    running++;
    deployStamp(ctx, stage, stamp)
      .then(settle, (error: unknown) => {
        crash ??= { error };
      })
      .finally(() => wake());
  };

  for (;;) {
    // After a failure nothing new starts; what is in flight finishes, so the rollback knows exactly what was deployed.
    const stopping = outcome.failed.length > 0 || outcome.canceled || ctx.signal.aborted;
    let blocked: PlanStamp | undefined;
    if (!stopping) {
      for (const stamp of pending.values()) {
        if (!stamp.requires.every(isReady)) continue;
        if (!held.has(slotOf(stamp)) && held.size >= limit) {
          blocked ??= stamp;
          continue;
        }
        start(stamp);
      }
      // Every held region waits on a stamp of another slot that cannot get one: let one through over the limit
      // rather than deadlock (only a cross-region `requires` gets here).
      if (running === 0 && blocked) start(blocked);
    }
    if (running === 0) break;
    await anyStampSettles();
    if (crash) throw crash.error;
  }
  for (const id of pending.keys()) ctx.stampResult(id).status = 'not-started';
  if (ctx.signal.aborted) outcome.canceled = true;
  return outcome;
}

type StampStatus = 'done' | 'deployed' | 'canceled' | { error: ErrorInfo };

async function deployStamp(ctx: RunContext, stage: PlanStage, stamp: PlanStamp): Promise<StampStatus> {
  const result = ctx.stampResult(stamp.id);
  const { rollout } = ctx.plan;
  let resumed: ResumeVerdict;
  try {
    resumed = await resumeVerdict(ctx, stamp);
  } catch (error) {
    if (ctx.signal.aborted) {
      // Stopped while asking ARM about the earlier run: nothing was deployed, and the stamp is not left "pending".
      result.status = 'canceled';
      return 'canceled';
    }
    const info = errorInfo(error);
    Object.assign(result, { status: 'failed', error: info });
    await ctx.record({ type: 'stamp-failed', stage: stage.name, stamp: stamp.id, error: info });
    ctx.report({ type: 'stamp-failed', stage: stage.name, stamp: stamp.id, error: info });
    return { error: info };
  }
  if (resumed.kind === 'confirmed') {
    const { earlier } = resumed;
    const detail = `already deployed by this rollout (${earlier.deploymentName})`;
    Object.assign(result, {
      status: 'skipped',
      decision: { action: 'skip', reason: 'already-deployed-by-this-rollout', detail },
      deploymentId: earlier.deploymentId,
      deploymentName: earlier.deploymentName,
      durationMs: earlier.durationMs,
      outputs: earlier.outputs,
    });
    ctx.report({ type: 'stamp-skipped', stage: stage.name, stamp: stamp.id, reason: 'already-deployed-by-this-rollout', detail });
    return 'done';
  }
  if ((resumed.kind === 'changed' || resumed.kind === 'replaced') && stamp.decision.action === 'deploy') {
    result.decision = { action: 'deploy', reason: 'changed', detail: resumed.detail };
  }
  if (stamp.decision.action === 'skip') {
    result.status = 'skipped';
    ctx.report({ type: 'stamp-skipped', stage: stage.name, stamp: stamp.id, reason: stamp.decision.reason, detail: stamp.decision.detail });
    await ctx.record({ type: 'stamp-skipped', stage: stage.name, stamp: stamp.id, reason: stamp.decision.reason });
    return 'done';
  }

  const tags: Record<string, string> = {
    [DEPLOYMENT_TAGS.rolloutId]: rollout.id,
    [DEPLOYMENT_TAGS.version]: rollout.version,
    [DEPLOYMENT_TAGS.stage]: stage.name,
    [DEPLOYMENT_TAGS.stamp]: stamp.id,
    [DEPLOYMENT_TAGS.contentHash]: stamp.contentHash,
    [DEPLOYMENT_TAGS.specHash]: rollout.specHash,
    ...(ctx.runId ? { [DEPLOYMENT_TAGS.runId]: ctx.runId } : {}),
  };
  result.status = 'deploying';
  result.startedAt = ctx.clock.now();
  let deployment: Deployment;
  try {
    const inputs = await stampInputs(ctx, stamp);
    deployment = await withRetry(
      (attempt) => {
        result.attempts = attempt;
        ctx.report({ type: 'stamp-deploying', stage: stage.name, stamp: stamp.id, attempt });
        return ctx.ports.deployer.deploy({ stamp, stage, rollout, tags, ...(inputs ? { inputs } : {}) }, ctx.signal);
      },
      {
        clock: ctx.clock,
        policy: ctx.retry,
        signal: ctx.signal,
        onRetry: (attempt, delayMs, error) =>
          ctx.report({ type: 'stamp-retrying', stage: stage.name, stamp: stamp.id, attempt, delayMs, error: errorInfo(error) }),
      },
    );
  } catch (error) {
    if (ctx.signal.aborted) {
      result.status = 'canceled';
      // The deployer could not cancel what it had started in ARM: "may still be running: NAME", with ARM's error.
      if (error instanceof DeploymentFailure && error.code === 'CancelFailed') result.error = errorInfo(error);
      return 'canceled';
    }
    const info = errorInfo(error);
    Object.assign(result, { status: 'failed', error: info, durationMs: ctx.clock.now() - result.startedAt! });
    // A failed deployment may have changed part of the stamp: it is rolled back like a deployed one. One refused by
    // validation (preflight) touched nothing: there is nothing to roll back.
    if (!(error as { nothingDeployed?: boolean }).nothingDeployed) ctx.attempts.push({ stamp, stage, at: ctx.clock.now() });
    await ctx.record({ type: 'stamp-failed', stage: stage.name, stamp: stamp.id, error: info });
    ctx.report({ type: 'stamp-failed', stage: stage.name, stamp: stamp.id, error: info });
    return { error: info };
  }
  // Deployed. From here an error is the journal's, not the deployment's: it ends the stage as it is (the next run
  // resumes from ARM's tags), and a good deployment is never reported failed nor rolled back for it.
  const masked = maskOutputs(deployment.outputs);
  ctx.outputs.set(stamp.id, deployment.outputs);
  Object.assign(result, {
    status: 'deployed',
    deploymentId: deployment.deploymentId,
    deploymentName: deployment.deploymentName,
    durationMs: deployment.durationMs,
    outputs: masked,
    ...(deployment.correlationId ? { correlationId: deployment.correlationId } : {}),
  });
  ctx.attempts.push({ stamp, stage, at: ctx.clock.now() });
  await ctx.record({
    type: 'stamp-deployed',
    stage: stage.name,
    stamp: stamp.id,
    contentHash: stamp.contentHash,
    deploymentId: deployment.deploymentId,
    deploymentName: deployment.deploymentName,
    durationMs: deployment.durationMs,
    ...(deployment.correlationId ? { correlationId: deployment.correlationId } : {}),
    outputs: masked,
  });
  ctx.report({ type: 'stamp-deployed', stage: stage.name, stamp: stamp.id, deploymentId: deployment.deploymentId, durationMs: deployment.durationMs, ...(deployment.correlationId ? { correlationId: deployment.correlationId } : {}) });
  return 'deployed';
}
