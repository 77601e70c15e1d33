import * as core from '@actions/core';
import { planCommand, stagesOutput } from './commands/plan.js';
import { readInputs, type ActionInputs } from './github/inputs.js';
import { failStep } from './github/problems.js';
import { runDeploy } from './github/run-deploy.js';
import { planMarkdown } from './report/plan-markdown.js';
import { planText } from './report/plan-text.js';

/** The action: read inputs, run the command, report through outputs, the log and the job summary. */
export async function run(): Promise<void> {
  try {
    const inputs = readInputs();
    switch (inputs.command) {
      case 'plan':
        await runPlan(inputs);
        break;
      case 'deploy':
        await runDeploy(inputs);
        break;
    }
  } catch (error) {
    failStep(error);
  }
}

async function runPlan(inputs: ActionInputs): Promise<void> {
  const { plan } = planCommand({
    specFile: inputs.spec,
    mode: inputs.mode,
    version: inputs.version,
    env: process.env,
    repoRoot: inputs.workspace,
    onSecrets: (secrets) => secrets.forEach((s) => core.setSecret(s)),
  });
  core.info(planText(plan));
  core.setOutput('plan', JSON.stringify(plan));
  core.setOutput('stages', JSON.stringify(stagesOutput(plan)));
  await core.summary.addRaw(planMarkdown(plan), true).write();
}
