import { startArmSim, type ArmSim } from '../../sim/index.js';
import { runAction, expectStatus } from '../helpers/run-action.js';

describe('the bundled action, command deploy', () => {
  it('rehearses examples/basic on the built-in local endpoint and writes result, status and the summary', async () => {
    const run = await runAction({ command: 'deploy', spec: 'examples/basic/rollout.yaml', version: '1.0.0', 'arm-endpoint': 'local' });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expectStatus(run, 'succeeded');
    const result = JSON.parse(run.outputs.result);
    expect(result).toMatchObject({ rolloutId: 'contoso-web@1.0.0', status: 'succeeded' });
    expect(result.stages.flatMap((s: { stamps: { status: string }[] }) => s.stamps.map((x) => x.status))).toEqual(Array(11).fill('deployed'));
    expect(run.stdout).toContain('::group::Stage 2: pilot');
    expect(run.stdout).toMatch(/\[\+1h\d+m\d+s\] stage pilot: 4 stamps/);
    expect(run.summary).toContain('Rehearsal on the built-in simulated ARM endpoint');
    expect(run.summary).toContain('## ✅ Rollout contoso-web@1.0.0 (standard): succeeded');
    expect(run.summary).toContain('```mermaid\ngantt');
  });

  describe('against an ARM endpoint in another process, in real time', () => {
    let sim: ArmSim;
    beforeAll(async () => {
      sim = await startArmSim({ deploymentLatencyMs: 300 });
    });
    afterAll(async () => {
      await sim.stop();
    });

    const secrets = {
      SECRETIVE_API_KEY: 'sk-live-5ecret-api-key-7731',
      SECRETIVE_PROBE_KEY: 'probe-5ecret-header-4410',
      STAGED_ROLLOUT_LOCAL_TOKEN: 'bearer-5ecret-token-9001',
    };
    const env = { ...secrets, SECRETIVE_SUBSCRIPTION: '00000000-0000-0000-0000-00000000beef' };
    const inputs = () => ({ command: 'deploy', spec: '__tests__/fixtures/secrets/rollout.yaml', version: '3.0.0', 'arm-endpoint': sim.endpoint, 'arm-ca': sim.caFile });

    it('deploys, and no secret appears in any log, output or summary', async () => {
      const run = await runAction(inputs(), env);
      expect(run.code).toBe(0);
      expectStatus(run, 'succeeded');
      const result = JSON.parse(run.outputs.result);
      expect(result.stages[0].stamps[0].outputs.endpoint.value).toMatch(/^https:\/\/127\.0\.0\.1:/);
      // ARM returns a secureString output's type without its value; the result shows it masked all the same.
      expect(result.stages[0].stamps[0].outputs.apiKeyEcho).toEqual({ type: 'SecureString', value: '***' });
      expect(run.stdout).toContain(`::add-mask::${secrets.SECRETIVE_API_KEY}`);
      expect(run.stdout).toContain(`::add-mask::${secrets.STAGED_ROLLOUT_LOCAL_TOKEN}`);
      const everything = [run.stdout.replace(/^::add-mask::.*$/gm, ''), run.stderr, run.summary, ...Object.values(run.outputs)].join('\n');
      for (const secret of Object.values(secrets)) expect(everything).not.toContain(secret);
      // Both stamps really were deployed and probed healthy.
      expect(sim.apps().map((a) => a.version)).toEqual(['3.0.0', '3.0.0']);
    });

    it('fails with the ARM code, message and correlation id, and a failed status', async () => {
      const id = sim.faults.add({ kind: 'deploymentFails', region: 'westus', version: '3.0.1', code: 'QuotaExceeded', message: 'Operation could not be completed as it results in exceeding approved quota.' });
      const run = await runAction({ ...inputs(), version: '3.0.1' }, env);
      sim.faults.remove(id);
      expect(run.code).toBe(1);
      expectStatus(run, 'rolled-back');
      expect(run.stdout).toMatch(/app@westus: FAILED QuotaExceeded: deployment secretive-app-westus-3.0.1 failed: Operation could not be completed as it results in exceeding approved quota\. \(correlation id [0-9a-f-]{36}\)/);
      expect(run.summary).toMatch(/\| second \| app@westus \| `QuotaExceeded` \| .*exceeding approved quota.* \| [0-9a-f-]{36} \|/);
      expect(run.stdout).toContain('::error::Rollout secretive@3.0.1 rolled-back');
    });
  });
});
