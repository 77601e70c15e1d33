import * as core from '@actions/core';
import { ArmDeployer } from '../azure/deployer.js';
import { abortRollbackCommand } from '../commands/abort-rollback.js';
import { InputError, planCommand } from '../commands/plan.js';
import { FileJournal } from '../engine/file-journal.js';
import type { RolloutResult } from '../engine/result.js';
import { watchSecureOutputs } from '../engine/redactor.js';
import { createProber } from '../probes/index.js';
import { progressLine } from '../report/progress.js';
import { rollbackClause, rollbackLines } from '../report/rollback-text.js';
import { createGitHubClient, targetFromEnv } from './client.js';
import { planRequest, type ActionInputs } from './inputs.js';
import { recordAbortRollback, recordIntervention, type Intervention } from './interventions.js';
import { actionRedactor, redact } from './masking.js';
import { armTarget } from './run-deploy.js';

/**
 * `command: abort` and `command: promote`: an operator's word on the rollout of `version`, with who (the workflow's
 * actor) and why (`reason`), on the stage's GitHub deployment record, which the next stage job reads. `abort` with
 * `rollback: true` then rolls back, per the spec's rollback scope, what the rollout deployed. Outputs: `result` (JSON)
 * and `status` (aborted, promoted, or the rollback's rolled-back / failed).
 */
export async function runIntervention(inputs: ActionInputs, action: Intervention): Promise<void> {
  const reason = core.getInput('reason').trim();
  if (!reason) throw new InputError(`input reason is empty: say why (it is kept with the ${action} on the deployment record)`);
  const rollback = action === 'abort' && bool('rollback');
  if (!inputs.token) throw new InputError(`${action} needs token (deployments: write): the stage's GitHub deployment record is what the next stage job reads`);
  const stage = inputs.stage === 'all' ? undefined : inputs.stage;
  if (action === 'promote' && !stage) throw new InputError('promote needs stage: the stage whose bake is over');
  const by = process.env.GITHUB_ACTOR || 'unknown actor';
  const { plan } = planCommand(planRequest(inputs));
  const target = targetFromEnv();
  const client = createGitHubClient(inputs.token, target);
  const outcome = await recordIntervention({ client, owner: target.owner, repo: target.repo, plan, stage, action, by, reason });
  core.info(`${plan.rollout.id} stage ${outcome.stage}: "${outcome.description}" recorded on GitHub deployment ${outcome.deploymentId}`);
  const record = { action, rolloutId: plan.rollout.id, stage: outcome.stage, deploymentId: outcome.deploymentId, by, reason, description: outcome.description };
  const head = `Stage ${outcome.stage} of ${plan.rollout.id} ${action === 'abort' ? 'aborted' : 'promoted past its bake'} by ${by}`;
  const next = action === 'promote' ? 'The next stage job starts without waiting for the rest of the bake.' : 'The next stage job refuses to start.';
  const stillRunning = action === 'abort' && outcome.was === 'in_progress' ? ` The job of stage ${outcome.stage} is still running: cancel its workflow run to stop it now.` : '';
  let result: RolloutResult | undefined;
  if (rollback) {
    result = await rollBack(inputs, { stage: outcome.stage, reason: `aborted by ${by}: ${reason}` });
    const description = await recordAbortRollback({ client, owner: target.owner, repo: target.repo, deploymentId: outcome.deploymentId, by, reason, clause: rollbackClause(result) });
    core.info(`"${description}" recorded on GitHub deployment ${outcome.deploymentId}`);
  }
  const status = result ? result.status : action === 'abort' ? 'aborted' : 'promoted';
  core.setOutput('status', status);
  core.setOutput('result', JSON.stringify({ ...record, ...(result ? { rollback: result } : {}) }));
  const lines = [`## ${action === 'abort' ? '⛔' : '⏩'} ${head}`, '', `> ${reason}`, '', `${next}${stillRunning}`, ''];
  if (result) lines.push('### Rollback', '', ...rollbackLines(result).map((l, i) => (i === 0 ? l : `- ${l.trim()}`)), '');
  else if (action === 'abort') lines.push("Nothing was rolled back: `rollback: true` rolls back per the spec's rollback scope.", '');
  await core.summary.addRaw(redact(lines.join('\n')), true).write();
  if (result && result.status !== 'rolled-back') core.setFailed(redact(result.message));
}

async function rollBack(inputs: ActionInputs, request: { stage: string; reason: string }): Promise<RolloutResult> {
  const target = await armTarget(inputs);
  try {
    const { clock } = target;
    const { result } = await abortRollbackCommand({
      ...planRequest(inputs),
      stage: request.stage,
      reason: request.reason,
      clock,
      journal: new FileJournal(inputs.journal, { redact }),
      reporter: { event: (event) => { const line = progressLine(event, 0); if (line) core.info(redact(line)); } },
      signal: new AbortController().signal,
      deployer: (spec) => watchSecureOutputs(new ArmDeployer({ credential: target.credential, endpoint: target.endpoint, clock, spec, pollMs: target.pollMs, log: (line) => core.info(redact(`ARM: ${line}`)) }), actionRedactor()),
      prober: createProber({ clock, env: process.env, cwd: inputs.workspace }),
    });
    for (const line of rollbackLines(result)) core.info(redact(line));
    return result;
  } finally {
    await target.close();
  }
}

function bool(name: string): boolean {
  const value = core.getInput(name) || 'false';
  if (!['true', 'false'].includes(value)) throw new InputError(`input ${name} is "${value}"; use true or false`);
  return value === 'true';
}
