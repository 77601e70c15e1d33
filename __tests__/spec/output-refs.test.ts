import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadSpec } from '../../src/spec/load.js';
import { SpecError } from '../../src/spec/problems.js';
import { fillOutputs, MissingOutput } from '../../src/plan/output-values.js';

const template = (parameters: Record<string, string>, outputs: Record<string, string>) =>
  JSON.stringify({
    $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#',
    contentVersion: '1.0.0.0',
    parameters: Object.fromEntries(Object.entries(parameters).map(([k, type]) => [k, { type }])),
    resources: [],
    outputs: Object.fromEntries(Object.entries(outputs).map(([k, type]) => [k, { type, value: type === 'array' ? '[createArray()]' : 'x' }])),
  });

function load(components: string) {
  const dir = mkdtempSync(path.join(tmpdir(), 'staged-rollout-refs-'));
  writeFileSync(path.join(dir, 'cluster.json'), template({}, { id: 'string' }));
  writeFileSync(path.join(dir, 'app.json'), template({ environmentId: 'string', label: 'string' }, { fqdn: 'string' }));
  writeFileSync(path.join(dir, 'fd.json'), template({ origins: 'array' }, {}));
  writeFileSync(
    path.join(dir, 'rollout.yaml'),
    `name: svc
subscription: "00000000-0000-0000-0000-000000000001"
regions: { eastus: { short: eus }, westus: { short: wus }, northeurope: { short: neu } }
components:
${components}
stages:
  - { name: one, regions: [eastus] }
  - { name: two, regions: [westus, northeurope] }
  - { name: three, regions: [] }
`.replace('  - { name: three, regions: [] }\n', ''),
  );
  return loadSpec('rollout.yaml', { mode: 'standard', version: '1.0.0', env: {}, repoRoot: dir });
}

const cluster = `  cluster: { perRegion: true, resourceGroup: "rg-{region}", template: cluster.json }`;
const app = (params: string, requires = '[cluster]') => `  app: { perRegion: true, resourceGroup: "rg-{region}", template: app.json, requires: ${requires}, parameters: { ${params} } }`;
const fd = (origins: string, requires = '[app]') => `  fd: { resourceGroup: rg-global, location: eastus, template: fd.json, requires: ${requires}, parameters: { origins: ${origins} } }`;

function problems(components: string): string[] {
  try {
    load(components);
  } catch (error) {
    if (error instanceof SpecError) return error.problems.map((p) => `${p.line}:${p.col} ${p.message} (${p.hint})`);
    throw error;
  }
  return [];
}

describe('outputs of earlier stamps in parameters', () => {
  it('places a global component after every region of the component it requires, taking their outputs in stage order', () => {
    const spec = load([cluster, app('environmentId: "{outputs.cluster.id}", label: "env {outputs.cluster.id}"'), fd('"{outputs.app[*].fqdn}"')].join('\n'));
    const byId = new Map(spec.stamps.map((s) => [s.id, s]));
    expect(byId.get('fd')!.stage).toBe('two');
    expect(byId.get('fd')!.requires).toEqual(['app@eastus', 'app@westus', 'app@northeurope']);
    expect(byId.get('fd')!.outputsFrom).toEqual(['app@eastus', 'app@westus', 'app@northeurope']);
    expect(byId.get('app@westus')!.outputsFrom).toEqual(['cluster@westus']);
    expect(byId.get('cluster@eastus')!.outputsFrom).toBeUndefined();
  });

  it.each([
    ['an unknown component', fd('"{outputs.ap[*].fqdn}"'), /there is no component "ap"/],
    ['an undeclared output', fd('"{outputs.app[*].host}"'), /app\.json declares no output "host" \(its outputs: fqdn\)/],
    ['a component not required', fd('"{outputs.app[*].fqdn}"', '[cluster]'), /fd does not require app, so its outputs may not exist yet \(add app to components\.fd\.requires\)/],
    ['a single value of a per-region component into a global one', fd('"{outputs.app.fqdn}"'), /app is per-region, and fd is global \(write \{outputs\.app\[\*\]\.fqdn\}/],
    ['[*] inside a longer string', fd('"x{outputs.app[*].fqdn}"'), /is a list and must be the whole parameter value/],
    ['[*] between per-region stamps', app('environmentId: "{outputs.cluster[*].id}", label: x'), /\[\*\] takes one value per region of a per-region component, into a global one/],
    ['a list into a string parameter', app('label: "{outputs.cluster.id}", environmentId: "{outputs.cluster.id}"').replace('cluster.json', 'cluster.json') + '\n' + `  fd: { resourceGroup: rg-global, location: eastus, template: app.json, requires: [app], parameters: { environmentId: "{outputs.app[*].fqdn}", label: x } }`, /gives a list \(one value per region\), and parameter "environmentId" of app\.json is of type string/],
    ['an output placeholder without a component', app('environmentId: "{outputs.id}", label: x'), /\{outputs\.id\} is not an output reference \(write \{outputs\.COMPONENT\.NAME\}/],
  ])('reports %s at the parameter', (_name, extra, message) => {
    const found = problems([cluster, ...(extra.startsWith('  app:') ? [] : [app('environmentId: "{outputs.cluster.id}", label: x')]), extra].join('\n'));
    expect(found.join("\n")).toMatch(message);
    expect(found).toHaveLength(1);
  });
});

describe('fillOutputs', () => {
  const inputs = { 'app@eastus': { fqdn: { type: 'String', value: 'a.example' } }, 'app@westus': { FQDN: { type: 'String', value: 'b.example' } }, cluster: { id: { type: 'String', value: '/x' }, n: { type: 'Int', value: 3 } } };
  it('gives a list for [*], the output\'s own type for a whole value, and text inside a string', () => {
    expect(fillOutputs('{outputs.app[*].fqdn}', ['app@eastus', 'app@westus'], inputs)).toEqual(['a.example', 'b.example']);
    expect(fillOutputs({ n: '{outputs.cluster.n}', s: 'id={outputs.cluster.id} n={outputs.cluster.n}' }, ['cluster'], inputs)).toEqual({ n: 3, s: 'id=/x n=3' });
  });
  it('names the stamp and output that are missing', () => {
    expect(() => fillOutputs('{outputs.cluster.url}', ['cluster'], inputs)).toThrow(MissingOutput);
    expect(() => fillOutputs('{outputs.cluster.url}', ['cluster'], inputs)).toThrow(/stamp cluster has no output "url" \(its outputs: id, n\)/);
  });
});
