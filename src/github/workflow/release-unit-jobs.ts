import { stepJobName, TEARDOWN_JOB } from '../../plan/job-sequence.js';
import { formatDuration } from '../../time/duration.js';
import type { LoadedSpec } from '../../spec/types.js';
import type { WorkflowInput } from './input.js';

/**
 * Release units in a workflow: after the stage jobs that deploy the new unit, one job per traffic step (it sets the
 * weights and judges the unit under traffic for the step's bake, inside the job) and one for the teardown, each
 * gated by its own environment. Their names are the `stage` input the deploy command takes.
 */
export function releaseUnitJobs(spec: LoadedSpec): WorkflowInput['stages'] {
  const units = spec.releaseUnits;
  if (!units || units.strategy !== 'releaseUnit') return [];
  return [
    ...units.traffic.steps.map((s) => ({
      name: stepJobName(s.weight),
      environment: s.environment,
      regions: [],
      bakeMs: 0,
      label: `Traffic ${s.weight}% to the new unit (judged for ${formatDuration(s.bakeMs)})`,
    })),
    { name: TEARDOWN_JOB, environment: units.teardown.environment, regions: [], bakeMs: 0, label: 'Teardown of the old unit (after its checks)' },
  ];
}
