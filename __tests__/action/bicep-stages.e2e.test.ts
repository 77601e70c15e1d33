import { ResourceManagementClient } from '@azure/arm-resources';
import path from 'node:path';
import { startArmSim, trustSimCa, type ArmSim } from '../../sim/index.js';
import { startGitHubSim, type GitHubSim } from '../../sim/github/index.js';
import { WorkflowRunner } from '../helpers/workflow-runner.js';
import { describeWithBicep } from '../helpers/bicep.js';
import { runAction } from '../helpers/run-action.js';

const SUB = '00000000-0000-0000-0000-000000000001';
const SPEC = '__tests__/fixtures/bicep-gated/rollout.yaml';

describeWithBicep('the bundled action on examples/bicep (real Bicep): two stage jobs, what-if first, then teardown', (bicepPath) => {
  let sim: ArmSim;
  let github: GitHubSim;
  beforeAll(async () => {
    // Workflow generation loads the spec in this process: it compiles the Bicep with the bicep on PATH.
    if (path.isAbsolute(bicepPath)) process.env.PATH = `${path.dirname(bicepPath)}${path.delimiter}${process.env.PATH}`;
    sim = await startArmSim({ deploymentLatencyMs: 300 });
    trustSimCa(sim.ca);
    github = await startGitHubSim({ repos: ['contoso/web'], tokens: [{ token: 'github-token', permissions: { contents: 'read', deployments: 'write', metadata: 'read' } }] });
  });
  afterAll(async () => {
    await sim.stop();
    await github.stop();
  });

  it('each stage job puts its what-if in the summary before it deploys; the broad job gives the Front Door both host names; teardown removes it all', async () => {
    const wf = new WorkflowRunner(SPEC, sim, github, { dispatch: { version: '1.0.0' } });
    expect(wf.jobs.map((j) => j.id)).toEqual(['plan', 'canary', 'broad']);
    expect((await wf.run('plan', { 'bicep-path': bicepPath })).code).toBe(0);
    const canary = await wf.run('canary', { 'bicep-path': bicepPath });
    expect({ code: canary.code, err: canary.stdout.match(/::error::.*/)?.[0] }).toEqual({ code: 0, err: undefined });
    const canaryWhatIf = JSON.parse(canary.outputs['what-if']);
    expect(canaryWhatIf.map((w: { stamp: string }) => w.stamp)).toEqual(['cluster@eastus', 'app@eastus']);
    expect(canary.summary.indexOf('### What-if')).toBeGreaterThanOrEqual(0);
    expect(canary.summary.indexOf('### What-if')).toBeLessThan(canary.summary.indexOf('Rollout bicep-gated@1.0.0'));
    expect(canary.summary).toContain('resource group contoso-bicep-eus does not exist yet');

    const broad = await wf.run('broad', { 'bicep-path': bicepPath });
    expect({ code: broad.code, err: broad.stdout.match(/::error::.*/)?.[0] }).toEqual({ code: 0, err: undefined });
    const broadWhatIf = JSON.parse(broad.outputs['what-if']);
    expect(broadWhatIf.map((w: { stamp: string }) => w.stamp)).toEqual(['cluster@westus', 'app@westus', 'frontdoor']);
    expect(broad.summary.indexOf('### What-if')).toBeLessThan(broad.summary.indexOf('Rollout bicep-gated@1.0.0'));
    const result = JSON.parse(broad.outputs.result);
    const fd = result.stages[0].stamps.find((s: { id: string }) => s.id === 'frontdoor');
    const hosts = fd.outputs.origins.value as string[];
    expect(hosts).toHaveLength(2);
    expect(hosts.every((h) => /^127\.0\.0\.1:\d+$/.test(h))).toBe(true);

    const base = { spec: SPEC, version: '1.0.0', 'arm-endpoint': sim.endpoint, 'arm-ca': sim.caFile, 'bicep-path': bicepPath };
    const dry = await runAction({ ...base, command: 'teardown', 'dry-run': 'true' });
    expect(dry.stderr).toBe('');
    expect(dry.stdout).toContain('(dry run: nothing deleted)');
    expect(JSON.parse(dry.outputs.teardown).plan.items.length).toBeGreaterThan(8);
    const down = await runAction({ ...base, command: 'teardown' });
    expect(down.stderr).toBe('');
    const rm = new ResourceManagementClient({ getToken: async () => ({ token: 't', expiresOnTimestamp: Date.now() + 3_600_000 }) }, SUB, { endpoint: sim.endpoint });
    const groups: string[] = [];
    for await (const g of rm.resourceGroups.list()) groups.push(g.name!);
    expect(groups).toEqual([]);
  }, 300_000);
});
