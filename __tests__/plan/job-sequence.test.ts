// The jobs of a rollout in the order the generated workflow runs them, exactly: what the gate between two jobs reads.
import { describe, expect, it } from '@jest/globals';
import { jobAndPrevious, rolloutJobs, stepJobName, TEARDOWN_JOB } from '../../src/plan/job-sequence.js';
import type { ReleaseUnitPlan } from '../../src/plan/release-units.js';
import type { Plan, PlanStage } from '../../src/plan/types.js';

const stage = (name: string, bakeMs: number, environment?: string): PlanStage => ({ name, index: 0, environment, regions: [], bakeMs, maxParallel: 1, stamps: [] });
const units = (strategy: ReleaseUnitPlan['strategy']): ReleaseUnitPlan => ({
  strategy,
  unit: 'blue',
  components: ['app'],
  onAbort: 'keep',
  traffic: {
    component: 'frontdoor',
    parameter: 'weights',
    hostOutput: 'host',
    intervalMs: 60_000,
    steps: [
      { weight: 10, bakeMs: 600_000, environment: 'prod-10' },
      { weight: 100, bakeMs: 0 },
    ],
    health: [],
  },
  teardown: { environment: 'teardown-approval', checks: [] },
});
const plan = (releaseUnits?: ReleaseUnitPlan): Plan =>
  ({ formatVersion: 1, stages: [stage('canary', 3_600_000, 'prod-canary'), stage('broad', 0)], ...(releaseUnits ? { releaseUnits } : {}) }) as unknown as Plan;

describe('rolloutJobs', () => {
  it('is the stages alone, each baking after its job, without release units', () => {
    expect(rolloutJobs(plan())).toEqual([
      { name: 'canary', kind: 'stage', environment: 'prod-canary', bakeMs: 3_600_000, bakedInJob: false },
      { name: 'broad', kind: 'stage', environment: undefined, bakeMs: 0, bakedInJob: false },
    ]);
  });

  it('is the stages alone for a hotfix into the live unit', () => {
    expect(rolloutJobs(plan(units('inPlace'))).map((j) => j.name)).toEqual(['canary', 'broad']);
  });

  it('adds one job per traffic step, baked in the job, then the teardown', () => {
    expect(rolloutJobs(plan(units('releaseUnit'))).slice(2)).toEqual([
      { name: 'traffic-10', kind: 'traffic-step', environment: 'prod-10', bakeMs: 600_000, bakedInJob: true, weight: 10 },
      { name: 'traffic-100', kind: 'traffic-step', environment: undefined, bakeMs: 0, bakedInJob: true, weight: 100 },
      { name: 'teardown', kind: 'teardown', environment: 'teardown-approval', bakeMs: 0, bakedInJob: true },
    ]);
    expect(stepJobName(25)).toBe('traffic-25');
    expect(TEARDOWN_JOB).toBe('teardown');
  });
});

describe('jobAndPrevious', () => {
  it('gives the job and the one before it, none before the first, and undefined for a name the rollout lacks', () => {
    const p = plan(units('releaseUnit'));
    expect(jobAndPrevious(p, 'canary')).toEqual({ job: expect.objectContaining({ name: 'canary' }), previous: undefined });
    expect(jobAndPrevious(p, 'broad')).toEqual({ job: expect.objectContaining({ name: 'broad' }), previous: expect.objectContaining({ name: 'canary' }) });
    expect(jobAndPrevious(p, 'traffic-10')?.previous?.name).toBe('broad');
    expect(jobAndPrevious(p, 'teardown')?.previous?.name).toBe('traffic-100');
    expect(jobAndPrevious(p, 'traffic-50')).toBeUndefined();
    expect(jobAndPrevious(plan(), 'teardown')).toBeUndefined();
  });
});
