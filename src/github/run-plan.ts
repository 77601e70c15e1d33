import * as core from '@actions/core';
import path from 'node:path';
import { InputError, planCommand, stagesOutput } from '../commands/plan.js';
import { driftOf } from '../commands/workflow.js';
import { planMarkdown } from '../report/plan-markdown.js';
import { planText } from '../report/plan-text.js';
import { planRequest, type ActionInputs } from './inputs.js';
import { planWithWhatIf } from './run-what-if.js';

/** `command: plan`: validate and plan, outputs for later jobs, the summary, and a check of the committed workflow. */
export async function runPlan(inputs: ActionInputs): Promise<void> {
  const plan = core.getInput('what-if') === 'true' ? await planWithWhatIf(inputs) : planCommand(planRequest(inputs)).plan;
  core.info(planText(plan));
  core.setOutput('plan', JSON.stringify(plan));
  core.setOutput('stages', JSON.stringify(stagesOutput(plan)));
  await core.summary.addRaw(planMarkdown(plan), true).write();
  // The committed workflow must still be the spec's: a stage added to the spec but not to the workflow never deploys.
  const drift = driftOf({ specFile: inputs.spec, repoRoot: inputs.workspace, workflow: inputs.workflow });
  if (drift && drift.drift.length > 0) {
    const file = path.relative(inputs.workspace, drift.file);
    // A workflow that is not there is generated; one that drifted, regenerated: the same command either way.
    const fix = drift.missing ? 'generate it with the workflow command' : 'regenerate it with the workflow command';
    for (const line of drift.drift) core.warning(`${line}; ${fix}`, { title: 'staged-rollout: workflow drift', file });
    if (inputs.strict) throw new InputError(`${file} no longer matches ${inputs.spec} (${drift.drift.length} difference${drift.drift.length === 1 ? '' : 's'}); strict: true makes that an error`);
  }
}
