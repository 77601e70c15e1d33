import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { startArmSim, type ArmSim } from '../../sim/index.js';
import { startGitHubSim, type GitHubSim } from '../../sim/github/index.js';
import { readInputs } from '../../src/github/inputs.js';
import { runDeploy } from '../../src/github/run-deploy.js';
import { actionHarness, commands } from '../helpers/in-process-action.js';

const harness = actionHarness();
const SECRETS = { SECRETIVE_API_KEY: 'sk-live-5ecret-api-key-7731', SECRETIVE_PROBE_KEY: 'probe-5ecret-header-4410', STAGED_ROLLOUT_LOCAL_TOKEN: 'bearer-5ecret-token-9001' };
const SECRETIVE = '__tests__/fixtures/secrets/rollout.yaml';

let arm: ArmSim;
let github: GitHubSim;
beforeAll(async () => {
  arm = await startArmSim({ deploymentLatencyMs: 300 });
  github = await startGitHubSim({ repos: ['contoso/web'] });
});
afterAll(async () => {
  await arm.stop();
  await github.stop();
  harness.cleanup();
});

const deploy = (inputs: Record<string, string>, env: Record<string, string> = {}) =>
  harness.run({ command: 'deploy', ...inputs }, () => runDeploy(readInputs()), { GITHUB_API_URL: github.url, ...env });

/** The GitHub deployments the sim holds for an environment, newest first, each with its statuses' states. */
async function records(environment: string): Promise<Array<{ task: string; payload: { stage: string; version: string }; states: string[]; descriptions: string[] }>> {
  const get = async (url: string) => (await fetch(`${github.url}${url}`, { headers: { authorization: 'token github-token' } })).json() as Promise<any[]>;
  const deployments = await get(`/repos/contoso/web/deployments?environment=${environment}`);
  return Promise.all(
    deployments.map(async (d) => {
      const statuses = await get(`/repos/contoso/web/deployments/${d.id}/statuses`);
      return { task: d.task, payload: { stage: d.payload.stage, version: d.payload.version }, states: statuses.map((s) => s.state).reverse(), descriptions: statuses.map((s) => s.description).reverse() };
    }),
  );
}

describe('runDeploy on the built-in local endpoint (a rehearsal)', () => {
  it('rolls every stage out on a virtual clock, in one log group per stage, and records nothing on GitHub', async () => {
    const run = await deploy({ spec: 'examples/basic/rollout.yaml', version: '1.0.0', 'arm-endpoint': 'local', token: 'github-token' });
    expect([run.error, run.exitCode]).toEqual([undefined, undefined]);
    expect(run.stdout.split('\n')[0]).toBe('::notice::Rehearsal: deploying to the built-in simulated ARM endpoint on a virtual clock; nothing reaches Azure.');
    expect(commands(run.stdout, 'group')).toEqual(['::group::Stage 1: canary', '::group::Stage 2: pilot', '::group::Stage 3: broad']);
    expect(commands(run.stdout, 'endgroup')).toHaveLength(3);
    // Each group closes before the next opens.
    const groupLines = run.stdout.split('\n').filter((l) => /^::(end)?group/.test(l));
    expect(groupLines.map((l) => l.startsWith('::group'))).toEqual([true, false, true, false, true, false]);
    expect(run.stdout).toMatch(/\n\[\+1h\d+m\d+s\] stage pilot: 4 stamps\n/);
    expect(Object.keys(run.outputs)).toEqual(['what-if', 'plan', 'result', 'status', 'outputs']);
    expect(run.outputs.status).toBe('succeeded');
    const result = JSON.parse(run.outputs.result);
    expect(result).toMatchObject({ rolloutId: 'contoso-web@1.0.0', status: 'succeeded' });
    expect(result.stages.flatMap((s: { stamps: { status: string }[] }) => s.stamps.map((x) => x.status))).toEqual(Array(11).fill('deployed'));
    expect(JSON.parse(run.outputs.plan).rollout.id).toBe('contoso-web@1.0.0');
    const regions = ['eastus', 'westus', 'northeurope', 'westeurope', 'southeastasia'];
    expect(Object.keys(JSON.parse(run.outputs.outputs)).sort()).toEqual(
      ['global.profileId', ...regions.flatMap((r) => [`cluster@${r}.planId`, `app@${r}.endpoint`])].sort(),
    );
    expect(run.summary.startsWith('### What-if\n\n#### global (stage canary): 1 Create\n')).toBe(true);
    expect(run.summary).toContain('\n> Rehearsal on the built-in simulated ARM endpoint, on a virtual clock.\n\n## ✅ Rollout contoso-web@1.0.0 (standard): succeeded\n');
    expect(run.summary).not.toContain('What this job checked');
    expect(await records('prod-canary')).toEqual([]);
  });

  it('dry-run: true plans against the endpoint and deploys nothing', async () => {
    const run = await deploy({ spec: 'examples/basic/rollout.yaml', version: '1.0.0', 'arm-endpoint': 'local', 'dry-run': 'true' });
    expect([run.error, run.exitCode]).toEqual([undefined, undefined]);
    expect(Object.keys(run.outputs)).toEqual(['what-if', 'plan', 'status']);
    expect(run.outputs.status).toBe('planned');
    expect(run.summary.startsWith('### What-if\n\n#### global (stage canary): 1 Create\n')).toBe(true);
    expect(run.summary.endsWith('\n\nDry run: nothing was deployed.\n\n')).toBe(true);
    expect(run.stdout).toContain('\nRollout contoso-web@1.0.0 (standard mode) from examples/basic/rollout.yaml\nRollback scope: stage\n');
    expect(run.stdout).toContain('\n11 to deploy, 0 to skip, in 3 stages.\n');
    expect(commands(run.stdout, 'group')).toEqual([]);
  });
});

describe('runDeploy against an ARM endpoint, in real time, with GitHub deployment records', () => {
  it('a failed deployment fails the step with the rollout\'s message and records the failed stage (first: nothing to restore yet)', async () => {
    const fault = arm.faults.add({ kind: 'deploymentFails', region: 'westus', version: '3.0.1', code: 'QuotaExceeded', message: 'Operation could not be completed.' });
    const run = await deploy({ spec: SECRETIVE, version: '3.0.1', 'arm-endpoint': arm.endpoint, 'arm-ca': readFileSync(arm.caFile, 'utf8'), token: 'github-token' }, { ...SECRETS, SECRETIVE_SUBSCRIPTION: '00000000-0000-0000-0000-00000000beef' });
    arm.faults.remove(fault);
    expect(run.error).toBeUndefined();
    expect(run.exitCode).toBe(1);
    // The first run of the process to learn these secrets: each is masked with the runner before anything prints.
    const masks = commands(run.stdout, 'add-mask');
    for (const secret of Object.values(SECRETS)) expect(masks).toContain(`::add-mask::${secret}`);
    const firstPrint = run.stdout.split('\n').findIndex((l) => !l.startsWith('::add-mask::'));
    expect(run.stdout.split('\n').slice(0, firstPrint).sort()).toEqual([`::add-mask::${SECRETS.STAGED_ROLLOUT_LOCAL_TOKEN}`, `::add-mask::${SECRETS.SECRETIVE_PROBE_KEY}`, `::add-mask::${SECRETS.SECRETIVE_API_KEY}`]);
    const everything = [run.stdout.replace(/^::add-mask::.*$/gm, ''), run.summary, ...Object.values(run.outputs)].join('\n');
    for (const secret of Object.values(SECRETS)) expect(everything).not.toContain(secret);
    expect(run.outputs.status).toBe('failed');
    const message = 'stage second: app@westus failed to deploy: QuotaExceeded: deployment secretive-app-westus-3.0.1 failed: Operation could not be completed.; rollback (scope stage) had nothing to restore';
    expect(JSON.parse(run.outputs.result)).toMatchObject({ status: 'failed', message });
    expect(commands(run.stdout, 'error')).toEqual([`::error::Rollout secretive@3.0.1 failed: ${message}`]);
    expect(run.summary).toContain('## ❌ Rollout secretive@3.0.1 (standard): failed\n');
    const [second] = await records('secretive-second');
    expect(second.states).toEqual(['in_progress', 'failure']);
    expect(second.payload).toEqual({ stage: 'second', version: '3.0.1' });
    expect((await records('secretive-first'))[0]).toMatchObject({ payload: { version: '3.0.1' }, states: ['in_progress', 'success'] });
  });

  it('deploys, records each stage on GitHub, and no secret reaches the log, outputs or summary', async () => {
    const run = await deploy({ spec: SECRETIVE, version: '3.0.0', 'arm-endpoint': arm.endpoint, 'arm-ca': arm.caFile, token: 'github-token' }, { ...SECRETS, SECRETIVE_SUBSCRIPTION: '00000000-0000-0000-0000-00000000beef' });
    expect([run.error, run.exitCode]).toEqual([undefined, undefined]);
    expect(run.outputs.status).toBe('succeeded');
    // No rehearsal: no notice, no rehearsal line in the summary.
    expect(commands(run.stdout, 'notice')).toEqual([]);
    expect(run.summary).not.toContain('Rehearsal');
    expect(run.summary).toContain('## ✅ Rollout secretive@3.0.0 (standard): succeeded');
    const everything = [run.stdout.replace(/^::add-mask::.*$/gm, ''), run.summary, ...Object.values(run.outputs)].join('\n');
    for (const secret of Object.values(SECRETS)) expect(everything).not.toContain(secret);
    const outputs = JSON.parse(run.outputs.outputs);
    expect(Object.keys(outputs)).toEqual(['app@eastus.endpoint', 'app@eastus.apiKeyEcho', 'app@westus.endpoint', 'app@westus.apiKeyEcho']);
    expect(outputs['app@eastus.apiKeyEcho']).toBe('***');
    expect(outputs['app@westus.endpoint']).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    // Stages without an environment are recorded under <rollout>-<stage>.
    expect((await records('secretive-first')).filter((r) => r.payload.version === '3.0.0')).toEqual([
      { task: 'deploy:staged-rollout', payload: { stage: 'first', version: '3.0.0' }, states: ['in_progress', 'success'], descriptions: ['Deploying 1 stamp(s) of secretive@3.0.0 in stage first', 'Stage first deployed and healthy: stage first succeeded'] },
    ]);
    expect((await records('secretive-second')).filter((r) => r.payload.version === '3.0.0').map((r) => r.states)).toEqual([['in_progress', 'success']]);
  });

  it('without GITHUB_REPOSITORY nothing is recorded, even with a token', async () => {
    const run = await deploy({ spec: SECRETIVE, version: '3.0.2', 'arm-endpoint': arm.endpoint, 'arm-ca': arm.caFile, token: 'github-token' }, { ...SECRETS, SECRETIVE_SUBSCRIPTION: '00000000-0000-0000-0000-00000000beef', GITHUB_REPOSITORY: '' });
    expect(run.outputs.status).toBe('succeeded');
    expect((await records('secretive-first')).filter((r) => r.payload.version === '3.0.2')).toEqual([]);
  });

  it('an error before any result closes nothing it did not start, and is thrown', async () => {
    const run = await deploy({ spec: SECRETIVE, version: '3.0.3', 'arm-endpoint': arm.endpoint, 'arm-ca': arm.caFile, token: 'github-token', 'what-if-exclude': 'vanish' }, { ...SECRETS, SECRETIVE_SUBSCRIPTION: '00000000-0000-0000-0000-00000000beef' });
    expect((run.error as Error).message).toBe('what-if-exclude: "vanish" is not a what-if change type; use create, modify, delete, deploy, noChange, ignore, unsupported');
    expect(run.outputs).toEqual({});
    expect((await records('secretive-first')).filter((r) => r.payload.version === '3.0.3')).toEqual([]);
  });

  it('SIGINT from the runner cancels a deployment in flight, closes its log group and fails the step', async () => {
    const hang = arm.faults.add({ kind: 'deploymentHangs', region: 'eastus', version: '3.0.4' });
    // The deployment hangs until canceled; the signal comes once ARM has it, so it always finds the first stage in flight.
    const timer = setInterval(() => {
      if (arm.requests.some((r) => r.method === 'PUT' && r.path.includes('secretive-app-eastus-3.0.4'))) {
        clearInterval(timer);
        process.emit('SIGINT');
      }
    }, 50);
    const run = await deploy({ spec: SECRETIVE, version: '3.0.4', 'arm-endpoint': arm.endpoint, 'arm-ca': arm.caFile }, { ...SECRETS, SECRETIVE_SUBSCRIPTION: '00000000-0000-0000-0000-00000000beef' });
    clearInterval(timer);
    arm.faults.remove(hang);
    const message = 'canceled during stage first; a re-run of secretive@3.0.4 resumes from the journal';
    expect([run.error, run.exitCode, run.outputs.status]).toEqual([undefined, 1, 'canceled']);
    expect(run.stdout).toMatch(/\n::group::Stage 1: first\n\[\+\ds\] stage first: 1 stamp\n\[\+\ds\] app@eastus: deploying\nARM: canceled deployment secretive-app-eastus-3\.0\.4: the run was stopped \(canceled by SIGINT\)\n/);
    expect(run.stdout).toMatch(new RegExp(`\\n\\[\\+\\ds\\] rollout canceled after \\ds: ${message}\\n::endgroup::\\n::error::Rollout secretive@3\\.0\\.4 canceled: ${message}\\n$`));
    expect(commands(run.stdout, 'endgroup')).toHaveLength(1);
    expect(run.summary).toContain(`\n## ⏹️ Rollout secretive@3.0.4 (standard): canceled\n\n${message}\n`);
  });
});
