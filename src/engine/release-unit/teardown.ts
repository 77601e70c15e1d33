/**
 * Teardown of the old unit, once all users are on the new one: its checks first (by default no request for 15
 * minutes), then its entries leave the traffic component and its resource groups are deleted. Both are idempotent,
 * so a run killed halfway simply does them again.
 */
import type { UnitWeight } from '../traffic.js';
import type { UnitRun } from './controller.js';
import { judgeFor } from './judge.js';

/** Teardown checks are given this long to pass (users on old sessions, Front Door propagation) before it gives up. */
const TEARDOWN_PATIENCE_FACTOR = 8;

export async function tearDown(run: UnitRun, previous: UnitWeight, unit: UnitWeight): Promise<{ ok: boolean; status?: 'failed'; message: string }> {
  const { clock } = run.ports;
  const spec = run.spec.teardown;
  const result = (run.result.teardown = { status: 'canceled' as 'succeeded' | 'checks-failed' | 'not-started' | 'canceled', environment: spec.environment, checks: [] as import('../metric-analysis.js').MetricVerdict[], removedGroups: [] as string[] });
  if (!run.progress.teardownStarted) {
    const longest = Math.max(60_000, ...spec.checks.map((c) => c.windowMs));
    const judged = await judgeFor({
      clock,
      metrics: run.ports.metrics,
      origins: previous.origins,
      checks: spec.checks,
      intervalMs: run.spec.traffic.intervalMs,
      untilMs: clock.now() + longest * TEARDOWN_PATIENCE_FACTOR,
      signal: run.signal,
      stopWhenHealthy: true,
      onVerdicts: (verdicts) => {
        result.checks = verdicts;
        run.report({ type: 'teardown-check', unit: previous.unit, verdicts });
      },
    });
    if (!judged.healthy) {
      result.status = 'checks-failed';
      const bad = judged.verdicts.find((v) => v.outcome !== 'healthy');
      return { ok: false, status: 'failed', message: `teardown of ${previous.unit} held back: ${bad?.detail ?? 'a check failed'}; all traffic is on ${unit.unit}, re-run to try the teardown again` };
    }
    await run.record({ type: 'teardown-started', unit: unit.unit, previousUnit: previous.unit });
  }
  await run.ports.traffic.setWeights([{ ...unit, weight: 100 }], 'only', run.signal);
  result.removedGroups = await run.ports.units.remove(previous.unit, run.signal);
  await run.record({ type: 'teardown-finished', unit: unit.unit, previousUnit: previous.unit, groups: result.removedGroups });
  run.report({ type: 'teardown-finished', unit: previous.unit, groups: result.removedGroups });
  result.status = 'succeeded';
  Object.assign(result, { at: clock.now() });
  return { ok: true, message: `unit ${previous.unit} torn down (${result.removedGroups.length} resource group(s) removed)` };
}
