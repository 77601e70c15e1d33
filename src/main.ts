import { readInputs } from './github/inputs.js';
import { failStep } from './github/problems.js';
import { runEnvironments, runWorkflow } from './github/run-admin.js';
import { runDeploy } from './github/run-deploy.js';
import { runFailover } from './github/run-failover.js';
import { runIntervention } from './github/run-intervene.js';
import { runPlan } from './github/run-plan.js';
import { runStatus } from './github/run-status.js';
import { runTeardown } from './github/run-teardown.js';

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
      case 'workflow':
        await runWorkflow(inputs);
        break;
      case 'environments':
        await runEnvironments(inputs);
        break;
      case 'failover':
        await runFailover(inputs);
        break;
      case 'status':
        await runStatus(inputs);
        break;
      case 'teardown':
        await runTeardown(inputs);
        break;
      case 'abort':
      case 'promote':
        await runIntervention(inputs, inputs.command);
        break;
    }
  } catch (error) {
    failStep(error);
  }
}
