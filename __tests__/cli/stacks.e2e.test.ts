// The bundled CLI (dist/cli) with stack: components against the local endpoint in real time: deploy makes the
// stacks, `teardown --dry-run` lists them with their resources, `teardown` removes them and nothing else.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startArmSim, type ArmSim } from '../../sim/index.js';
import { runCli } from '../helpers/run-action.js';
import { clients } from '../sim/helpers.js';

const SPEC = '__tests__/fixtures/stacks-rollout/rollout-cli.yaml';
const SUB = '00000000-0000-0000-0000-000000000001';

describe('the CLI with deployment stacks', () => {
  let sim: ArmSim;
  beforeAll(async () => {
    sim = await startArmSim({ deploymentLatencyMs: 50 });
  });
  afterAll(async () => {
    await sim.stop();
  });

  it('deploys stacks, lists them in teardown --dry-run, and teardown removes them', async () => {
    const env = { OPS_PRINCIPAL: 'ops' };
    const journal = path.join(mkdtempSync(path.join(tmpdir(), 'staged-rollout-cli-')), 'journal.jsonl');
    const arm = ['--arm-endpoint', sim.endpoint, '--arm-ca', sim.caFile];
    const deploy = await runCli(['deploy', '--spec', SPEC, '--version', '1.0.0', ...arm, '--journal', journal], env);
    expect([deploy.code, deploy.stderr]).toEqual([0, '']);
    expect(deploy.stdout).toContain('Rollout stacked-web@1.0.0 (standard): SUCCEEDED');
    const dry = await runCli(['teardown', '--spec', SPEC, '--version', '1.0.0', ...arm, '--dry-run'], env);
    expect(dry.code).toBe(0);
    expect(dry.stdout).toContain(`  - deployment stack /subscriptions/${SUB}/resourceGroups/stacked-wus/providers/Microsoft.Resources/deploymentStacks/stacked-web-app-westus (app@westus)`);
    expect(dry.stdout).toContain(`  - resource /subscriptions/${SUB}/resourceGroups/stacked-wus/providers/Microsoft.Web/sites/stacked-web-wus (app@westus, with stack stacked-web-app-westus)`);
    expect(dry.stdout).toContain('(dry run: nothing deleted)');
    expect(sim.apps()).toHaveLength(2);
    const done = await runCli(['teardown', '--spec', SPEC, '--version', '1.0.0', ...arm], env);
    expect(done.code).toBe(0);
    expect(done.stdout).toContain(`deleted deployment stack /subscriptions/${SUB}/resourceGroups/stacked-eus/providers/Microsoft.Resources/deploymentStacks/stacked-web-cluster-eastus and its resources`);
    expect(sim.apps()).toEqual([]);
    const groups: string[] = [];
    for await (const g of clients(sim).rm.resourceGroups.list()) groups.push(g.name!);
    expect(groups).toEqual([]);
  });
});
