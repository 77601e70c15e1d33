import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startArmSim, type ArmSim } from '../../sim/index.js';
import { runCli } from '../helpers/run-action.js';

describe('the CLI deploys and rehearses', () => {
  it('rehearse: a region turning unhealthy in its healthy window, on a virtual clock, in seconds', async () => {
    const journal = path.join(mkdtempSync(path.join(tmpdir(), 'staged-rollout-cli-')), 'journal.jsonl');
    const run = await runCli(['rehearse', '--spec', 'examples/basic/rollout.yaml', '--version', '2.0.0', '--fail-health', 'westus@2.0.0', '--journal', journal]);
    // westus has no earlier version to go back to in a fresh rehearsal: reported, left as is, and the rollout failed.
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('faults: healthFails westus@2.0.0');
    expect(run.stdout).toMatch(/app@westus: UNHEALTHY \(health check, phase healthyFor\)/);
    expect(run.stdout).toContain('app@westus: rollback no-previous');
    expect(run.stdout).toMatch(/Stage 3 broad: not-started/);
    expect(run.stdout).toMatch(/\(rehearsed \d+\.\d h of rollout in \d+\.\d s\)/);
  });

  describe('deploy against an ARM endpoint in real time', () => {
    let sim: ArmSim;
    beforeAll(async () => {
      sim = await startArmSim({ deploymentLatencyMs: 200 });
    });
    afterAll(async () => {
      await sim.stop();
    });

    it('deploys the stages, and a dry run plans against what is deployed', async () => {
      const journal = path.join(mkdtempSync(path.join(tmpdir(), 'staged-rollout-cli-')), 'journal.jsonl');
      const env = { SECRETIVE_SUBSCRIPTION: '00000000-0000-0000-0000-0000000000c1', SECRETIVE_API_KEY: 'k-5ecret', SECRETIVE_PROBE_KEY: 'p-5ecret' };
      const args = ['--spec', '__tests__/fixtures/secrets/rollout.yaml', '--version', '1.2.3', '--arm-endpoint', sim.endpoint, '--arm-ca', sim.caFile, '--journal', journal];
      const run = await runCli(['deploy', ...args], env);
      expect(run.stderr).toBe('');
      expect(run.code).toBe(0);
      expect(run.stdout).toContain('Rollout secretive@1.2.3 (standard): SUCCEEDED');
      expect(run.stdout).not.toContain('5ecret');
      expect(sim.apps().map((a) => a.version)).toEqual(['1.2.3', '1.2.3']);
      const dry = await runCli(['deploy', ...args, '--dry-run'], env);
      expect(dry.code).toBe(0);
      expect(dry.stdout).toMatch(/skip\s+app@eastus\s+secretive-app-eastus-1\.2\.3.*already deployed by this rollout/);
      expect(dry.stdout).toContain('(dry run: nothing deployed)');
    });
  });
});
