import { describe, expect, it } from '@jest/globals';
import { createGitHubClient, runUrl, targetFromEnv } from '../../src/github/client.js';

describe('the GitHub client and target from the runner\'s variables', () => {
  it('the repository and API URL; the public API when GITHUB_API_URL is unset or empty', () => {
    expect(targetFromEnv({ GITHUB_REPOSITORY: 'contoso/web', GITHUB_API_URL: 'https://ghe.example/api/v3' })).toEqual({ owner: 'contoso', repo: 'web', apiUrl: 'https://ghe.example/api/v3' });
    expect(targetFromEnv({ GITHUB_REPOSITORY: 'contoso/web' })).toEqual({ owner: 'contoso', repo: 'web', apiUrl: 'https://api.github.com' });
    expect(targetFromEnv({ GITHUB_REPOSITORY: 'contoso/web', GITHUB_API_URL: '' }).apiUrl).toBe('https://api.github.com');
  });

  it.each([[undefined, ''], ['', ''], ['web', 'web'], ['/web', '/web'], ['contoso/', 'contoso/']])('refuses GITHUB_REPOSITORY %j', (value, shown) => {
    expect(() => targetFromEnv(value === undefined ? {} : { GITHUB_REPOSITORY: value })).toThrow(`GITHUB_REPOSITORY is "${shown}"; it must be owner/name (the runner sets it)`);
  });

  it('the run page, on GITHUB_SERVER_URL or github.com; none without the repository or the run', () => {
    expect(runUrl({ GITHUB_REPOSITORY: 'contoso/web', GITHUB_RUN_ID: '42' })).toBe('https://github.com/contoso/web/actions/runs/42');
    expect(runUrl({ GITHUB_SERVER_URL: 'https://ghe.example', GITHUB_REPOSITORY: 'contoso/web', GITHUB_RUN_ID: '7' })).toBe('https://ghe.example/contoso/web/actions/runs/7');
    expect(runUrl({ GITHUB_RUN_ID: '42' })).toBeUndefined();
    expect(runUrl({ GITHUB_REPOSITORY: 'contoso/web' })).toBeUndefined();
  });

  it('needs a token; the API URL loses its trailing slashes', () => {
    expect(() => createGitHubClient('', { apiUrl: 'https://api.github.com' })).toThrow('no GitHub token: give token: ${{ github.token }} (the default) or a token with deployments: write');
    const client = createGitHubClient('t0ken', { apiUrl: 'https://ghe.example/api/v3//' });
    expect(client.request.endpoint.DEFAULTS.baseUrl).toBe('https://ghe.example/api/v3');
  });
});
