import { ResourceManagementClient } from '@azure/arm-resources';
import { DeploymentsClient } from '@azure/arm-resourcesdeployments';
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
    // The what-if comes before the job's result heading (today "## ✅ Stage canary of bicep-gated@1.0.0 succeeded...").
    const result = (summary: string): number => summary.search(/^## .*bicep-gated@1\.0\.0/m);
    expect(result(canary.summary)).toBeGreaterThan(0);
    expect(canary.summary.indexOf('### What-if')).toBeLessThan(result(canary.summary));
    expect(canary.summary).toContain('resource group contoso-bicep-eus does not exist yet');

    const broad = await wf.run('broad', { 'bicep-path': bicepPath });
    expect({ code: broad.code, err: broad.stdout.match(/::error::.*/)?.[0] }).toEqual({ code: 0, err: undefined });
    const broadWhatIf = JSON.parse(broad.outputs['what-if']);
    expect(broadWhatIf.map((w: { stamp: string }) => w.stamp)).toEqual(['cluster@westus', 'app@westus', 'frontdoor']);
    expect(broad.summary.indexOf('### What-if')).toBeGreaterThanOrEqual(0);
    expect(result(broad.summary)).toBeGreaterThan(0);
    expect(broad.summary.indexOf('### What-if')).toBeLessThan(result(broad.summary));
    const outcome = JSON.parse(broad.outputs.result);
    const fd = outcome.stages[0].stamps.find((s: { id: string }) => s.id === 'frontdoor');
    const hosts = fd.outputs.origins.value as string[];
    expect(hosts).toHaveLength(2);
    expect(hosts.every((h) => /^127\.0\.0\.1:\d+$/.test(h))).toBe(true);

    // Someone else's resource group and resource on the same endpoint: teardown must leave them as they are.
    const credential = { getToken: async () => ({ token: 't', expiresOnTimestamp: Date.now() + 3_600_000 }) };
    const rm = new ResourceManagementClient(credential, SUB, { endpoint: sim.endpoint });
    await rm.resourceGroups.createOrUpdate('someone-else', { location: 'eastus' });
    const storage = { type: 'Microsoft.Storage/storageAccounts', apiVersion: '2023-05-01', name: 'theirsown', location: 'eastus', sku: { name: 'Standard_LRS' }, kind: 'StorageV2' };
    const template = { $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#', contentVersion: '1.0.0.0', resources: [storage] };
    await new DeploymentsClient(credential, SUB, { endpoint: sim.endpoint }).deployments.createOrUpdate('someone-else', 'theirs', { properties: { mode: 'Incremental', template } }, { updateIntervalInMs: 10 }).pollUntilDone();

    const base = { spec: SPEC, version: '1.0.0', 'arm-endpoint': sim.endpoint, 'arm-ca': sim.caFile, 'bicep-path': bicepPath };
    const dry = await runAction({ ...base, command: 'teardown', 'dry-run': 'true' });
    expect(dry.stderr).toBe('');
    expect(dry.stdout).toContain('(dry run: nothing deleted)');
    expect(JSON.parse(dry.outputs.teardown).plan.items.length).toBeGreaterThan(8);
    expect(JSON.parse(dry.outputs.teardown).plan.items.filter((i: { id: string }) => /someone-else|theirsown/.test(i.id))).toEqual([]);
    const down = await runAction({ ...base, command: 'teardown' });
    expect(down.stderr).toBe('');
    const groups: string[] = [];
    for await (const g of rm.resourceGroups.list()) groups.push(g.name!);
    expect(groups).toEqual(['someone-else']);
    const theirs: string[] = [];
    for await (const x of rm.resources.listByResourceGroup('someone-else')) theirs.push(x.name!);
    expect(theirs).toEqual(['theirsown']);
  }, 300_000);
});
