import { describe, expect, it } from '@jest/globals';
import { specShape } from '../../src/commands/workflow.js';
import { repoRoot } from '../helpers/in-process-action.js';

describe('workflowInput: what a workflow is generated from', () => {
  it('stages in order with their bakes; secure parameters and probe headers from secrets, the rest from vars', () => {
    expect(specShape('__tests__/fixtures/secrets/rollout.yaml', repoRoot)).toEqual({
      name: 'secretive',
      specFile: '__tests__/fixtures/secrets/rollout.yaml',
      stages: [
        { name: 'first', environment: undefined, regions: ['eastus'], bakeMs: 0 },
        { name: 'second', environment: undefined, regions: ['westus'], bakeMs: 0 },
      ],
      modes: [],
      env: { vars: ['SECRETIVE_SUBSCRIPTION'], secrets: ['SECRETIVE_API_KEY', 'SECRETIVE_PROBE_KEY'] },
    });
  });

  it('the modes the spec defines', () => {
    expect(specShape('__tests__/fixtures/gated/rollout.yaml', repoRoot).modes).toEqual(['hotfix']);
  });

  it('release units: after the stages, a job per traffic step and the teardown, each with its environment and label', () => {
    const input = specShape('__tests__/fixtures/release-units/rollout.yaml', repoRoot);
    expect(input.stages.slice(2)).toEqual([
      { name: 'traffic-10', environment: 'prod-traffic-10', regions: [], bakeMs: 0, label: 'Traffic 10% to the new unit (judged for 30m)' },
      { name: 'traffic-50', environment: 'prod-traffic-50', regions: [], bakeMs: 0, label: 'Traffic 50% to the new unit (judged for 30m)' },
      { name: 'traffic-100', environment: 'prod-traffic-100', regions: [], bakeMs: 0, label: 'Traffic 100% to the new unit (judged for 30m)' },
      { name: 'teardown', environment: 'prod-teardown', regions: [], bakeMs: 0, label: 'Teardown of the old unit (after its checks)' },
    ]);
    expect(input.stages.slice(0, 2).map((s) => s.name)).toEqual(['first', 'rest']);
  });

  it('a mode that rolls out in place (a hotfix into the live unit) has no traffic or teardown job', () => {
    expect(specShape('__tests__/fixtures/release-units/rollout.yaml', repoRoot, 'hotfix').stages.map((s) => s.name)).toEqual(['first', 'rest']);
  });
});
