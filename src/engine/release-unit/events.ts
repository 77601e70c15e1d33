/**
 * What the release-unit controller records (journal), reports (live log) and returns (result). The journal events
 * are what a re-run after a kill resumes from: which weight step was started when, and whether teardown began.
 */
import type { MetricVerdict } from '../metric-analysis.js';
import type { TrafficCount } from '../traffic.js';

export type TrafficJournalEvent = { rolloutId: string; at: number } & (
  | { type: 'unit-live'; unit: string }
  | { type: 'traffic-step-started'; unit: string; previousUnit: string; weight: number }
  | { type: 'traffic-step-completed'; unit: string; weight: number }
  | { type: 'traffic-reverted'; unit: string; previousUnit: string; reason: string }
  | { type: 'teardown-started'; unit: string; previousUnit: string }
  | { type: 'teardown-finished'; unit: string; previousUnit: string; groups: string[] }
);

export type TrafficReport =
  | { type: 'traffic-step-started'; unit: string; previousUnit: string; weight: number; bakeMs: number; resumed: boolean }
  | { type: 'traffic-verdicts'; unit: string; weight: number; verdicts: MetricVerdict[] }
  | { type: 'traffic-step-finished'; unit: string; weight: number; ok: boolean; observed: Record<string, TrafficCount> }
  | { type: 'traffic-reverted'; unit: string; previousUnit: string; reason: string }
  | { type: 'teardown-check'; unit: string; verdicts: MetricVerdict[] }
  | { type: 'teardown-finished'; unit: string; groups: string[] };

export interface TrafficStepResult {
  weight: number;
  environment?: string;
  status: 'succeeded' | 'unhealthy' | 'already-completed' | 'not-started' | 'canceled';
  startedAt?: number;
  endedAt?: number;
  bakeMs: number;
  /** The traffic component's deployment that set this step's weights. */
  deploymentName?: string;
  /** Requests and 5xx per unit during the step, as the metrics reported them. */
  observed?: Record<string, TrafficCount>;
  /** The new unit's share of the observed requests (percent). */
  observedShare?: number;
  /** The last verdict of each metric check. */
  verdicts: MetricVerdict[];
}

export interface ReleaseUnitResult {
  strategy: 'releaseUnit' | 'inPlace';
  unit: string;
  previousUnit?: string;
  steps: TrafficStepResult[];
  /** Set when the release went back to the previous unit. */
  reverted?: { reason: string; at: number };
  teardown?: {
    status: 'succeeded' | 'checks-failed' | 'not-started' | 'canceled';
    environment?: string;
    checks: MetricVerdict[];
    removedGroups: string[];
    at?: number;
  };
}

export interface TrafficProgress {
  live: boolean;
  started: Map<number, number>;
  completed: Set<number>;
  reverted: boolean;
  teardownStarted: boolean;
  teardownFinished: boolean;
  /** The unit users came from, once a step or the teardown named it. */
  previousUnit?: string;
}

/** Folds the journal of one rollout id into where the release stands. A revert forgets the steps: a re-run starts over. */
export function foldTraffic(events: Array<{ rolloutId: string; type: string; at: number } & Record<string, unknown>>, rolloutId: string): TrafficProgress {
  const p: TrafficProgress = { live: false, started: new Map(), completed: new Set(), reverted: false, teardownStarted: false, teardownFinished: false };
  for (const e of events) {
    if (e.rolloutId !== rolloutId) continue;
    if (typeof e.previousUnit === 'string') p.previousUnit = e.previousUnit;
    if (e.type === 'unit-live') p.live = true;
    else if (e.type === 'traffic-step-started') p.started.set(e.weight as number, e.at);
    else if (e.type === 'traffic-step-completed') p.completed.add(e.weight as number);
    else if (e.type === 'teardown-started') p.teardownStarted = true;
    else if (e.type === 'teardown-finished') p.teardownFinished = true;
    else if (e.type === 'traffic-reverted') Object.assign(p, { started: new Map(), completed: new Set(), reverted: true, teardownStarted: false });
  }
  return p;
}
