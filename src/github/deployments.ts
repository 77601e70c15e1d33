import { explainGitHubError } from './api-errors.js';
import { createGitHubClient, runUrl, targetFromEnv, type GitHubClient, type Repository } from './client.js';
import { trafficDoing, type TrafficJobPayload } from './traffic-payload.js';

/**
 * Stage runs as GitHub deployments: the record a person sees on the repository's Environments page, and the one the
 * next stage's job reads to know the previous stage finished well and when. It lives on GitHub, so it survives jobs,
 * re-runs and days; nothing is kept on a runner.
 */

/** Our deployments carry this task, so they are told apart from the ones GitHub creates for a job's `environment:`. */
export const DEPLOYMENT_TASK = 'deploy:staged-rollout';

/** What identifies one stage of one rollout: the same version from the same spec (and templates). */
export interface StageRecordKey {
  rolloutId: string;
  version: string;
  specHash: string;
  stage: string;
}

export interface StageRunInfo extends StageRecordKey {
  /** The GitHub environment to record under; see recordEnvironment. */
  environment: string;
  /** The commit rolled out (GITHUB_SHA): the deployment's ref. */
  sha: string;
  mode: string;
  /** Stamp ids of the stage. */
  stamps: string[];
  /** Release units: what a traffic step or teardown job sets out to do (src/github/traffic-records.ts). */
  traffic?: TrafficJobPayload;
}

export interface StagePayload extends StageRecordKey {
  tool: 'staged-rollout';
  mode: string;
  stamps: string[];
  traffic?: TrafficJobPayload;
}

export interface StageOutcome {
  state: 'success' | 'failure';
  /** The stage's stamps were rolled back after the failure. */
  rolledBack?: boolean;
  /** One line on what happened; shortened to GitHub's 140 characters. */
  message?: string;
  /** Where the stage can be seen (e.g. a stamp's endpoint); shown as "View deployment". */
  environmentUrl?: string;
  /** The whole description, instead of the stage's (a traffic step's says what traffic it saw). */
  description?: string;
}

export interface StageDeployment {
  id: number;
  finish(outcome: StageOutcome): Promise<void>;
}

export type RecordState = 'success' | 'failure' | 'in_progress';

export interface StageRecord {
  deploymentId: number;
  environment: string;
  sha: string;
  /** success; failure (failure or error); in_progress (queued, pending, in_progress, or no status: never finished). */
  state: RecordState;
  /** GitHub's own state of the status that decided `state` (`none` when there is no status). */
  githubState: string;
  description: string;
  /** Milliseconds since the epoch. */
  createdAt: number;
  /** When the success or failure status was created; absent while in progress. */
  finishedAt?: number;
  payload: StagePayload;
}

/** The port the deploy command uses; tests give a fake or this module against the local GitHub endpoint. */
export interface DeploymentRecords {
  start(run: StageRunInfo): Promise<StageDeployment>;
  /** The newest record of this stage of this rollout (same version and spec hash), or undefined. */
  latest(key: StageRecordKey & { environment: string }): Promise<StageRecord | undefined>;
}

/**
 * A deployment needs an environment (GitHub's default would be `production`, a wrong claim). A stage without one is
 * recorded under `<rollout>-<stage>`, which GitHub creates on first use, unprotected.
 */
export function recordEnvironment(stage: { name: string; environment?: string }, rolloutName: string): string {
  return stage.environment ?? `${rolloutName}-${stage.name}`;
}

/**
 * production_environment: GitHub's default is true only for an environment named exactly `production`, so `prod` or
 * `prod-eu` would show as non-production. We extend the default to the usual spellings (prod, production, as a whole
 * word: `prod-eu`, `eu-prod`, not `preprod` or `product`). The flag is display and auto-inactivation only; a wrong
 * guess costs a label, never a gate.
 */
export function productionLike(environment: string): boolean {
  return /(^|[^a-z0-9])prod(uction)?([^a-z0-9]|$)/i.test(environment);
}

export const MAX_DESCRIPTION = 140;

export function shorten(text: string, max = MAX_DESCRIPTION): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= max ? flat : `${flat.slice(0, max - 1)}…`;
}

export function outcomeDescription(stage: string, outcome: StageOutcome): string {
  if (outcome.state === 'success') return shorten(`Stage ${stage} deployed and healthy${outcome.message ? `: ${outcome.message}` : ''}`);
  const what = outcome.rolledBack ? 'failed and was rolled back' : 'failed';
  return shorten(`Stage ${stage} ${what}${outcome.message ? `: ${outcome.message}` : ''}`);
}

export interface GitHubDeploymentRecordsOptions extends Repository {
  client: GitHubClient;
  /** The run's page (client.ts runUrl): every status links to it. */
  logUrl?: string;
  /** Pages of 100 deployments read at most when looking for a record (default 10): bounded on busy environments. */
  maxPages?: number;
}

export class GitHubDeploymentRecords implements DeploymentRecords {
  private readonly options: GitHubDeploymentRecordsOptions;

  constructor(options: GitHubDeploymentRecordsOptions) {
    this.options = options;
  }

  async start(run: StageRunInfo): Promise<StageDeployment> {
    const { client, owner, repo } = this.options;
    const payload: StagePayload = {
      tool: 'staged-rollout',
      rolloutId: run.rolloutId,
      version: run.version,
      specHash: run.specHash,
      stage: run.stage,
      mode: run.mode,
      stamps: run.stamps,
      ...(run.traffic ? { traffic: run.traffic } : {}),
    };
    const doing = `create a deployment for environment ${run.environment}`;
    let id: number;
    try {
      const { data } = await client.rest.repos.createDeployment({
        owner,
        repo,
        ref: run.sha,
        task: DEPLOYMENT_TASK,
        environment: run.environment,
        payload: payload as unknown as Record<string, unknown>,
        description: shorten(`${run.rolloutId} stage ${run.stage} (${run.mode})`),
        // The commit is rolled out as it is: no merging of the default branch into it, no waiting for commit checks
        // (the workflow already ran them), and an environment that outlives the run.
        required_contexts: [],
        auto_merge: false,
        transient_environment: false,
        production_environment: productionLike(run.environment),
      });
      id = (data as { id: number }).id;
    } catch (error) {
      throw explainGitHubError(error, doing, 'deployments: write');
    }
    const doingNow = run.traffic ? trafficDoing(run.traffic) : `Deploying ${run.stamps.length} stamp(s)`;
    await this.status(id, { state: 'in_progress', description: shorten(`${doingNow} of ${run.rolloutId} in stage ${run.stage}`) });
    return {
      id,
      finish: (outcome) =>
        this.status(id, { state: outcome.state, description: outcome.description ? shorten(outcome.description) : outcomeDescription(run.stage, outcome), environment_url: outcome.environmentUrl }),
    };
  }

  private async status(id: number, status: { state: 'in_progress' | 'success' | 'failure'; description: string; environment_url?: string }): Promise<void> {
    const { client, owner, repo, logUrl } = this.options;
    try {
      await client.rest.repos.createDeploymentStatus({ owner, repo, deployment_id: id, ...status, ...(logUrl ? { log_url: logUrl } : {}) });
    } catch (error) {
      throw explainGitHubError(error, `set the status of deployment ${id} to ${status.state}`, 'deployments: write');
    }
  }

  async latest(key: StageRecordKey & { environment: string }): Promise<StageRecord | undefined> {
    const { client, owner, repo } = this.options;
    const maxPages = this.options.maxPages ?? 10;
    try {
      let pages = 0;
      // Newest first: the first match is the latest attempt of this stage (a failed re-run outranks an older success).
      for await (const page of client.paginate.iterator(client.rest.repos.listDeployments, { owner, repo, environment: key.environment, task: DEPLOYMENT_TASK, per_page: 100 })) {
        for (const d of page.data) {
          const payload = d.payload as unknown as StagePayload;
          if (payload?.rolloutId === key.rolloutId && payload.version === key.version && payload.specHash === key.specHash && payload.stage === key.stage) {
            return await this.record(d.id, d.environment, d.sha, Date.parse(d.created_at), payload);
          }
        }
        if (++pages >= maxPages) break;
      }
      return undefined;
    } catch (error) {
      throw explainGitHubError(error, `read the deployments of environment ${key.environment}`, 'deployments: read');
    }
  }

  private async record(id: number, environment: string, sha: string, createdAt: number, payload: StagePayload): Promise<StageRecord> {
    const { client, owner, repo } = this.options;
    const { data } = await client.rest.repos.listDeploymentStatuses({ owner, repo, deployment_id: id, per_page: 100 });
    // `inactive` only says a newer deployment of the environment succeeded since: not a verdict on this one.
    const decisive = data.find((s) => s.state !== 'inactive');
    const githubState = decisive?.state ?? 'none';
    const state: RecordState = githubState === 'success' ? 'success' : githubState === 'failure' || githubState === 'error' ? 'failure' : 'in_progress';
    return {
      deploymentId: id,
      environment,
      sha,
      state,
      githubState,
      description: decisive?.description ?? '',
      createdAt,
      finishedAt: state === 'in_progress' || !decisive ? undefined : Date.parse(decisive.created_at),
      payload,
    };
  }
}

/** The records of the repository this job runs in, from the runner's variables (GITHUB_API_URL, _REPOSITORY, _RUN_ID). */
export function deploymentRecordsFromEnv(token: string, env: NodeJS.ProcessEnv = process.env): GitHubDeploymentRecords {
  const target = targetFromEnv(env);
  return new GitHubDeploymentRecords({ client: createGitHubClient(token, target), owner: target.owner, repo: target.repo, logUrl: runUrl(env) });
}
