/**
 * Shared analysis of metric checks: turns request and 5xx counts into a verdict. Any controller asks it; none
 * judges counts by itself. "No errors" with too little traffic is not healthy: it is `inconclusive` until the
 * window closes, then unhealthy.
 */
import type { MetricCheck } from '../plan/release-units.js';
import type { TrafficCount } from './traffic.js';

export type MetricOutcome = 'healthy' | 'unhealthy' | 'inconclusive';

export interface MetricVerdict {
  metric: MetricCheck['metric'];
  outcome: MetricOutcome;
  requests: number;
  errors: number;
  windowMs: number;
  /** One line a person reads. */
  detail: string;
  at: number;
}

const pct = (n: number): string => `${(n * 100).toFixed(n < 0.01 ? 2 : 1)}%`;

export function judgeMetric(check: MetricCheck, count: TrafficCount, at: number, final: boolean): MetricVerdict {
  const base = { metric: check.metric, requests: count.requests, errors: count.errors, windowMs: check.windowMs, at };
  if (check.metric === 'noTraffic') {
    if (count.requests === 0) return { ...base, outcome: 'healthy', detail: `no request in the last ${minutes(check.windowMs)}` };
    return { ...base, outcome: final ? 'unhealthy' : 'inconclusive', detail: `${count.requests} request(s) in the last ${minutes(check.windowMs)}; waiting for none` };
  }
  const ratio = count.requests === 0 ? 0 : count.errors / count.requests;
  if (count.requests >= check.minRequests && ratio >= check.maxErrorRatio) {
    return { ...base, outcome: 'unhealthy', detail: `5xx ratio ${pct(ratio)} (${count.errors}/${count.requests}) over ${minutes(check.windowMs)} is not under ${pct(check.maxErrorRatio)}` };
  }
  if (count.requests < check.minRequests) {
    return { ...base, outcome: final ? 'unhealthy' : 'inconclusive', detail: `${count.requests} request(s) over ${minutes(check.windowMs)}, fewer than the ${check.minRequests} needed to judge` };
  }
  return { ...base, outcome: 'healthy', detail: `5xx ratio ${pct(ratio)} (${count.errors}/${count.requests}) over ${minutes(check.windowMs)}, under ${pct(check.maxErrorRatio)}` };
}

function minutes(ms: number): string {
  return ms % 60_000 === 0 ? `${ms / 60_000}m` : `${Math.round(ms / 1000)}s`;
}
