import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startArmSim, type ArmSim } from '../../sim/index.js';
import { DEFAULT_TOKENS } from '../../sim/github/auth.js';
import { startGitHubSim, type GitHubSim } from '../../sim/github/index.js';
import { planCommand } from '../../src/commands/plan.js';
import { createGitHubClient } from '../../src/github/client.js';
import { GitHubDeploymentRecords, recordEnvironment } from '../../src/github/deployments.js';
import { readInputs } from '../../src/github/inputs.js';
import { runDeploy } from '../../src/github/run-deploy.js';
import { runIntervention } from '../../src/github/run-intervene.js';
import { actionHarness, commands, repoRoot, SHA } from '../helpers/in-process-action.js';

const harness = actionHarness();
const SPEC = '__tests__/fixtures/secrets/rollout.yaml';
const ENV = { SECRETIVE_API_KEY: 'sk-live-5ecret-api-key-7731', SECRETIVE_PROBE_KEY: 'probe-5ecret-header-4410', SECRETIVE_SUBSCRIPTION: '00000000-0000-0000-0000-00000000beef' };
let arm: ArmSim;
let github: GitHubSim;
const target = () => ({ spec: SPEC, 'arm-endpoint': arm.endpoint, 'arm-ca': arm.caFile, token: 'github-token' });
const env = () => ({ ...ENV, GITHUB_API_URL: github.url, GITHUB_ACTOR: 'dana' });

const intervene = (action: 'abort' | 'promote', inputs: Record<string, string>, extra: Record<string, string | undefined> = {}) =>
  harness.run({ command: action, ...target(), ...inputs }, () => runIntervention(readInputs(), action), { ...env(), ...extra });

async function statuses(environment: string, version: string): Promise<Array<{ state: string; description: string }>> {
  const get = async (url: string) => (await fetch(`${github.url}${url}`, { headers: { authorization: 'token github-token' } })).json() as Promise<any[]>;
  const deployment = (await get(`/repos/contoso/web/deployments?environment=${environment}`)).find((d) => d.payload.version === version);
  return (await get(`/repos/contoso/web/deployments/${deployment.id}/statuses`)).map((s) => ({ state: s.state, description: s.description }));
}
const versions = (): Record<string, string> => Object.fromEntries(arm.apps().map((a) => [a.region, a.version]));

beforeAll(async () => {
  arm = await startArmSim({ deploymentLatencyMs: 200 });
  github = await startGitHubSim({ repos: ['contoso/web'], tokens: [...DEFAULT_TOKENS, { token: 'read-token', permissions: { contents: 'read', deployments: 'read', metadata: 'read' } }] });
  // 3.0.0 everywhere, then the first stage of 4.0.0 in a stage job: what an abort of 4.0.0 rolls back to 3.0.0.
  for (const inputs of [{ version: '3.0.0' }, { version: '4.0.0', stage: 'first' }] as Record<string, string>[]) {
    const run = await harness.run({ command: 'deploy', ...target(), ...inputs }, () => runDeploy(readInputs()), env());
    expect(run.outputs.status).toBe('succeeded');
  }
});
afterAll(async () => {
  await arm.stop();
  await github.stop();
  harness.cleanup();
});

/** A stage record of `version` that was started and never finished: its job is still running (or died). */
async function inProgress(version: string): Promise<void> {
  const { plan } = planCommand({ specFile: SPEC, mode: 'standard', version, env: ENV, repoRoot });
  const stage = plan.stages[0];
  const records = new GitHubDeploymentRecords({ client: createGitHubClient('github-token', { apiUrl: github.url }), owner: 'contoso', repo: 'web' });
  await records.start({ rolloutId: plan.rollout.id, version, specHash: plan.rollout.specHash, stage: stage.name, environment: recordEnvironment(stage, plan.rollout.name), sha: SHA, mode: 'standard', stamps: ['app@eastus'] });
}

const message = (run: { error?: unknown }) => [(run.error as Error).name, (run.error as Error).message];

describe('runIntervention: what it needs before it records anything', () => {
  it('a reason (blank is none), a token, true or false for rollback, and a stage to promote', async () => {
    expect(message(await intervene('abort', { version: '4.0.0', reason: '  ' }))).toEqual(['InputError', 'input reason is empty: say why (it is kept with the abort on the deployment record)']);
    expect(message(await intervene('promote', { version: '4.0.0' }))).toEqual(['InputError', 'input reason is empty: say why (it is kept with the promote on the deployment record)']);
    expect(message(await intervene('abort', { version: '4.0.0', reason: 'r', rollback: 'yes' }))).toEqual(['InputError', 'input rollback is "yes"; use true or false']);
    expect(message(await intervene('abort', { version: '4.0.0', reason: 'r', token: '' }))).toEqual(['InputError', "abort needs token (deployments: write): the stage's GitHub deployment record is what the next stage job reads"]);
    expect(message(await intervene('promote', { version: '4.0.0', reason: 'r' }))).toEqual(['InputError', 'promote needs stage: the stage whose bake is over']);
    // rollback is abort's alone: promote never reads it.
    expect(message(await intervene('promote', { version: '4.0.0', reason: 'r', rollback: 'yes' }))).toEqual(['InputError', 'promote needs stage: the stage whose bake is over']);
    expect(message(await intervene('abort', { version: '7.0.0', reason: 'r' }))).toEqual(['InputError', 'secretive@7.0.0 has no GitHub deployment record: nothing of it ran, so there is nothing to abort']);
  });
});

describe('runIntervention: promote and abort', () => {
  it('promote records who and why on the stage, for the next stage job', async () => {
    const run = await intervene('promote', { version: '4.0.0', stage: 'first', reason: 'metrics clean after 10m' });
    expect([run.error, run.exitCode]).toEqual([undefined, undefined]);
    expect(run.outputs.status).toBe('promoted');
    const result = JSON.parse(run.outputs.result);
    expect(result).toEqual({ action: 'promote', rolloutId: 'secretive@4.0.0', stage: 'first', deploymentId: result.deploymentId, by: 'dana', reason: 'metrics clean after 10m', description: 'Promoted by dana: metrics clean after 10m' });
    expect(typeof result.deploymentId).toBe('number');
    expect(run.stdout).toBe(`secretive@4.0.0 stage first: "Promoted by dana: metrics clean after 10m" recorded on GitHub deployment ${result.deploymentId}\n`);
    expect(run.summary).toBe('## ⏩ Stage first of secretive@4.0.0 promoted past its bake by dana\n\n> metrics clean after 10m\n\nThe next stage job starts without waiting for the rest of the bake.\n\n');
    expect((await statuses('secretive-first', '4.0.0'))[0]).toEqual({ state: 'success', description: 'Promoted by dana: metrics clean after 10m' });
  });

  it('abort without rollback stops the rollout at the furthest stage with a record, and rolls nothing back', async () => {
    const puts = arm.requests.filter((r) => r.method === 'PUT').length;
    const run = await intervene('abort', { version: '4.0.0', reason: 'hold the release' }, { GITHUB_ACTOR: undefined });
    expect([run.error, run.exitCode, run.outputs.status]).toEqual([undefined, undefined, 'aborted']);
    expect(JSON.parse(run.outputs.result)).toMatchObject({ action: 'abort', stage: 'first', by: 'unknown actor', description: 'Aborted by unknown actor: hold the release' });
    expect(run.summary).toBe(
      "## ⛔ Stage first of secretive@4.0.0 aborted by unknown actor\n\n> hold the release\n\nThe next stage job refuses to start.\n\nNothing was rolled back: `rollback: true` rolls back per the spec's rollback scope.\n\n",
    );
    expect(arm.requests.filter((r) => r.method === 'PUT').length).toBe(puts);
  });

  it('abort of a stage whose job is still running says to cancel that run', async () => {
    await inProgress('5.0.0');
    const run = await intervene('abort', { version: '5.0.0', reason: 'bad build' });
    expect(run.summary).toBe(
      "## ⛔ Stage first of secretive@5.0.0 aborted by dana\n\n> bad build\n\nThe next stage job refuses to start. The job of stage first is still running: cancel its workflow run to stop it now.\n\nNothing was rolled back: `rollback: true` rolls back per the spec's rollback scope.\n\n",
    );
  });

  it('abort with rollback: true rolls the stage back to the previous version and records it', async () => {
    expect(versions()).toEqual({ eastus: '4.0.0', westus: '3.0.0' });
    const run = await intervene('abort', { version: '4.0.0', stage: 'first', reason: 'error rate up', rollback: 'true' });
    expect([run.error, run.exitCode, run.outputs.status]).toEqual([undefined, undefined, 'rolled-back']);
    expect(versions()).toEqual({ eastus: '3.0.0', westus: '3.0.0' });
    const result = JSON.parse(run.outputs.result);
    expect(result).toMatchObject({ action: 'abort', stage: 'first', by: 'dana', reason: 'error rate up', rollback: { status: 'rolled-back', rollback: { scope: 'stage', ok: true } } });
    expect(result.rollback.rollback.stamps).toMatchObject([{ id: 'app@eastus', outcome: 'rolled-back', version: '3.0.0' }]);
    expect(commands(run.stdout, 'error')).toEqual([]);
    expect(run.stdout).toContain(`\n"Aborted by dana: rolled back 1 stamp(s) to 3.0.0; error rate up" recorded on GitHub deployment ${result.deploymentId}\n`);
    expect(run.summary).toMatch(
      /^## ⛔ Stage first of secretive@4\.0\.0 aborted by dana\n\n> error rate up\n\nThe next stage job refuses to start\.\n\n### Rollback\n\nsecretive@4\.0\.0: stage first of secretive@4\.0\.0 aborted: rolled back 1 stamp\(s\) \(scope stage\)\n- app@eastus \(stage first\): rolled-back to 3\.0\.0 \(secretive-app-eastus-3\.0\.0\): restored secretive-app-eastus-3\.0\.0 \(version 3\.0\.0\); healthy \(healthy \(\d+ probes\): GET https:\/\/127\.0\.0\.1:\d+\/healthz -> 200 in \d+ms\)\n\n$/,
    );
    expect((await statuses('secretive-first', '4.0.0')).slice(0, 2)).toEqual([
      { state: 'failure', description: 'Aborted by dana: rolled back 1 stamp(s) to 3.0.0; error rate up' },
      { state: 'failure', description: 'Aborted by dana: error rate up' },
    ]);
  });

  it('promote only a stage that succeeded; a stage the spec does not have; a token that may not write', async () => {
    await inProgress('6.0.0');
    expect(message(await intervene('promote', { version: '6.0.0', stage: 'first', reason: 'r' }))).toEqual(['InputError', 'stage first of secretive@6.0.0 is still in progress: only a stage that succeeded can be promoted past its bake']);
    const denied = await intervene('abort', { version: '6.0.0', reason: 'r', token: 'read-token' });
    expect((denied.error as Error).name).toBe('GitHubAccessError');
    expect((denied.error as Error).message).toMatch(
      /^the GitHub token may not record the abort of stage first on deployment \d+ \(403 Resource not accessible by integration\): it needs deployments: write \(GitHub asks for deployments=write\)\. Add `permissions: \{ deployments: write \}` to the job, or pass a token that has it\.$/,
    );
    expect((await intervene('abort', { version: '6.0.0', reason: 'bad build 6' })).outputs.status).toBe('aborted');
    expect(message(await intervene('promote', { version: '6.0.0', stage: 'first', reason: 'r' }))).toEqual(['InputError', 'stage first of secretive@6.0.0 failed (Aborted by dana: bad build 6): only a stage that succeeded can be promoted past its bake']);
    expect(message(await intervene('promote', { version: '4.0.0', stage: 'third', reason: 'r' }))).toEqual(['InputError', 'no stage "third" in secretive; its stages are first, second']);
    expect(message(await intervene('abort', { version: '4.0.0', stage: 'second', reason: 'r' }))).toEqual(['InputError', 'secretive@4.0.0 has no GitHub deployment record for stage second: nothing of it ran, so there is nothing to abort']);
  });
});
