/**
 * The rollout controller: stages in order; each one deployed, probed, baked and re-checked; a failure rolls back per
 * scope and stops; an abort stops without rollback and leaves a journal the next run resumes from.
 */
import type { Plan, PlanStage, PlanStamp } from '../plan/types.js';
import { RunContext, type EnginePorts } from './context.js';
import { deployStage } from './deploy-stage.js';
import { foldJournal, type PendingRollback } from './journal.js';
import type { ErrorInfo, RolloutStatus } from './ports.js';
import { preflightRollout, preflightStage, refusedBeforeWrites } from './preflight.js';
import { keepVerdicts, probeStamps, probeTargets, type ProbeOutcome } from './probe-stage.js';
import type { RolloutResult, StageResult } from './result.js';
import { summarize } from './result.js';
import { DEFAULT_RETRY, type RetryPolicy } from './retry.js';
import { finishRollback, rollBack } from './rollback.js';
import { watchBake } from './bake-watch.js';
import { recheckSpan } from './health.js';
import { resumeVerdict } from './resume-truth.js';

export type { EnginePorts } from './context.js';

export interface RunOptions {
  /** A stage name, or `all` (the default). */
  stage?: string;
  signal?: AbortSignal;
  retry?: Partial<RetryPolicy>;
  /**
   * Leave the bake to whoever runs the next stage: a job that runs one stage ends when it is healthy, and the next
   * stage's job waits out the bake (or an environment wait timer holds it) and re-checks the stage before it deploys.
   * A 24-hour bake cannot be slept inside one hosted job.
   */
  bakeBetweenJobs?: boolean;
  /** This process's run id (src/engine/other-runs.ts): tagged on its deployments and recorded in the journal. */
  runId?: string;
}

type StageEnd = { ok: true } | { ok: false; status: RolloutStatus; message: string };

export function selectStages(plan: Plan, stage: string | undefined): PlanStage[] {
  if (stage === undefined || stage === 'all') return plan.stages;
  const found = plan.stages.find((s) => s.name === stage);
  if (!found) throw new Error(`unknown stage '${stage}'; the plan has: ${plan.stages.map((s) => s.name).join(', ')}, or all`);
  return [found];
}

export async function runRollout(plan: Plan, ports: EnginePorts, options: RunOptions = {}): Promise<RolloutResult> {
  const selected = selectStages(plan, options.stage);
  const signal = options.signal ?? new AbortController().signal;
  const { clock } = ports;
  const resume = foldJournal(await clock.track(ports.journal.load()), plan.rollout.id);
  const startedAt = clock.now();
  const { id, version, mode, specHash } = plan.rollout;
  const result: RolloutResult = {
    rolloutId: id, version, mode, status: 'succeeded', message: '', startedAt, finishedAt: startedAt, durationMs: 0,
    resumed: resume.resumed, stages: [],
  };
  const ctx = new RunContext({ plan, ports, signal, retry: { ...DEFAULT_RETRY, ...options.retry }, resume, result, bakeBetweenJobs: options.bakeBetweenJobs, runId: options.runId });
  for (const stage of selected) {
    const stageResult: StageResult = { name: stage.name, index: stage.index, status: 'not-started', stamps: [] };
    for (const stamp of stage.stamps) {
      const stampResult = { id: stamp.id, component: stamp.component, region: stamp.region, decision: stamp.decision, status: 'pending' as const };
      stageResult.stamps.push(stampResult);
      ctx.stamps.set(stamp.id, stampResult);
    }
    result.stages.push(stageResult);
    ctx.stages.set(stage.name, stageResult);
  }
  for (const stage of plan.stages) {
    for (const stamp of stage.stamps) {
      const earlier = resume.deployed.get(stamp.id);
      if (earlier) ctx.attempts.push({ stamp, stage, at: earlier.at });
    }
  }
  ctx.attempts.sort((a, b) => a.at - b.at);

  ctx.report({ type: 'rollout-started', rolloutId: id, version, mode, stages: selected.map((s) => s.name), resumed: resume.resumed });
  await ctx.record({ type: 'rollout-started', version, mode, specHash, ...(options.runId ? { runId: options.runId } : {}) });
  let end: StageEnd = { ok: true };
  try {
    if (resume.rollback) end = await finishPendingRollback(ctx, resume.rollback);
    else {
      // ARM validates every stamp it can before the first write of the rollout: a refusal here has changed nothing.
      const refused = await preflightRollout(ctx, selected);
      if (refused) end = refusedBeforeWrites(ctx, refused);
      for (const stage of end.ok ? selected : []) {
        end = await runStage(ctx, stage);
        if (!end.ok) break;
      }
    }
  } catch (error) {
    if (!signal.aborted) throw error;
    const current = result.stages.find((s) => s.status === 'canceled')?.name;
    const rollback = result.rollback;
    // A deployment whose cancel ARM refused may still be running: the message names it.
    const stillRunning = result.stages.flatMap((s) => s.stamps).filter((s) => s.error?.code === 'CancelFailed').map((s) => `; ${s.error!.message}`).join('');
    if (rollback?.interrupted) {
      const done = rollback.stamps.filter((s) => s.outcome !== 'failed').length;
      end = { ok: false, status: 'canceled', message: `rollback interrupted (${done} stamp(s) restored so far; reason for the rollback: ${rollback.reason}); a re-run of ${id} finishes the rollback${stillRunning}` };
    } else {
      end = { ok: false, status: 'canceled', message: `canceled${current ? ` during stage ${current}` : ''}; a re-run of ${id} resumes from the journal${stillRunning}` };
    }
  }
  if (end.ok) {
    const all = result.stages.flatMap((s) => s.stamps);
    const count = (status: string): number => all.filter((s) => s.status === status).length;
    end = { ok: true };
    result.message = `${result.stages.length} stage(s) succeeded: ${count('deployed')} stamp(s) deployed, ${count('skipped')} skipped`;
  } else {
    result.status = end.status;
    result.message = end.message;
  }
  result.finishedAt = clock.now();
  result.durationMs = result.finishedAt - startedAt;
  await ctx.record({ type: 'rollout-finished', status: result.status });
  ctx.report({ type: 'rollout-finished', status: result.status, durationMs: result.durationMs, message: result.message });
  return result;
}

async function runStage(ctx: RunContext, stage: PlanStage): Promise<StageEnd> {
  const stageResult = ctx.stages.get(stage.name)!;
  const progress = ctx.resume.stages.get(stage.name);
  if (progress?.completed && (await stillCompleted(ctx, stage))) {
    stageResult.status = 'already-completed';
    for (const stamp of stageResult.stamps) {
      stamp.status = 'skipped';
      const earlier = ctx.resume.deployed.get(stamp.id);
      if (earlier) {
        const detail = `stage completed by this rollout in an earlier run (${earlier.deploymentName})`;
        Object.assign(stamp, { decision: { action: 'skip', reason: 'already-deployed-by-this-rollout', detail }, deploymentId: earlier.deploymentId, deploymentName: earlier.deploymentName, outputs: earlier.outputs });
      }
    }
    return { ok: true };
  }
  const previous = stage.index > 0 ? ctx.plan.stages[stage.index - 1] : undefined;
  if (previous && !ctx.checked.has(previous.name)) {
    // The previous stage baked in an earlier run or job: it must still be healthy before this one starts.
    const outcome = await probeStamps(ctx, previous, previous.stamps.filter((s) => s.health), 'recheck');
    ctx.checked.add(previous.name);
    ctx.result.previousStage = { name: previous.name, stamps: [...outcome.verdicts].map(([id, v]) => ({ id, recheck: summarize(v) })) };
    await ctx.record({ type: 'stage-probed', stage: previous.name, check: 'recheck', healthy: outcome.unhealthy.length === 0 });
    if (outcome.unhealthy.length > 0) return unhealthy(ctx, previous, outcome, `before stage ${stage.name}, stage ${previous.name} is`);
  }

  stageResult.status = 'canceled'; // until it ends otherwise: an abort anywhere below leaves this
  stageResult.startedAt = ctx.clock.now();
  ctx.report({ type: 'stage-started', stage: stage.name, index: stage.index, stamps: stage.stamps.length });
  const refused = await preflightStage(ctx, stage);
  if (refused) return fail(ctx, stage, [], `stage ${stage.name}: ARM refused ${refused.stamp.id} in its preflight, before the stage's first write: ${refused.error.code}: ${refused.error.message}`, { ...refused.error, stamp: refused.stamp.id });
  const deployed = await deployStage(ctx, stage);
  if (deployed.canceled) throw ctx.signal.reason;
  if (deployed.failed.length > 0) {
    const { stamp, error } = deployed.failed[0];
    const more = deployed.failed.length > 1 ? ` (and ${deployed.failed.length - 1} more)` : '';
    return fail(ctx, stage, deployed.failed.map((f) => f.stamp), `stage ${stage.name}: ${stamp.id} failed to deploy${more}: ${error.code}: ${error.message}`, { ...error, stamp: stamp.id });
  }

  // Probed in an earlier run and nothing new deployed since: the quick check confirms it, the full one is not repeated.
  const resumedProbe = progress?.probed === true && deployed.deployed.length === 0;
  const kind = resumedProbe ? 'recheck' : 'full';
  const probed = await probeStamps(ctx, stage, probeTargets(ctx, stage), kind);
  await keepVerdicts(ctx, stage, kind, probed);
  if (probed.unhealthy.length > 0) return unhealthy(ctx, stage, probed, `stage ${stage.name}:`);

  if (stage.bakeMs > 0 && !ctx.bakeBetweenJobs) {
    const resumedBake = resumedProbe && progress?.bakeStartedAt !== undefined;
    const now = ctx.clock.now();
    // A start recorded "in the future" (this machine's clock is behind the one that recorded it) counts as now: the
    // rest of a bake is never more than the bake.
    const bakeStart = resumedBake ? Math.min(progress!.bakeStartedAt!, now) : now;
    if (!resumedBake) await ctx.record({ type: 'bake-started', stage: stage.name, bakeMs: stage.bakeMs });
    const remainingMs = Math.min(stage.bakeMs, Math.max(0, bakeStart + stage.bakeMs - now));
    stageResult.bake = { ms: stage.bakeMs, startedAt: bakeStart };
    ctx.report({ type: 'bake-started', stage: stage.name, bakeMs: stage.bakeMs, remainingMs });
    // A stage that went bad while baking must not let the next one start: the quick re-check is the bake's last
    // stretch, ending as the bake ends, so a 1 h bake holds the stage 1 h, not 1 h plus the re-check.
    const targets = probeTargets(ctx, stage);
    const bakeEnd = now + remainingMs;
    const recheckFrom = Math.max(now, bakeEnd - recheckSpan(targets.map((s) => s.health!)));
    const turned = await watchBake(ctx, stage, targets, bakeStart, bakeEnd, recheckFrom);
    const [checked, when] = turned ? [turned, 'during its bake'] : [await probeStamps(ctx, stage, targets, 'recheck'), 'at the end of its bake'];
    stageResult.bake.endedAt = ctx.clock.now();
    await ctx.record({ type: 'bake-ended', stage: stage.name });
    ctx.report({ type: 'bake-ended', stage: stage.name });
    await keepVerdicts(ctx, stage, 'recheck', checked);
    if (checked.unhealthy.length > 0) return unhealthy(ctx, stage, checked, `stage ${stage.name} ${when}:`);
  }
  // With no bake here, the full check that just passed is the check before the next stage (in this run).
  ctx.checked.add(stage.name);
  await ctx.record({ type: 'stage-completed', stage: stage.name });
  stageResult.status = 'succeeded';
  stageResult.finishedAt = ctx.clock.now();
  ctx.report({ type: 'stage-finished', stage: stage.name, status: 'succeeded', durationMs: stageResult.finishedAt - stageResult.startedAt });
  return { ok: true };
}

/** The earlier run's rollback is finished first; the rollout then ends as that rollback ends, never as succeeded. */
async function finishPendingRollback(ctx: RunContext, pending: PendingRollback): Promise<StageEnd> {
  const outcome = await finishRollback(ctx, pending);
  const stageResult = pending.stage ? ctx.stages.get(pending.stage) : undefined;
  if (stageResult) {
    stageResult.status = outcome.ok && outcome.restored > 0 ? 'rolled-back' : 'failed';
    stageResult.finishedAt = ctx.clock.now();
  }
  const head = `an earlier run was stopped during its rollback (${pending.reason}); this run finished it`;
  if (!outcome.ok) return { ok: false, status: 'failed', message: `${head}, but it did not complete cleanly: see the rollback section` };
  if (outcome.restored === 0) return { ok: false, status: 'failed', message: `${head}: nothing to restore` };
  return { ok: false, status: 'rolled-back', message: `${head}: rolled back ${outcome.restored} stamp(s) (scope ${pending.scope}). Re-run to roll ${ctx.plan.rollout.id} out again.` };
}

function unhealthy(ctx: RunContext, stage: PlanStage, outcome: ProbeOutcome, prefix: string): Promise<StageEnd> {
  const { stamp, verdict } = outcome.unhealthy[0];
  const more = outcome.unhealthy.length > 1 ? ` (and ${outcome.unhealthy.length - 1} more)` : '';
  const message = `${prefix} ${stamp.id} unhealthy${more} in ${verdict.phase}: ${verdict.detail}`;
  return fail(ctx, stage, outcome.unhealthy.map((u) => u.stamp), message, { code: 'Unhealthy', message: verdict.detail, stamp: stamp.id });
}

async function fail(
  ctx: RunContext,
  stage: PlanStage,
  failed: PlanStamp[],
  message: string,
  error: ErrorInfo & { stamp?: string },
): Promise<StageEnd> {
  ctx.result.error = { ...error, stage: stage.name };
  const stageResult = ctx.stages.get(stage.name);
  if (stageResult) {
    stageResult.status = 'failed';
    stageResult.finishedAt = ctx.clock.now();
  }
  const { scope } = ctx.plan.rollback;
  const rollback = await rollBack(ctx, { stage, failed, reason: message });
  let status: RolloutStatus = 'failed';
  let tail: string;
  if (scope === 'none') tail = 'rollback scope is none: nothing rolled back';
  else if (!rollback.ok) tail = `rollback (scope ${scope}) did not complete cleanly: see the rollback section`;
  else if (rollback.restored === 0) tail = `rollback (scope ${scope}) had nothing to restore`;
  else {
    status = 'rolled-back';
    tail = `rolled back ${rollback.restored} stamp(s) (scope ${scope})`;
  }
  if (stageResult && status === 'rolled-back') stageResult.status = 'rolled-back';
  if (stageResult) {
    ctx.report({ type: 'stage-finished', stage: stage.name, status: stageResult.status, durationMs: stageResult.finishedAt! - (stageResult.startedAt ?? stageResult.finishedAt!) });
  }
  return { ok: false, status, message: `${message}; ${tail}` };
}

/**
 * A stage the journal calls completed is still completed only while ARM agrees for each of its stamps and none changed
 * since: a changed spec resumes from the first stage it affects. A read that fails counts as "not known": deployStage
 * then meets the same question per stamp and reports it as that stamp's failure.
 */
async function stillCompleted(ctx: RunContext, stage: PlanStage): Promise<boolean> {
  try {
    const verdicts = await Promise.all(stage.stamps.map((s) => resumeVerdict(ctx, s)));
    return verdicts.every((v, i) => v.kind === 'confirmed' || (v.kind === 'unknown' && stage.stamps[i].decision.action === 'skip'));
  } catch (error) {
    if (ctx.signal.aborted) throw error;
    return false;
  }
}
