import { startArmSim, type ArmSim } from '../../sim/index.js';
import { startGitHubSim, type GitHubSim } from '../../sim/github/index.js';
import { repoRoot, runAction } from '../helpers/run-action.js';
import { WorkflowRunner } from '../helpers/workflow-runner.js';

const SPEC = '__tests__/fixtures/release-units/gated-jobs.yaml';

interface Deployment {
  id: number;
  environment: string;
  payload: { stage: string; version: string; traffic?: { kind: string; unit: string; weights: { newUnit: number; previousUnit: number }; checks: string[] } };
}

/**
 * The traffic-step and teardown jobs of the generated workflow, run by the bundled action one by one against the
 * local ARM and GitHub endpoints: each is gated by the record of the job before it, like a stage job, and leaves a
 * GitHub deployment record of its own for the next one.
 */
describe('release units job by job in the action: the traffic-step and teardown jobs are gated and recorded', () => {
  let arm: ArmSim;
  let github: GitHubSim;
  beforeAll(async () => {
    arm = await startArmSim({ deploymentLatencyMs: 200 });
    github = await startGitHubSim({ repos: ['contoso/web'] });
  });
  afterAll(async () => {
    await arm.stop();
    await github.stop();
  });

  const get = async <T>(p: string): Promise<T> => (await fetch(`${github.url}/repos/contoso/web${p}`, { headers: { authorization: 'token github-token' } })).json() as Promise<T>;
  const deploymentsOf = (environment: string) => get<Deployment[]>(`/deployments?environment=${environment}&per_page=100`);
  const statesOf = async (id: number) => (await get<Array<{ state: string; description: string }>>(`/deployments/${id}/statuses`)).reverse();
  /** Writes of the traffic component (Front Door): a refused job must leave it alone. */
  const frontDoorPuts = () => arm.requests.filter((r) => r.method === 'PUT' && r.path.toLowerCase().includes('/resourcegroups/shopjobs-global/'));
  const errorOf = (run: { stdout: string }) => run.stdout.match(/::error::.*/)?.[0];

  it('refuses a step before the one before it, runs it after, and records every step and the teardown', async () => {
    // Unit 1.0.0 goes live in one run (no unit before it: all users on it at once).
    const live = await runAction({ command: 'deploy', spec: SPEC, version: '1.0.0', token: 'github-token', 'arm-endpoint': arm.endpoint, 'arm-ca': arm.caFile }, { GITHUB_API_URL: github.url, GITHUB_WORKSPACE: repoRoot });
    expect({ code: live.code, error: errorOf(live) }).toEqual({ code: 0, error: undefined });

    const wf = new WorkflowRunner(SPEC, arm, github, { dispatch: { version: '2.0.0' } });
    expect(wf.jobs.map((j) => j.id)).toEqual(['plan', 'first', 'rest', 'traffic-10', 'traffic-50', 'traffic-100', 'teardown']);
    for (const job of ['plan', 'first', 'rest']) expect({ job, code: (await wf.run(job)).code }).toEqual({ job, code: 0 });

    // Step 2 before step 1 has a record: refused by the gate, with the stage gate's words; Front Door untouched.
    const putsBefore = frontDoorPuts().length;
    const early = await wf.run('traffic-50');
    expect(early.code).toBe(1);
    expect(errorOf(early)).toBe('::error::stage traffic-10 of shopjobs@2.0.0 has not run (no GitHub deployment record for this version and spec): stage traffic-50 cannot start before it.');
    expect(frontDoorPuts().length).toBe(putsBefore);
    expect(await deploymentsOf('shopjobs-traffic-50')).toEqual([]);

    // The teardown before the 100 % step: refused the same way.
    const teardownEarly = await wf.run('teardown');
    expect(errorOf(teardownEarly)).toBe('::error::stage traffic-100 of shopjobs@2.0.0 has not run (no GitHub deployment record for this version and spec): stage traffic-100 cannot start before it.'.replace('stage traffic-100 cannot', 'stage teardown cannot'));
    expect(frontDoorPuts().length).toBe(putsBefore);

    // Step 1 after the last stage: its gate checked stage rest's record and bake; it writes its own record.
    const ten = await wf.run('traffic-10');
    expect({ code: ten.code, error: errorOf(ten) }).toEqual({ code: 0, error: undefined });
    expect(ten.stdout).toMatch(/stage rest succeeded(; waiting .* for the rest of its 1s bake| \(GitHub deployment \d+\) and its 1s bake is over)/);
    expect(ten.summary).toContain('## ✅ Traffic step traffic-10 of shopjobs@2.0.0 succeeded; next: traffic-50');
    expect(ten.summary).toContain('### What this job checked before deploying');
    expect(ten.summary).toContain("- the plan job's plan is the plan of __tests__/fixtures/release-units/gated-jobs.yaml (shopjobs@2.0.0, standard)");
    expect(ten.summary).toMatch(/- stage rest succeeded/);
    expect(frontDoorPuts().length).toBeGreaterThan(putsBefore);
    const [tenRecord] = await deploymentsOf('shopjobs-traffic-10');
    expect(tenRecord.payload).toMatchObject({ stage: 'traffic-10', version: '2.0.0', traffic: { kind: 'traffic-step', unit: 'v2-0-0', weights: { newUnit: 10, previousUnit: 90 }, checks: ['errorRatio: 5xx under 20% over 2s, at least 0 request(s)'] } });
    const tenStates = await statesOf(tenRecord.id);
    expect(tenStates.map((s) => s.state)).toEqual(['in_progress', 'success']);
    expect(tenStates[0].description).toBe('Moving 10% of users to v2-0-0 (judged for 2s) of shopjobs@2.0.0 in stage traffic-10');
    expect(tenStates[1].description).toMatch(/^traffic-10 succeeded: v2-0-0 at 10%, observed \d+(\.\d)?% \(v1-0-0 \d+ req \d+ 5xx, v2-0-0 \d+ req \d+ 5xx\); errorRatio healthy$/);

    // `status` reads the step records too: where the release stands and what it waits for next.
    const status = await runAction({ command: 'status', spec: SPEC, version: '2.0.0', token: 'github-token', 'arm-endpoint': arm.endpoint, 'arm-ca': arm.caFile }, { GITHUB_API_URL: github.url });
    expect(status.code).toBe(0);
    const standing = JSON.parse(status.outputs.result) as { stages: Array<{ name: string; state: string }>; next: string };
    expect(standing.stages.map((s) => `${s.name}:${s.state}`)).toEqual(['first:succeeded', 'rest:succeeded', 'traffic-10:succeeded', 'traffic-50:not-started', 'traffic-100:not-started', 'teardown:not-started']);
    expect(standing.next).toBe('stage traffic-50 (environment shopjobs-traffic-50)');

    // Step 2 now: gated by step 1's record (its bake was judged in its job), and recorded in its own environment.
    const fifty = await wf.run('traffic-50');
    expect({ code: fifty.code, error: errorOf(fifty) }).toEqual({ code: 0, error: undefined });
    expect(fifty.stdout).toMatch(/stage traffic-10 succeeded \(GitHub deployment \d+\) and its 2s bake was judged in its own job/);
    expect(fifty.summary).toMatch(/- stage traffic-10 succeeded \(GitHub deployment \d+\) and its 2s bake was judged in its own job/);
    const [fiftyRecord] = await deploymentsOf('shopjobs-traffic-50');
    expect(fiftyRecord.payload.traffic?.weights).toEqual({ newUnit: 50, previousUnit: 50 });
    expect((await statesOf(fiftyRecord.id)).map((s) => s.state)).toEqual(['in_progress', 'success']);

    // The 100 % step has no environment in the spec: recorded under <rollout>-<step>, as a stage without one.
    expect((await wf.run('traffic-100')).code).toBe(0);
    const [hundred] = await deploymentsOf('shopjobs-traffic-100');
    expect(hundred.payload.traffic?.weights).toEqual({ newUnit: 100, previousUnit: 0 });

    const teardown = await wf.run('teardown');
    expect({ code: teardown.code, error: errorOf(teardown) }).toEqual({ code: 0, error: undefined });
    expect(teardown.summary).toContain('## ✅ Job teardown of shopjobs@2.0.0 succeeded; the rollout is complete');
    expect(teardown.summary).toMatch(/- stage traffic-100 succeeded \(GitHub deployment \d+\) and its 1s bake was judged in its own job/);
    const [down] = await deploymentsOf('shopjobs-teardown');
    expect(down.payload).toMatchObject({ stage: 'teardown', traffic: { kind: 'teardown', unit: 'v2-0-0', checks: ['noTraffic: no request for 1s'] } });
    const downStates = await statesOf(down.id);
    expect(downStates.map((s) => s.state)).toEqual(['in_progress', 'success']);
    expect(downStates[1].description).toBe('teardown succeeded: v1-0-0 removed (2 resource group(s)); noTraffic healthy');
    expect(arm.requests.some((r) => r.method === 'DELETE' && r.path.toLowerCase().includes('/resourcegroups/shopjobs-v1-0-0-eus'))).toBe(true);
  }, 240_000);
});
