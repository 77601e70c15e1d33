import fc from 'fast-check';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse, stringify } from 'yaml';
import { startArmSim, trustSimCa, type ArmSim } from '../../sim/index.js';
import { LocalEndpointCredential } from '../../src/azure/credentials.js';
import { ArmDeployer } from '../../src/azure/deployer.js';
import { deployCommand } from '../../src/commands/deploy.js';
import { MemoryJournal } from '../../src/engine/journal.js';
import { findCollisions } from '../../src/plan/collisions.js';
import { planRollout } from '../../src/plan/planner.js';
import { VirtualClock } from '../../src/time/clock.js';
import { parseDuration } from '../../src/time/duration.js';
import { loadSpec } from '../../src/spec/load.js';
import { SpecError } from '../../src/spec/problems.js';

// One repository of templates shared by every generated spec; the spec text itself is passed in memory.
const repo = mkdtempSync(path.join(tmpdir(), 'staged-rollout-prop-'));
writeFileSync(
  path.join(repo, 't.json'),
  JSON.stringify({ contentVersion: '1.0.0.0', parameters: { name: { type: 'string' }, size: { type: 'int', defaultValue: 1 } }, resources: [], outputs: { host: { type: 'string', value: 'h' } } }),
);

// Under mutation testing (a Stryker worker) each mutant reruns this file: a tenth of the runs still finds what breaks.
const runs = (n: number): number => (process.env.STRYKER_MUTATOR_WORKER ? Math.ceil(n / 10) : n);

const REGIONS = ['eastus', 'westus', 'northeurope', 'westeurope', 'southeastasia', 'japaneast', 'brazilsouth'];
const DURATIONS = ['0', '90s', '10m', '4h', '1d', 'PT24H', '1h30m'];

const specArb = fc
  .record({
    regionCount: fc.integer({ min: 1, max: REGIONS.length }),
    stageCuts: fc.array(fc.boolean(), { minLength: REGIONS.length, maxLength: REGIONS.length }),
    components: fc.array(
      fc.record({ perRegion: fc.boolean(), deploy: fc.constantFrom('always', 'onChange', 'never'), health: fc.boolean(), requiresPrev: fc.boolean() }),
      { minLength: 1, maxLength: 4 },
    ),
    bakes: fc.array(fc.constantFrom(...DURATIONS), { minLength: REGIONS.length, maxLength: REGIONS.length }),
    parallel: fc.integer({ min: 1, max: 4 }),
    scope: fc.constantFrom('stamp', 'stage', 'rollout', 'none'),
  })
  .map((g) => {
    const regions = REGIONS.slice(0, g.regionCount);
    const stages: { name: string; regions: string[]; bake: string; maxParallel: number }[] = [];
    regions.forEach((region, i) => {
      if (i === 0 || g.stageCuts[i]) stages.push({ name: `s${stages.length}`, regions: [], bake: g.bakes[i], maxParallel: g.parallel });
      stages[stages.length - 1].regions.push(region);
    });
    const components: Record<string, unknown> = {};
    g.components.forEach((c, i) => {
      const prev = i > 0 && c.requiresPrev && (c.perRegion || !g.components[i - 1].perRegion) ? [`c${i - 1}`] : undefined;
      components[`c${i}`] = {
        ...(c.perRegion ? { perRegion: true } : { location: 'eastus' }),
        resourceGroup: c.perRegion ? `rg-{region}-c${i}` : `rg-global-c${i}`,
        template: 't.json',
        parameters: { name: c.perRegion ? `c${i}-{region.short}-{version}` : `c${i}-{rollout}-{version}` },
        deploy: c.deploy,
        ...(prev ? { requires: prev } : {}),
        ...(c.health ? { health: { url: 'https://{outputs.host}/healthz', interval: '10s', within: '5m', healthyFor: '1m' } } : {}),
      };
    });
    return stringify({
      name: 'prop',
      subscription: '00000000-0000-0000-0000-000000000001',
      regions: Object.fromEntries(regions.map((r) => [r, { short: r.slice(0, 3) }])),
      components,
      stages,
      modes: { hotfix: { bake: '10m', health: { healthyFor: '30s' } } },
      rollback: { scope: g.scope },
    });
  });

/** Edits a person (or a bad merge) might make to a valid spec. */
const mutationArb = fc.oneof(
  fc.record({ kind: fc.constant('delete-line' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('duplicate-line' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('replace-char' as const), at: fc.nat(), char: fc.constantFrom(':', '{', '}', '[', ']', '-', ' ', '\t', '"', "'", 'x', '0', '#', '&', '*', '!') }),
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('rename' as const), from: fc.constantFrom('regions', 'template', 'bake', 'name', 'requires', 'perRegion', 'stages', 'eastus', 'c0', 'healthyFor'), to: fc.constantFrom('regoins', 'templat', 'bakeTime', '', 'c9', 'westus', '{env.NOPE}', '1', 'null', '[]') }),
);

function mutate(text: string, m: fc.Arbitrary<unknown> extends never ? never : { kind: string; at?: number; char?: string; from?: string; to?: string }): string {
  const lines = text.split('\n');
  const line = (m.at ?? 0) % lines.length;
  switch (m.kind) {
    case 'delete-line':
      return lines.filter((_, i) => i !== line).join('\n');
    case 'duplicate-line':
      return [...lines.slice(0, line + 1), lines[line], ...lines.slice(line + 1)].join('\n');
    case 'replace-char': {
      const pos = (m.at ?? 0) % Math.max(1, text.length);
      return text.slice(0, pos) + m.char + text.slice(pos + 1);
    }
    case 'truncate':
      return text.slice(0, (m.at ?? 0) % Math.max(1, text.length));
    default:
      return text.replace(m.from!, m.to!);
  }
}

/** The loader's whole contract: a LoadedSpec, or a SpecError whose every problem has a position. */
function loadOrProblems(text: string, mode: string, env: Record<string, string> = {}): ReturnType<typeof loadSpec> | undefined {
  try {
    return loadSpec('rollout.yaml', { mode, version: '1.2.3', env, repoRoot: repo, text, checkStamps: findCollisions });
  } catch (error) {
    if (!(error instanceof SpecError)) throw error;
    expect(error.problems.length).toBeGreaterThan(0);
    // A position a person can open: a line of the text (or the one just past its end), a column on that line.
    const lines = text.split('\n');
    for (const p of error.problems) {
      expect(p.file).toBe('rollout.yaml');
      expect(p.line).toBeGreaterThanOrEqual(1);
      expect(p.line).toBeLessThanOrEqual(lines.length + 1);
      expect(p.col).toBeGreaterThanOrEqual(1);
      expect(p.col).toBeLessThanOrEqual((lines[p.line - 1] ?? '').length + 1);
      expect(p.message.length).toBeGreaterThan(0);
      expect([p.message, (p.hint ?? '').length > 0]).toEqual([p.message, true]);
    }
    return undefined;
  }
}

describe('the loader on generated specs', () => {
  it('accepts every generated valid spec and plans it deterministically', () => {
    fc.assert(
      fc.property(specArb, fc.constantFrom('standard', 'hotfix'), (text, mode) => {
        const spec = loadOrProblems(text, mode);
        expect(spec).toBeDefined();
        expect(JSON.stringify(planRollout(spec!))).toBe(JSON.stringify(planRollout(loadOrProblems(text, mode)!)));
      }),
      { numRuns: runs(400) },
    );
  });

  it('on mutated specs throws nothing but a spec error with positions, and plans whatever it accepts deterministically', () => {
    let rejected = 0;
    fc.assert(
      fc.property(specArb, fc.array(mutationArb, { minLength: 1, maxLength: 3 }), (text, mutations) => {
        const mutated = mutations.reduce((t, m) => mutate(t, m), text);
        const spec = loadOrProblems(mutated, 'standard');
        if (spec === undefined) rejected++;
        // Deterministic across independent loads of the same text, not merely one object planned twice.
        else expect(JSON.stringify(planRollout(spec))).toBe(JSON.stringify(planRollout(loadOrProblems(mutated, 'standard')!)));
      }),
      { numRuns: runs(1000) },
    );
    // The mutations must mostly break something, or this test would prove little.
    expect(rejected).toBeGreaterThan(runs(1000) * 0.4);
  });
});

/** Problems of a spec that must be refused, as one string; fails the property when it is accepted. */
function refused(text: string, env: Record<string, string> = {}): string {
  try {
    loadSpec('rollout.yaml', { mode: 'standard', version: '1.2.3', env, repoRoot: repo, text, checkStamps: findCollisions });
  } catch (error) {
    if (error instanceof SpecError) return error.message;
    throw error;
  }
  throw new Error(`accepted:\n${text}`);
}

type Spec = { subscription: string; regions: Record<string, { short: string }>; components: Record<string, Record<string, unknown>>; stages: { bake: string }[] };

describe('the loader on mistakes that once reached ARM', () => {
  it('refuses a placeholder with a missing brace, wherever it is', () => {
    fc.assert(
      fc.property(specArb, fc.nat(), fc.boolean(), (text, at, dropOpening) => {
        const placeholders = [...text.matchAll(/\{(?:region\.short|region|version|rollout)\}/g)];
        fc.pre(placeholders.length > 0);
        const m = placeholders[at % placeholders.length];
        const cut = dropOpening ? m.index! : m.index! + m[0].length - 1;
        const problems = refused(text.slice(0, cut) + text.slice(cut + 1));
        expect(problems).toMatch(dropOpening ? /has no opening \{ \(write \{[a-z.]+\}\)/ : /has no closing \} \(write \{[a-z.]+\}\)/);
      }),
      { numRuns: 200 },
    );
  });

  it('refuses an environment value that is set but empty, at the line that uses it', () => {
    fc.assert(
      fc.property(specArb, fc.constantFrom('', ' ', '\t'), fc.boolean(), (text, empty, inParameter) => {
        const spec = parse(text) as Spec;
        if (inParameter) Object.values(spec.components)[0].parameters = { name: 'n-{env.WEB_NAME}' };
        else spec.subscription = '{env.WEB_NAME}';
        expect(refused(stringify(spec), { WEB_NAME: empty })).toMatch(/rollout\.yaml:\d+:\d+: (subscription|components\.c0\.parameters\.name): environment variable WEB_NAME is set but empty/);
      }),
      { numRuns: 100 },
    );
  });

  it('refuses stamps that collide: shared shorts into one resource group, deployment names without the region', () => {
    fc.assert(
      fc.property(specArb, fc.boolean(), (text, byName) => {
        const spec = parse(text) as Spec;
        const perRegion = Object.entries(spec.components).find(([, c]) => c.perRegion === true);
        fc.pre(Object.keys(spec.regions).length >= 2 && perRegion !== undefined);
        const [name, component] = perRegion!;
        if (byName) Object.assign(component, { deploymentName: '{rollout}-{component}-{version}', resourceGroup: 'rg-shared' });
        else {
          for (const region of Object.values(spec.regions)) region.short = 'same';
          component.resourceGroup = 'rg-{region.short}';
        }
        const problems = refused(stringify(spec));
        const both = new RegExp(`${name}@\\w+ and ${name}@\\w+ would ${byName ? 'both write deployment' : 'deploy t\\.json with the same parameters'}`);
        expect(problems).toMatch(both);
      }),
      { numRuns: 150 },
    );
  });

  it('accepts waits up to 30 days and refuses longer ones at their line', () => {
    fc.assert(
      fc.property(specArb, fc.constantFrom('24d', '25d', '30d', 'P30D', '720h', '4w', '721h', '31d', '5w', 'P31D', '30d1s', '1000d'), fc.nat(), (text, bake, at) => {
        const spec = parse(text) as Spec;
        const i = at % spec.stages.length;
        spec.stages[i].bake = bake;
        const edited = stringify(spec);
        if (parseDuration(bake)! <= 30 * 86_400_000) {
          expect(loadOrProblems(edited, 'standard')?.stages[i].bakeMs).toBe(parseDuration(bake));
        } else {
          expect(refused(edited)).toMatch(new RegExp(`stages\\[${i}\\]\\.bake: a bake of \\S+ is longer than the 30 days staged-rollout can wait`));
        }
      }),
      { numRuns: 150 },
    );
  });
});

describe('mutated specs the loader accepts, deployed to the local ARM endpoint', () => {
  let sim: ArmSim;
  let clock: VirtualClock;
  beforeAll(async () => {
    clock = new VirtualClock(Date.UTC(2026, 0, 1)).start();
    sim = await startArmSim({ clock, deploymentLatencyMs: 5_000 });
    trustSimCa(sim.ca);
  });
  afterAll(async () => {
    await sim.stop();
    clock.stop();
  });

  it('never get a write that ARM refuses as invalid input', async () => {
    let deployed = 0;
    await fc.assert(
      fc.asyncProperty(specArb, fc.array(mutationArb, { minLength: 1, maxLength: 2 }), async (text, mutations) => {
        const mutated = mutations.reduce((t, m) => mutate(t, m), text);
        fc.pre(loadOrProblems(mutated, 'standard') !== undefined);
        writeFileSync(path.join(repo, 'rollout.yaml'), mutated);
        const before = sim.requests.length;
        await deployCommand({
          specFile: 'rollout.yaml', mode: 'standard', version: `v${deployed}`, env: {}, repoRoot: repo, stage: 'all', dryRun: false,
          clock, journal: new MemoryJournal(), reporter: { event: () => undefined }, signal: new AbortController().signal,
          deployer: (spec) => new ArmDeployer({ credential: new LocalEndpointCredential(), endpoint: sim.endpoint, clock, spec, pollMs: { first: 1_000, max: 5_000 } }),
          prober: { probe: async () => ({ healthy: true, status: 200, latencyMs: 1, detail: 'ok' }) },
        });
        deployed++;
        const refusedWrites = sim.requests.slice(before).filter((r) => ['PUT', 'POST', 'PATCH', 'DELETE'].includes(r.method) && r.status >= 400 && r.status < 500);
        expect(refusedWrites.map((r) => `${r.method} ${r.path} ${r.status}`)).toEqual([]);
      }),
      { numRuns: 25 },
    );
    expect(deployed).toBeGreaterThan(5);
  });
});
