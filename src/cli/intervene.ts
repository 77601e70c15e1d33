import { execFileSync } from 'node:child_process';
import { userInfo } from 'node:os';
import { planCommand, InputError } from '../commands/plan.js';
import { FileJournal } from '../engine/file-journal.js';
import { createGitHubClient } from '../github/client.js';
import { recordAbortRollback, recordIntervention, type Intervention } from '../github/interventions.js';
import { JournalLease } from '../engine/journal-lease.js';
import { rollbackClause } from '../report/rollback-text.js';
import { abortRollbackCli } from './abort-rollback.js';
import { versionOf, type StageOptions } from './options.js';

export interface InterventionOptions extends StageOptions {
  reason?: string;
  by?: string;
  repo?: string;
  apiUrl: string;
  /** abort: also roll back, per the spec's rollback scope, what the rollout in flight deployed. */
  rollback?: boolean;
  armEndpoint?: string;
  armCa?: string;
}

/**
 * `abort` and `promote`: the operator's word, with who and why, on the stage's GitHub deployment record (what the next
 * stage job reads) and in the local journal (what a re-run of `deploy` here resumes from).
 */
export async function interveneCli(action: Intervention, options: InterventionOptions): Promise<number> {
  if (!options.reason?.trim()) throw new InputError(`say why with --reason "..."; it is kept with the ${action}`);
  const by = options.by ?? operator();
  const version = versionOf(options);
  const { plan } = planCommand({ specFile: options.spec, mode: options.mode, version, env: process.env, repoRoot: process.cwd() });
  const stageName = options.stage === 'all' ? undefined : options.stage;
  if (action === 'promote' && !stageName) throw new InputError('say which stage to promote past its bake: --stage NAME');
  const token = process.env.GH_TOKEN ?? process.env.GITHUB_TOKEN;
  const [owner, repo] = (options.repo ?? process.env.GITHUB_REPOSITORY ?? '').split('/');
  let stage = stageName;
  let recorded: { client: ReturnType<typeof createGitHubClient>; owner: string; repo: string; deploymentId: number } | undefined;
  if (token) {
    if (!owner || !repo) throw new InputError('give --repo OWNER/NAME (or set GITHUB_REPOSITORY) for the deployment records');
    const outcome = await recordIntervention({ client: createGitHubClient(token, { apiUrl: options.apiUrl }), owner, repo, plan, stage: stageName, action, by, reason: options.reason });
    stage = outcome.stage;
    recorded = { client: createGitHubClient(token, { apiUrl: options.apiUrl }), owner, repo, deploymentId: outcome.deploymentId };
    process.stdout.write(`${plan.rollout.id} stage ${stage}: "${outcome.description}" recorded on GitHub deployment ${outcome.deploymentId}\n`);
    if (action === 'abort') {
      process.stdout.write(
        outcome.was === 'in_progress'
          ? `The job of stage ${stage} is still running: cancel its workflow run to stop it now (the next stage job refuses either way).\n`
          : options.rollback
            ? `The next stage job refuses to start; rolling back what ${plan.rollout.id} deployed (rollback scope ${plan.rollback.scope}).\n`
            : `The next stage job refuses to start; nothing was rolled back (abort --rollback rolls back per the spec's scope).\n`,
      );
    } else {
      process.stdout.write(`The next stage job starts without waiting for the rest of ${stage}'s bake.\n`);
    }
  } else if (!stage && !(action === 'abort' && options.rollback)) {
    throw new InputError(`without GH_TOKEN there are no deployment records to find the stage in: give --stage NAME (the journal ${options.journal} keeps the ${action})`);
  } else if (stage && !plan.stages.some((s) => s.name === stage)) {
    throw new InputError(`no stage "${stage}" in ${plan.rollout.name}; its stages are ${plan.stages.map((s) => s.name).join(', ')}`);
  }
  const journal = new FileJournal(options.journal);
  if (action === 'abort' && options.rollback) {
    const lease = await JournalLease.acquire(options.journal, { run: `abort --rollback --spec ${options.spec} --version ${version}`, breakable: false });
    try {
      const result = await abortRollbackCli({ ...options, version, stage, reason: `aborted by ${by}: ${options.reason}`, journal });
      // The stage in flight the engine found (the last of the result's stages) when none was named or recorded.
      const aborted = stage ?? result.stages.at(-1)?.name;
      if (aborted) {
        await journal.record({ type: 'operator', rolloutId: plan.rollout.id, at: Date.now(), action, stage: aborted, by, reason: options.reason });
        process.stdout.write(`recorded in ${options.journal}: ${action} of stage ${aborted} by ${by}: ${options.reason}\n`);
      }
      if (recorded) {
        const description = await recordAbortRollback({ ...recorded, by, reason: options.reason, clause: rollbackClause(result) });
        process.stdout.write(`"${description}" recorded on GitHub deployment ${recorded.deploymentId}\n`);
      }
      return result.status === 'rolled-back' ? 0 : 1;
    } finally {
      await lease.release();
    }
  }
  await journal.record({ type: 'operator', rolloutId: plan.rollout.id, at: Date.now(), action, stage: stage!, by, reason: options.reason });
  process.stdout.write(`recorded in ${options.journal}: ${action} of stage ${stage} by ${by}: ${options.reason}\n`);
  return 0;
}

/** Who acts: the workflow's actor, else git's user name, else the login. */
function operator(): string {
  if (process.env.GITHUB_ACTOR) return process.env.GITHUB_ACTOR;
  try {
    const name = execFileSync('git', ['config', 'user.name'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    if (name) return name;
  } catch {
    // no git, or no user.name: fall through
  }
  return userInfo().username;
}
