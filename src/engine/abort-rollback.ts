/**
 * `abort --rollback`: an operator stops a rollout in flight and asks for what it deployed to be undone. Nothing failed,
 * so the stage in flight counts as the failed stage (every stamp of it condemned) and the ordinary rollback path
 * (rollback.ts) restores what `rollback.scope` covers: `stamp` and `stage` that stage's stamps, `rollout` every stage
 * up to it, `none` nothing. What this rollout deployed is known from the journal and, for other jobs, ARM's tags.
 */
import type { Plan, PlanStage } from '../plan/types.js';
import { RunContext, type EnginePorts } from './context.js';
import { foldJournal } from './journal.js';
import type { RolloutResult } from './result.js';
import { DEFAULT_RETRY, type RetryPolicy } from './retry.js';
import { rollBack } from './rollback.js';

export interface AbortRollbackRequest {
  /** The stage in flight; default: the furthest stage where this rollout deployed anything. */
  stage?: string;
  /** Who and why, as the operator said it: the rollback's reason in the journal, the result and the log. */
  reason: string;
  signal?: AbortSignal;
  retry?: Partial<RetryPolicy>;
}

export async function rollBackOnAbort(plan: Plan, ports: EnginePorts, request: AbortRollbackRequest): Promise<RolloutResult> {
  const signal = request.signal ?? new AbortController().signal;
  const { clock } = ports;
  const resume = foldJournal(await clock.track(ports.journal.load()), plan.rollout.id);
  const startedAt = clock.now();
  const { id, version, mode } = plan.rollout;
  const result: RolloutResult = { rolloutId: id, version, mode, status: 'rolled-back', message: '', startedAt, finishedAt: startedAt, durationMs: 0, resumed: resume.resumed, stages: [] };
  const ctx = new RunContext({ plan, ports, signal, retry: { ...DEFAULT_RETRY, ...request.retry }, resume, result });
  for (const stage of plan.stages) {
    for (const stamp of stage.stamps) {
      const earlier = resume.deployed.get(stamp.id);
      if (earlier) ctx.attempts.push({ stamp, stage, at: earlier.at });
    }
  }
  // Plan order: the rollback orders them by the journal's times (ties in this order), newest first.

  const stage = await stageInFlight(ctx, request.stage);
  const finish = async (status: RolloutResult['status'], message: string): Promise<RolloutResult> => {
    result.status = status;
    result.message = message;
    result.finishedAt = clock.now();
    result.durationMs = result.finishedAt - startedAt;
    await ctx.record({ type: 'rollout-finished', status });
    ctx.report({ type: 'rollout-finished', status, durationMs: result.durationMs, message });
    return result;
  };
  if (!stage) return finish('failed', `${id} deployed nothing, by the journal and ARM's tags: nothing to roll back`);

  const stageResult = { name: stage.name, index: stage.index, status: 'canceled' as const, stamps: [] as RolloutResult['stages'][number]['stamps'] };
  for (const s of plan.stages.filter((s) => s.index <= stage.index)) {
    const stamps = s.stamps.map((stamp) => ({ id: stamp.id, component: stamp.component, region: stamp.region, decision: stamp.decision, status: 'skipped' as const }));
    stamps.forEach((r) => ctx.stamps.set(r.id, r));
    const entry = s === stage ? Object.assign(stageResult, { stamps }) : { name: s.name, index: s.index, status: 'succeeded' as const, stamps };
    result.stages.push(entry);
  }
  const { scope } = plan.rollback;
  const outcome = await rollBack(ctx, { stage, failed: stage.stamps, reason: request.reason });
  for (const s of result.stages) if (s.stamps.some((stamp) => ctx.stamps.get(stamp.id)?.rollback?.outcome === 'rolled-back')) s.status = 'rolled-back';
  if (scope === 'none') return finish('failed', `stage ${stage.name} of ${id} aborted: rollback scope is none, nothing rolled back`);
  if (!outcome.ok) return finish('failed', `stage ${stage.name} of ${id} aborted; the rollback (scope ${scope}) did not complete cleanly: see the rollback section`);
  if (outcome.restored === 0) return finish('failed', `stage ${stage.name} of ${id} aborted; the rollback (scope ${scope}) had nothing to restore`);
  return finish('rolled-back', `stage ${stage.name} of ${id} aborted: rolled back ${outcome.restored} stamp(s) (scope ${scope})`);
}

/** The named stage, else the furthest one a stamp of which runs this rollout (journal first, then ARM's tags). */
async function stageInFlight(ctx: RunContext, name: string | undefined): Promise<PlanStage | undefined> {
  if (name && name !== 'all') {
    const found = ctx.plan.stages.find((s) => s.name === name);
    if (!found) throw new Error(`unknown stage '${name}'; the plan has: ${ctx.plan.stages.map((s) => s.name).join(', ')}`);
    return found;
  }
  for (const stage of [...ctx.plan.stages].reverse()) {
    if (ctx.attempts.some((a) => a.stage === stage)) return stage;
    for (const stamp of stage.stamps) {
      const last = await ctx.ports.deployer.lastSuccessful(stamp, {}, ctx.signal);
      if (last?.rolloutId === ctx.plan.rollout.id) return stage;
    }
  }
  return undefined;
}
