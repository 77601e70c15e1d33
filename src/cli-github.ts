import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { InputError } from './commands/plan.js';
import { environmentsCommand, workflowCommand } from './commands/workflow.js';
import { failoverWorkflowCommand } from './commands/failover-workflow.js';
import { createGitHubClient } from './github/client.js';
import { environmentsText, type Reviewer } from './github/environments.js';
import { workflowDrift } from './github/workflow/drift.js';

/** `staged-rollout workflow`: write the per-stage workflow, or with --check say how the committed one drifted. */
export function workflowCli(values: { spec: string; out?: string; uses?: string; branch?: string; check?: boolean; failover?: boolean; schedule?: string }): number {
  if (values.failover) return failoverWorkflowCli({ ...values, check: values.check ?? false });
  const options = { uses: values.uses, defaultBranch: values.branch };
  const { file, text, input } = workflowCommand({ specFile: values.spec, repoRoot: process.cwd(), options, out: values.out });
  const shown = path.relative(process.cwd(), file);
  if (values.check) {
    if (!existsSync(file)) throw new InputError(`${shown} does not exist; run staged-rollout workflow --spec ${values.spec}`);
    const drift = workflowDrift(readFileSync(file, 'utf8'), input, options);
    for (const line of drift) process.stdout.write(`${shown}: ${line}\n`);
    process.stdout.write(drift.length === 0 ? `${shown} matches ${values.spec}\n` : `${drift.length} difference(s): regenerate with staged-rollout workflow --spec ${values.spec}\n`);
    return drift.length === 0 ? 0 : 1;
  }
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, text);
  process.stdout.write(`wrote ${shown}\n`);
  return 0;
}

/** `workflow --failover [--schedule CRON]`: the scheduled failover workflow; --check compares it with the committed one. */
function failoverWorkflowCli(values: { spec: string; out?: string; uses?: string; check: boolean; schedule?: string }): number {
  const { file, text } = failoverWorkflowCommand({ specFile: values.spec, repoRoot: process.cwd(), options: { uses: values.uses, schedule: values.schedule }, out: values.out });
  const shown = path.relative(process.cwd(), file);
  if (values.check) {
    const same = existsSync(file) && readFileSync(file, 'utf8') === text;
    process.stdout.write(same ? `${shown} matches ${values.spec}\n` : `${shown} ${existsSync(file) ? 'differs from' : 'is missing for'} ${values.spec}: regenerate with staged-rollout workflow --failover --spec ${values.spec}\n`);
    return same ? 0 : 1;
  }
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, text);
  process.stdout.write(`wrote ${shown}\n`);
  return 0;
}

/**
 * `staged-rollout environments`: create or update the stage environments. The admin token is read from GH_TOKEN or
 * GITHUB_TOKEN, never from a flag, so it stays out of shell history and process lists.
 */
export interface EnvironmentsOptions {
  spec: string;
  repo?: string;
  apiUrl: string;
  dryRun?: boolean;
  reviewer?: string[];
  branchPolicy: string;
}

export async function environmentsCli(values: EnvironmentsOptions): Promise<number> {
  const token = process.env.GH_TOKEN ?? process.env.GITHUB_TOKEN;
  if (!token) throw new InputError('set GH_TOKEN (or GITHUB_TOKEN) to a token with administration: write on the repository');
  const [owner, repo] = (values.repo ?? process.env.GITHUB_REPOSITORY ?? '').split('/');
  if (!owner || !repo) throw new InputError('give --repo OWNER/NAME');
  if (!['protected', 'any', 'keep'].includes(values.branchPolicy)) throw new InputError('--branch-policy is protected, any or keep');
  const report = await environmentsCommand({
    specFile: values.spec,
    repoRoot: process.cwd(),
    client: createGitHubClient(token, { apiUrl: values.apiUrl }),
    owner,
    repo,
    dryRun: values.dryRun ?? false,
    options: { reviewers: values.reviewer?.map(reviewer), branchPolicy: values.branchPolicy as 'protected' | 'any' | 'keep' },
  });
  process.stdout.write(`${environmentsText(report)}\n`);
  return 0;
}

function reviewer(text: string): Reviewer {
  const [type, id] = text.split(':');
  if ((type !== 'User' && type !== 'Team') || !(Number(id) > 0)) throw new InputError(`--reviewer takes User:ID or Team:ID (numeric ids), got "${text}"`);
  return { type, id: Number(id) };
}
