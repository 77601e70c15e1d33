/**
 * Health analysis, kept apart from the controller (as Argo Rollouts keeps analysis apart from the rollout): the three
 * phases of Azure Deployment Manager's health check, timed on the Clock.
 */
import type { HealthCheck } from '../plan/types.js';
import type { Clock } from '../time/clock.js';
import { formatDuration } from '../time/duration.js';
import type { HealthPhase, ProbeAnswer } from './ports.js';

export interface HealthVerdict {
  healthy: boolean;
  /** The phase it failed in, or the last phase it went through. */
  phase: HealthPhase;
  /** The failing answer, or the last answer when healthy. Absent only when nothing was probed. */
  answer?: ProbeAnswer;
  probes: number;
  startedAt: number;
  endedAt: number;
  /** A sentence for logs and the summary. */
  detail: string;
}

export interface HealthRun {
  check: Pick<HealthCheck, 'intervalMs' | 'waitMs' | 'withinMs' | 'healthyForMs'>;
  /** One probe; the prober enforces its own timeout. */
  probe: (signal: AbortSignal) => Promise<ProbeAnswer>;
  clock: Clock;
  signal: AbortSignal;
  onPhase?: (phase: HealthPhase, untilMs: number) => void;
  onAnswer?: (phase: HealthPhase, answer: ProbeAnswer) => void;
}

/**
 * The quick check before a stage moves on (after its bake, or in a later job): no wait, the first answer must already
 * be healthy, then it must stay healthy for two more intervals (capped by the stamp's own healthyFor). One answer alone
 * could land on a good moment of a flapping stamp; three answers two intervals apart catch flapping at the probe's own
 * granularity while adding at most two intervals per stage.
 */
export function recheckOf(check: HealthCheck): HealthCheck {
  return { ...check, waitMs: 0, withinMs: 0, healthyForMs: Math.min(check.healthyForMs, 2 * check.intervalMs) };
}

/** How long the quick check of these checks takes: its longest healthy window (no wait, no within). */
export function recheckSpan(checks: HealthCheck[]): number {
  return Math.max(0, ...checks.map((check) => recheckOf(check).healthyForMs));
}

export async function runHealthCheck(run: HealthRun): Promise<HealthVerdict> {
  const { check, clock, signal } = run;
  const startedAt = clock.now();
  let probes = 0;
  let last: ProbeAnswer | undefined;

  const ask = async (phase: HealthPhase): Promise<ProbeAnswer> => {
    let answer: ProbeAnswer;
    try {
      answer = await run.probe(signal);
    } catch (error) {
      // Stopped mid-probe: whatever the probe threw then (a reset, a refused connection) says nothing of the stamp.
      if (signal.aborted) throw signal.reason ?? error;
      // A prober that throws is a probe that failed: the stamp is not known to be healthy.
      answer = { healthy: false, latencyMs: 0, detail: `probe error: ${error instanceof Error ? error.message : String(error)}` };
    }
    answer = { ...answer, at: clock.now() };
    probes++;
    last = answer;
    run.onAnswer?.(phase, answer);
    return answer;
  };
  const verdict = (healthy: boolean, phase: HealthPhase, detail: string): HealthVerdict => ({
    healthy,
    phase,
    ...(last ? { answer: last } : {}),
    probes,
    startedAt,
    endedAt: clock.now(),
    detail,
  });

  if (check.waitMs > 0) {
    run.onPhase?.('wait', check.waitMs);
    await clock.sleep(check.waitMs, signal);
  }

  run.onPhase?.('within', check.withinMs);
  const withinStart = clock.now();
  const withinEnd = withinStart + check.withinMs;
  for (;;) {
    const answer = await ask('within');
    if (answer.healthy) break;
    if (withinEnd - clock.now() <= 0) {
      return verdict(false, 'within', `not healthy within ${formatDuration(check.withinMs)}: ${answer.detail}`);
    }
    await clock.sleep(untilNextTick(clock.now(), withinStart, check.intervalMs, withinEnd), signal);
  }

  run.onPhase?.('healthyFor', check.healthyForMs);
  const healthyStart = clock.now();
  const healthyEnd = healthyStart + check.healthyForMs;
  for (;;) {
    if (healthyEnd - clock.now() <= 0) break;
    // The last probe lands on the window's end, so "healthy for 5m" includes minute five.
    await clock.sleep(untilNextTick(clock.now(), healthyStart, check.intervalMs, healthyEnd), signal);
    const answer = await ask('healthyFor');
    if (!answer.healthy) {
      const after = formatDuration(Math.max(0, clock.now() - (healthyEnd - check.healthyForMs)));
      return verdict(false, 'healthyFor', `turned unhealthy ${after} into the healthy window: ${answer.detail}`);
    }
  }
  return verdict(true, 'healthyFor', `healthy (${probes} probe${probes === 1 ? '' : 's'}): ${last!.detail}`);
}

/**
 * Probes keep the grid of their phase's start (start + k * interval), not "interval after the last answer": a slow
 * answer must not stretch the window or thin out its probes. A tick already missed is skipped, never bunched up.
 */
export function untilNextTick(now: number, phaseStart: number, intervalMs: number, end: number): number {
  const next = phaseStart + (Math.floor((now - phaseStart) / intervalMs) + 1) * intervalMs;
  return Math.max(0, Math.min(next, end) - now);
}
