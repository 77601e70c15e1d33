import { getOctokit } from '@actions/github';
import { InputError } from '../commands/plan.js';

/** The Octokit the action uses (from @actions/github: the runner's proxy settings and user agent come with it). */
export type GitHubClient = ReturnType<typeof getOctokit>;

export interface Repository {
  owner: string;
  repo: string;
}

export interface GitHubTarget extends Repository {
  /** GITHUB_API_URL; https://api.github.com when unset, the GHES or local endpoint's otherwise. */
  apiUrl: string;
}

/**
 * A client for the repository the job runs in, from the runner's variables. A token is required: deployments and
 * environments are never readable anonymously on a private repository, and a rate limit of 60/h would not last a day.
 */
export function createGitHubClient(token: string, target: Pick<GitHubTarget, 'apiUrl'>): GitHubClient {
  if (!token) throw new InputError('no GitHub token: give token: ${{ github.token }} (the default) or a token with deployments: write');
  return getOctokit(token, { baseUrl: target.apiUrl.replace(/\/+$/, '') });
}

export function targetFromEnv(env: NodeJS.ProcessEnv = process.env): GitHubTarget {
  const full = env.GITHUB_REPOSITORY ?? '';
  const [owner, repo] = full.split('/');
  if (!owner || !repo) throw new InputError(`GITHUB_REPOSITORY is "${full}"; it must be owner/name (the runner sets it)`);
  return { owner, repo, apiUrl: env.GITHUB_API_URL || 'https://api.github.com' };
}

/** The run's page, where a person reads what this job did: the log_url of every deployment status. */
export function runUrl(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const { GITHUB_SERVER_URL: server = 'https://github.com', GITHUB_REPOSITORY: repo, GITHUB_RUN_ID: run } = env;
  return repo && run ? `${server}/${repo}/actions/runs/${run}` : undefined;
}
