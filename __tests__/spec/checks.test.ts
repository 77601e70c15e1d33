import { describe, expect, it } from '@jest/globals';
import { checkStructure, findCycles } from '../../src/spec/checks.js';
import { formatProblem } from '../../src/spec/problems.js';
import { SpecSource } from '../../src/spec/source.js';

// The rules between fields, each on a spec of its own: the exact problem, where it points, and its hint.
const problems = (yaml: string): string[] => checkStructure(new SpecSource('s.yaml', yaml)).map(formatProblem);

// Every component valid unless a case changes it, so that each case reports only its own problem.
const REGIONS = 'regions: { eastus: {}, westus: {} }\n';
const STAGES = 'stages:\n  - { name: one, regions: [eastus] }\n  - { name: two, regions: [westus] }\n';

describe('checkStructure: stages and regions', () => {
  it('a spec that is not a mapping has no structure to check (the schema reports it)', () => {
    expect(problems('- just\n- a list\n')).toEqual([]);
    expect(problems('42\n')).toEqual([]);
  });

  it('a valid spec has no problem', () => {
    expect(problems(`${REGIONS}${STAGES}components:\n  app: { perRegion: true, resourceGroup: rg }\n`)).toEqual([]);
  });

  it('a stage name used twice, at the second one', () => {
    expect(problems(`${REGIONS}stages:\n  - { name: one, regions: [eastus] }\n  - { name: one, regions: [westus] }\n`)).toEqual([
      's.yaml:4:13: stages[1].name: stage name "one" is used twice (stage names must be unique)',
    ]);
  });

  it('a region not under regions: a near miss is suggested, else the regions there are', () => {
    expect(problems(`${REGIONS}stages:\n  - { name: one, regions: [eastus, westuss] }\n`)).toEqual([
      's.yaml:3:36: stages[0].regions[1]: region "westuss" is not defined under regions (did you mean "westus"?)',
      's.yaml:1:24: regions.westus: region "westus" is in no stage (add it to a stage, or remove it from regions)',
    ]);
    expect(problems(`${REGIONS}stages:\n  - { name: one, regions: [eastus, westus, japaneast] }\n`)).toEqual([
      's.yaml:3:44: stages[0].regions[2]: region "japaneast" is not defined under regions (add it to regions, or use one of: eastus, westus)',
    ]);
  });

  it('a region in two stages, naming the first; an unnamed stage is named by its position', () => {
    expect(problems(`${REGIONS}stages:\n  - { name: one, regions: [eastus, westus] }\n  - { regions: [westus] }\n`)).toEqual([
      's.yaml:4:17: stages[1].regions[0]: region "westus" is already in stage "one" (each region belongs to exactly one stage)',
    ]);
    expect(problems(`${REGIONS}stages:\n  - { regions: [eastus] }\n  - { regions: [eastus, westus] }\n`)).toEqual([
      's.yaml:4:17: stages[1].regions[0]: region "eastus" is already in stage "#1" (each region belongs to exactly one stage)',
    ]);
  });

  it('two unnamed stages are #1 and #2, not one name used twice', () => {
    expect(problems(`${REGIONS}stages:\n  - { regions: [eastus] }\n  - { regions: [westus] }\n`)).toEqual([]);
  });

  it('a region in no stage points at its key; with no stages at all that is the schema\'s to say', () => {
    expect(problems(`${REGIONS}stages:\n  - { name: one, regions: [eastus] }\n`)).toEqual([
      's.yaml:1:24: regions.westus: region "westus" is in no stage (add it to a stage, or remove it from regions)',
    ]);
    expect(problems(`${REGIONS}stages: []\n`)).toEqual([]);
    expect(problems(REGIONS)).toEqual([]);
  });

  it('without a regions mapping only placement is checked; entries of the wrong type are the schema\'s', () => {
    expect(problems('stages:\n  - { name: one, regions: [eastus] }\n  - { name: two, regions: [eastus] }\n')).toEqual([
      's.yaml:3:28: stages[1].regions[0]: region "eastus" is already in stage "one" (each region belongs to exactly one stage)',
    ]);
    expect(problems(`${REGIONS}stages:\n  - 7\n  - { name: one, regions: [eastus, 3, westus] }\n`)).toEqual([]);
    expect(problems(`${REGIONS}stages: { one: [eastus] }\n`)).toEqual([]);
  });
});

describe('checkStructure: components', () => {
  const spec = (components: string): string[] => problems(`${REGIONS}${STAGES}components:\n${components}`);

  it('requires itself, an unknown component (with or without a near miss), and non-text entries left to the schema', () => {
    expect(spec('  app: { perRegion: true, resourceGroup: rg, requires: [app, dbb, queue, 5] }\n  db: { perRegion: true, resourceGroup: rg }\n')).toEqual([
      's.yaml:6:57: components.app.requires[0]: component "app" requires itself (remove it from its own requires)',
      's.yaml:6:62: components.app.requires[1]: requires unknown component "dbb" (did you mean "db"?)',
      's.yaml:6:67: components.app.requires[2]: requires unknown component "queue" (known components: app, db)',
    ]);
  });

  it('a cycle of requires once, from its first component in declaration order', () => {
    expect(spec('  a: { perRegion: true, resourceGroup: rg, requires: [b] }\n  b: { perRegion: true, resourceGroup: rg, requires: [c] }\n  c: { perRegion: true, resourceGroup: rg, requires: [a] }\n')).toEqual([
      's.yaml:6:44: components.a.requires: requires forms a cycle: a -> b -> c -> a (remove one of these requires)',
    ]);
  });

  it('scope and resource group: a group where none is deployed to, none where one is', () => {
    expect(spec('  app: { perRegion: true }\n')).toEqual([
      's.yaml:6:3: components.app: component "app" deploys at resourceGroup scope but names no resourceGroup (add resourceGroup: NAME, or scope: subscription)',
    ]);
    expect(spec('  app: { perRegion: true, scope: resourceGroup }\n')).toHaveLength(1);
    expect(spec('  app: { perRegion: true, scope: subscription, resourceGroup: rg }\n')).toEqual([
      's.yaml:6:48: components.app.resourceGroup: a subscription-scope deployment has no resource group (remove resourceGroup, or use scope: resourceGroup)',
    ]);
    expect(spec('  app: { perRegion: true, scope: subscription }\n')).toEqual([]);
    expect(spec('  app: { perRegion: true, scope: tenant, resourceGroup: rg }\n')).toEqual([
      's.yaml:6:42: components.app.resourceGroup: a tenant-scope deployment has no resource group (remove resourceGroup, or use scope: resourceGroup)',
    ]);
    expect(spec('  app: { perRegion: true, scope: tenant }\n')).toEqual([]);
    // An unknown scope is the schema's to report: no rule here applies to it.
    expect(spec('  app: { perRegion: true, scope: galaxy }\n')).toEqual([]);
  });

  it('management-group scope names a management group, and only it does', () => {
    expect(spec('  app: { perRegion: true, scope: managementGroup, managementGroup: contoso }\n')).toEqual([]);
    expect(spec('  app: { perRegion: true, scope: managementGroup }\n')).toEqual([
      's.yaml:6:3: components.app: component "app" deploys at managementGroup scope but names no managementGroup (add managementGroup: ID, the management group to deploy to, e.g. managementGroup: contoso-platform)',
    ]);
    expect(spec('  app: { perRegion: true, scope: managementGroup, managementGroup: contoso, resourceGroup: rg }\n')).toEqual([
      's.yaml:6:77: components.app.resourceGroup: a managementGroup-scope deployment has no resource group (remove resourceGroup, or use scope: resourceGroup)',
    ]);
    expect(spec('  app: { perRegion: true, scope: subscription, managementGroup: contoso }\n')).toEqual([
      's.yaml:6:48: components.app.managementGroup: only a managementGroup-scope deployment names a management group (remove managementGroup, or use scope: managementGroup)',
    ]);
  });

  it('a global component needs a location, unless the schema already refused its perRegion', () => {
    expect(spec('  front: { resourceGroup: rg, stage: one }\n')).toEqual([
      's.yaml:6:3: components.front: global component "front" needs a location (add location: eastus (the region ARM stores the deployment in))',
    ]);
    expect(spec('  front: { perRegion: false, resourceGroup: rg, stage: one }\n')).toHaveLength(1);
    expect(spec('  front: { perRegion: yes, resourceGroup: rg }\n')).toEqual([]);
    expect(spec('  front: { resourceGroup: rg, location: eastus, stage: one }\n')).toEqual([]);
  });

  it('stage is for global components, and names a stage there is', () => {
    expect(spec('  app: { perRegion: true, resourceGroup: rg, stage: one }\n')).toEqual([
      's.yaml:6:46: components.app.stage: a per-region component is deployed in every stage; stage is for global components (remove stage, or remove perRegion: true)',
    ]);
    expect(spec('  front: { resourceGroup: rg, location: eastus, stage: tow }\n')).toEqual([
      's.yaml:6:56: components.front.stage: unknown stage "tow" (did you mean "two"?)',
    ]);
    expect(spec('  front: { resourceGroup: rg, location: eastus, stage: canary }\n')).toEqual([
      's.yaml:6:56: components.front.stage: unknown stage "canary" (stages: one, two)',
    ]);
  });

  it('a stage whose name is not text (the schema says so) is not offered as a stage to use', () => {
    const stages = 'stages:\n  - { name: one, regions: [eastus] }\n  - { name: 5, regions: [westus] }\n';
    expect(problems(`${REGIONS}${stages}components:\n  front: { resourceGroup: rg, location: eastus, stage: canary }\nmodes:\n  hotfix: { stages: { broad: { bake: 0s } } }\n`)).toEqual([
      's.yaml:6:56: components.front.stage: unknown stage "canary" (stages: one)',
      's.yaml:8:23: modes.hotfix.stages.broad: mode "hotfix" overrides unknown stage "broad" (stages: one)',
    ]);
  });

  it('a health check has exactly one of url, command or metric', () => {
    const hint = '(give url: https://HOST/healthz, command: [ARGV...] or metric: {...}, and only one of them)';
    expect(spec('  app: { perRegion: true, resourceGroup: rg, health: { url: "https://a/h", command: [true] } }\n')).toEqual([
      `s.yaml:6:46: components.app.health: a health check needs exactly one of url, command or metric ${hint}`,
    ]);
    expect(spec('  app: { perRegion: true, resourceGroup: rg, health: { timeout: 5s } }\n')).toEqual([
      `s.yaml:6:46: components.app.health: a health check needs exactly one of url, command or metric ${hint}`,
    ]);
    expect(spec('  app: { perRegion: true, resourceGroup: rg, health: { metric: { name: cpu } } }\n')).toEqual([]);
    expect(spec('  app: { perRegion: true, resourceGroup: rg, health: { command: [true] } }\n')).toEqual([]);
  });

  it('a component that is not a mapping is the schema\'s to report, and the others are still checked', () => {
    expect(spec('  app: 5\n  db: { perRegion: true }\n')).toEqual([
      's.yaml:7:3: components.db: component "db" deploys at resourceGroup scope but names no resourceGroup (add resourceGroup: NAME, or scope: subscription)',
    ]);
  });
});

describe('checkStructure: mode overlays', () => {
  it('an overlay of a stage there is not, with a near miss or the stages there are', () => {
    const base = `${REGIONS}${STAGES}components:\n  app: { perRegion: true, resourceGroup: rg }\n`;
    expect(problems(`${base}modes:\n  hotfix:\n    stages: { one: { bake: 0s }, tow: { bake: 0s }, broad: { bake: 0s } }\n`)).toEqual([
      's.yaml:9:34: modes.hotfix.stages.tow: mode "hotfix" overrides unknown stage "tow" (did you mean "two"?)',
      's.yaml:9:53: modes.hotfix.stages.broad: mode "hotfix" overrides unknown stage "broad" (stages: one, two)',
    ]);
    expect(problems(`${base}modes:\n  hotfix: { stages: { one: { bake: 0s } } }\n  quiet: 3\n`)).toEqual([]);
  });
});

describe('findCycles', () => {
  const graph = (edges: Record<string, string[]>) => new Map(Object.entries(edges));

  it('none in a graph without one, however its edges join', () => {
    expect(findCycles(graph({ a: ['b', 'c'], b: ['c'], c: [], d: ['a', 'missing'] }))).toEqual([]);
  });

  it('each cycle once and closed, from where the search first met it', () => {
    expect(findCycles(graph({ a: ['b'], b: ['a'] }))).toEqual([['a', 'b', 'a']]);
    expect(findCycles(graph({ x: ['a'], a: ['b'], b: ['c'], c: ['a'] }))).toEqual([['a', 'b', 'c', 'a']]);
    expect(findCycles(graph({ a: ['a'] }))).toEqual([['a', 'a']]);
  });

  it('two cycles through one node are two; the same cycle met twice (a require written twice) is one', () => {
    expect(findCycles(graph({ a: ['b', 'c'], b: ['a'], c: ['a'] }))).toEqual([['a', 'b', 'a'], ['a', 'c', 'a']]);
    expect(findCycles(graph({ a: ['b'], b: ['c', 'a'], c: ['b'] }))).toEqual([['b', 'c', 'b'], ['a', 'b', 'a']]);
    expect(findCycles(graph({ a: ['b'], b: ['a', 'a'] }))).toEqual([['a', 'b', 'a']]);
    // Names that run together are still two cycles: ab+c is not a+bc.
    expect(findCycles(graph({ ab: ['c'], c: ['ab'], a: ['bc'], bc: ['a'] }))).toEqual([['ab', 'c', 'ab'], ['a', 'bc', 'a']]);
  });

  it('one cycle per path the search takes: a second way round through a finished component waits for the next run', () => {
    // a -> b -> d -> a is found; a -> c -> d -> a goes through d, already searched, and is reported once the first is fixed.
    expect(findCycles(graph({ a: ['b', 'c'], b: ['d'], c: ['d'], d: ['a'] }))).toEqual([['a', 'b', 'd', 'a']]);
    expect(findCycles(graph({ a: ['c'], c: ['d'], d: ['a'] }))).toEqual([['a', 'c', 'd', 'a']]);
  });
});
