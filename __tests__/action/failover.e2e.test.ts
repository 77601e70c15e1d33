import { FailoverWorld, ONE_PROBE_SPEC } from '../helpers/failover-world.js';
import { runAction, runCli } from '../helpers/run-action.js';

// The action face of the failover loop as the runner runs it: `node dist/index.js`, INPUT_* variables, outputs and
// the job summary through files; the traffic component on the local ARM endpoint, the state in Azurite.
describe('command: failover in the bundled action', () => {
  const w = new FailoverWorld();
  let faultId = '';
  beforeAll(async () => {
    await w.start();
    w.env = { ...w.env, FAILOVER_TABLE: 'actionstate' };
  });
  afterAll(async () => {
    if (faultId) w.rehearsal.sim.faults.remove(faultId);
    await w.stop();
  });

  const inputs = (extra: Record<string, string>) => ({
    command: 'failover',
    spec: ONE_PROBE_SPEC,
    'arm-endpoint': w.rehearsal.sim.endpoint,
    'arm-ca': w.rehearsal.sim.ca,
    'storage-connection-string': w.azurite.connectionString,
    ...extra,
  });

  test('init, then an evaluation that fails over: outputs and summary say what was decided and why', async () => {
    const init = await runAction(inputs({ failover: 'init' }), w.env);
    expect(init.stderr).toBe('');
    expect(init.code).toBe(0);
    expect(JSON.parse(init.outputs.failover)).toMatchObject({ created: true, state: { active_target: 'primary', failover_count: 0, last_status: 'OK' } });
    expect(init.summary).toContain('## Failover state created');

    faultId = w.rehearsal.sim.faults.add({ kind: 'healthFails', region: 'eastus', status: 503 });
    const run = await runAction(inputs({}), w.env);
    expect(run.code).toBe(0);
    expect(run.outputs).toMatchObject({ changed: 'true', reason: 'failed_over', 'active-target': 'secondary' });
    const decision = JSON.parse(run.outputs.failover);
    expect(decision).toMatchObject({ changed: true, reason: 'failed_over', previousTarget: 'primary', failoverCount: 1, state: { active_target: 'secondary', last_status: 'FAILOVER_DONE' } });
    expect(decision.detail).toMatch(/primary was unhealthy for 1 consecutive probe .*503.*traffic moved from primary to secondary/);
    expect(run.summary).toContain('## Failover: traffic switched to secondary');
    expect(run.summary).toMatch(/\| primary \| unhealthy \| GET https:\/\/127\.0\.0\.1:\d+\/healthz -&#62; 503/);
    expect(run.summary).toContain('| failover_count | 1 |');
    // The connection string is masked before anything prints; the runner swallows the ::add-mask:: line itself.
    expect(run.stdout.split('\n').filter((l) => l.includes('AccountKey=') && !l.startsWith('::add-mask::'))).toEqual([]);
    expect(run.stdout).toMatch(/^::add-mask::DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=/m);
    const key = /AccountKey=([^;]+)/.exec(w.azurite.connectionString)![1];
    expect(run.stdout.split('\n')).toContain(`::add-mask::${key}`);
    expect(await w.entity()).toMatchObject({ active_target: 'secondary', failover_count: 1, last_status: 'FAILOVER_DONE' });
    expect(await w.userRequest()).toMatchObject({ endpoint: 'secondary', region: 'westus' });

    const again = await runAction(inputs({ failover: 'switch', to: 'primary' }), w.env);
    expect(again.code).toBe(0);
    expect(again.outputs).toMatchObject({ changed: 'false', reason: 'cooldown_active', 'active-target': 'secondary' });
    expect(again.summary).toContain('no change (`cooldown_active`)');
  });

  test('the CLI prints the entity with --status, and a missing table is a clear error with exit 1', async () => {
    const env = { ...w.env, AZURE_STORAGE_CONNECTION_STRING: w.azurite.connectionString };
    const status = await runCli(['failover', '--status', '--spec', ONE_PROBE_SPEC], env);
    expect(status.code).toBe(0);
    expect(status.stdout).toMatch(/active_target: secondary\n\s+failover_count: 1\n\s+last_status: FAILOVER_DONE/);

    const missing = await runCli(['failover', '--spec', ONE_PROBE_SPEC], { ...env, FAILOVER_TABLE: 'nosuchtable' });
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/TableNotFound: .*nosuchtable.*does not exist.*failover init/);

    const bad = await runCli(['failover', '--to', 'tertiary', '--spec', ONE_PROBE_SPEC], env);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/no failover target "tertiary"/);
  });
});
