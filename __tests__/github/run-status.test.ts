import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startArmSim, type ArmSim } from '../../sim/index.js';
import { startGitHubSim, type GitHubSim } from '../../sim/github/index.js';
import { readInputs } from '../../src/github/inputs.js';
import { runDeploy } from '../../src/github/run-deploy.js';
import { runStatus } from '../../src/github/run-status.js';
import { actionHarness } from '../helpers/in-process-action.js';

const harness = actionHarness();
const ENV = { SECRETIVE_API_KEY: 'sk-live-5ecret-api-key-7731', SECRETIVE_PROBE_KEY: 'probe-5ecret-header-4410', SECRETIVE_SUBSCRIPTION: '00000000-0000-0000-0000-00000000beef' };
let arm: ArmSim;
let github: GitHubSim;
const target = () => ({ spec: '__tests__/fixtures/secrets/rollout.yaml', 'arm-endpoint': arm.endpoint, 'arm-ca': arm.caFile });
const status = (inputs: Record<string, string>, env: Record<string, string> = {}) =>
  harness.run({ command: 'status', ...target(), ...inputs }, () => runStatus(readInputs()), { ...ENV, GITHUB_API_URL: github.url, ...env });

beforeAll(async () => {
  arm = await startArmSim({ deploymentLatencyMs: 200 });
  github = await startGitHubSim({ repos: ['contoso/web'] });
  const deployed = await harness.run({ command: 'deploy', ...target(), version: '3.0.0', token: 'github-token' }, () => runDeploy(readInputs()), { ...ENV, GITHUB_API_URL: github.url });
  expect(deployed.outputs.status).toBe('succeeded');
});
afterAll(async () => {
  await arm.stop();
  await github.stop();
  harness.cleanup();
});


describe('runStatus', () => {
  it('without a token: the newest version on ARM, from its deployment tags only', async () => {
    const run = await status({});
    expect([run.error, run.exitCode]).toEqual([undefined, undefined]);
    const result = JSON.parse(run.outputs.result);
    expect({ ...result, at: 0 }).toEqual({
      rollout: 'secretive',
      version: '3.0.0',
      at: 0,
      records: false,
      stages: [
        { name: 'first', bakeMs: 0, state: 'deployed', stamps: [{ stamp: 'app@eastus', region: 'eastus', version: '3.0.0', deploymentName: 'secretive-app-eastus-3.0.0', rolloutId: 'secretive@3.0.0' }] },
        { name: 'second', bakeMs: 0, state: 'deployed', stamps: [{ stamp: 'app@westus', region: 'westus', version: '3.0.0', deploymentName: 'secretive-app-westus-3.0.0', rolloutId: 'secretive@3.0.0' }] },
      ],
    });
    expect(run.stdout.replace(/^::add-mask::.*\n/gm, '')).toBe(
      "Rollout secretive@3.0.0 (ARM's deployment tags only; give a GitHub token for the stage records)\n\n" +
        'stage   state     stamp       version  deployment\n------  --------  ----------  -------  --------------------------\n' +
        `first   deployed  app@eastus  3.0.0    secretive-app-eastus-3.0.0\nsecond  deployed  app@westus  3.0.0    secretive-app-westus-3.0.0\n\nEvery stage of this rollout succeeded.\n`,
    );
    expect(run.summary).toBe(
      "## Status of secretive@3.0.0\n\nEvery stage of this rollout succeeded.\n\n> From ARM's deployment tags only: give `token` for the stages' GitHub deployment records.\n\n" +
        '| stage | state | stamp | version | deployment |\n|---|---|---|---|---|\n| first | deployed | app@eastus | 3.0.0 | `secretive-app-eastus-3.0.0` |\n| second | deployed | app@westus | 3.0.0 | `secretive-app-westus-3.0.0` |\n\n',
    );
  });

  it('with a token: each stage by its GitHub deployment record', async () => {
    const run = await status({ token: 'github-token' });
    const result = JSON.parse(run.outputs.result);
    expect(result.records).toBe(true);
    expect(result.stages.map((s: { state: string; description: string }) => [s.state, s.description])).toEqual([
      ['succeeded', 'Stage first deployed and healthy: stage first succeeded'],
      ['succeeded', 'Stage second deployed and healthy: stage second succeeded'],
    ]);
    expect(run.stdout.replace(/^::add-mask::.*\n/gm, '')).toBe(
      'Rollout secretive@3.0.0\n\n' +
        'stage   state      stamp       version  deployment\n------  ---------  ----------  -------  --------------------------\n' +
        `first   succeeded  app@eastus  3.0.0    secretive-app-eastus-3.0.0\nsecond  succeeded  app@westus  3.0.0    secretive-app-westus-3.0.0\n\n` +
        'first: Stage first deployed and healthy: stage first succeeded\nsecond: Stage second deployed and healthy: stage second succeeded\n\nEvery stage of this rollout succeeded.\n',
    );
    expect(run.summary.startsWith('## Status of secretive@3.0.0\n\nEvery stage of this rollout succeeded.\n\n| stage | state |')).toBe(true);
  });

  it('the version input asks about another rollout; without GITHUB_REPOSITORY the token is not used', async () => {
    const run = await status({ token: 'github-token', version: '9.9.9' });
    const result = JSON.parse(run.outputs.result);
    expect([result.version, result.records, result.next, result.stages.map((s: { state: string }) => s.state)]).toEqual(['9.9.9', true, 'stage first (no environment gate)', ['not-started', 'not-started']]);
    expect(run.summary.startsWith('## Status of secretive@9.9.9\n\nNext: stage first (no environment gate)\n\n')).toBe(true);
    const norepo = await status({ token: 'github-token' }, { GITHUB_REPOSITORY: '' });
    expect(JSON.parse(norepo.outputs.result).records).toBe(false);
  });

  it('a spec problem is thrown and nothing is written', async () => {
    const run = await status({ spec: 'examples/bad/three-mistakes.yaml' });
    expect((run.error as Error).name).toBe('SpecError');
    expect(run.outputs).toEqual({});
  });
});
