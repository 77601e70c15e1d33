import { describe, expect, it } from '@jest/globals';
import { InputError } from '../../src/commands/plan.js';
import { explainGitHubError, GitHubAccessError } from '../../src/github/api-errors.js';

/** Octokit's RequestError as far as we read it. */
const http = (status: number, message: string, response?: { headers?: Record<string, string | undefined>; data?: unknown }) => Object.assign(new Error(message), { status, response });
const DOING = 'create a deployment for prod-canary';
const PERMISSION = 'deployments: write';

const explained = (error: unknown, fix?: string) => explainGitHubError(error, DOING, PERMISSION, fix) as Error & { status?: number; cause?: unknown };

describe('explainGitHubError', () => {
  it('passes anything that is not an HTTP error through untouched', () => {
    const plain = new Error('socket hang up');
    expect(explained(plain)).toBe(plain);
    expect(explained(null)).toBe(null);
    expect(explained('text')).toBe('text');
    const stringStatus = { status: '403', message: 'x' };
    expect(explained(stringStatus)).toBe(stringStatus);
  });

  it('403: what we tried, what GitHub said, the permission the token needs and how to add it', () => {
    const error = explained(http(403, 'HttpError', { data: { message: 'Resource not accessible by integration' } }));
    expect(error).toBeInstanceOf(GitHubAccessError);
    expect(error).toBeInstanceOf(InputError);
    expect(error.name).toBe('GitHubAccessError');
    expect(error.status).toBe(403);
    expect(error.message).toBe(
      'the GitHub token may not create a deployment for prod-canary (403 Resource not accessible by integration): it needs deployments: write. Add `permissions: { deployments: write }` to the job, or pass a token that has it.',
    );
  });

  it('403 names the permission GitHub asks for in x-accepted-github-permissions, and takes a fix of its own', () => {
    const error = explained(http(403, 'Forbidden', { headers: { 'x-accepted-github-permissions': 'deployments=write' } }), 'Use an admin token.');
    expect(error.message).toBe('the GitHub token may not create a deployment for prod-canary (403 Forbidden): it needs deployments: write (GitHub asks for deployments=write). Use an admin token.');
  });

  it('a 403 for the rate limit is no permission problem', () => {
    const cause = http(403, 'x', { data: { message: 'API rate limit exceeded for installation' } });
    const error = explained(cause);
    expect(error).not.toBeInstanceOf(GitHubAccessError);
    expect(error.message).toBe('GitHub API error while trying to create a deployment for prod-canary: 403 API rate limit exceeded for installation');
    expect(error.cause).toBe(cause);
  });

  it('401: the token was refused', () => {
    const error = explained(http(401, 'Bad credentials'));
    expect([error.name, error.status, error.message]).toEqual(['GitHubAccessError', 401, 'the GitHub token was refused while trying to create a deployment for prod-canary (401 Bad credentials): check the token input']);
  });

  it('404: the repository is missing or hidden from the token', () => {
    const error = explained(http(404, 'Not Found'));
    expect([error.name, error.status, error.message]).toEqual(['GitHubAccessError', 404, 'GitHub answered 404 while trying to create a deployment for prod-canary: the repository does not exist or the token cannot see it (Not Found)']);
  });

  it('any other status is an API error with GitHub\'s message and each of its details', () => {
    const cause = http(422, 'Unprocessable', { data: { message: 'Validation Failed', errors: [{ message: 'ref not found' }, {}, { message: 'environment too long' }] } });
    const error = explained(cause);
    expect(error).not.toBeInstanceOf(InputError);
    expect(error.message).toBe('GitHub API error while trying to create a deployment for prod-canary: 422 Validation Failed: ref not found; environment too long');
    expect(error.cause).toBe(cause);
    expect(explained(http(500, 'Server Error', { data: { message: 42 } })).message).toBe('GitHub API error while trying to create a deployment for prod-canary: 500 Server Error');
    expect(explained(http(502, 'Bad Gateway', { data: 'not json' })).message).toBe('GitHub API error while trying to create a deployment for prod-canary: 502 Bad Gateway');
  });
});
