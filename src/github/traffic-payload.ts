/**
 * What the GitHub deployment record of a traffic-step or teardown job carries. GitHub keeps a deployment's payload as
 * it was created (there is no update), so the payload says what the job set out to do: the weights and the checks;
 * what it saw (traffic per unit, verdicts) is in the final status's description, written when the job ends.
 */
import type { MetricCheck } from '../plan/release-units.js';
import { formatDuration } from '../time/duration.js';

export interface TrafficJobPayload {
  kind: 'traffic-step' | 'teardown';
  /** The new unit. */
  unit: string;
  /** Percent of users per side once the job set the weights: the new unit, and the unit they come from. */
  weights: { newUnit: number; previousUnit: number };
  /** How long the new unit is judged under traffic (a step), inside the job. */
  bakeMs: number;
  /** The metric checks the job judges by, as a person reads them. */
  checks: string[];
}

export function checkText(check: MetricCheck): string {
  const window = formatDuration(check.windowMs);
  if (check.metric === 'noTraffic') return `noTraffic: no request for ${window}`;
  return `errorRatio: 5xx under ${+(check.maxErrorRatio * 100).toFixed(2)}% over ${window}, at least ${check.minRequests} request(s)`;
}

/** The in-progress description: what the job is doing. */
export function trafficDoing(payload: TrafficJobPayload): string {
  if (payload.kind === 'teardown') return `Tearing down the unit before ${payload.unit}`;
  return `Moving ${payload.weights.newUnit}% of users to ${payload.unit} (judged for ${formatDuration(payload.bakeMs)})`;
}
