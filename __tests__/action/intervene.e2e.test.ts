import { startArmSim, type ArmSim } from '../../sim/index.js';
import { startGitHubSim, type GitHubSim } from '../../sim/github/index.js';
import { runAction, expectStatus } from '../helpers/run-action.js';
import { WorkflowRunner } from '../helpers/workflow-runner.js';

const SPEC = '__tests__/fixtures/abort/stage-scope.yaml';

/** The statuses of the newest deployment of an environment, newest first, as GitHub answers them. */
async function statuses(github: GitHubSim, environment: string): Promise<Array<{ state: string; description: string }>> {
  const get = async (url: string) => (await fetch(url, { headers: { authorization: 'token github-token' } })).json() as Promise<Array<{ id: number; state: string; description: string }>>;
  const [deployment] = await get(`${github.url}/repos/contoso/web/deployments?environment=${environment}`);
  return get(`${github.url}/repos/contoso/web/deployments/${deployment.id}/statuses`);
}

const versions = (arm: ArmSim): Record<string, string> => Object.fromEntries(arm.apps().map((a) => [a.region, a.version]));

describe('command: abort and command: promote in the action', () => {
  let arm: ArmSim;
  let github: GitHubSim;
  let wf: WorkflowRunner;
  beforeEach(async () => {
    arm = await startArmSim({ deploymentLatencyMs: 200 });
    github = await startGitHubSim({ repos: ['contoso/web'] });
    // 1.0.0 everywhere, in one job with its records: what an abort of 2.0.0 goes back to.
    const base = await runAction({ spec: SPEC, command: 'deploy', version: '1.0.0', token: 'github-token', 'arm-endpoint': arm.endpoint, 'arm-ca': arm.caFile }, { GITHUB_API_URL: github.url });
    expect({ status: base.outputs.status, errors: base.stdout.split('\n').filter((l) => l.startsWith('::error')) }).toEqual({ status: 'succeeded', errors: [] });
    wf = new WorkflowRunner(SPEC, arm, github, { dispatch: { version: '2.0.0' } });
  }, 180_000);
  afterEach(async () => {
    await arm.stop();
    await github.stop();
  });

  /** A job of the 2.0.0 workflow; what it said when it failed is in the assertion's message. */
  const job = async (id: string, code = 0) => {
    const ran = await wf.run(id);
    expect({ id, code: ran.code, errors: ran.stdout.split('\n').filter((l) => l.startsWith('::error')) }).toMatchObject({ id, code, ...(code === 0 ? { errors: [] } : {}) });
    return ran;
  };
  const operator = (inputs: Record<string, string>) =>
    runAction({ spec: SPEC, version: '2.0.0', token: 'github-token', 'arm-endpoint': arm.endpoint, 'arm-ca': arm.caFile, ...inputs }, { GITHUB_API_URL: github.url, GITHUB_ACTOR: 'dana' });

  it('abort with rollback: true marks the stage in flight aborted, rolls it back per scope (stage) and says to which version', async () => {
    for (const id of ['plan', 'one', 'two']) await job(id);
    expect(versions(arm)).toEqual({ eastus: '2.0.0', westus: '2.0.0', northeurope: '1.0.0' });
    const run = await operator({ command: 'abort', reason: 'error rate up in westus', rollback: 'true' });
    expect({ code: run.code, stderr: run.stderr }).toEqual({ code: 0, stderr: '' });
    expectStatus(run, 'rolled-back');
    const result = JSON.parse(run.outputs.result);
    expect(result).toMatchObject({ action: 'abort', rolloutId: 'gated@2.0.0', stage: 'two', by: 'dana', reason: 'error rate up in westus', rollback: { status: 'rolled-back', rollback: { scope: 'stage', ok: true } } });
    expect(result.rollback.rollback.stamps).toMatchObject([{ id: 'app@westus', outcome: 'rolled-back', version: '1.0.0', to: expect.stringContaining('gated-app-westus-1.0.0') }]);
    // Scope stage: the stage in flight only; stage one keeps 2.0.0, three was never touched.
    expect(versions(arm)).toEqual({ eastus: '2.0.0', westus: '1.0.0', northeurope: '1.0.0' });
    expect(run.stdout).toMatch(/app@westus \(stage two\): rolled-back to 1\.0\.0 \(gated-app-westus-1\.0\.0[^)]*\)/);
    expect(run.summary).toContain('## ⛔ Stage two of gated@2.0.0 aborted by dana');
    expect(run.summary).toContain('> error rate up in westus');
    expect(run.summary).toContain('### Rollback');
    expect(run.summary).toMatch(/- app@westus \(stage two\): rolled-back to 1\.0\.0/);
    const [latest, abort] = await statuses(github, 'gated-two');
    expect(latest).toMatchObject({ state: 'failure', description: 'Aborted by dana: rolled back 1 stamp(s) to 1.0.0; error rate up in westus' });
    expect(abort).toMatchObject({ state: 'failure', description: 'Aborted by dana: error rate up in westus' });
    // The next stage job refuses, and deploys nothing.
    const three = await job('three', 1);
    expect(three.stdout).toContain('::error::stage two of gated@2.0.0 failed: Aborted by dana');
    expect(arm.requests.filter((r) => r.method === 'PUT' && r.path.includes('app-northeurope-2.0.0'))).toEqual([]);
  }, 180_000);

  it('abort without rollback only stops; promote lets the next stage skip the rest of the bake; both need a reason', async () => {
    for (const id of ['plan', 'one']) await job(id);
    const noReason = await operator({ command: 'promote', stage: 'one' });
    expect(noReason.code).toBe(1);
    expect(noReason.stdout).toContain('::error::input reason is empty');

    const promote = await operator({ command: 'promote', stage: 'one', reason: 'canary metrics are clean' });
    expect({ code: promote.code, stderr: promote.stderr }).toEqual({ code: 0, stderr: '' });
    expectStatus(promote, 'promoted');
    expect(JSON.parse(promote.outputs.result)).toMatchObject({ action: 'promote', stage: 'one', by: 'dana', description: 'Promoted by dana: canary metrics are clean' });
    expect(promote.summary).toContain('## ⏩ Stage one of gated@2.0.0 promoted past its bake by dana');
    expect((await statuses(github, 'gated-one'))[0]).toMatchObject({ state: 'success', description: 'Promoted by dana: canary metrics are clean' });

    const two = await job('two');
    expect(`${two.stdout}${two.summary}`).toContain('promoted past its bake (Promoted by dana: canary metrics are clean)');
    const puts = arm.requests.filter((r) => r.method === 'PUT').length;
    const abort = await operator({ command: 'abort', stage: 'two', reason: 'hold the release' });
    expect({ code: abort.code, stderr: abort.stderr }).toEqual({ code: 0, stderr: '' });
    expectStatus(abort, 'aborted');
    expect(abort.summary).toContain("Nothing was rolled back: `rollback: true` rolls back per the spec's rollback scope.");
    expect(arm.requests.filter((r) => r.method === 'PUT').length).toBe(puts);
    expect(versions(arm)).toEqual({ eastus: '2.0.0', westus: '2.0.0', northeurope: '1.0.0' });
    await job('three', 1);
  }, 180_000);
});
