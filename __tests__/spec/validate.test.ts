import { describe, expect, it } from '@jest/globals';
import { formatProblem } from '../../src/spec/problems.js';
import { SpecSource } from '../../src/spec/source.js';
import { validateShape, valueAt } from '../../src/spec/validate.js';

// Each case is the valid spec below with one line changed: the problem, where it points, and the hint, exactly.
const shape = (yaml: string): string[] => validateShape(new SpecSource('s.yaml', yaml)).problems.map(formatProblem);
const spec = (lines: Record<string, string> = {}): string => {
  const parts: Record<string, string> = {
    name: 'name: web',
    subscription: 'subscription: "00000000-0000-0000-0000-000000000001"',
    regions: 'regions: { eastus: { short: eus } }',
    components: 'components:\n  app: { perRegion: true, resourceGroup: rg, template: app.json }',
    stages: 'stages:\n  - { name: one, regions: [eastus] }',
    ...lines,
  };
  return `${Object.values(parts).filter((l) => l !== '').join('\n')}\n`;
};
const app = (more: string) => spec({ components: `components:\n  app: { perRegion: true, resourceGroup: rg, template: app.json${more} }` });
const stage = (more: string) => spec({ stages: `stages:\n  - { name: one, regions: [eastus]${more} }` });

describe('validateShape', () => {
  it('a valid spec is returned parsed, with no problem', () => {
    const { spec: parsed, problems } = validateShape(new SpecSource('s.yaml', spec()));
    expect(problems).toEqual([]);
    expect(parsed?.name).toBe('web');
  });

  it('a spec that is not a mapping, once; not again when the YAML itself is broken', () => {
    const notMapping = 's.yaml:1:1: the spec must be a YAML mapping with name, subscription, regions, components and stages (start from examples/basic/rollout.yaml: name: ..., subscription: ..., regions: ..., components: ..., stages: ...)';
    for (const text of ['- a\n', '', '42\n', '"text"\n', 'null\n']) expect([text, shape(text)]).toEqual([text, [notMapping]]);
    expect(shape('name: [unclosed\n')).toEqual([]);
  });

  it('a required key, at the mapping that lacks it, with an example of it', () => {
    expect(shape(spec({ name: '' }))).toEqual(['s.yaml:1:1: name: "name" is required (e.g. name: contoso-web (the service name, in deployment names and tags))']);
    expect(shape(spec({ subscription: '' }))).toEqual(['s.yaml:1:1: subscription: "subscription" is required (e.g. subscription: "{env.AZURE_SUBSCRIPTION_ID}")']);
    expect(shape(spec({ regions: '' }))).toEqual(['s.yaml:1:1: regions: "regions" is required (e.g. regions: { eastus: { short: eus } })']);
    expect(shape(spec({ components: '' }))).toEqual(['s.yaml:1:1: components: "components" is required (e.g. components: { app: { perRegion: true, resourceGroup: "app-{region}", template: app.json } })']);
    expect(shape(spec({ stages: '' }))).toEqual(['s.yaml:1:1: stages: "stages" is required (e.g. stages: [{ name: canary, regions: [eastus] }])']);
    expect(shape(spec({ components: 'components:\n  app: { perRegion: true, resourceGroup: rg }' }))).toEqual([
      's.yaml:5:8: components.app.template: "template" is required (give the repository-relative path of the ARM template, e.g. infra/app.json)',
    ]);
    expect(shape(spec({ stages: 'stages:\n  - { regions: [eastus] }' }))).toEqual(['s.yaml:7:5: stages[0].name: "name" is required (e.g. name: canary)']);
    expect(shape(spec({ stages: 'stages:\n  - { name: one }' }))).toEqual(['s.yaml:7:5: stages[0].regions: "regions" is required (e.g. regions: [eastus])']);
    expect(shape(spec({ extra: 'failover: { targets: [] }' }))).toContain('s.yaml:8:11: failover.state: "state" is required (add state)');
  });

  it('an unknown key: a near miss, else the keys allowed at that place', () => {
    expect(shape(spec({ extra: 'stagse: []' }))).toEqual(['s.yaml:8:1: stagse: unknown key "stagse" (did you mean "stages"?)']);
    expect(shape(spec({ extra: 'zzzz: 1' }))).toEqual(['s.yaml:8:1: zzzz: unknown key "zzzz" (allowed here: $schema, name, subscription, regions, components, stages, modes, rollback, failover, releaseUnits, traffic, teardown)']);
    expect(shape(app(', helth: {}'))).toEqual(['s.yaml:5:66: components.app.helth: unknown key "helth" (did you mean "health"?)']);
    expect(shape(app(', health: { url: x, expct: {} }'))).toEqual(['s.yaml:5:84: components.app.health.expct: unknown key "expct" (did you mean "expect"?)']);
    expect(shape(app(', health: { url: x, expect: { stats: [200] } }'))).toEqual(['s.yaml:5:94: components.app.health.expect.stats: unknown key "stats" (did you mean "status"?)']);
    expect(shape(app(', stack: { nam: x }'))).toEqual(['s.yaml:5:75: components.app.stack.nam: unknown key "nam" (allowed here: actionOnUnmanage, denySettings, excludedPrincipals)']);
    expect(shape(stage(', bak: 1h'))).toEqual(['s.yaml:7:37: stages[0].bak: unknown key "bak" (did you mean "bake"?)']);
    expect(shape(spec({ extra: 'modes:\n  hotfix: { bak: 1h }' }))).toEqual(['s.yaml:9:13: modes.hotfix.bak: unknown key "bak" (did you mean "bake"?)']);
    expect(shape(spec({ extra: 'modes:\n  hotfix: { health: { intervl: 1s } }' }))).toEqual(['s.yaml:9:23: modes.hotfix.health.intervl: unknown key "intervl" (did you mean "interval"?)']);
    expect(shape(spec({ extra: 'modes:\n  hotfix: { stages: { one: { bke: 1s } } }' }))).toEqual(['s.yaml:9:30: modes.hotfix.stages.one.bke: unknown key "bke" (did you mean "bake"?)']);
    expect(shape(spec({ extra: 'rollback: { scpe: stage }' }))).toEqual(['s.yaml:8:13: rollback.scpe: unknown key "scpe" (did you mean "scope"?)']);
    expect(shape(spec({ extra: 'failover: { targets: [], traffic: {}, health: {}, state: {}, nope: 1 }' }))).toContain(
      's.yaml:8:62: failover.nope: unknown key "nope" (allowed here: targets, traffic, health, failures, cooldown, state)',
    );
  });

  it('an unknown key of the release-unit sections and of a mode\'s traffic: a near miss, else the keys allowed there', () => {
    const units = (yaml: string) => shape(spec({ extra: `releaseUnits: { components: [app] }\ntraffic: { component: app, steps: [{ weight: 100 }] }\n${yaml}` }));
    expect(units('teardown: { chcks: [] }')).toEqual(['s.yaml:10:13: teardown.chcks: unknown key "chcks" (did you mean "checks"?)']);
    expect(units('teardown: { checks: [{ metric: noTraffic, windw: 5m }] }')).toEqual(['s.yaml:10:43: teardown.checks[0].windw: unknown key "windw" (did you mean "window"?)']);
    expect(shape(spec({ extra: 'releaseUnits: { components: [app], strategy: inPlace }' }))).toEqual(['s.yaml:8:36: releaseUnits.strategy: unknown key "strategy" (allowed here: components, name, onAbort)']);
    expect(shape(spec({ extra: 'releaseUnits: { components: [app] }\ntraffic: { component: app, steps: [{ weight: 100 }], helth: [] }' }))).toEqual([
      's.yaml:9:54: traffic.helth: unknown key "helth" (did you mean "health"?)',
    ]);
    expect(shape(spec({ extra: 'releaseUnits: { components: [app] }\ntraffic: { component: app, steps: [{ weight: 100, bak: 1h }] }' }))).toEqual([
      's.yaml:9:51: traffic.steps[0].bak: unknown key "bak" (did you mean "bake"?)',
    ]);
    expect(shape(spec({ extra: 'releaseUnits: { components: [app] }\ntraffic: { component: app, steps: [{ weight: 100 }], health: [{ metric: errorRatio, blow: 1% }] }' }))).toEqual([
      's.yaml:9:85: traffic.health[0].blow: unknown key "blow" (did you mean "below"?)',
    ]);
    expect(shape(spec({ extra: 'modes:\n  hotfix: { traffic: { bak: 1m } }' }))).toEqual(['s.yaml:9:24: modes.hotfix.traffic.bak: unknown key "bak" (did you mean "bake"?)']);
    expect(shape(app(', health: { metric: { metric: errorRatio, resource: x, blow: 1% } }'))).toEqual(['s.yaml:5:119: components.app.health.metric.blow: unknown key "blow" (did you mean "below"?)']);
    expect(shape(app(', health: { metric: { metric: errorRatio, resource: x, zz: 1 } }'))).toEqual(['s.yaml:5:119: components.app.health.metric.zz: unknown key "zz" (allowed here: metric, below, window, minRequests, resource)']);
  });

  it('a value of the wrong type: what it is, and how to write what is wanted', () => {
    expect(shape(app('').replace('perRegion: true', 'perRegion: yes'))).toEqual(['s.yaml:5:21: components.app.perRegion: must be a boolean, not the string "yes" (write true, without quotes)']);
    expect(shape(app('').replace('perRegion: true', 'perRegion: "off"'))).toEqual(['s.yaml:5:21: components.app.perRegion: must be a boolean, not the string "off" (write false, without quotes)']);
    expect(shape(app('').replace('perRegion: true', 'perRegion: maybe'))).toEqual(['s.yaml:5:21: components.app.perRegion: must be a boolean, not the string "maybe" (write true or false)']);
    expect(shape(stage(', maxParallel: "3"'))).toEqual(['s.yaml:7:50: stages[0].maxParallel: must be a number, not the string "3" (write 3 without quotes)']);
    expect(shape(stage(', maxParallel: three'))).toEqual(['s.yaml:7:50: stages[0].maxParallel: must be a number, not the string "three" (write a number, e.g. 2)']);
    // Only a whole number in quotes is told to drop them; only a whole yes/no word is read as true or false.
    expect(shape(stage(', maxParallel: "12"'))).toEqual(['s.yaml:7:50: stages[0].maxParallel: must be a number, not the string "12" (write 12 without quotes)']);
    for (const text of ['"3x"', '"x3"']) expect(shape(stage(`, maxParallel: ${text}`))[0]).toMatch(/\(write a number, e\.g\. 2\)$/);
    for (const text of ['"yes please"', '"oh no"']) expect(shape(app('').replace('perRegion: true', `perRegion: ${text}`))[0]).toMatch(/\(write true or false\)$/);
    // A union that is no duration and no region attribute points at the schema.
    expect(shape(spec({ extra: 'releaseUnits: { components: [app] }\ntraffic: { component: app, steps: [{ weight: 100 }], health: [{ metric: errorRatio, below: [1] }] }' }))).toEqual([
      's.yaml:9:92: traffic.health[0].below: has an unexpected value [1] (see the schema (schema/rollout.schema.json) for what this key takes)',
    ]);
    expect(shape(spec({ stages: 'stages:\n  - { name: one, regions: eastus }' }))).toEqual(['s.yaml:7:27: stages[0].regions: must be a list, not the string "eastus" (write a list, e.g. [eastus])']);
    expect(shape(spec({ stages: 'stages:\n  - { name: one, regions: 5 }' }))).toEqual(['s.yaml:7:27: stages[0].regions: must be a list, not the number 5 (write a list, e.g. [a, b])']);
    expect(shape(spec({ stages: 'stages: { name: one }' }))).toEqual(['s.yaml:6:9: stages: must be a list, not a mapping (write a list, e.g. [a, b])']);
    expect(shape(spec({ components: 'components: []' }))).toEqual(['s.yaml:4:13: components: must be a mapping, not a list (write a mapping, e.g. { key: value })']);
    expect(shape(app('').replace('resourceGroup: rg', 'resourceGroup: 5'))).toEqual(['s.yaml:5:42: components.app.resourceGroup: must be a string, not the number 5 (write text; quote it if it looks like a number or true/false)']);
    expect(shape(app(', parameters: ~'))).toEqual(['s.yaml:5:78: components.app.parameters: must be a mapping, not empty (write a mapping, e.g. { key: value })']);
    expect(shape(spec({ regions: 'regions: { eastus: { short: [eus] } }' }))).toEqual(['s.yaml:3:20: regions.eastus: has an unexpected value {"short":["eus"]} (a region attribute is a string, a number or true/false)']);
  });

  it('a duration: a number without its unit, words for one, or no duration at all', () => {
    expect(shape(stage(', bake: 90'))).toEqual(['s.yaml:7:43: stages[0].bake: 90 is not a duration (add a unit: 90s, 90m or 90h)']);
    expect(shape(stage(', bake: 2 hours'))).toEqual(['s.yaml:7:43: stages[0].bake: "2 hours" is not a duration (write 2h)']);
    expect(shape(stage(', bake: soon'))).toEqual(['s.yaml:7:43: stages[0].bake: "soon" is not a duration (write a duration like 90s, 10m, 4h, 1d or ISO 8601 like PT24H)']);
  });

  it('a value out of range: the hint of the innermost key that has one', () => {
    expect(shape(stage(', maxParallel: 0'))).toEqual(['s.yaml:7:50: stages[0].maxParallel: 0 is out of range (Too small: expected number to be >=1) (at least 1 (one region at a time))']);
    expect(shape(spec({ stages: 'stages:\n  - { name: one, regions: [] }' }))).toEqual(['s.yaml:7:27: stages[0].regions: needs at least one region (name at least one region, e.g. regions: [eastus])']);
    expect(shape(spec({ stages: 'stages: []' }))).toEqual(['s.yaml:6:9: stages: needs at least one stage (give at least one stage, e.g. stages: [{ name: canary, regions: [eastus] }])']);
    expect(shape(app(', health: { url: x, expect: { status: [700] } }'))).toEqual(['s.yaml:5:103: components.app.health.expect.status[0]: 700 is out of range (Too big: expected number to be <=599) (HTTP status codes are 100-599, e.g. status: [200, 204])']);
    expect(shape(app(', health: { command: [] }'))).toEqual(['s.yaml:5:85: components.app.health.command: [] is out of range (Too small: expected array to have >=1 items) (give the probe command as argv, e.g. command: [curl, -f, "{outputs.url}"])']);
  });

  it('the release-unit sections: ranges with their limit or an example, environment names', () => {
    const units = (releaseUnits: string, traffic: string, teardown = '') => shape(spec({ extra: `releaseUnits: ${releaseUnits}\ntraffic: ${traffic}${teardown ? `\nteardown: ${teardown}` : ''}` }));
    expect(units('{ components: [app] }', '{ component: app, steps: [{ weight: 0 }, { weight: 150, environment: "a:b" }], health: [{ metric: errorRatio, minRequests: -1, below: 200 }] }', '{ environment: "x/y" }')).toEqual([
      's.yaml:9:46: traffic.steps[0].weight: 0 is out of range (Too small: expected number to be >=1) (the limit is 1)',
      's.yaml:9:61: traffic.steps[1].weight: 150 is out of range (Too big: expected number to be <=100) (the limit is 100)',
      's.yaml:9:79: traffic.steps[1].environment: "a:b" is not a valid GitHub environment name (letters, digits, space, ., _ and -, at most 255 characters; no : or /)',
      's.yaml:9:144: traffic.health[0].below: 200 is out of range (Too big: expected number to be <=100) (the limit is 100)',
      's.yaml:9:133: traffic.health[0].minRequests: -1 is out of range (Too small: expected number to be >=0) (the limit is 0)',
      's.yaml:10:26: teardown.environment: "x/y" is not a valid GitHub environment name (letters, digits, space, ., _ and -, at most 255 characters; no : or /)',
    ]);
    expect(units('{ components: [] }', '{ component: app, steps: [] }')).toEqual([
      's.yaml:8:29: releaseUnits.components: needs at least one component (name the per-region components that form a unit, e.g. components: [app])',
      's.yaml:9:35: traffic.steps: needs at least one step (give the weight steps, the last at 100, e.g. steps: [{ weight: 10, bake: 30m }, { weight: 100 }])',
    ]);
  });

  it('a value not among the allowed ones, and a name in the wrong form', () => {
    expect(shape(spec({ extra: 'rollback: { scope: everything }' }))).toEqual(['s.yaml:8:20: rollback.scope: "everything" is not allowed (use one of: stamp, stage, rollout, none)']);
    expect(shape(app(', deploy: sometimes'))).toEqual(['s.yaml:5:74: components.app.deploy: "sometimes" is not allowed (use one of: always, onChange, never)']);
    expect(shape(spec({ regions: 'regions: { EastUS: { short: eus } }' }))).toEqual(['s.yaml:3:12: regions.EastUS: "EastUS" is not a valid name here (Azure location names are lower case letters and digits, e.g. eastus (/^[a-z][a-z0-9]{1,39}$/))']);
    expect(shape(spec({ components: 'components:\n  9app: { perRegion: true, resourceGroup: rg, template: app.json }' }))).toEqual(['s.yaml:5:3: components.9app: "9app" is not a valid name here (start with a letter, then letters, digits, - or _ (/^[A-Za-z][A-Za-z0-9_-]{0,39}$/))']);
    expect(shape(spec({ extra: 'modes:\n  HotFix: { bake: 1s }' }))).toEqual(['s.yaml:9:3: modes.HotFix: "HotFix" is not a valid name here (lower case, e.g. hotfix (/^[a-z][a-z0-9-]{0,39}$/))']);
    expect(shape(spec({ name: 'name: "web/app"' }))).toEqual(['s.yaml:1:7: name: "web/app" is not a valid rollout name (letters, digits, ., _ and -, at most 40 characters (/^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$/))']);
    expect(shape(spec({ stages: 'stages:\n  - { name: "1st", regions: [eastus] }' }))).toEqual(['s.yaml:7:13: stages[0].name: "1st" is not a valid stage name (stage names become job ids: a letter or _ first, then letters, digits, - or _)']);
    expect(shape(stage(', environment: "prod:one"'))).toEqual(['s.yaml:7:50: stages[0].environment: "prod:one" is not a valid GitHub environment name (letters, digits, space, ., _ and -, at most 255 characters; no : or /)']);
  });

  it('every problem of the spec in one pass', () => {
    expect(shape(spec({ name: 'name: "web/app"', extra: 'stagse: []\nrollback: { scope: everything }' }))).toHaveLength(3);
  });
});

describe('valueAt', () => {
  it('the value at a path of keys and indexes; undefined past a leaf or a missing key', () => {
    const data = { a: { b: [10, { c: null }] } };
    expect([valueAt(data, []), valueAt(data, ['a', 'b', 0]), valueAt(data, ['a', 'b', 1, 'c']), valueAt(data, ['a', 'b', 1, 'c', 'd']), valueAt(data, ['a', 'b', 0, 'x']), valueAt(data, ['x', 'y'])]).toEqual([data, 10, null, undefined, undefined, undefined]);
  });
});
