import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { planCommand } from '../../src/commands/plan.js';
import { loadSpec } from '../../src/spec/load.js';
import { formatProblem, SpecError } from '../../src/spec/problems.js';
import { repoRoot } from '../helpers/run-action.js';

const basic = (mode: string) => loadSpec('examples/basic/rollout.yaml', { mode, version: '2.0.0', env: {}, repoRoot });

/** A throwaway repository with one spec and the templates it names. */
function tempRepo(spec: string, files: Record<string, unknown> = {}): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'staged-rollout-spec-'));
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), typeof content === 'string' ? content : JSON.stringify(content));
  }
  writeFileSync(path.join(dir, 'rollout.yaml'), spec);
  return dir;
}

const secureTemplate = {
  $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#',
  contentVersion: '1.0.0.0',
  parameters: { name: { type: 'string' }, password: { type: 'securestring' }, tier: { type: 'string', allowedValues: ['S1', 'P1'], defaultValue: 'S1' } },
  resources: [],
  outputs: { endpoint: { type: 'string', value: 'https://db.example' } },
};

const secureSpec = `name: svc
subscription: "{env.SUB}"
regions: { eastus: { short: eus, ring: "0" } }
components:
  db:
    perRegion: true
    resourceGroup: "svc-{region.short}-r{region.ring}"
    template: t.json
    parameters: { name: "db-{region}-{version}", password: "{env.DB_PASSWORD}" }
    health:
      url: "{outputs.endpoint}/healthz"
      headers: { x-api-key: "{env.PROBE_KEY}" }
stages: [{ name: one, regions: [eastus] }]
`;

describe('loadSpec', () => {
  it('resolves the basic example: five regions, three stages, interpolated per region', () => {
    const spec = basic('standard');
    expect(spec.stages.map((s) => [s.name, s.regions])).toEqual([
      ['canary', ['eastus']],
      ['pilot', ['westus', 'northeurope']],
      ['broad', ['westeurope', 'southeastasia']],
    ]);
    const app = spec.stamps.find((s) => s.id === 'app@westus')!;
    expect(app.resourceGroup).toBe('contoso-wus');
    expect(app.parameters.image).toEqual({ value: 'contoso/web:2.0.0', secure: false, source: 'spec' });
    expect(app.health?.url).toBe('{outputs.endpoint}/healthz');
    expect(spec.stamps.find((s) => s.id === 'global')).toMatchObject({ global: true, stage: 'canary', location: 'eastus' });
  });

  it('applies the hotfix overlay to bake and health windows, and leaves the rest as the standard mode has it', () => {
    const standard = basic('standard');
    const hotfix = basic('hotfix');
    const side = (s: typeof standard) => ({
      bakes: s.stages.map((x) => x.bakeMs),
      parallel: s.stages.map((x) => x.maxParallel),
      health: s.stamps.find((x) => x.id === 'app@eastus')!.health,
    });
    expect(side(standard)).toMatchObject({ bakes: [3_600_000, 14_400_000, 0], parallel: [1, 2, 2], health: { waitMs: 60_000, withinMs: 600_000, healthyForMs: 300_000, intervalMs: 10_000 } });
    // hotfix: { bake: 10m, health: { wait: 30s, healthyFor: 1m } }; the bake caps (broad keeps 0), within is untouched.
    expect(side(hotfix)).toMatchObject({ bakes: [600_000, 600_000, 0], parallel: [1, 2, 2], health: { waitMs: 30_000, withinMs: 600_000, healthyForMs: 60_000, intervalMs: 10_000 } });
  });

  it('marks secure parameters, collects their values for masking and never puts them in the plan', () => {
    const dir = tempRepo(secureSpec, { 't.json': secureTemplate });
    const env = { SUB: '00000000-0000-0000-0000-0000000000aa', DB_PASSWORD: 'hunter2-very-secret', PROBE_KEY: 'probe-key-123' };
    const { spec, plan } = planCommand({ specFile: 'rollout.yaml', mode: 'standard', version: '3.1.4', env, repoRoot: dir });
    expect(spec.secrets).toEqual(['hunter2-very-secret', 'probe-key-123']);
    const stamp = plan.stages[0].stamps[0];
    expect(stamp.parameters.password).toEqual({ secure: true, source: '{env.DB_PASSWORD}' });
    expect(stamp.resourceGroup).toBe('svc-eus-r0');
    expect(stamp.subscription).toBe(env.SUB);
    const json = JSON.stringify(plan);
    expect(json).not.toContain('hunter2');
    expect(json).not.toContain('probe-key-123');
  });

  it('rejects a value outside the template\'s allowedValues, and a wrong type, without echoing secure values', () => {
    const spec = secureSpec.replace('password: "{env.DB_PASSWORD}"', 'password: 42, tier: "P9"');
    const dir = tempRepo(spec, { 't.json': secureTemplate });
    const error = (() => {
      try {
        loadSpec('rollout.yaml', { mode: 'standard', version: '1', env: { SUB: '00000000-0000-0000-0000-0000000000aa', PROBE_KEY: 'k' }, repoRoot: dir });
      } catch (e) {
        return e as SpecError;
      }
      throw new Error('accepted');
    })();
    expect(error.message).toContain('parameter "tier": "P9" is not among the template\'s allowedValues (use one of: "S1", "P1")');
    expect(error.message).toContain('parameter "password" must be a string for the template');
    expect(error.message).not.toContain('42');
  });

  it('names an unknown mode with a suggestion', () => {
    expect(() => basic('hotfx')).toThrow(/mode "hotfx" is not defined in the spec \(did you mean "hotfix"\?\)/);
  });

  it('keeps regexes and JSON braces literal, and writes {{ as a brace', () => {
    const spec = secureSpec.replace('url: "{outputs.endpoint}/healthz"', `url: "{outputs.endpoint}/healthz?q={{x}}"\n      expect: { body: ['\\d{3}', '{"ok":true}'] }`);
    const dir = tempRepo(spec, { 't.json': secureTemplate });
    const loaded = loadSpec('rollout.yaml', { mode: 'standard', version: '1', env: { SUB: '00000000-0000-0000-0000-0000000000aa', DB_PASSWORD: 'x', PROBE_KEY: 'k' }, repoRoot: dir });
    expect(loaded.stamps[0].health?.url).toBe('{outputs.endpoint}/healthz?q={x}');
    expect(loaded.stamps[0].health?.expect.body).toEqual(['\\d{3}', '{"ok":true}']);
  });
});

describe('a health watch that watches nothing', () => {
  const template = { $schema: secureTemplate.$schema, contentVersion: '1.0.0.0', resources: [], outputs: { endpoint: { type: 'string', value: 'https://x' } } };
  const spec = (watch: string, modes = '') => `name: svc
subscription: "00000000-0000-0000-0000-000000000001"
regions: { eastus: {}, westus: {}, northeurope: {} }
components:
  app:
    perRegion: true
    resourceGroup: "svc-{region}"
    template: t.json
    health: { url: "{outputs.endpoint}/healthz", ${watch} }
stages:
  - { name: one, regions: [eastus], bake: 10m }
  - { name: two, regions: [westus], bake: 30m }
  - { name: three, regions: [northeurope] }
${modes}`;
  const warnings = (text: string, mode = 'standard') => loadSpec('rollout.yaml', { mode, version: '1', env: {}, repoRoot: tempRepo(text, { 't.json': template }) }).warnings.map(formatProblem);

  it('a watch as long as a bake is warned of once, naming every such bake; a stage without a bake has nothing to watch', () => {
    expect(warnings(spec('watch: 10m'))).toEqual([
      "rollout.yaml:9:57: components.app.health.watch: health watch 10m of app is not shorter than the 10m bake of stage one: nothing probes app during it, only the re-check at its end (make watch shorter than 10m, or leave it out to probe at the check's interval)",
    ]);
    expect(warnings(spec('watch: 1h'))).toEqual([
      "rollout.yaml:9:57: components.app.health.watch: health watch 1h of app is not shorter than the bakes of stages one (10m), two (30m): nothing probes app during them, only the re-checks at their end (make watch shorter than 10m, or leave it out to probe at the check's interval)",
    ]);
  });

  it('none for a watch shorter than every bake, or none at all', () => {
    expect(warnings(spec('watch: 9m59s'))).toEqual([]);
    expect(warnings(spec('interval: 10s'))).toEqual([]);
  });

  it('a mode\'s watch is pointed at in the mode, with the mode\'s bakes', () => {
    const text = spec('watch: 1m', 'modes:\n  hotfix: { bake: 2m, health: { watch: 5m } }\n');
    expect(warnings(text)).toEqual([]);
    expect(warnings(text, 'hotfix')).toEqual([
      "rollout.yaml:15:40: modes.hotfix.health.watch: health watch 5m of app is not shorter than the bakes of stages one (2m), two (2m): nothing probes app during them, only the re-checks at their end (make watch shorter than 2m, or leave it out to probe at the check's interval)",
    ]);
  });
});
