/**
 * Judging a unit under real traffic for a while: every evaluation interval, each metric check is asked about its
 * window (ending now) through the shared metric analysis. Stops early on an unhealthy verdict, so traffic can go
 * back within one interval.
 */
import type { MetricCheck } from '../../plan/release-units.js';
import type { Clock } from '../../time/clock.js';
import { judgeMetric, type MetricVerdict } from '../metric-analysis.js';
import type { TrafficMetrics, UnitOrigin } from '../traffic.js';

export interface JudgeRequest {
  clock: Clock;
  metrics: TrafficMetrics;
  origins: UnitOrigin[];
  checks: MetricCheck[];
  intervalMs: number;
  /** Judge until this clock time; the verdicts at that time are final. */
  untilMs: number;
  signal: AbortSignal;
  onVerdicts?: (verdicts: MetricVerdict[]) => void;
  /** Stop as soon as every check is healthy (teardown checks), instead of judging until `untilMs`. */
  stopWhenHealthy?: boolean;
}

export async function evaluate(req: Pick<JudgeRequest, 'clock' | 'metrics' | 'origins' | 'checks' | 'signal'>, final: boolean): Promise<MetricVerdict[]> {
  const now = req.clock.now();
  const verdicts: MetricVerdict[] = [];
  for (const check of req.checks) {
    const count = await req.metrics.originTraffic(req.origins, now - check.windowMs, now, req.signal);
    verdicts.push(judgeMetric(check, count, now, final));
  }
  return verdicts;
}

export async function judgeFor(req: JudgeRequest): Promise<{ healthy: boolean; verdicts: MetricVerdict[] }> {
  let verdicts: MetricVerdict[] = [];
  for (;;) {
    const remaining = req.untilMs - req.clock.now();
    const final = remaining <= 0;
    if (req.checks.length === 0) {
      if (final) return { healthy: true, verdicts };
    } else {
      verdicts = await evaluate(req, final);
      req.onVerdicts?.(verdicts);
      if (verdicts.some((v) => v.outcome === 'unhealthy')) return { healthy: false, verdicts };
      if (req.stopWhenHealthy && verdicts.every((v) => v.outcome === 'healthy')) return { healthy: true, verdicts };
      if (final) return { healthy: verdicts.every((v) => v.outcome === 'healthy'), verdicts };
    }
    await req.clock.sleep(Math.min(req.intervalMs, Math.max(0, remaining)), req.signal);
  }
}
