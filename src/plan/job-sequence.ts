/**
 * The jobs of one rollout in the order they run, as the generated workflow has them: its stages, then (release units)
 * one job per traffic step and one for the teardown. The checks between jobs walk this list, so a traffic step is
 * gated exactly like a stage: the job before it must have succeeded and baked.
 */
import type { Plan } from './types.js';

export const TEARDOWN_JOB = 'teardown';
export const stepJobName = (weight: number): string => `traffic-${weight}`;

export interface RolloutJob {
  /** The `stage` input of its job. */
  name: string;
  kind: 'stage' | 'traffic-step' | 'teardown';
  environment?: string;
  bakeMs: number;
  /**
   * A traffic step judges the new unit under traffic for its whole bake inside its own job: once it succeeded, its
   * bake is over. A stage's bake runs between its job and the next one.
   */
  bakedInJob: boolean;
  /** Traffic steps: the new unit's share of the traffic. */
  weight?: number;
}

export function rolloutJobs(plan: Plan): RolloutJob[] {
  const jobs: RolloutJob[] = plan.stages.map((s) => ({ name: s.name, kind: 'stage', environment: s.environment, bakeMs: s.bakeMs, bakedInJob: false }));
  const units = plan.releaseUnits;
  // A hotfix (inPlace) goes into the live unit: no traffic step, no teardown.
  if (!units || units.strategy !== 'releaseUnit') return jobs;
  for (const step of units.traffic.steps) {
    jobs.push({ name: stepJobName(step.weight), kind: 'traffic-step', environment: step.environment, bakeMs: step.bakeMs, bakedInJob: true, weight: step.weight });
  }
  jobs.push({ name: TEARDOWN_JOB, kind: 'teardown', environment: units.teardown.environment, bakeMs: 0, bakedInJob: true });
  return jobs;
}

/** The job named `name` and the one before it; undefined when the rollout has no such job. */
export function jobAndPrevious(plan: Plan, name: string): { job: RolloutJob; previous?: RolloutJob } | undefined {
  const jobs = rolloutJobs(plan);
  const index = jobs.findIndex((j) => j.name === name);
  return index < 0 ? undefined : { job: jobs[index], previous: jobs[index - 1] };
}
