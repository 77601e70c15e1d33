import { runAction, runCli } from '../helpers/run-action.js';

const RG = { eastus: 'contoso-eus', westus: 'contoso-wus', northeurope: 'contoso-neu', westeurope: 'contoso-weu', southeastasia: 'contoso-sea' } as const;
type Region = keyof typeof RG;
const short = (region: Region) => RG[region].replace('contoso-', '');

/**
 * examples/basic's plan, written out by hand from the spec (not computed by the planner under test): per stage its
 * stamps in order, with deployment name, resource group, requirements, decision and, for apps, the parameters.
 */
function expectBasicPlan(plan: any, version: string, mode: string, bakesMs: number[], parallel: number[]) {
  expect(plan.formatVersion).toBe(1);
  expect(plan.rollout).toEqual({ id: `contoso-web@${version}`, name: 'contoso-web', version, mode, specHash: expect.stringMatching(/^[0-9a-f]{64}$/), specFile: 'examples/basic/rollout.yaml' });
  expect(plan.rollback).toEqual({ scope: 'stage', deleteNew: false });
  const regions: Region[][] = [['eastus'], ['westus', 'northeurope'], ['westeurope', 'southeastasia']];
  expect(plan.stages.map((s: any) => [s.name, s.index, s.regions, s.bakeMs, s.maxParallel, s.environment])).toEqual([
    ['canary', 0, regions[0], bakesMs[0], parallel[0], 'prod-canary'],
    ['pilot', 1, regions[1], bakesMs[1], parallel[1], 'prod-pilot'],
    ['broad', 2, regions[2], bakesMs[2], parallel[2], 'prod'],
  ]);
  const unknown = { action: 'deploy', reason: 'state-unknown', detail: 'Azure not consulted (offline plan): deploys unless found unchanged' };
  const always = { action: 'deploy', reason: 'always', detail: 'deploy: always' };
  const expected = regions.map((rs, i) => [
    ...(i === 0 ? [['global', 'contoso-web-global-eastus-' + version, 'contoso-global', [], unknown]] : []),
    ...rs.map((r) => [`cluster@${r}`, `contoso-web-cluster-${r}-${version}`, RG[r], ['global'], unknown]),
    ...rs.map((r) => [`app@${r}`, `contoso-web-app-${r}-${version}`, RG[r], [`cluster@${r}`], always]),
  ]);
  expect(plan.stages.map((s: any) => s.stamps.map((t: any) => [t.id, t.deploymentName, t.resourceGroup, t.requires, t.decision]))).toEqual(expected);
  for (const t of plan.stages.flatMap((s: any) => s.stamps)) {
    expect(t).toMatchObject({ scope: 'resourceGroup', subscription: '00000000-0000-0000-0000-000000000001', location: t.region, contentHash: expect.stringMatching(/^[0-9a-f]{64}$/) });
    if (t.component === 'app') {
      expect(t.parameters).toEqual({ image: { value: `contoso/web:${version}` }, location: { value: t.region }, planName: { value: `contoso-plan-${short(t.region)}` }, siteName: { value: `contoso-web-${short(t.region)}` }, version: { value: version } });
      expect(t.health).toMatchObject({ url: '{outputs.endpoint}/healthz', expect: { status: [200] }, intervalMs: 10_000 });
    }
  }
}

describe('the bundled action, command plan', () => {
  it('runs on Node 24, as the runner runs it', () => {
    expect(process.versions.node.split('.')[0]).toBe('24');
  });

  it('writes the plan and stages outputs and a job summary with tables and a mermaid graph', async () => {
    const run = await runAction({ command: 'plan', spec: 'examples/basic/rollout.yaml' });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const plan = JSON.parse(run.outputs.plan);
    // Version defaults to the short commit sha.
    expect(plan.rollout).toMatchObject({ id: 'contoso-web@0123456', version: '0123456', mode: 'standard' });
    expectBasicPlan(plan, '0123456', 'standard', [3_600_000, 14_400_000, 0], [1, 2, 2]);
    expect(plan.stages[0].stamps[2].health).toMatchObject({ waitMs: 60_000, withinMs: 600_000, healthyForMs: 300_000 });
    expect(JSON.parse(run.outputs.stages)).toEqual([
      { name: 'canary', environment: 'prod-canary' },
      { name: 'pilot', environment: 'prod-pilot' },
      { name: 'broad', environment: 'prod' },
    ]);
    expect(run.summary).toContain('## Rollout plan: contoso-web 0123456 (standard)');
    expect(run.summary).toContain('| 2 | pilot | prod-pilot | westus, northeurope | 4h | 2 | 4 | 0 |');
    expect(run.summary).toContain('```mermaid\nflowchart LR');
    expect(run.summary).toMatch(/s0_0 --> s0_1/); // global -> cluster@eastus
    expect(run.stdout).toContain('Stage 1/3: canary (eastus; environment prod-canary; bake 1h; up to 1 region at once)');
  });

  it('plans the hotfix mode from the mode input', async () => {
    const run = await runAction({ command: 'plan', spec: 'examples/basic/rollout.yaml', mode: 'hotfix', version: '2.0.1' });
    expect(run.code).toBe(0);
    const plan = JSON.parse(run.outputs.plan);
    expect(plan.stages.map((s: { bakeMs: number }) => s.bakeMs)).toEqual([600_000, 600_000, 0]);
    expect(run.summary).toContain('(hotfix)');
  });

  it('fails a broken spec with one annotation per problem on its file and line, and writes no plan', async () => {
    const run = await runAction({ command: 'plan', spec: 'examples/bad/three-mistakes.yaml' });
    expect(run.code).toBe(1);
    const annotations = run.stdout.split('\n').filter((l) => l.startsWith('::error '));
    expect(annotations).toHaveLength(3);
    expect(run.stdout).toContain('::error::The rollout spec has 3 problems; nothing was deployed:');
    expect(annotations[0]).toMatch(/^::error title=staged-rollout%3A spec problem,file=examples\/bad\/three-mistakes.yaml,line=14,col=15::components.plan.template: template "templates\/missing.json" does not exist/);
    expect(run.outputs.plan).toBeUndefined();
  });

  it('refuses an unknown command and an unusable version with a clear message', async () => {
    const bad = await runAction({ command: 'deploi', spec: 'examples/basic/rollout.yaml' });
    expect(bad.code).toBe(1);
    expect(bad.stdout).toContain('input command "deploi" is not known');
    const version = await runAction({ command: 'plan', spec: 'examples/basic/rollout.yaml', version: 'v 2/0' });
    expect(version.stdout).toContain('version "v 2/0" is not usable');
  });
});

describe('the bundled CLI, command plan', () => {
  it('prints the plan as a table, and as JSON with --json', async () => {
    const table = await runCli(['plan', '--spec', 'examples/basic/rollout.yaml', '--mode', 'hotfix', '--version', '2.0.0']);
    expect(table.code).toBe(0);
    expect(table.stdout).toContain('Rollout contoso-web@2.0.0 (hotfix mode) from examples/basic/rollout.yaml');
    expect(table.stdout).toMatch(/deploy\s+app@westus\s+contoso-web-app-westus-2\.0\.0\s+00000000-0000-0000-0000-000000000001\/contoso-wus\s+wait 30s, within 10m, healthy for 1m\s+deploy: always/);
    const json = await runCli(['plan', '--spec', 'examples/basic/rollout.yaml', '--mode', 'hotfix', '--version', '2.0.0', '--json']);
    const plan = JSON.parse(json.stdout);
    expectBasicPlan(plan, '2.0.0', 'hotfix', [600_000, 600_000, 0], [1, 2, 2]);
    // The hotfix overlay's health timings: wait 30s, healthy for 1m.
    expect(plan.stages[1].stamps[2].health).toMatchObject({ waitMs: 30_000, withinMs: 600_000, healthyForMs: 60_000 });
  });

  it('exits 2 with every problem on stderr for a broken spec', async () => {
    const run = await runCli(['plan', '--spec', 'examples/bad/requires-cycle.yaml', '--version', '1']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('examples/bad/requires-cycle.yaml:14:5: components.plan.requires: requires forms a cycle: plan -> site -> plan');
    expect(run.stdout).toBe('');
  });
});
