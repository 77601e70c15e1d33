/**
 * The weight steps: at each, the traffic component is redeployed with the new shares, then the new unit is judged
 * under real traffic for the step's bake. A step started in an earlier run continues its bake from when it began.
 */
import type { TrafficCount, UnitWeight } from '../traffic.js';
import type { UnitRun } from './controller.js';
import { judgeFor } from './judge.js';

/** `only`: run just the step of this weight (a job per step); the others are left to their own jobs. */
export async function runSteps(run: UnitRun, previous: UnitWeight, unit: UnitWeight, only?: number): Promise<{ ok: boolean; status?: 'rolled-back' | 'failed'; message: string }> {
  const { clock, traffic, metrics } = run.ports;
  const { traffic: spec } = run.spec;
  for (const [i, step] of spec.steps.entries()) {
    const stepResult = run.result.steps[i];
    if (only !== undefined && step.weight !== only) continue;
    if (run.progress.completed.has(step.weight) || run.progress.teardownStarted) {
      stepResult.status = 'already-completed';
      continue;
    }
    stepResult.status = 'canceled'; // until it ends otherwise
    const weights = [{ ...previous, weight: 100 - step.weight }, { ...unit, weight: step.weight }];
    const { deploymentName } = await traffic.setWeights(weights, `w${step.weight}`, run.signal);
    stepResult.deploymentName = deploymentName;
    const earlier = run.progress.started.get(step.weight);
    const startedAt = earlier ?? clock.now();
    stepResult.startedAt = startedAt;
    if (earlier === undefined) await run.record({ type: 'traffic-step-started', unit: unit.unit, previousUnit: previous.unit, weight: step.weight });
    run.report({ type: 'traffic-step-started', unit: unit.unit, previousUnit: previous.unit, weight: step.weight, bakeMs: step.bakeMs, resumed: earlier !== undefined });

    const judged = await judgeFor({
      clock,
      metrics,
      origins: unit.origins,
      checks: spec.health,
      intervalMs: spec.intervalMs,
      untilMs: startedAt + step.bakeMs,
      signal: run.signal,
      onVerdicts: (verdicts) => {
        stepResult.verdicts = verdicts;
        run.report({ type: 'traffic-verdicts', unit: unit.unit, weight: step.weight, verdicts });
      },
    });
    stepResult.endedAt = clock.now();
    stepResult.observed = await observed(run, previous, unit, startedAt, stepResult.endedAt);
    const total = Object.values(stepResult.observed).reduce((n, c) => n + c.requests, 0);
    if (total > 0) stepResult.observedShare = Math.round((1000 * stepResult.observed[unit.unit].requests) / total) / 10;
    run.report({ type: 'traffic-step-finished', unit: unit.unit, weight: step.weight, ok: judged.healthy, observed: stepResult.observed });
    if (!judged.healthy) {
      stepResult.status = 'unhealthy';
      const bad = judged.verdicts.find((v) => v.outcome !== 'healthy');
      const reason = `unit ${unit.unit} unhealthy at ${step.weight}%: ${bad?.detail ?? 'a metric check failed'}`;
      await run.revert(previous, unit, reason);
      return { ok: false, status: 'rolled-back', message: `${reason}; all traffic is back on unit ${previous.unit}` };
    }
    stepResult.status = 'succeeded';
    await run.record({ type: 'traffic-step-completed', unit: unit.unit, weight: step.weight });
  }
  // A step job moved traffic to its own weight only; a whole run (or the last of its resumes) through every step.
  return { ok: true, message: only !== undefined ? `traffic moved to ${unit.unit} at ${only}%` : `traffic moved to ${unit.unit} in ${spec.steps.length} step(s)` };
}

async function observed(run: UnitRun, previous: UnitWeight, unit: UnitWeight, from: number, to: number): Promise<Record<string, TrafficCount>> {
  const [old, fresh] = await Promise.all([
    run.ports.metrics.originTraffic(previous.origins, from, to, run.signal),
    run.ports.metrics.originTraffic(unit.origins, from, to, run.signal),
  ]);
  return { [previous.unit]: old, [unit.unit]: fresh };
}
