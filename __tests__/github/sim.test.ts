import { startGitHubSim, type GitHubSim } from '../../sim/github/index.js';
import { createGitHubClient } from '../../src/github/client.js';

const SHA = 'a84d88e7554fc1fa21bcbc4efae3c782a70d2b9d';

async function call(sim: GitHubSim, method: string, path: string, body?: unknown, token = 'github-token'): Promise<{ status: number; headers: Headers; json: any }> {
  const res = await fetch(`${sim.url}${path}`, {
    method,
    headers: { ...(token ? { authorization: `token ${token}` } : {}), 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, json: text ? JSON.parse(text) : undefined };
}

describe('the local GitHub API endpoint', () => {
  let sim: GitHubSim;
  let now = Date.UTC(2026, 2, 1);

  beforeAll(async () => {
    sim = await startGitHubSim({
      clock: { now: () => now },
      refs: { main: SHA },
      users: [{ login: 'mona', id: 7 }],
      tokens: [
        { token: 'github-token', permissions: { deployments: 'write', actions: 'read' } },
        { token: 'ro', permissions: { deployments: 'read' } },
        { token: 'pat-ro', permissions: { deployments: 'read' }, kind: 'pat' },
        { token: 'admin-token', permissions: { administration: 'write', actions: 'read', deployments: 'write' }, user: { login: 'mona', id: 7 } },
      ],
    });
  });
  afterAll(() => sim.stop());

  it('listens on 127.0.0.1 and logs every request', async () => {
    expect(new URL(sim.url).hostname).toBe('127.0.0.1');
    await call(sim, 'GET', '/repos/contoso/web/deployments');
    expect(sim.requests.at(-1)).toMatchObject({ method: 'GET', url: '/repos/contoso/web/deployments', status: 200, token: 'github-token' });
  });

  it('authenticates: no token 401 "Requires authentication", a wrong one 401 "Bad credentials"', async () => {
    expect(await call(sim, 'GET', '/repos/contoso/web/deployments', undefined, '')).toMatchObject({ status: 401, json: { message: 'Requires authentication' } });
    expect(await call(sim, 'GET', '/repos/contoso/web/deployments', undefined, 'x')).toMatchObject({ status: 401, json: { message: 'Bad credentials', status: '401' } });
  });

  it('refuses a write without the permission exactly as GitHub does, naming it in x-accepted-github-permissions', async () => {
    const res = await call(sim, 'POST', '/repos/contoso/web/deployments', { ref: 'main' }, 'ro');
    expect(res.status).toBe(403);
    expect(res.json).toEqual({
      message: 'Resource not accessible by integration',
      documentation_url: 'https://docs.github.com/rest/deployments/deployments#create-a-deployment',
      status: '403',
    });
    expect(res.headers.get('x-accepted-github-permissions')).toBe('deployments=write');
    expect((await call(sim, 'POST', '/repos/contoso/web/deployments', { ref: 'main' }, 'pat-ro')).json.message).toBe('Resource not accessible by personal access token');
    expect((await call(sim, 'PUT', '/repos/contoso/web/environments/prod', {}, 'github-token')).status).toBe(403);
  });

  it('creates deployments with GitHub\'s defaults and validations', async () => {
    const res = await call(sim, 'POST', '/repos/contoso/web/deployments', { ref: 'main', environment: 'production' });
    expect(res.status).toBe(201);
    expect(res.json).toMatchObject({ sha: SHA, ref: 'main', task: 'deploy', payload: {}, environment: 'production', original_environment: 'production', production_environment: true, transient_environment: false, description: null });
    expect((await call(sim, 'POST', '/repos/contoso/web/deployments', { ref: SHA })).json.environment).toBe('production');
    expect((await call(sim, 'POST', '/repos/contoso/web/deployments', { ref: SHA, environment: 'qa', payload: '{"a":1}' })).json).toMatchObject({ payload: { a: 1 }, production_environment: false });
    expect(await call(sim, 'POST', '/repos/contoso/web/deployments', { environment: 'qa' })).toMatchObject({ status: 422, json: { message: 'Invalid request.\n\n"ref" wasn\'t supplied.' } });
    expect(await call(sim, 'POST', '/repos/contoso/web/deployments', { ref: 'nope' })).toMatchObject({ status: 422, json: { message: 'No ref found for: nope' } });
    expect((await call(sim, 'GET', '/repos/contoso/web/deployments/999999')).status).toBe(404);
    expect((await call(sim, 'GET', '/repos/contoso/other/deployments')).status).toBe(404);
  });

  it('validates statuses: state, a description of at most 140 characters', async () => {
    const { json: d } = await call(sim, 'POST', '/repos/contoso/web/deployments', { ref: SHA, environment: 'qa' });
    expect((await call(sim, 'POST', `/repos/contoso/web/deployments/${d.id}/statuses`, { state: 'done' })).status).toBe(422);
    const long = await call(sim, 'POST', `/repos/contoso/web/deployments/${d.id}/statuses`, { state: 'success', description: 'x'.repeat(141) });
    expect(long).toMatchObject({ status: 422, json: { message: 'Validation Failed', errors: [{ field: 'description', message: 'description is too long (maximum is 140 characters)' }] } });
    const ok = await call(sim, 'POST', `/repos/contoso/web/deployments/${d.id}/statuses`, { state: 'success', description: 'x'.repeat(140), environment_url: 'https://qa.example' });
    expect(ok.json).toMatchObject({ state: 'success', environment: 'qa', environment_url: 'https://qa.example', log_url: '', deployment_url: `${sim.url}/repos/contoso/web/deployments/${d.id}` });
  });

  it('marks earlier successful deployments of the environment inactive, unless auto_inactive is false', async () => {
    const make = async (): Promise<number> => (await call(sim, 'POST', '/repos/contoso/web/deployments', { ref: SHA, environment: 'staging' })).json.id;
    const status = (id: number, state: string, extra = {}): Promise<unknown> => call(sim, 'POST', `/repos/contoso/web/deployments/${id}/statuses`, { state, ...extra });
    const [a, b, c] = [await make(), await make(), await make()];
    await status(a, 'success');
    await status(b, 'success', { auto_inactive: false });
    const states = async (id: number): Promise<string[]> => (await call(sim, 'GET', `/repos/contoso/web/deployments/${id}/statuses`)).json.map((s: { state: string }) => s.state);
    expect(await states(a)).toEqual(['success']);
    await status(c, 'success');
    expect(await states(a)).toEqual(['inactive', 'success']);
    expect(await states(b)).toEqual(['inactive', 'success']);
  });

  it('filters and pages deployments newest first, with a Link header Octokit follows', async () => {
    for (let i = 0; i < 7; i++) await call(sim, 'POST', '/repos/contoso/web/deployments', { ref: SHA, environment: 'paged', task: i % 2 ? 'deploy:x' : 'deploy' });
    const first = await call(sim, 'GET', '/repos/contoso/web/deployments?environment=paged&per_page=3');
    expect(first.json).toHaveLength(3);
    expect(first.headers.get('link')).toBe(
      `<${sim.url}/repos/contoso/web/deployments?environment=paged&per_page=3&page=2>; rel="next", <${sim.url}/repos/contoso/web/deployments?environment=paged&per_page=3&page=3>; rel="last"`,
    );
    const client = createGitHubClient('github-token', { apiUrl: sim.url });
    const all = await client.paginate(client.rest.repos.listDeployments, { owner: 'contoso', repo: 'web', environment: 'paged', per_page: 3 });
    expect(all).toHaveLength(7);
    expect(all.map((d) => d.id)).toEqual([...all.map((d) => d.id)].sort((x, y) => y - x));
    const tasks = await client.paginate(client.rest.repos.listDeployments, { owner: 'contoso', repo: 'web', environment: 'paged', task: 'deploy:x' });
    expect(tasks).toHaveLength(3);
  });

  it('lists and approves pending deployments of a run, and keeps the approval history', async () => {
    const admin = createGitHubClient('admin-token', { apiUrl: sim.url });
    await admin.request('PUT /repos/{owner}/{repo}/environments/{environment_name}', { owner: 'contoso', repo: 'web', environment_name: 'prod-gate', wait_timer: 30, reviewers: [{ type: 'User', id: 7 }] });
    sim.waitForEnvironments(77, ['prod-gate'], { headSha: SHA });
    const { data: pending } = await admin.rest.actions.getPendingDeploymentsForRun({ owner: 'contoso', repo: 'web', run_id: 77 });
    expect(pending).toEqual([
      expect.objectContaining({ environment: expect.objectContaining({ name: 'prod-gate' }), wait_timer: 30, wait_timer_started_at: '2026-03-01T00:00:00Z', current_user_can_approve: true }),
    ]);
    const envId = pending[0].environment.id!;
    const { data: created } = await admin.rest.actions.reviewPendingDeploymentsForRun({ owner: 'contoso', repo: 'web', run_id: 77, environment_ids: [envId], state: 'approved', comment: 'ship it' });
    expect(created).toEqual([expect.objectContaining({ environment: 'prod-gate', sha: SHA, creator: expect.objectContaining({ login: 'mona' }) })]);
    expect((await admin.rest.actions.getPendingDeploymentsForRun({ owner: 'contoso', repo: 'web', run_id: 77 })).data).toEqual([]);
    const approvals = await call(sim, 'GET', '/repos/contoso/web/actions/runs/77/approvals', undefined, 'admin-token');
    expect(approvals.json).toEqual([expect.objectContaining({ state: 'approved', comment: 'ship it', user: expect.objectContaining({ login: 'mona' }) })]);
    const again = await call(sim, 'POST', '/repos/contoso/web/actions/runs/77/pending_deployments', { environment_ids: [envId], state: 'approved', comment: 'x' }, 'admin-token');
    expect(again.status).toBe(422);
    expect((await call(sim, 'GET', '/repos/contoso/web/actions/runs/78/pending_deployments')).status).toBe(404);
  });

  it('validates environment updates: the wait timer range, the branch policy, known reviewers', async () => {
    const put = (body: unknown): Promise<{ status: number; json: any }> => call(sim, 'PUT', '/repos/contoso/web/environments/checks', body, 'admin-token');
    expect((await put({ wait_timer: 43_201 })).json.errors[0].message).toBe('Wait timer must be an integer between 0 and 43200');
    expect((await put({ deployment_branch_policy: { protected_branches: true, custom_branch_policies: true } })).status).toBe(422);
    expect((await put({ reviewers: [{ type: 'User', id: 12345 }] })).status).toBe(422);
    const ok = await put({ wait_timer: 43_200, deployment_branch_policy: null });
    expect(ok).toMatchObject({ status: 200, json: { name: 'checks', protection_rules: [{ type: 'wait_timer', wait_timer: 43_200 }], deployment_branch_policy: null, can_admins_bypass: true } });
    expect((await call(sim, 'GET', '/repos/contoso/web/environments/CHECKS', undefined, 'admin-token')).json.name).toBe('checks');
    expect((await call(sim, 'GET', '/repos/contoso/web/environments/missing', undefined, 'admin-token')).status).toBe(404);
  });
});
