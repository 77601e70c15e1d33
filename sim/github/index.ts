import { SystemClock } from '../../src/time/clock.js';
import { DEFAULT_TOKENS, type SimUser, type TokenSpec } from './auth.js';
import type { GhContext } from './core.js';
import { ensureEnvironment } from './environments.js';
import { startServer, type GitHubRequestLogEntry } from './server.js';
import { IdSource, RepoState } from './state.js';

export type { Permissions, SimUser, TokenSpec } from './auth.js';
export type { GitHubRequestLogEntry } from './server.js';
export type { RepoState } from './state.js';
export { DEFAULT_TOKENS } from './auth.js';

export interface GitHubSimOptions {
  /** 0 (default): a free port. Always 127.0.0.1. */
  port?: number;
  /** Time for created_at and wait timers; a test moves it to make a bake elapse. Default: the system clock. */
  clock?: { now(): number };
  /** `owner/name` of each repository served. Default `contoso/web` (the name run-action.ts gives GITHUB_REPOSITORY). */
  repos?: string[];
  /** Default: `github-token` (deployments: write) and `admin-token` (administration: write); see auth.ts. */
  tokens?: TokenSpec[];
  /** Branch/tag -> commit sha, for deployments created with a ref that is not a sha. */
  refs?: Record<string, string>;
  /** Users and teams that may be reviewers (token users are known too). */
  users?: SimUser[];
  teams?: { id: number; slug: string; name: string }[];
  /** Refuse wait timers and reviewers, as GitHub does on private repositories of Free, Pro and Team plans. */
  planGated?: boolean;
  /** GITHUB_SERVER_URL for html_url. Default https://github.com. */
  serverUrl?: string;
}

export interface GitHubSim {
  /** The API base, for GITHUB_API_URL (plain HTTP on loopback: Octokit takes any baseUrl). */
  url: string;
  requests: GitHubRequestLogEntry[];
  /** The state of one repository, for a test to inspect or arrange. */
  repo(fullName?: string): RepoState;
  /** A workflow run whose jobs wait on these environments (what the runner does before assigning a runner). */
  waitForEnvironments(runId: number, environments: string[], options?: { repo?: string; headSha?: string }): void;
  stop(): Promise<void>;
}

/** Starts the local GitHub API endpoint: deployments, statuses, environments, pending deployments, on 127.0.0.1. */
export async function startGitHubSim(options: GitHubSimOptions = {}): Promise<GitHubSim> {
  const clock = options.clock ?? new SystemClock();
  const ids = new IdSource();
  const repoNames = options.repos ?? ['contoso/web'];
  const repos = new Map(repoNames.map((name, i) => [name.toLowerCase(), new RepoState(name, 100 + i)]));
  const tokens = options.tokens ?? DEFAULT_TOKENS;
  const users = new Map<number, SimUser>();
  for (const u of [...tokens.flatMap((t) => (t.user ? [t.user] : [])), ...(options.users ?? [])]) users.set(u.id, u);
  const teams = new Map((options.teams ?? []).map((t) => [t.id, t]));
  const refs = new Map(Object.entries(options.refs ?? {}));
  const log: GitHubRequestLogEntry[] = [];
  let apiUrl = '';
  const context = (repo: RepoState): GhContext => ({
    repo,
    ids,
    now: () => clock.now(),
    apiUrl,
    serverUrl: options.serverUrl ?? 'https://github.com',
    users,
    teams,
    refs,
    planGated: options.planGated ?? false,
  });
  const server = await startServer(options.port ?? 0, { tokens, repos, context, log });
  apiUrl = `http://127.0.0.1:${server.port}`;

  const repo = (fullName = repoNames[0]): RepoState => {
    const r = repos.get(fullName.toLowerCase());
    if (!r) throw new Error(`the GitHub sim does not serve ${fullName}; it serves ${repoNames.join(', ')}`);
    return r;
  };
  let stopping: Promise<void> | undefined;
  return {
    url: apiUrl,
    requests: log,
    repo,
    waitForEnvironments(runId, environments, opts = {}) {
      const r = repo(opts.repo);
      const c = context(r);
      const run = r.runs.get(runId) ?? { id: runId, headSha: opts.headSha ?? '0'.repeat(40), pending: [], approvals: [] };
      for (const name of environments) {
        ensureEnvironment(c, name);
        run.pending.push({ environment: name, waitTimerStartedAt: clock.now() });
      }
      r.runs.set(runId, run);
    },
    stop: () => (stopping ??= server.close()),
  };
}
