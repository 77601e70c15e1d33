/**
 * The release-unit part of a plan (seed 002): plain data like the rest of the plan. The traffic stamp is kept out
 * of the stages because the release-unit controller deploys it once per weight step, with the weights as a parameter.
 */
import type { PlanStamp } from './types.js';

/** The output of the traffic component's template that names the Front Door origin group each traffic step re-weights. */
export const ORIGIN_GROUP_OUTPUT = 'originGroupId';

export interface MetricCheck {
  /** errorRatio: 5xx / requests under `maxErrorRatio` with at least `minRequests`; noTraffic: no request at all. */
  metric: 'errorRatio' | 'noTraffic';
  maxErrorRatio: number;
  windowMs: number;
  minRequests: number;
}

export interface TrafficStep {
  /** Percent of user traffic on the new unit. */
  weight: number;
  bakeMs: number;
  environment?: string;
}

export interface ReleaseUnitPlan {
  /** inPlace: a hotfix into the live unit, no new unit and no traffic step. */
  strategy: 'releaseUnit' | 'inPlace';
  /** Name of the unit this rollout deploys (the new one, or the live one for inPlace). */
  unit: string;
  components: string[];
  onAbort: 'keep' | 'remove';
  traffic: {
    component: string;
    parameter: string;
    hostOutput: string;
    intervalMs: number;
    steps: TrafficStep[];
    health: MetricCheck[];
    /** Filled by the planner: the traffic component's stamp, redeployed per step. */
    stamp?: PlanStamp;
  };
  teardown: { environment?: string; checks: MetricCheck[] };
}
