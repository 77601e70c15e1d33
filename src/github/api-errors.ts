import { InputError } from '../commands/plan.js';

/** The fields of Octokit's RequestError we read (duck-typed: @octokit/request-error is not our dependency). */
interface HttpError {
  status: number;
  message: string;
  response?: { headers?: Record<string, string | undefined>; data?: unknown };
}

const isHttpError = (e: unknown): e is HttpError => typeof e === 'object' && e !== null && typeof (e as HttpError).status === 'number';

/** A GitHub API call the token may not make: a configuration mistake with one fix, so no stack trace. */
export class GitHubAccessError extends InputError {
  readonly status: number;

  constructor(message: string, status: number) {
    super(message);
    this.name = 'GitHubAccessError';
    this.status = status;
  }
}

/**
 * Turns an API failure into a message that names the fix. `doing` says what we tried ("create a deployment for
 * prod-canary"); `permission` is what the token lacks (`deployments: write`); `fix` says how to get it.
 */
export function explainGitHubError(error: unknown, doing: string, permission: string, fix = `Add \`permissions: { ${permission} }\` to the job, or pass a token that has it.`): unknown {
  if (!isHttpError(error)) return error;
  const said = githubMessage(error);
  if (error.status === 403 && !/rate limit/i.test(said)) {
    // GitHub names the permission it wanted in this header for App tokens (GITHUB_TOKEN) and fine-grained PATs.
    const accepted = error.response?.headers?.['x-accepted-github-permissions'];
    return new GitHubAccessError(
      `the GitHub token may not ${doing} (403 ${said}): it needs ${permission}${accepted ? ` (GitHub asks for ${accepted})` : ''}. ${fix}`,
      403,
    );
  }
  if (error.status === 401) return new GitHubAccessError(`the GitHub token was refused while trying to ${doing} (401 ${said}): check the token input`, 401);
  if (error.status === 404) {
    return new GitHubAccessError(`GitHub answered 404 while trying to ${doing}: the repository does not exist or the token cannot see it (${said})`, 404);
  }
  return new Error(`GitHub API error while trying to ${doing}: ${error.status} ${said}`, { cause: error });
}

function githubMessage(error: HttpError): string {
  const data = error.response?.data as { message?: unknown; errors?: { message?: string }[] } | undefined;
  const details = (data?.errors ?? []).map((e) => e?.message).filter(Boolean);
  const base = typeof data?.message === 'string' ? data.message : error.message;
  return details.length > 0 ? `${base}: ${details.join('; ')}` : base;
}
