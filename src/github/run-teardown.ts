import * as core from '@actions/core';
import { teardownCommand } from '../commands/teardown.js';
import { teardownText } from '../report/teardown-text.js';
import { planRequest, type ActionInputs } from './inputs.js';
import { armTarget } from './run-deploy.js';

/**
 * `command: teardown`: remove what the rollout owns (inputs `component`, `region`, `deployed-version`; none: all of
 * it). With `dry-run: true` it only lists every resource and resource group that would go, and what stays.
 */
export async function runTeardown(inputs: ActionInputs): Promise<void> {
  const target = await armTarget(inputs);
  try {
    const result = await teardownCommand({
      ...planRequest(inputs),
      component: core.getInput('component') || undefined,
      region: core.getInput('region') || undefined,
      deployedVersion: core.getInput('deployed-version') || undefined,
      dryRun: inputs.dryRun,
      clock: target.clock,
      signal: new AbortController().signal,
      credential: target.credential,
      endpoint: target.endpoint,
      log: (line) => core.info(line),
    });
    const text = teardownText(result);
    core.info(text);
    core.setOutput('teardown', JSON.stringify(result));
    await core.summary.addRaw(`### Teardown\n\n\`\`\`\n${text}\n\`\`\`\n`, true).write();
  } finally {
    await target.close();
  }
}
