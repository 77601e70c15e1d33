/**
 * A metric condition as one probe of the three-phase health check: each answer reads the stamp resource's request
 * and 5xx counts over the check's window (ending now) and asks the shared metric analysis. Too little traffic is an
 * unhealthy answer: tolerated while `within` waits for the first healthy one, fatal in `healthyFor`.
 */
import type { HealthCheck } from '../plan/types.js';
import type { Clock } from '../time/clock.js';
import { judgeMetric } from './metric-analysis.js';
import type { Outputs, ProbeAnswer } from './ports.js';
import type { ResourceMetrics } from './traffic.js';

export async function metricProbe(check: HealthCheck, outputs: Outputs, metrics: ResourceMetrics | undefined, clock: Clock, signal: AbortSignal): Promise<ProbeAnswer> {
  const metric = check.metric!;
  if (!metrics) return { healthy: false, latencyMs: 0, detail: 'a metric health check needs Azure Monitor, and this run has no metrics adapter' };
  const missing: string[] = [];
  const resource = metric.resource.replace(/\{outputs\.([A-Za-z_][\w-]*)\}/g, (_m, name: string) => {
    const value = outputs[name]?.value;
    if (typeof value !== 'string') missing.push(name);
    return typeof value === 'string' ? value : '';
  });
  if (missing.length > 0) return { healthy: false, latencyMs: 0, detail: `the stamp has no output ${missing.join(', ')} for the metric check's resource` };
  const started = clock.now();
  const count = await metrics.resourceTraffic(resource, started - metric.windowMs, started, signal);
  const verdict = judgeMetric(metric, count, started, false);
  return { healthy: verdict.outcome === 'healthy', latencyMs: clock.now() - started, detail: `${metric.metric} ${verdict.outcome}: ${verdict.detail}` };
}
