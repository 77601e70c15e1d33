import { rolloutCorrelationId } from '../../src/azure/pipeline.js';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startArmSim, trustSimCa, type ArmSim } from '../../sim/index.js';
import { LocalEndpointCredential } from '../../src/azure/credentials.js';
import { ArmDeployer } from '../../src/azure/deployer.js';
import { ArmWhatIf } from '../../src/azure/what-if.js';
import { whatIfStages } from '../../src/commands/what-if.js';
import { planRollout } from '../../src/plan/planner.js';
import type { PlanStamp } from '../../src/plan/types.js';
import { excludeChanges, parseWhatIfExclude } from '../../src/plan/what-if.js';
import { whatIfMarkdown, whatIfText } from '../../src/report/what-if.js';
import { loadSpec } from '../../src/spec/load.js';
import { VirtualClock } from '../../src/time/clock.js';

const template = {
  $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#',
  contentVersion: '1.0.0.0',
  parameters: { name: { type: 'string' }, sku: { type: 'string' }, password: { type: 'securestring' } },
  resources: [
    { type: 'Microsoft.Storage/storageAccounts', apiVersion: '2023-05-01', name: "[parameters('name')]", location: 'eastus', sku: { name: "[parameters('sku')]" }, kind: 'StorageV2', properties: { accessTier: "[parameters('sku')]", note: "[concat('pw=', parameters('password'))]" } },
  ],
};

function repo(sku: string, templateText = JSON.stringify(template)): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'staged-rollout-whatif-'));
  writeFileSync(path.join(dir, 't.json'), templateText);
  writeFileSync(
    path.join(dir, 'rollout.yaml'),
    `name: svc
subscription: "00000000-0000-0000-0000-000000000001"
regions: { eastus: { short: eus } }
components:
  store: { perRegion: true, resourceGroup: "svc-{region.short}", template: t.json, parameters: { name: svceus, sku: ${sku}, password: "{env.PW}" } }
stages: [{ name: one, regions: [eastus] }]
`,
  );
  return dir;
}

describe('ARM what-if through the real SDK, against the local endpoint', () => {
  let sim: ArmSim;
  let clock: VirtualClock;
  beforeAll(async () => {
    clock = new VirtualClock(Date.UTC(2026, 0, 1)).start();
    sim = await startArmSim({ clock, deploymentLatencyMs: 1_000 });
    trustSimCa(sim.ca);
  });
  afterAll(async () => {
    await sim.stop();
    clock.stop();
  });

  const setup = (sku: string, text?: string, pw = 's3cret-value') => {
    const spec = loadSpec('rollout.yaml', { mode: 'standard', version: '1.0.0', env: { PW: pw }, repoRoot: repo(sku, text) });
    const plan = planRollout(spec);
    const credential = new LocalEndpointCredential();
    const deployer = new ArmDeployer({ credential, endpoint: sim.endpoint, clock, spec, pollMs: { first: 250, max: 1_000 } });
    const whatIf = new ArmWhatIf({ credential, endpoint: sim.endpoint, clock, spec, stamps: new Map(), outputsOf: async () => undefined });
    return { spec, plan, deployer, whatIf, stamp: plan.stages[0].stamps[0] as PlanStamp };
  };
  const signal = new AbortController().signal;

  it('predicts Create before the first deployment, Modify with before -> after after it, secure values redacted', async () => {
    const first = setup('Hot');
    const from = sim.requests.length;
    const [created] = await whatIfStages(first.plan.stages, first.whatIf, signal);
    expect(created.error).toBeUndefined();
    const asked = sim.requests.slice(from);
    expect(asked.filter((q) => q.path.endsWith('/whatIf')).length).toBeGreaterThan(0);
    expect(asked.filter((q) => q.correlationId !== rolloutCorrelationId('svc@1.0.0')).map((q) => `${q.method} ${q.path}`)).toEqual([]);
    expect(created.changes).toEqual([{ resourceId: '/subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/svc-eus', changeType: 'Create' }]);
    expect(created.note).toBe('resource group svc-eus does not exist yet: it is created, and everything in the template with it');
    expect(whatIfText([created])).toContain('+ /subscriptions/00000000-0000-0000-0000-000000000001/resourceGroups/svc-eus');

    await first.deployer.deploy({ stamp: first.stamp, stage: first.plan.stages[0], rollout: first.plan.rollout, tags: {} }, signal);
    const second = setup('Cool');
    const [exists] = await whatIfStages(first.plan.stages, first.whatIf, signal);
    expect(exists.changes.map((c) => c.changeType)).toEqual(['NoChange']);
    const [modified] = await whatIfStages(second.plan.stages, second.whatIf, signal);
    expect(modified.changes).toHaveLength(1);
    // The parameter feeds both a property and the top-level sku, and what-if reports both paths.
    expect(modified.changes[0].changeType).toBe('Modify');
    expect(modified.changes[0].delta).toHaveLength(2);
    expect(modified.changes[0].delta).toEqual(expect.arrayContaining([
      expect.objectContaining({ path: 'sku.name', change: 'Modify', before: 'Hot', after: 'Cool' }),
      expect.objectContaining({ path: 'properties.accessTier', change: 'Modify', before: 'Hot', after: 'Cool' }),
    ]));
    expect(JSON.stringify(modified)).not.toContain('s3cret-value');

    const text = whatIfText([modified]);
    expect(text).toContain('store@eastus (stage one, svc-store-eastus-1.0.0): 1 Modify');
    expect(text).toContain('~ Microsoft.Storage/storageAccounts/svceus');
    expect(text).toContain('properties.accessTier: "Hot" => "Cool"');
    expect(whatIfMarkdown([modified])).toContain('`properties.accessTier`: `"Hot"` → `"Cool"`');

    const same = setup('Cool');
    await same.deployer.deploy({ stamp: same.stamp, stage: same.plan.stages[0], rollout: same.plan.rollout, tags: {} }, signal);
    const [unchanged] = await whatIfStages(same.plan.stages, same.whatIf, signal);
    expect(unchanged.changes.map((c) => c.changeType)).toEqual(['NoChange']);
    expect(excludeChanges([unchanged], parseWhatIfExclude('noChange, ignore'))[0].changes).toEqual([]);

    // A rotated secret changes a property: the diff shows where, never the values.
    const rotated = setup('Cool', undefined, 'n3w-secret');
    const [secret] = await whatIfStages(rotated.plan.stages, rotated.whatIf, signal);
    expect(secret.changes[0].delta).toEqual([{ path: 'properties.note', change: 'Modify', before: '[redacted]', after: 'pw=[redacted]' }]);
    expect(JSON.stringify(secret)).not.toMatch(/s3cret|n3w-secret/);
  });

  it('names a change inside an array by its element\'s index: properties.ipRules[0].value', async () => {
    const rules = { ...template, resources: [{ ...template.resources[0], name: 'svcrules', properties: { ipRules: [{ value: "[parameters('sku')]", action: 'Allow' }, { value: '10.0.0.1', action: 'Allow' }] } }] };
    const hot = setup('Hot', JSON.stringify(rules));
    await hot.deployer.deploy({ stamp: hot.stamp, stage: hot.plan.stages[0], rollout: hot.plan.rollout, tags: {} }, signal);
    const cool = setup('Cool', JSON.stringify(rules));
    const [modified] = await whatIfStages(cool.plan.stages, cool.whatIf, signal);
    const account = modified.changes.find((c) => c.resourceId.endsWith('/svcrules'))!;
    expect(account.changeType).toBe('Modify');
    expect(account.delta).toEqual([
      { path: 'sku.name', change: 'Modify', before: 'Hot', after: 'Cool' },
      { path: 'properties.ipRules[0].value', change: 'Modify', before: 'Hot', after: 'Cool' },
    ]);
    expect(whatIfText([modified])).toContain('properties.ipRules[0].value: "Hot" => "Cool"');
  });

  it('gives ARM\'s code and message when what-if fails', async () => {
    const broken = { ...template, resources: [{ ...template.resources[0], name: "[parameters('nope')]" }] };
    const { plan, whatIf } = setup('Standard_LRS', JSON.stringify(broken));
    const [failed] = await whatIfStages(plan.stages, whatIf, signal);
    expect(failed.error?.code).toMatch(/InvalidTemplate/);
    expect(failed.error?.message).toContain("'nope'");
    expect(whatIfText([failed])).toMatch(/what-if failed: InvalidTemplate\w*: /);
  });

  it('refuses an unknown change type in what-if-exclude', () => {
    expect(() => parseWhatIfExclude('noChange, nothing')).toThrow(/"nothing" is not a what-if change type/);
  });
});
