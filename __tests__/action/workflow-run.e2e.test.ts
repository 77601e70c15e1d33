import { startArmSim, type ArmSim } from '../../sim/index.js';
import { startGitHubSim, type GitHubSim } from '../../sim/github/index.js';
import { createGitHubClient } from '../../src/github/client.js';
import { GitHubDeploymentRecords } from '../../src/github/deployments.js';
import { parseDuration } from '../../src/time/duration.js';
import { expectStatus } from '../helpers/run-action.js';
import { WorkflowRunner } from '../helpers/workflow-runner.js';

const SPEC = '__tests__/fixtures/gated/rollout.yaml';

describe('the generated workflow, job by job, as the runner runs it', () => {
  let arm: ArmSim;
  let github: GitHubSim;
  beforeEach(async () => {
    // A deployment of at least 1 s: GitHub's timestamps are whole seconds, and the check that stage one's bake counts
    // from its end, not its record's creation, needs the two to fall in different seconds.
    arm = await startArmSim({ deploymentLatencyMs: 1_000 });
    github = await startGitHubSim({ repos: ['contoso/web'], tokens: [{ token: 'github-token', permissions: { contents: 'read', deployments: 'write', metadata: 'read' } }, { token: 'read-only', permissions: { contents: 'read', deployments: 'read', metadata: 'read' } }] });
  });
  afterEach(async () => {
    await arm.stop();
    await github.stop();
  });

  const armPuts = (region: string) => arm.requests.filter((r) => r.method === 'PUT' && r.path.includes('/deployments/') && r.path.includes(`app-${region}`));
  const records = async () => {
    const res = await fetch(`${github.url}/repos/contoso/web/deployments?per_page=100`, { headers: { authorization: 'token github-token' } });
    return ((await res.json()) as { environment: string; payload: { stage: string; version: string } }[]).map((d) => `${d.environment}:${d.payload.stage}@${d.payload.version}`);
  };

  it('runs plan, then each stage in its own job: the rollout completes and each stage is a GitHub deployment', async () => {
    const wf = new WorkflowRunner(SPEC, arm, github, { dispatch: { version: '1.0.0' } });
    expect(wf.jobs.map((j) => [j.id, j.needs])).toEqual([
      ['plan', []],
      ['one', ['plan']],
      ['two', ['plan', 'one']],
      ['three', ['plan', 'two']],
    ]);
    for (const job of ['plan', 'one', 'two', 'three']) {
      const run = await wf.run(job);
      expect({ job, code: run.code, err: run.stdout.match(/::error::.*/)?.[0] }).toEqual({ job, code: 0, err: undefined });
    }
    // Stage one's job did not bake: stage two's job waited out the rest of the bake, then re-checked stage one.
    expect(wf.runs.get('one')!.stdout).not.toContain('baking');
    // (How long it waited depends on how long its job took to start, in real time; that it waited enough does not.)
    const waited = /stage one succeeded; waiting (\S+) for the rest of its 2s bake/.exec(wf.runs.get('two')!.stdout)?.[1];
    if (waited !== undefined) expect(parseDuration(waited)!).toBeLessThanOrEqual(2_000);
    // The bake is counted from stage one's end (its success status), and stage two wrote nothing to ARM before it ended.
    const one = await new GitHubDeploymentRecords({ client: createGitHubClient('github-token', { apiUrl: github.url }), owner: 'contoso', repo: 'web', logUrl: '' }).latest({ ...JSON.parse(wf.runs.get('plan')!.outputs.plan).rollout, rolloutId: 'gated@1.0.0', stage: 'one', environment: 'gated-one' });
    expect(one?.finishedAt).toBeGreaterThan(one!.createdAt);
    const firstWriteOfTwo = arm.requests.find((r) => r.method === 'PUT' && r.path.includes('westus'))!;
    expect(firstWriteOfTwo.time).toBeGreaterThanOrEqual(one!.finishedAt! + 2_000);
    expect(JSON.parse(wf.runs.get('two')!.outputs.result).previousStage).toMatchObject({ name: 'one', stamps: [{ id: 'app@eastus', recheck: { healthy: true } }] });
    expectStatus(wf.runs.get('three')!, 'succeeded');
    expect(arm.apps().map((a) => `${a.region}=${a.version}`).sort()).toEqual(['eastus=1.0.0', 'northeurope=1.0.0', 'westus=1.0.0']);
    expect((await records()).sort()).toEqual(['gated-one:one@1.0.0', 'gated-three:three@1.0.0', 'gated-two:two@1.0.0']);
  });

  it('after stage two failed, stage three\'s job refuses to deploy', async () => {
    // 1.0.0 everywhere first: stage two's rollback then leaves it healthy, so only the gate can stop stage three.
    const base = new WorkflowRunner(SPEC, arm, github, { dispatch: { version: '1.0.0' } });
    for (const job of ['plan', 'one', 'two', 'three']) expect((await base.run(job)).code).toBe(0);
    const wf = new WorkflowRunner(SPEC, arm, github, { dispatch: { version: '2.0.0' } });
    arm.faults.add({ kind: 'deploymentFails', region: 'westus', version: '2.0.0', code: 'SkuNotAvailable', message: 'Injected: the size is not available in westus.' });
    for (const job of ['plan', 'one']) expect((await wf.run(job)).code).toBe(0);
    const two = await wf.run('two');
    expect(two.code).toBe(1);
    // GitHub would skip stage three (!failure()); a person re-running it anyway gets a refusal, not a deployment.
    const three = await wf.run('three');
    expect(three.code).toBe(1);
    expect(three.stdout).toMatch(/::error::stage two of gated@2\.0\.0 failed: .*Stage three deploys only after two succeeded/);
    expect(arm.apps().map((a) => `${a.region}=${a.version}`).sort()).toEqual(['eastus=2.0.0', 'northeurope=1.0.0', 'westus=1.0.0']);
    expect(armPuts('northeurope').filter((r) => r.path.includes('2.0.0'))).toEqual([]);
  });

  it('refuses while the previous stage\'s bake has not elapsed, and names the wait timer to set', async () => {
    // An hour's bake, not rollout.yaml's 2 s: the refusal must not depend on job two starting within 2 s of job one.
    const wf = new WorkflowRunner('__tests__/fixtures/gated/long-bake.yaml', arm, github, { dispatch: { version: '3.0.0' } });
    for (const job of ['plan', 'one']) expect((await wf.run(job)).code).toBe(0);
    const two = await wf.run('two', { 'max-wait': '100ms' });
    expect(two.code).toBe(1);
    expect(two.stdout).toMatch(/::error::stage one is still baking: its bake of 1h ends in (59m\d+s|1h), longer than this job waits \(max-wait 100ms\)\. Give environment gated-two a wait timer of 60 minutes/);
    expect(armPuts('westus')).toEqual([]);
  });

  it('refuses when the previous stage turned unhealthy since it completed', async () => {
    const wf = new WorkflowRunner(SPEC, arm, github, { dispatch: { version: '4.0.0' } });
    for (const job of ['plan', 'one']) expect((await wf.run(job)).code).toBe(0);
    arm.faults.add({ kind: 'healthFails', region: 'eastus', version: '4.0.0' });
    const two = await wf.run('two');
    expect(two.code).toBe(1);
    expect(two.stdout).toMatch(/before stage two, stage one is app@eastus unhealthy/);
    expect(armPuts('westus')).toEqual([]);
  });

  it('a hotfix dispatch runs the hotfix overlay end to end', async () => {
    const wf = new WorkflowRunner(SPEC, arm, github, { dispatch: { mode: 'hotfix', version: '5.0.1' } });
    for (const job of ['plan', 'one', 'two', 'three']) expect((await wf.run(job)).code).toBe(0);
    const plan = JSON.parse(wf.runs.get('plan')!.outputs.plan);
    expect(plan.rollout).toMatchObject({ id: 'gated@5.0.1', mode: 'hotfix' });
    expect(plan.stages.map((s: { bakeMs: number }) => s.bakeMs)).toEqual([1000, 1000, 0]);
    expect(plan.stages[0].stamps[0].health.healthyForMs).toBe(400);
    const result = JSON.parse(wf.runs.get('three')!.outputs.result);
    expect(result).toMatchObject({ mode: 'hotfix', status: 'succeeded' });
  });

  describe('bad inputs are refused with their own message, and nothing is deployed', () => {
    it('an unknown stage name', async () => {
      const wf = new WorkflowRunner(SPEC, arm, github, { dispatch: { version: '6.0.0' } });
      await wf.run('plan');
      const run = await wf.run('one', { stage: 'tree' });
      expect(run.code).toBe(1);
      expect(run.stdout).toContain("::error::unknown stage 'tree'; the plan has: one, two, three, or all");
      expect(arm.requests.filter((r) => r.method === 'PUT')).toEqual([]);
    });

    it('a plan from another version', async () => {
      const wf = new WorkflowRunner(SPEC, arm, github, { dispatch: { version: '7.0.0' } });
      await wf.run('plan');
      const run = await wf.run('one', { version: '7.0.1' });
      expect(run.code).toBe(1);
      expect(run.stdout).toContain('::error::the plan this job was given does not match the spec it reads: it is for gated@7.0.0, this job rolls out gated@7.0.1.');
      expect(arm.requests.filter((r) => r.method === 'PUT')).toEqual([]);
    });

    it('a token without deployments: write (403 from the API)', async () => {
      const wf = new WorkflowRunner(SPEC, arm, github, { dispatch: { version: '8.0.0' } });
      await wf.run('plan');
      const run = await wf.run('one', { token: 'read-only' });
      expect(run.code).toBe(1);
      expect(run.stdout).toMatch(/::error::.*403.*deployments: write/);
      expect(arm.requests.filter((r) => r.method === 'PUT')).toEqual([]);
    });
  });
});
