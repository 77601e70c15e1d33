import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { planRollout } from '../../src/plan/planner.js';
import type { ObservedState, Plan, PlanStamp } from '../../src/plan/types.js';
import { loadSpec } from '../../src/spec/load.js';

// An onChange stamp redeploys exactly when what ARM would receive changes: template, parameters or target. A hash
// that forgot any of them would skip a real change as "unchanged".
const repo = mkdtempSync(path.join(tmpdir(), 'staged-rollout-hash-'));
const template = (extra = {}) => ({
  contentVersion: '1.0.0.0',
  parameters: { size: { type: 'int' }, sku: { type: 'string' }, password: { type: 'securestring' } },
  resources: [],
  ...extra,
});
writeFileSync(path.join(repo, 'app.json'), JSON.stringify(template()));
writeFileSync(path.join(repo, 'app-v2.json'), JSON.stringify(template({ outputs: { ready: { type: 'bool', value: true } } })));

function spec(opts: { size?: number; sku?: string; template?: string; rg?: string; password?: string } = {}): string {
  return `name: hashes
subscription: 00000000-0000-0000-0000-000000000001
regions: { eastus: {}, westus: {} }
components:
  app:
    perRegion: true
    resourceGroup: ${opts.rg ?? 'rg-{region}'}
    template: ${opts.template ?? 'app.json'}
    parameters: { size: ${opts.size ?? 2}, sku: ${opts.sku ?? 'P1v3'}, password: "{env.${opts.password ?? 'DB_PASSWORD'}}" }
stages:
  - { name: one, regions: [eastus] }
  - { name: two, regions: [westus] }
`;
}

const env = { DB_PASSWORD: 'first-secret', OTHER_PASSWORD: 'other' };
const plan = (text: string, observed?: ObservedState, secrets = env) =>
  planRollout(loadSpec('rollout.yaml', { mode: 'standard', version: '1.0.0', env: secrets, repoRoot: repo, text }), observed);
const stamps = (p: Plan): PlanStamp[] => p.stages.flatMap((s) => s.stamps);

/** What the plan's stamps would leave in ARM's tags, as a later plan reads it back, from another rollout. */
function deployedBy(p: Plan): ObservedState {
  return Object.fromEntries(stamps(p).map((s) => [s.id, { deploymentName: s.deploymentName, version: '0.9.0', rolloutId: 'an-earlier-rollout', contentHash: s.contentHash }]));
}

describe('the content hash decides onChange stamps', () => {
  const before = plan(spec());
  const observed = deployedBy(before);

  it('skips every stamp whose template, parameters and target are unchanged', () => {
    expect(stamps(plan(spec(), observed)).map((s) => [s.id, s.decision.reason])).toEqual([
      ['app@eastus', 'unchanged'],
      ['app@westus', 'unchanged'],
    ]);
  });

  it.each([
    ['a parameter value', spec({ size: 3 })],
    ['a string parameter', spec({ sku: 'P2v3' })],
    ['the template', spec({ template: 'app-v2.json' })],
    ['the resource group', spec({ rg: 'rg-new-{region}' })],
    ['where a secure value comes from', spec({ password: 'OTHER_PASSWORD' })],
  ])('redeploys, as changed, when %s changes', (_what, text) => {
    const after = plan(text, observed);
    for (const s of stamps(after)) {
      expect(s.decision).toEqual({ action: 'deploy', reason: 'changed', detail: `template or parameters changed since ${s.deploymentName}` });
      expect(s.contentHash).not.toBe(observed[s.id].contentHash);
    }
  });

  it('does not redeploy when only a secure value is rotated: the hash holds its source, never the value', () => {
    const rotated = plan(spec(), observed, { ...env, DB_PASSWORD: 'rotated-secret' });
    expect(stamps(rotated).map((s) => s.decision.reason)).toEqual(['unchanged', 'unchanged']);
  });

  it('a changed parameter in one region changes only that region\'s hash', () => {
    const perRegion = (westSku: string) => spec({ sku: '"{region.sku}"' }).replace('eastus: {}, westus: {}', `eastus: { sku: P1v3 }, westus: { sku: ${westSku} }`);
    const first = plan(perRegion('P1v3'));
    const [east, west] = stamps(plan(perRegion('P3v3'), deployedBy(first)));
    expect(east.parameters.sku).toEqual({ value: 'P1v3' });
    expect(west.parameters.sku).toEqual({ value: 'P3v3' });
    expect(east.decision.reason).toBe('unchanged');
    expect(west.decision.reason).toBe('changed');
  });
});

describe('the content hash and the stamps feeding a stamp', () => {
  writeFileSync(path.join(repo, 'site.json'), JSON.stringify({ contentVersion: '1.0.0.0', resources: [], outputs: { fqdn: { type: 'string', value: 'x' } } }));
  writeFileSync(path.join(repo, 'front.json'), JSON.stringify({ contentVersion: '1.0.0.0', parameters: { origins: { type: 'array' } }, resources: [] }));
  const fed = (regions: string[]) => `name: fed
subscription: 00000000-0000-0000-0000-000000000001
regions: { ${regions.map((r) => `${r}: {}`).join(', ')} }
components:
  site: { perRegion: true, resourceGroup: "rg-{region}", template: site.json }
  front: { location: eastus, resourceGroup: rg-front, template: front.json, parameters: { origins: "{outputs.site[*].fqdn}" }, requires: [site] }
stages:
  - { name: one, regions: [eastus] }
  - { name: two, regions: [${regions.slice(1).join(', ')}] }
`;
  const front = (p: Plan): PlanStamp => stamps(p).find((s) => s.id === 'front')!;

  it('a region added under [*] changes the global stamp\'s hash, though its parameters read the same', () => {
    const two = plan(fed(['eastus', 'westus']));
    const three = plan(fed(['eastus', 'westus', 'northeurope']));
    expect([front(two).outputsFrom, front(three).outputsFrom]).toEqual([['site@eastus', 'site@westus'], ['site@eastus', 'site@westus', 'site@northeurope']]);
    expect(front(three).parameters).toEqual(front(two).parameters);
    expect(front(three).contentHash).not.toBe(front(two).contentHash);
    // The sites themselves are the same stamps as before.
    for (const id of ['site@eastus', 'site@westus']) expect(stamps(three).find((s) => s.id === id)!.contentHash).toBe(stamps(two).find((s) => s.id === id)!.contentHash);
  });
});
