/**
 * Rollback per `rollback.scope`: each affected stamp gets its previous good deployment back, latest deployment first,
 * then the restored stamps are probed.
 */
import { DEPLOYMENT_TAGS, type PlanStage, type PlanStamp } from '../plan/types.js';
import type { Attempt, RunContext } from './context.js';
import { errorInfo } from './errors.js';
import type { PendingRollback } from './journal.js';
import type { Outputs, RollbackOutcome } from './ports.js';
import { probeStamps } from './probe-stage.js';
import { summarize, type RollbackEntry } from './result.js';
import { withRetry } from './retry.js';

export interface RollbackRequest {
  /** The stage that failed (deployment, probe, or its re-check). */
  stage: PlanStage;
  /** The stamps that failed there. */
  failed: PlanStamp[];
  reason: string;
}

export interface RollbackOutcomeSummary {
  /** Every affected stamp restored (or reported as having nothing to restore) and healthy again. */
  ok: boolean;
  /** Stamps actually redeployed or removed. */
  restored: number;
}

export async function rollBack(ctx: RunContext, request: RollbackRequest): Promise<RollbackOutcomeSummary> {
  const { scope } = ctx.plan.rollback;
  if (scope === 'none') {
    ctx.result.rollback = { scope, reason: request.reason, ok: false, stamps: [] };
    return { ok: false, restored: 0 };
  }
  const targets = await affected(ctx, request);
  const entries: RollbackEntry[] = [];
  ctx.result.rollback = { scope, reason: request.reason, ok: false, stamps: entries };
  // Recorded (with its stamps) before it is announced: a run killed at any point after the line leaves the next run
  // the list to finish.
  await ctx.record({ type: 'rollback-started', scope, reason: request.reason, stage: request.stage.name, stamps: targets.map((t) => t.stamp.id) });
  ctx.report({ type: 'rollback-started', scope, stamps: targets.map((t) => t.stamp.id), reason: request.reason });
  return restoreAll(ctx, targets, entries, (stamp) => restore(ctx, stamp));
}

/**
 * An earlier run recorded a rollback as started and was stopped (a signal, a kill) before it finished: this run
 * finishes it before anything else, and the rollout ends rolled back, never succeeded. Each stamp is asked of ARM
 * first: one whose latest deployment is no longer this rollout's was restored already (maybe just before the kill,
 * unrecorded), and is not redeployed again.
 */
export async function finishRollback(ctx: RunContext, pending: PendingRollback): Promise<RollbackOutcomeSummary> {
  const where = new Map(ctx.plan.stages.flatMap((stage) => stage.stamps.map((stamp) => [stamp.id, { stamp, stage }] as const)));
  const ids = pending.stamps ?? [...ctx.resume.deployed.entries()].sort((a, b) => b[1].at - a[1].at).map(([id]) => id);
  const targets: Attempt[] = ids
    .map((id) => where.get(id))
    .filter((t): t is { stamp: PlanStamp; stage: PlanStage } => t !== undefined)
    .map(({ stamp, stage }) => ({ stamp, stage, at: 0 }));
  const entries: RollbackEntry[] = [];
  const reason = `finishing the rollback an earlier run started: ${pending.reason}`;
  ctx.result.rollback = { scope: pending.scope, reason: pending.reason, ok: false, stamps: entries, resumed: true };
  ctx.report({ type: 'rollback-started', scope: pending.scope, stamps: targets.map((t) => t.stamp.id), reason });
  return restoreAll(ctx, targets, entries, async (stamp) => {
    const latest = await withRetry(() => ctx.ports.deployer.lastSuccessful(stamp, {}, ctx.signal), { clock: ctx.clock, policy: ctx.retry, signal: ctx.signal });
    if (pending.done.has(stamp.id) || (latest && latest.rolloutId !== ctx.plan.rollout.id)) {
      if (!latest || latest.rolloutId === ctx.plan.rollout.id) return { outcome: 'no-previous', detail: 'no previous deployment; left as is (by the earlier run)' };
      return { outcome: 'rolled-back', to: latest.deploymentName, ...(latest.version ? { version: latest.version } : {}), detail: `restored ${latest.deploymentName}${latest.version ? ` (version ${latest.version})` : ''} (by the earlier run)`, outputs: latest.outputs ?? {} };
    }
    return restore(ctx, stamp);
  });
}

async function restoreAll(ctx: RunContext, targets: Attempt[], entries: RollbackEntry[], restoreOne: (stamp: PlanStamp) => Promise<Restored>): Promise<RollbackOutcomeSummary> {
  try {
    return await restoreAndProbe(ctx, targets, entries, restoreOne);
  } catch (error) {
    // Stopped by a signal halfway: said so, and the journal (rollback-started, no rollback-finished) makes the next
    // run finish it.
    if (ctx.signal.aborted && ctx.result.rollback) ctx.result.rollback.interrupted = true;
    throw error;
  }
}

async function restoreAndProbe(ctx: RunContext, targets: Attempt[], entries: RollbackEntry[], restoreOne: (stamp: PlanStamp) => Promise<Restored>): Promise<RollbackOutcomeSummary> {
  let ok = true;
  let restored = 0;
  const toProbe: Array<{ attempt: Attempt; outputs: Outputs }> = [];
  for (const attempt of targets) {
    const { stamp, stage } = attempt;
    let entry: Restored;
    try {
      entry = await restoreOne(stamp);
    } catch (error) {
      if (ctx.signal.aborted) throw ctx.signal.reason;
      const info = errorInfo(error);
      entry = { outcome: 'failed', detail: `rollback failed: ${info.code}: ${info.message}${info.correlationId ? ` (correlation id ${info.correlationId})` : ''}` };
    }
    entries.push({ id: stamp.id, stage: stage.name, outcome: entry.outcome, ...(entry.to ? { to: entry.to } : {}), ...(entry.version ? { version: entry.version } : {}), detail: entry.detail });
    const result = ctx.stamps.get(stamp.id);
    if (result) result.rollback = { outcome: entry.outcome, ...(entry.to ? { to: entry.to } : {}), detail: entry.detail };
    if (entry.outcome === 'failed') ok = false;
    if (entry.outcome === 'rolled-back' || entry.outcome === 'removed') restored++;
    if (entry.outcome === 'rolled-back' && stamp.health) toProbe.push({ attempt, outputs: entry.outputs ?? {} });
    await ctx.record({ type: 'stamp-rolled-back', stage: stage.name, stamp: stamp.id, outcome: entry.outcome, ...(entry.to ? { to: entry.to } : {}) });
    ctx.report({ type: 'stamp-rolled-back', stage: stage.name, stamp: stamp.id, outcome: entry.outcome, ...(entry.to ? { to: entry.to } : {}), detail: entry.detail });
  }

  // A rollback is only done when what it restored answers healthy again; each stamp gets its full check.
  const outputs = new Map(toProbe.map((p) => [p.attempt.stamp.id, p.outputs]));
  const byStage = new Map<PlanStage, PlanStamp[]>();
  for (const { attempt } of toProbe) byStage.set(attempt.stage, [...(byStage.get(attempt.stage) ?? []), attempt.stamp]);
  const probed = await Promise.all(
    [...byStage].map(([stage, stamps]) => probeStamps(ctx, stage, stamps, 'full', async (s) => outputs.get(s.id) ?? {})),
  );
  for (const outcome of probed) {
    for (const [id, verdict] of outcome.verdicts) {
      const summary = summarize(verdict);
      const entry = entries.find((e) => e.id === id);
      if (entry) entry.probe = summary;
      const result = ctx.stamps.get(id);
      if (result?.rollback) result.rollback.probe = summary;
      if (!verdict.healthy) ok = false;
    }
  }
  ctx.result.rollback!.ok = ok;
  await ctx.record({ type: 'rollback-finished', ok });
  ctx.report({ type: 'rollback-finished', ok });
  return { ok, restored };
}

/** The stamps the scope covers that this rollout deployed (or tried to), most recent first. */
async function affected(ctx: RunContext, request: RollbackRequest): Promise<Attempt[]> {
  const { scope } = ctx.plan.rollback;
  const failedIds = new Set(request.failed.map((s) => s.id));
  const inScope: Array<{ stamp: PlanStamp; stage: PlanStage }> = [];
  for (const stage of ctx.plan.stages) {
    if (scope === 'rollout' ? stage.index > request.stage.index : stage !== request.stage) continue;
    for (const stamp of stage.stamps) if (scope !== 'stamp' || failedIds.has(stamp.id)) inScope.push({ stamp, stage });
  }
  const latest = new Map<string, Attempt>();
  for (const attempt of ctx.attempts) latest.set(attempt.stamp.id, attempt);
  const chosen = inScope.map((s) => latest.get(s.stamp.id)).filter((a): a is Attempt => a !== undefined);

  // Deployed by this rollout in a job whose journal this run does not have: ARM's tags tell. Such stamps were deployed
  // before anything of this run, so they come last in the reverse order.
  const unknown = inScope.filter(({ stamp }) => {
    if (latest.has(stamp.id)) return false;
    const reason = ctx.stamps.get(stamp.id)?.decision.reason;
    return reason !== 'unchanged' && reason !== 'never';
  });
  const found = await Promise.all(
    unknown.map(async ({ stamp, stage }) => {
      const last = await ctx.ports.deployer.lastSuccessful(stamp, {}, ctx.signal);
      return last?.rolloutId === ctx.plan.rollout.id ? { stamp, stage, at: 0 } : undefined;
    }),
  );
  const order = (a: Attempt): number => a.stage.index * 100_000 + a.stage.stamps.indexOf(a.stamp);
  const earlier = found.filter((a): a is Attempt => a !== undefined).sort((a, b) => order(b) - order(a));
  const sequence = new Map(ctx.attempts.map((a, i) => [a, i]));
  chosen.sort((a, b) => b.at - a.at || sequence.get(b)! - sequence.get(a)!);
  return [...chosen, ...earlier];
}

interface Restored {
  outcome: RollbackOutcome;
  to?: string;
  /** The version the stamp runs again, by the restored deployment's tags. */
  version?: string;
  detail: string;
  outputs?: Outputs;
}

async function restore(ctx: RunContext, stamp: PlanStamp): Promise<Restored> {
  const { deployer } = ctx.ports;
  try {
    const previous = await deployer.lastSuccessful(stamp, { excludeRolloutId: ctx.plan.rollout.id }, ctx.signal);
    if (!previous) {
      if (!ctx.plan.rollback.deleteNew) return { outcome: 'no-previous', detail: 'no previous deployment; left as is' };
      if (!deployer.remove) return { outcome: 'unsupported', detail: 'no previous deployment; deleting new stamps is not supported by this deployer; left as is' };
      await withRetry(() => deployer.remove!(stamp, ctx.signal), { clock: ctx.clock, policy: ctx.retry, signal: ctx.signal });
      return { outcome: 'removed', detail: 'no previous deployment; removed what this rollout created' };
    }
    const deployment = await withRetry(() => deployer.rollback(stamp, previous, ctx.signal, ctx.runId ? { [DEPLOYMENT_TAGS.runId]: ctx.runId } : undefined), {
      clock: ctx.clock,
      policy: ctx.retry,
      signal: ctx.signal,
    });
    const version = previous.version ? ` (version ${previous.version})` : '';
    return { outcome: 'rolled-back', to: previous.deploymentName, ...(previous.version ? { version: previous.version } : {}), detail: `restored ${previous.deploymentName}${version}`, outputs: deployment.outputs };
  } catch (error) {
    if (ctx.signal.aborted) throw ctx.signal.reason;
    const info = errorInfo(error);
    const correlation = info.correlationId ? ` (correlation id ${info.correlationId})` : '';
    return { outcome: 'failed', detail: `rollback failed: ${info.code}: ${info.message}${correlation}` };
  }
}
