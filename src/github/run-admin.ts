import * as core from '@actions/core';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { InputError } from '../commands/plan.js';
import { environmentsCommand, workflowCommand } from '../commands/workflow.js';
import { createGitHubClient, targetFromEnv } from './client.js';
import { environmentsText } from './environments.js';
import type { ActionInputs } from './inputs.js';

/** Writes the per-stage workflow into the workspace (a later step may open a pull request with it). */
export async function runWorkflow(inputs: ActionInputs): Promise<void> {
  const { file, text } = workflowCommand({ specFile: inputs.spec, repoRoot: inputs.workspace, options: {}, out: inputs.workflow });
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, text);
  core.info(`wrote ${path.relative(inputs.workspace, file)}`);
  core.setOutput('workflow', text);
}

/** `command: environments`: create or update each stage's environment from the spec (an admin token). */
export async function runEnvironments(inputs: ActionInputs): Promise<void> {
  if (!inputs.token) throw new InputError('environments needs token: a token with administration: write (GITHUB_TOKEN cannot change environments)');
  const target = targetFromEnv();
  const report = await environmentsCommand({
    specFile: inputs.spec,
    repoRoot: inputs.workspace,
    client: createGitHubClient(inputs.token, target),
    owner: target.owner,
    repo: target.repo,
    dryRun: inputs.dryRun,
    options: {},
  });
  const text = environmentsText(report);
  core.info(text);
  await core.summary.addRaw(`## Stage environments${inputs.dryRun ? ' (dry run)' : ''}\n\n\`\`\`\n${text}\n\`\`\`\n`, true).write();
}
