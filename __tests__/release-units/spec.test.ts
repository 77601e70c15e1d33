import { readFileSync } from 'node:fs';
import path from 'node:path';
import { planRollout } from '../../src/plan/planner.js';
import { loadSpec } from '../../src/spec/load.js';
import { SpecError } from '../../src/spec/problems.js';
import { repoRoot } from '../helpers/run-action.js';

const SPEC = 'examples/release-units/rollout.yaml';
const original = readFileSync(path.join(repoRoot, SPEC), 'utf8');
const load = (mode: string, version = '2.0.0', text?: string, unit?: string) => loadSpec(SPEC, { mode, version, env: {}, repoRoot, text, unit });

function problemsOf(text: string): string[] {
  try {
    load('standard', '2.0.0', text);
  } catch (error) {
    if (error instanceof SpecError) return error.problems.map((p) => `${p.line}:${p.col}: ${p.message}`);
    throw error;
  }
  throw new Error('the spec loaded without problems');
}

const lineOf = (needle: string): number => original.split('\n').findIndex((l) => l.includes(needle)) + 1;

describe('release units in the spec', () => {
  it('names the unit after the version and puts its stamps in resource groups of their own', () => {
    const spec = load('standard');
    expect(spec.releaseUnits).toMatchObject({ strategy: 'releaseUnit', unit: 'v2-0-0', components: ['app'], onAbort: 'keep' });
    expect(spec.stamps.filter((s) => s.component === 'app').map((s) => s.resourceGroup)).toEqual(['shop-v2-0-0-eus', 'shop-v2-0-0-weu']);
    expect(spec.releaseUnits!.traffic.steps).toEqual([
      { weight: 10, bakeMs: 86_400_000, environment: 'prod-traffic-10' },
      { weight: 50, bakeMs: 86_400_000, environment: 'prod-traffic-50' },
      { weight: 100, bakeMs: 14_400_000, environment: 'prod-traffic-100' },
    ]);
    expect(spec.releaseUnits!.traffic.health).toEqual([{ metric: 'errorRatio', maxErrorRatio: 0.01, windowMs: 7_200_000, minRequests: 20 }]);
    expect(spec.releaseUnits!.teardown).toEqual({ environment: 'prod-teardown', checks: [{ metric: 'noTraffic', maxErrorRatio: 0.01, windowMs: 3_600_000, minRequests: 0 }] });
  });

  it('keeps the traffic component out of the stages: the controller deploys it per weight step', () => {
    const plan = planRollout(load('standard'));
    expect(plan.stages.map((s) => s.stamps.map((t) => t.id))).toEqual([['app@eastus'], ['app@westeurope']]);
    expect(plan.releaseUnits!.traffic.stamp).toMatchObject({ id: 'frontdoor', resourceGroup: 'shop-global', parameters: { origins: { value: [] } } });
  });

  it('int caps every step bake; hotfix goes in place into the unit it is given', () => {
    expect(load('int').releaseUnits!.traffic.steps.map((s) => s.bakeMs)).toEqual([300_000, 300_000, 300_000]);
    expect(load('int').releaseUnits!.traffic.intervalMs).toBe(60_000);
    const hotfix = load('hotfix', '2.0.1', undefined, 'v2-0-0');
    expect(hotfix.releaseUnits).toMatchObject({ strategy: 'inPlace', unit: 'v2-0-0' });
    expect(hotfix.stamps.filter((s) => s.component === 'app').map((s) => s.resourceGroup)).toEqual(['shop-v2-0-0-eus', 'shop-v2-0-0-weu']);
  });

  it('reports the mistakes of the release-unit keys with their positions', () => {
    const text = original
      .replace('resourceGroup: "shop-{unit}-{region.short}"', 'resourceGroup: "shop-{region.short}"')
      .replace('{ weight: 50, bake: 1d', '{ weight: 5, bake: 1d')
      .replace('{ weight: 100, bake: 4h', '{ weight: 90, bake: 4h')
      .replace('component: frontdoor', 'component: app')
      .replace('window: 1h', 'window: soon');
    const problems = problemsOf(text);
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(new RegExp(`^${lineOf('resourceGroup: "shop-{unit}')}:\\d+: the resource group of unit component "app" must hold \\{unit\\}`)),
        expect.stringMatching(new RegExp(`^${lineOf('weight: 50')}:\\d+: weight 5 does not grow from the step before \\(10\\)`)),
        expect.stringMatching(new RegExp(`^${lineOf('weight: 100')}:\\d+: the last step sends 90% to the new unit; it must end at 100`)),
        expect.stringMatching(new RegExp(`^${lineOf('component: frontdoor')}:\\d+: the traffic component "app" must be global`)),
        expect.stringMatching(new RegExp(`^${lineOf('window: 1h')}:\\d+: "soon" is not a duration`)),
      ]),
    );
  });

  it('wants traffic with releaseUnits, and releaseUnits for {unit}', () => {
    const noTraffic = original.slice(0, original.indexOf('traffic:\n')) + original.slice(original.indexOf('stages:\n')).replace(/\n  int: .*\n/, '\n');
    expect(problemsOf(noTraffic)).toEqual(expect.arrayContaining([expect.stringContaining('release units need a traffic section')]));
    const noUnits = original.replace(/releaseUnits:\n(  .*\n)+/, '');
    expect(problemsOf(noUnits)).toEqual(expect.arrayContaining([expect.stringContaining('{unit} is used but the spec declares no releaseUnits'), expect.stringContaining('traffic steps need releaseUnits')]));
  });
});
