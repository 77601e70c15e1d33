import * as core from '@actions/core';
import { ArmDeployer } from '../azure/deployer.js';
import { statusCommand } from '../commands/status.js';
import { statusMarkdown } from '../report/status-markdown.js';
import { statusText } from '../report/status-text.js';
import { deploymentRecordsFromEnv } from './deployments.js';
import { planRequest, type ActionInputs } from './inputs.js';
import { armTarget } from './run-deploy.js';

/**
 * `command: status`: which version each stamp runs (ARM's tags) and, with the token, where the rollout stands by its
 * GitHub deployment records. `version` defaults to the newest version on ARM, not the commit: status is asked about
 * the rollout in flight. Outputs: `result` (the status as JSON).
 */
export async function runStatus(inputs: ActionInputs): Promise<void> {
  const target = await armTarget(inputs);
  try {
    const records = inputs.token && process.env.GITHUB_REPOSITORY ? deploymentRecordsFromEnv(inputs.token) : undefined;
    const status = await statusCommand({
      ...planRequest(inputs),
      version: core.getInput('version') || undefined,
      clock: target.clock,
      signal: new AbortController().signal,
      deployer: (spec) => new ArmDeployer({ credential: target.credential, endpoint: target.endpoint, clock: target.clock, spec, pollMs: target.pollMs }),
      records,
    });
    core.info(statusText(status));
    core.setOutput('result', JSON.stringify(status));
    await core.summary.addRaw(statusMarkdown(status), true).write();
  } finally {
    await target.close();
  }
}
