import { startArmSim, type ArmSim } from '../../sim/index.js';
import { startGitHubSim, type GitHubSim } from '../../sim/github/index.js';
import { runAction, expectStatus } from '../helpers/run-action.js';

const SPEC = '__tests__/fixtures/gated/rollout.yaml';

describe('command: status in the action', () => {
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

  it("reads each stamp's version from ARM and, with a token, each stage's GitHub deployment record", async () => {
    const target = { spec: SPEC, 'arm-endpoint': arm.endpoint, 'arm-ca': arm.caFile };
    const env = { GITHUB_API_URL: github.url };
    const deploy = await runAction({ ...target, command: 'deploy', version: '1.0.0', token: 'github-token' }, env);
    expectStatus(deploy, 'succeeded');

    const bare = await runAction({ ...target, command: 'status' }, env);
    expect(bare.code).toBe(0);
    const seen = JSON.parse(bare.outputs.result);
    expect(seen).toMatchObject({ rollout: 'gated', version: '1.0.0', records: false });
    expect(seen.stages.map((s: { state: string }) => s.state)).toEqual(['deployed', 'deployed', 'deployed']);
    expect(bare.summary).toContain('## Status of gated@1.0.0');
    expect(bare.summary).toMatch(/\| one \| deployed \| app@eastus \| 1\.0\.0 \| `gated-app-eastus-1\.0\.0` \|/);
    expect(bare.stdout).toMatch(/three\s+deployed\s+app@northeurope\s+1\.0\.0/);

    const recorded = await runAction({ ...target, command: 'status', token: 'github-token' }, env);
    const status = JSON.parse(recorded.outputs.result);
    expect(status.records).toBe(true);
    expect(status.stages.map((s: { state: string }) => s.state)).toEqual(['succeeded', 'succeeded', 'succeeded']);
    expect(recorded.summary).toContain('Every stage of this rollout succeeded.');
  }, 120_000);
});
