import { startGitHubSim, type GitHubSim } from '../../sim/github/index.js';
import { loadSpec } from '../../src/spec/load.js';
import { createGitHubClient } from '../../src/github/client.js';
import { desiredEnvironments, environmentsText, syncEnvironments, type SyncOptions } from '../../src/github/environments.js';
import { repoRoot } from '../helpers/run-action.js';

const spec = loadSpec('examples/basic/rollout.yaml', { mode: 'standard', version: '1.0.0', env: {}, repoRoot });

describe('desiredEnvironments (pure)', () => {
  it('turns the previous stage\'s bake into the wait timer, in whole minutes rounded up', () => {
    const { environments, notes } = desiredEnvironments(spec.stages, { reviewers: [{ type: 'User', id: 7 }] });
    expect(environments.map((e) => [e.name, e.stages, e.waitTimer])).toEqual([
      ['prod-canary', ['canary'], 0],
      ['prod-pilot', ['pilot'], 60],
      ['prod', ['broad'], 240],
    ]);
    expect(environments[0]).toMatchObject({ reviewers: [{ type: 'User', id: 7 }], branchPolicy: { protected_branches: true, custom_branch_policies: false } });
    expect(notes[0]).toMatch(/only protected branches may deploy/);
    expect(desiredEnvironments([{ name: 'a', bakeMs: 0 }, { name: 'b', environment: 'e', bakeMs: 0 }], {}).environments[0].waitTimer).toBe(0);
    expect(desiredEnvironments([{ name: 'a', environment: 'x', bakeMs: 90_001 }, { name: 'b', environment: 'e', bakeMs: 0 }]).environments[1].waitTimer).toBe(2);
  });

  it('clamps to GitHub\'s 43200 minutes with a note, and shares one timer between stages of one environment', () => {
    const { environments } = desiredEnvironments([
      { name: 'a', environment: 'x', bakeMs: 40 * 86_400_000 },
      { name: 'b', environment: 'prod', bakeMs: 60_000 },
      { name: 'c', environment: 'prod', bakeMs: 0 },
    ]);
    expect(environments[1].waitTimer).toBe(43_200);
    expect(environments[1].stages).toEqual(['b', 'c']);
    expect(environments[1].notes.join('\n')).toMatch(/stops at 43200 \(30 days\), so it is clamped/);
    expect(environments[1].notes.join('\n')).toMatch(/used by stages b, c: one wait timer serves them all, the longest \(43200 min\)/);
  });

  it('notes a stage without environment whose bake therefore cannot be a timer', () => {
    const { environments, notes } = desiredEnvironments([{ name: 'dev', bakeMs: 600_000 }, { name: 'int', bakeMs: 0 }], { branchPolicy: 'any' });
    expect(environments).toEqual([]);
    expect(notes).toEqual(['stage int has no environment, so the bake after dev cannot be a wait timer: the job waits it out itself']);
  });
});

describe('syncEnvironments against the local GitHub endpoint', () => {
  let sim: GitHubSim;
  const options = (token: string, dryRun: boolean): SyncOptions => ({ client: createGitHubClient(token, { apiUrl: sim.url }), owner: 'contoso', repo: 'web', dryRun });
  const desired = desiredEnvironments(spec.stages, { reviewers: [{ type: 'User', id: 7 }, { type: 'Team', id: 9 }] });

  beforeAll(async () => {
    sim = await startGitHubSim({ users: [{ login: 'mona', id: 7 }], teams: [{ id: 9, slug: 'sre', name: 'SRE' }] });
  });
  afterAll(() => sim.stop());

  it('dry run: reports what it would create and writes nothing', async () => {
    const report = await syncEnvironments(desired, options('admin-token', true));
    expect(report.environments.map((e) => [e.name, e.action])).toEqual([['prod-canary', 'create'], ['prod-pilot', 'create'], ['prod', 'create']]);
    expect(report.environments[1].changes).toEqual([
      { field: 'wait_timer', from: '0 min', to: '60 min' },
      { field: 'reviewers', from: 'none', to: 'User 7, Team 9' },
      { field: 'deployment_branch_policy', from: 'any branch', to: 'protected branches' },
    ]);
    expect(sim.requests.filter((r) => r.method === 'PUT')).toEqual([]);
    expect(sim.repo().environments.size).toBe(0);
    expect(environmentsText(report)).toContain('  prod-pilot (stage pilot): would create\n    wait_timer: 0 min -> 60 min');
  });

  it('apply: creates them; a second run finds nothing to change', async () => {
    const report = await syncEnvironments(desired, options('admin-token', false));
    expect(report.environments.map((e) => e.action)).toEqual(['create', 'create', 'create']);
    const client = createGitHubClient('admin-token', { apiUrl: sim.url });
    const { data } = await client.rest.repos.getEnvironment({ owner: 'contoso', repo: 'web', environment_name: 'prod' });
    expect(data.protection_rules).toEqual([
      expect.objectContaining({ type: 'wait_timer', wait_timer: 240 }),
      expect.objectContaining({ type: 'required_reviewers', reviewers: [expect.objectContaining({ type: 'User', reviewer: expect.objectContaining({ login: 'mona' }) }), expect.objectContaining({ type: 'Team' })] }),
      expect.objectContaining({ type: 'branch_policy' }),
    ]);
    const again = await syncEnvironments(desired, options('admin-token', false));
    expect(again.environments.map((e) => e.action)).toEqual(['unchanged', 'unchanged', 'unchanged']);
    const listed = await client.paginate(client.rest.repos.getAllEnvironments, { owner: 'contoso', repo: 'web', per_page: 2 });
    expect((listed as unknown as { name: string }[]).map((e) => e.name)).toEqual(['prod', 'prod-canary', 'prod-pilot']);
  });

  it('changes only what differs and keeps reviewers it does not manage', async () => {
    const hotter = desiredEnvironments(spec.stages.map((s) => ({ ...s, bakeMs: s.bakeMs / 2 })));
    const report = await syncEnvironments(hotter, options('admin-token', false));
    expect(report.environments[2].changes).toEqual([{ field: 'wait_timer', from: '240 min', to: '120 min' }]);
    expect(sim.requests.filter((r) => r.method === 'PUT').at(-1)?.body).toEqual({ wait_timer: 120 });
    expect(sim.repo().environment('prod')?.reviewers).toHaveLength(2);
  });

  it('refuses GITHUB_TOKEN with a message that says an admin token is needed', async () => {
    await expect(syncEnvironments(desiredEnvironments(spec.stages), { ...options('github-token', false) })).rejects.toThrow(
      /may not read environment prod-canary \(403 Resource not accessible by integration\): it needs actions: read/,
    );
  });

  it('explains plan-gated protection rules (private repositories on Free/Pro/Team)', async () => {
    const gated = await startGitHubSim({ planGated: true });
    try {
      const o: SyncOptions = { client: createGitHubClient('admin-token', { apiUrl: gated.url }), owner: 'contoso', repo: 'web', dryRun: false };
      await expect(syncEnvironments(desiredEnvironments(spec.stages), o)).rejects.toThrow(/need a public repository or a GitHub Enterprise plan/);
    } finally {
      await gated.stop();
    }
  });
});
