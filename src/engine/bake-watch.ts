/**
 * The bake, watched: a stage's health checks keep probing through its bake, so a stage that turns bad an hour into a
 * 24-hour bake is rolled back within one watch interval of that hour, not found at the bake's end.
 */
import type { HealthCheck, PlanStage, PlanStamp } from '../plan/types.js';
import { formatDuration } from '../time/duration.js';
import type { RunContext } from './context.js';
import { untilNextTick, type HealthVerdict } from './health.js';
import type { ProbeAnswer } from './ports.js';
import type { ProbeOutcome } from './probe-stage.js';

/** Bakes up to this long are watched at the check's interval by default. */
const SHORT_BAKE_MS = 10 * 60_000;
/** Longer ones at a lighter cadence: about 60 probes per bake, but never less often than every 5 minutes. */
const PROBES_PER_LONG_BAKE = 60;
const MAX_DEFAULT_WATCH_MS = 5 * 60_000;

/**
 * How often a check is probed during a bake: its `watch`, else its interval for short bakes, else a lighter cadence
 * (a 1 h bake every minute, 4 h every 4 minutes, longer ones every 5 minutes), so a rehearsal of a day-long bake stays
 * seconds and a real one does not hammer the stamps.
 */
export function watchInterval(check: HealthCheck, bakeMs: number): number {
  if (check.watchMs !== undefined && check.watchMs > 0) return check.watchMs;
  if (bakeMs <= SHORT_BAKE_MS) return check.intervalMs;
  return Math.max(check.intervalMs, Math.min(MAX_DEFAULT_WATCH_MS, Math.round(bakeMs / PROBES_PER_LONG_BAKE)));
}

/**
 * Sleeps until `watchUntil` (the bake's end, or the start of the re-check that closes it) while probing `stamps` on the
 * grid of their watch interval from `startedAt`. Returns the first unhealthy answers (the bake ends there), or
 * undefined when the bake ran out healthy. Every sleep is at most one watch interval, so a bake of any length is slept
 * in chunks on the clock.
 */
export async function watchBake(ctx: RunContext, stage: PlanStage, stamps: PlanStamp[], startedAt: number, bakeEnd: number, watchUntil = bakeEnd): Promise<ProbeOutcome | undefined> {
  const watched = stamps.filter((s) => s.health);
  const bakeMs = bakeEnd - startedAt;
  const endsAt = Math.min(watchUntil, bakeEnd);
  const next = new Map(watched.map((s) => [s.id, startedAt]));
  const everyMs = new Map(watched.map((s) => [s.id, watchInterval(s.health!, bakeMs)]));
  for (;;) {
    const now = ctx.clock.now();
    if (now >= endsAt) return undefined;
    if (watched.length === 0) {
      await ctx.clock.sleep(endsAt - now, ctx.signal);
      continue;
    }
    for (const s of watched) next.set(s.id, now + untilNextTick(now, startedAt, everyMs.get(s.id)!, endsAt));
    const soonest = Math.min(...next.values());
    await ctx.clock.sleep(Math.max(0, soonest - now), ctx.signal);
    const at = ctx.clock.now();
    // The bake's last moment belongs to the re-check that follows it.
    if (at >= endsAt) return undefined;
    const due = watched.filter((s) => next.get(s.id)! <= at);
    const outcome: ProbeOutcome = { unhealthy: [], verdicts: new Map() };
    await Promise.all(due.map((stamp) => probeOnce(ctx, stage, stamp, startedAt, outcome)));
    if (outcome.unhealthy.length > 0) {
      const order = new Map(stage.stamps.map((s, i) => [s.id, i]));
      outcome.unhealthy.sort((a, b) => order.get(a.stamp.id)! - order.get(b.stamp.id)!);
      return outcome;
    }
  }
}

async function probeOnce(ctx: RunContext, stage: PlanStage, stamp: PlanStamp, bakeStart: number, outcome: ProbeOutcome): Promise<void> {
  const check = stamp.health!;
  const { rollout } = ctx.plan;
  const startedAt = ctx.clock.now();
  let answer: ProbeAnswer;
  try {
    const outputs = await ctx.outputsFor(stamp);
    answer = await ctx.ports.prober.probe(check, { stamp, outputs, rollout: { id: rollout.id, version: rollout.version, mode: rollout.mode } }, ctx.signal);
  } catch (error) {
    // Stopped mid-probe: whatever the probe threw then (a reset, a refused connection) says nothing of the stamp.
    if (ctx.signal.aborted) throw ctx.signal.reason ?? error;
    answer = { healthy: false, latencyMs: 0, detail: `probe error: ${error instanceof Error ? error.message : String(error)}` };
  }
  answer = { ...answer, at: ctx.clock.now() };
  if (answer.healthy) return;
  const detail = `turned unhealthy ${formatDuration(Math.max(0, startedAt - bakeStart))} into the bake: ${answer.detail}`;
  const verdict: HealthVerdict = { healthy: false, phase: 'healthyFor', answer, probes: 1, startedAt, endedAt: ctx.clock.now(), detail };
  outcome.verdicts.set(stamp.id, verdict);
  outcome.unhealthy.push({ stamp, verdict });
  ctx.report({ type: 'probe-answer', stage: stage.name, stamp: stamp.id, phase: 'healthyFor', answer });
  ctx.report({ type: 'probe-verdict', stage: stage.name, stamp: stamp.id, check: 'recheck', healthy: false, phase: 'healthyFor', detail });
}
