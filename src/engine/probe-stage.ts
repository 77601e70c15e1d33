/**
 * Probing a set of stamps of a stage in parallel: the full three-phase check after deployment, or the quick re-check
 * after the bake and before the next stage.
 */
import type { PlanStage, PlanStamp } from '../plan/types.js';
import type { RunContext } from './context.js';
import { recheckOf, runHealthCheck, type HealthVerdict } from './health.js';
import type { Outputs } from './ports.js';
import { metricProbe } from './metric-probe.js';
import { summarize } from './result.js';

export type CheckKind = 'full' | 'recheck';

export interface ProbeOutcome {
  unhealthy: Array<{ stamp: PlanStamp; verdict: HealthVerdict }>;
  verdicts: Map<string, HealthVerdict>;
}

/**
 * Skipped stamps (unchanged, or deployed by this rollout in an earlier run) are probed too: a stage is healthy only if
 * all of it is, an unchanged app can break because the cluster under it changed, and the probes run in parallel, so
 * the extra stamps cost no time.
 */
export function probeTargets(ctx: RunContext, stage: PlanStage): PlanStamp[] {
  return stage.stamps.filter((s) => {
    const status = ctx.stamps.get(s.id)?.status;
    return s.health && (status === 'deployed' || status === 'skipped');
  });
}

export async function probeStamps(
  ctx: RunContext,
  stage: PlanStage,
  stamps: PlanStamp[],
  kind: CheckKind,
  outputsOf: (stamp: PlanStamp) => Promise<Outputs> = (stamp) => ctx.outputsFor(stamp),
): Promise<ProbeOutcome> {
  const outcome: ProbeOutcome = { unhealthy: [], verdicts: new Map() };
  const { rollout } = ctx.plan;
  await Promise.all(
    stamps.map(async (stamp) => {
      const check = kind === 'full' ? stamp.health! : recheckOf(stamp.health!);
      let outputs: Outputs;
      try {
        outputs = await outputsOf(stamp);
      } catch (error) {
        if (ctx.signal.aborted) throw ctx.signal.reason;
        // Without outputs the probe cannot be aimed; a stage that cannot be shown healthy is not healthy.
        const now = ctx.clock.now();
        const detail = `could not read the outputs of ${stamp.id}: ${error instanceof Error ? error.message : String(error)}`;
        const verdict: HealthVerdict = { healthy: false, phase: 'within', probes: 0, startedAt: now, endedAt: now, detail };
        outcome.verdicts.set(stamp.id, verdict);
        outcome.unhealthy.push({ stamp, verdict });
        ctx.report({ type: 'probe-verdict', stage: stage.name, stamp: stamp.id, check: kind, healthy: false, phase: 'within', detail });
        return;
      }
      const verdict = await runHealthCheck({
        check,
        clock: ctx.clock,
        signal: ctx.signal,
        probe: (signal) =>
          check.metric
            ? metricProbe(check, outputs, ctx.ports.resourceMetrics, ctx.clock, signal)
            : ctx.ports.prober.probe(check, { stamp, outputs, rollout: { id: rollout.id, version: rollout.version, mode: rollout.mode } }, signal),
        onPhase: (phase, untilMs) => ctx.report({ type: 'probe-phase', stage: stage.name, stamp: stamp.id, phase, check: kind, untilMs }),
        onAnswer: (phase, answer) => ctx.report({ type: 'probe-answer', stage: stage.name, stamp: stamp.id, phase, answer }),
      });
      outcome.verdicts.set(stamp.id, verdict);
      if (!verdict.healthy) outcome.unhealthy.push({ stamp, verdict });
      ctx.report({
        type: 'probe-verdict',
        stage: stage.name,
        stamp: stamp.id,
        check: kind,
        healthy: verdict.healthy,
        phase: verdict.phase,
        detail: verdict.detail,
      });
    }),
  );
  // Parallel probes finish in any order; the result lists failures in plan order so reruns read the same.
  const order = new Map(stage.stamps.map((s, i) => [s.id, i]));
  outcome.unhealthy.sort((a, b) => order.get(a.stamp.id)! - order.get(b.stamp.id)!);
  return outcome;
}

/** Puts the verdicts on the stamps' results and records the stage's check in the journal. */
export async function keepVerdicts(ctx: RunContext, stage: PlanStage, kind: CheckKind, outcome: ProbeOutcome): Promise<void> {
  for (const [id, verdict] of outcome.verdicts) {
    const result = ctx.stamps.get(id);
    if (result) result[kind === 'full' ? 'probe' : 'recheck'] = summarize(verdict);
  }
  await ctx.record({ type: 'stage-probed', stage: stage.name, check: kind, healthy: outcome.unhealthy.length === 0 });
}
