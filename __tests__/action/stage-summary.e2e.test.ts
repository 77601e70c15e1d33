import { startArmSim, type ArmSim } from '../../sim/index.js';
import { startGitHubSim, type GitHubSim } from '../../sim/github/index.js';
import { planCommand } from '../../src/commands/plan.js';
import { createGitHubClient } from '../../src/github/client.js';
import { recordIntervention } from '../../src/github/interventions.js';
import { repoRoot } from '../helpers/run-action.js';
import { WorkflowRunner } from '../helpers/workflow-runner.js';

const SPEC = '__tests__/fixtures/gated/rollout.yaml';

describe('a stage job as a reviewer reads it, and an operator stops', () => {
  let arm: ArmSim;
  let github: GitHubSim;
  beforeEach(async () => {
    arm = await startArmSim({ deploymentLatencyMs: 200 });
    github = await startGitHubSim({ repos: ['contoso/web'] });
  });
  afterEach(async () => {
    await arm.stop();
    await github.stop();
  });

  it('heads the summary with the stage, what comes next and what its gate checked; every template output is an output', async () => {
    const wf = new WorkflowRunner(SPEC, arm, github, { dispatch: { version: '1.0.0' } });
    for (const job of ['plan', 'one']) expect((await wf.run(job)).code).toBe(0);
    expect(wf.runs.get('one')!.summary).toContain('## ✅ Stage one of gated@1.0.0 succeeded; next: two, after 2s');
    const two = await wf.run('two');
    expect(two.code).toBe(0);
    expect(two.summary).toContain('## ✅ Stage two of gated@1.0.0 succeeded; next: three, after 2s');
    expect(two.summary).not.toContain('Rollout gated@1.0.0 (standard): succeeded');
    expect(two.summary).toContain('### What this job checked before deploying');
    expect(two.summary).toContain("- the plan job's plan is the plan of __tests__/fixtures/gated/rollout.yaml (gated@1.0.0, standard)");
    // Whether the 2 s bake was still running when job two started depends on how fast the runner is.
    expect(two.summary).toMatch(/- stage one succeeded(; waiting .* for the rest of its 2s bake| \(GitHub deployment \d+\) and its 2s bake is over)/);
    expect(two.summary).toMatch(/- re-probed app@eastus \(stage one\): healthy \(\d+ probes\)/);
    const outputs = JSON.parse(two.outputs.outputs) as Record<string, unknown>;
    expect(outputs['app@westus.endpoint']).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    // The spec names the stage's URL: environmentUrl: "{outputs.endpoint}/healthz" on stage two; one keeps the default.
    const statusOf = async (environment: string) => {
      const get = async (url: string) => (await fetch(url, { headers: { authorization: 'token github-token' } })).json() as Promise<Array<{ id: number; environment_url?: string; state: string }>>;
      const [deployment] = await get(`${github.url}/repos/contoso/web/deployments?environment=${environment}`);
      return (await get(`${github.url}/repos/contoso/web/deployments/${deployment.id}/statuses`)).find((x) => x.state === 'success');
    };
    expect((await statusOf('gated-two'))?.environment_url).toBe(`${outputs['app@westus.endpoint']}/healthz`);
    expect((await statusOf('gated-one'))?.environment_url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    const three = await wf.run('three');
    expect(three.summary).toContain('## ✅ Stage three of gated@1.0.0 succeeded; the rollout is complete');
  });

  it('after an abort of stage one, the job of stage two refuses and deploys nothing', async () => {
    const wf = new WorkflowRunner(SPEC, arm, github, { dispatch: { version: '2.0.0' } });
    for (const job of ['plan', 'one']) expect((await wf.run(job)).code).toBe(0);
    const { plan } = planCommand({ specFile: SPEC, mode: 'standard', version: '2.0.0', env: {}, repoRoot });
    await recordIntervention({ client: createGitHubClient('github-token', { apiUrl: github.url }), owner: 'contoso', repo: 'web', plan, action: 'abort', by: 'dana', reason: 'latency regression in eastus' });
    const two = await wf.run('two');
    expect(two.code).toBe(1);
    expect(two.stdout).toContain('::error::stage one of gated@2.0.0 failed: Aborted by dana: latency regression in eastus.');
    expect(arm.requests.filter((r) => r.method === 'PUT' && r.path.includes('app-westus'))).toEqual([]);
  });
});
