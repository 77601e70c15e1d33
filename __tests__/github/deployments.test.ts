import { startGitHubSim, type GitHubSim } from '../../sim/github/index.js';
import { GitHubAccessError } from '../../src/github/api-errors.js';
import { createGitHubClient, runUrl } from '../../src/github/client.js';
import {
  DEPLOYMENT_TASK,
  deploymentRecordsFromEnv,
  GitHubDeploymentRecords,
  outcomeDescription,
  productionLike,
  recordEnvironment,
  type StageRunInfo,
} from '../../src/github/deployments.js';

const SHA = '0123456789abcdef0123456789abcdef01234567';
const KEY = { rolloutId: 'contoso-web@1.2.3', version: '1.2.3', specHash: 'abc123', stage: 'canary' };
const RUN: StageRunInfo = { ...KEY, environment: 'prod-canary', sha: SHA, mode: 'standard', stamps: ['global', 'app@eastus'] };

describe('deployment records through the real Octokit and the local GitHub endpoint', () => {
  let sim: GitHubSim;
  let now = Date.UTC(2026, 0, 1, 12);
  const records = (token = 'github-token', maxPages?: number): GitHubDeploymentRecords =>
    new GitHubDeploymentRecords({
      client: createGitHubClient(token, { apiUrl: sim.url }),
      owner: 'contoso',
      repo: 'web',
      logUrl: runUrl({ GITHUB_SERVER_URL: 'https://github.com', GITHUB_REPOSITORY: 'contoso/web', GITHUB_RUN_ID: '42' }),
      maxPages,
    });

  beforeAll(async () => {
    sim = await startGitHubSim({
      clock: { now: () => now },
      tokens: [
        { token: 'github-token', permissions: { deployments: 'write' } },
        { token: 'ro', permissions: { deployments: 'read' } },
        { token: 'none', permissions: {} },
      ],
    });
  });
  afterAll(() => sim.stop());

  it('records a stage run: deployment with payload, in_progress then success, log_url and environment_url', async () => {
    const deployment = await records().start(RUN);
    now += 3_600_000;
    await deployment.finish({ state: 'success', environmentUrl: 'https://contoso-web-eus.example' });
    const created = sim.requests.find((r) => r.method === 'POST' && r.url === '/repos/contoso/web/deployments');
    expect(created?.body).toEqual({
      ref: SHA,
      task: DEPLOYMENT_TASK,
      environment: 'prod-canary',
      payload: { tool: 'staged-rollout', ...KEY, mode: 'standard', stamps: ['global', 'app@eastus'] },
      description: 'contoso-web@1.2.3 stage canary (standard)',
      required_contexts: [],
      auto_merge: false,
      transient_environment: false,
      production_environment: true,
    });
    const statuses = sim.repo().statuses.get(deployment.id)!;
    expect(statuses.map((s) => s.state)).toEqual(['in_progress', 'success']);
    expect(statuses[1]).toMatchObject({ logUrl: 'https://github.com/contoso/web/actions/runs/42', environmentUrl: 'https://contoso-web-eus.example' });

    const latest = await records('ro').latest({ ...KEY, environment: 'prod-canary' });
    expect(latest).toMatchObject({ deploymentId: deployment.id, state: 'success', sha: SHA, finishedAt: now, githubState: 'success' });
  });

  it('answers in GitHub\'s shapes', async () => {
    const client = createGitHubClient('github-token', { apiUrl: sim.url });
    const { data } = await client.rest.repos.listDeployments({ owner: 'contoso', repo: 'web', environment: 'prod-canary' });
    expect(data[0]).toMatchObject({
      id: expect.any(Number),
      node_id: expect.any(String),
      url: `${sim.url}/repos/contoso/web/deployments/${data[0].id}`,
      statuses_url: `${sim.url}/repos/contoso/web/deployments/${data[0].id}/statuses`,
      sha: SHA,
      ref: SHA,
      task: DEPLOYMENT_TASK,
      environment: 'prod-canary',
      created_at: '2026-01-01T12:00:00Z',
      creator: { login: 'github-actions[bot]', type: 'Bot' },
    });
    const statuses = await client.rest.repos.listDeploymentStatuses({ owner: 'contoso', repo: 'web', deployment_id: data[0].id });
    expect(statuses.data[0]).toMatchObject({ state: 'success', log_url: 'https://github.com/contoso/web/actions/runs/42', target_url: 'https://github.com/contoso/web/actions/runs/42' });
    // GitHub creates an environment on its first deployment.
    expect(sim.repo().environment('prod-canary')).toBeDefined();
  });

  it('says when a stage failed and was rolled back, and the newest attempt wins over an older success', async () => {
    const again = await records().start(RUN);
    now += 60_000;
    await again.finish({ state: 'failure', rolledBack: true, message: 'app@eastus: health probe failed (503) within 10m' });
    const latest = await records().latest({ ...KEY, environment: 'prod-canary' });
    expect(latest).toMatchObject({ deploymentId: again.id, state: 'failure', finishedAt: now });
    expect(latest?.description).toBe('Stage canary failed and was rolled back: app@eastus: health probe failed (503) within 10m');
  });

  it('reads through auto_inactive: a success later marked inactive by a newer deployment is still a success', async () => {
    const pilot = { ...RUN, stage: 'pilot', environment: 'prod-pilot' };
    const first = await records().start(pilot);
    await first.finish({ state: 'success' });
    const other = await records().start({ ...pilot, rolloutId: 'contoso-web@1.2.4', version: '1.2.4' });
    await other.finish({ state: 'success' });
    expect(sim.repo().statuses.get(first.id)!.map((s) => s.state)).toEqual(['in_progress', 'success', 'inactive']);
    expect(await records().latest({ ...KEY, stage: 'pilot', environment: 'prod-pilot' })).toMatchObject({ state: 'success', deploymentId: first.id });
  });

  it('is in progress until finished, and undefined for another version or spec hash', async () => {
    const broad = await records().start({ ...RUN, stage: 'broad', environment: 'prod' });
    expect(await records().latest({ ...KEY, stage: 'broad', environment: 'prod' })).toMatchObject({ deploymentId: broad.id, state: 'in_progress', finishedAt: undefined });
    expect(await records().latest({ ...KEY, stage: 'broad', environment: 'prod', specHash: 'other' })).toBeUndefined();
    expect(await records().latest({ ...KEY, stage: 'broad', environment: 'prod', version: '9.9.9' })).toBeUndefined();
  });

  it('pages through the environment\'s deployments (Link header) to find an older record, and stops at maxPages', async () => {
    const env = 'prod-busy';
    const target = await records().start({ ...RUN, environment: env });
    await target.finish({ state: 'success' });
    for (let i = 0; i < 150; i++) {
      await records().start({ ...RUN, environment: env, rolloutId: `contoso-web@0.${i}`, version: `0.${i}` });
    }
    sim.requests.length = 0;
    expect(await records().latest({ ...KEY, environment: env })).toMatchObject({ deploymentId: target.id, state: 'success' });
    const pages = sim.requests.filter((r) => r.method === 'GET' && r.url.startsWith('/repos/contoso/web/deployments?'));
    expect(pages.map((r) => new URL(r.url, sim.url).searchParams.get('page') ?? '1')).toEqual(['1', '2']);
    expect(await records('github-token', 1).latest({ ...KEY, environment: env })).toBeUndefined();
  });

  it('turns a 403 into an error naming the missing permission, and creates nothing', async () => {
    const before = sim.repo().deployments.length;
    const error = await records('ro').start(RUN).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GitHubAccessError);
    expect((error as Error).message).toBe(
      'the GitHub token may not create a deployment for environment prod-canary (403 Resource not accessible by integration): it needs deployments: write (GitHub asks for deployments=write). Add `permissions: { deployments: write }` to the job, or pass a token that has it.',
    );
    expect(sim.repo().deployments.length).toBe(before);
    await expect(records('none').latest({ ...KEY, environment: 'prod-canary' })).rejects.toThrow('it needs deployments: read (GitHub asks for deployments=read)');
    await expect(records('nope').latest({ ...KEY, environment: 'prod-canary' })).rejects.toThrow('401 Bad credentials');
  });

  it('names environments and production flags sensibly', () => {
    expect(recordEnvironment({ name: 'int' }, 'contoso-web')).toBe('contoso-web-int');
    expect(recordEnvironment({ name: 'canary', environment: 'prod-canary' }, 'contoso-web')).toBe('prod-canary');
    expect(['prod', 'production', 'prod-eu', 'eu_prod', 'Prod Canary'].map(productionLike)).toEqual([true, true, true, true, true]);
    expect(['preprod', 'product', 'staging', 'int', 'nonprod'].map(productionLike)).toEqual([false, false, false, false, false]);
    expect(outcomeDescription('pilot', { state: 'failure', message: 'x'.repeat(300) })).toHaveLength(140);
  });
});

describe('deploymentRecordsFromEnv', () => {
  it('reads the repository, API URL and run from the runner\'s variables', async () => {
    const sim = await startGitHubSim();
    try {
      const env = { GITHUB_API_URL: sim.url, GITHUB_REPOSITORY: 'contoso/web', GITHUB_RUN_ID: '7', GITHUB_SERVER_URL: 'https://ghe.example' };
      const d = await deploymentRecordsFromEnv('github-token', env).start(RUN);
      await d.finish({ state: 'success' });
      expect(sim.repo().statuses.get(d.id)![1].logUrl).toBe('https://ghe.example/contoso/web/actions/runs/7');
      expect(() => deploymentRecordsFromEnv('github-token', { GITHUB_REPOSITORY: 'nope' })).toThrow('GITHUB_REPOSITORY is "nope"; it must be owner/name');
      expect(() => deploymentRecordsFromEnv('', env)).toThrow(/no GitHub token/);
    } finally {
      await sim.stop();
    }
  });
});
