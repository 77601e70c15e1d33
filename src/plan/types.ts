/**
 * The plan: everything the engine needs to run a rollout, decided before anything touches Azure. It is plain data,
 * serialised as JSON between jobs, so every field is JSON and the key order is fixed by construction.
 */

import type { MetricCheck, ReleaseUnitPlan } from './release-units.js';

export type RollbackScope = 'stamp' | 'stage' | 'rollout' | 'none';
export type DeployPolicy = 'always' | 'onChange' | 'never';
export type DeploymentScope = 'resourceGroup' | 'subscription' | 'managementGroup' | 'tenant';

/** Health check of a stamp, mode-resolved, all durations in milliseconds. `{outputs.NAME}` is still unresolved. */
export interface HealthCheck {
  /** HTTP probe: URL template, may hold `{outputs.NAME}`. */
  url?: string;
  /** Command probe: argv, never a shell string; exit 0 = healthy. */
  command?: string[];
  /** Metric probe: a condition on Azure Monitor metrics of `resource` (may hold `{outputs.NAME}`). */
  metric?: MetricCheck & { resource: string };
  expect: {
    status: number[];
    /** Regular expressions over the body. */
    body: string[];
    /** `all`: every regex must match; `any`: one is enough. */
    bodyMatch: 'all' | 'any';
    maxLatencyMs?: number;
  };
  /** Header name -> value template; values may be `{env.NAME}` (resolved at probe time, never printed). */
  headers: Record<string, string>;
  intervalMs: number;
  timeoutMs: number;
  /** Phase 1: bake before the first probe. */
  waitMs: number;
  /** Phase 2: unhealthy answers tolerated until the first healthy one, within this window. */
  withinMs: number;
  /** Phase 3: must stay healthy this long; one unhealthy answer fails. */
  healthyForMs: number;
  /** Probe cadence during the stage's bake (default: the interval; at least a minute for bakes over an hour). */
  watchMs?: number;
}

/** A parameter value as shown in the plan. Secure values never appear: only where they come from. */
export type PlannedParameter =
  | { value: unknown }
  | { secure: true; source: string }
  | { reference: unknown };

export interface StampDecision {
  action: 'deploy' | 'skip';
  /** Machine-readable reason. */
  reason:
    | 'not-deployed'
    | 'changed'
    | 'always'
    | 'unchanged'
    | 'never'
    | 'already-deployed-by-this-rollout'
    | 'state-unknown'
    /** `deploy --only`: the stamp asked for, and a prerequisite it needs deployed first. */
    | 'requested'
    | 'prerequisite';
  /** A sentence a person reads in the plan table. */
  detail: string;
}

export interface PlanStamp {
  /** `component@region` for per-region components, the component name for global ones. */
  id: string;
  component: string;
  /** Region key for per-region stamps; the location for global ones. */
  region: string;
  global: boolean;
  scope: DeploymentScope;
  subscription: string;
  /** Absent at subscription scope. */
  resourceGroup?: string;
  /** The management group id, at managementGroup scope only. */
  managementGroup?: string;
  location: string;
  deploymentName: string;
  /** Repository-relative path of the ARM JSON (or compiled Bicep) template. */
  template: string;
  parametersFile?: string;
  parameters: Record<string, PlannedParameter>;
  /** Ids of stamps (in this or an earlier stage) that must be deployed first. */
  requires: string[];
  /** Stamps whose outputs fill `{outputs.COMPONENT.NAME}` in `parameters` at deploy time, in stage order. */
  outputsFrom?: string[];
  /** sha256 of template + parameters + scope; what `onChange` compares. */
  contentHash: string;
  policy: DeployPolicy;
  decision: StampDecision;
  health?: HealthCheck;
}

export interface PlanStage {
  name: string;
  index: number;
  environment?: string;
  /** `{outputs.NAME}` text for the stage's GitHub deployment URL (the spec's environmentUrl). */
  environmentUrl?: string;
  regions: string[];
  bakeMs: number;
  maxParallel: number;
  /** In dependency order: a stamp comes after everything it requires. */
  stamps: PlanStamp[];
}

export interface Plan {
  formatVersion: 1;
  rollout: {
    /** `name@version`: every ARM deployment carries it as a tag. */
    id: string;
    name: string;
    version: string;
    mode: string;
    /** sha256 of the spec source and every template and parameters file it names. */
    specHash: string;
    specFile: string;
  };
  rollback: { scope: RollbackScope; deleteNew: boolean };
  stages: PlanStage[];
  /** The release-unit strategy (seed 002); absent for in-place rollouts. */
  releaseUnits?: ReleaseUnitPlan;
  /** `plan` with what-if: ARM's prediction for every stamp that would deploy (src/plan/what-if.ts). */
  whatIf?: import('./what-if.js').StampWhatIf[];
  /** `deploy --only`: which stamps were considered and why each is in or out. */
  only?: { selector: string; stamps: Array<{ id: string; included: boolean; role: 'requested' | 'prerequisite'; why: string }>; outside: PlanStamp[] };
}

/** What Azure says about a stamp before planning: its last successful deployment, if any. */
export interface ObservedStamp {
  deploymentName: string;
  version?: string;
  rolloutId?: string;
  contentHash?: string;
}

/** Observed state by stamp id; a stamp missing from it was never deployed. */
export type ObservedState = Record<string, ObservedStamp>;

/** Tag names put on every ARM deployment; the planner and the deployer agree on them through this. */
export const DEPLOYMENT_TAGS = {
  rolloutId: 'rollout-id',
  version: 'rollout-version',
  stage: 'rollout-stage',
  stamp: 'rollout-stamp',
  contentHash: 'rollout-content-hash',
  specHash: 'rollout-spec-hash',
  /** One process's run (a fresh id each time): what tells two runs of the same rollout apart in ARM. */
  runId: 'rollout-run',
} as const;
