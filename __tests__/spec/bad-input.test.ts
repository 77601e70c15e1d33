import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { planCommand } from '../../src/commands/plan.js';
import { formatProblem, SpecError } from '../../src/spec/problems.js';
import { BAD_INPUT_DIR, badFixtures } from '../helpers/bad-fixtures.js';
import { repoRoot } from '../helpers/run-action.js';

const cases = badFixtures(BAD_INPUT_DIR);
const examples = badFixtures('examples/bad');

function reject(spec: string, env: Record<string, string>): SpecError {
  try {
    planCommand({ specFile: spec, mode: 'standard', version: '1.0.0', env, repoRoot });
  } catch (error) {
    if (error instanceof SpecError) return error;
    throw error;
  }
  throw new Error(`${spec} was accepted and planned`);
}

describe('realistic mistakes (__tests__/fixtures/bad-input)', () => {
  it('has a fixture for each, each with expectations', () => {
    expect(cases.length).toBeGreaterThanOrEqual(20);
    for (const c of cases) expect([c.spec, c.expects.length > 0]).toEqual([c.spec, true]);
  });

  it.each(cases)('rejects $spec at the exact file:line:col, with a hint', ({ spec, expects, env }) => {
    const error = reject(spec, env);
    const lines = error.problems.map((p) => formatProblem(p).replaceAll(`${BAD_INPUT_DIR}/`, ''));
    for (const expected of expects) expect([expected, lines.some((l) => l.includes(expected))]).toEqual([expected, true]);
  });

  it.each([...cases, ...examples])('gives every problem of $spec a hint', ({ spec, env }) => {
    for (const p of reject(spec, env).problems) expect([formatProblem(p), (p.hint ?? '').length > 0]).toEqual([formatProblem(p), true]);
  });

  it('reports only what is wrong: no knock-on problem restates another', () => {
    expect(reject(`${BAD_INPUT_DIR}/one-pass.yaml`, {}).problems).toHaveLength(3);
  });
});

describe('warnings', () => {
  it('a maxParallel above the stage\'s regions is a warning at its line, and the spec (with a 30-day bake) loads', () => {
    const warnings: string[] = [];
    const { plan } = planCommand({ specFile: '__tests__/fixtures/warnings/rollout.yaml', mode: 'standard', version: '1.0.0', env: {}, repoRoot, onWarnings: (w) => warnings.push(...w.map(formatProblem)) });
    expect(plan.stages.map((s) => s.bakeMs)).toEqual([30 * 86_400_000, 0]);
    expect(warnings).toEqual([
      '__tests__/fixtures/warnings/rollout.yaml:15:52: stages[1].maxParallel: maxParallel 4 is more than the 1 region(s) stage broad can run at once (it has no effect above 1; lower it to 1, or leave it out)',
    ]);
  });
});

describe('templates as ARM reads them', () => {
  const spec = (template: string) => `name: web
subscription: "00000000-0000-0000-0000-000000000001"
regions: { eastus: { short: eus } }
components:
  app: { perRegion: true, resourceGroup: "web-{region.short}", template: ${template}, parameters: { siteName: web } }
stages:
  - { name: canary, regions: [eastus] }
`;
  function repoWith(files: Record<string, string>, template: string): string {
    const dir = mkdtempSync(path.join(tmpdir(), 'staged-rollout-arm-'));
    for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dir, name), text);
    writeFileSync(path.join(dir, 'rollout.yaml'), spec(template));
    return dir;
  }
  const load = (dir: string) => planCommand({ specFile: 'rollout.yaml', mode: 'standard', version: '1.0.0', env: {}, repoRoot: dir });

  it('reads comments and trailing commas, and sends ARM plain JSON', () => {
    const { spec: loaded } = load(repoWith({ 't.json': '{\n  // a comment\n  "parameters": { "siteName": { "type": "string" }, },\n  /* resources: */ "resources": [],\n}\n' }, 't.json'));
    expect(loaded.stamps[0].template.content).toEqual({ parameters: { siteName: { type: 'string' } }, resources: [] });
  });

  it('points a syntax error after comments at its line and column in the file', () => {
    const text = '{\n  /* two\n     lines */ "parameters": {},\n  // one\n  "resources": [ } ]\n}\n';
    expect(() => load(repoWith({ 't.json': text }, 't.json'))).toThrow(SpecError);
    try {
      load(repoWith({ 't.json': text }, 't.json'));
    } catch (error) {
      expect((error as SpecError).problems[0]).toMatchObject({ file: 't.json', line: 5, col: 18, message: expect.stringContaining('template is not valid JSON') });
    }
  });

  it('refuses a deployment request over ARM\'s 4 MB, naming the stamp', () => {
    const big = JSON.stringify({ parameters: { siteName: { type: 'string' } }, variables: { blob: 'x'.repeat(4 * 1024 * 1024) }, resources: [] });
    expect(() => load(repoWith({ 't.json': big }, 't.json'))).toThrow(/rollout\.yaml:5:\d+: components\.app\.template: app@eastus: the deployment request would be 4\.0 MB; ARM accepts at most 4 MB \(move large values/);
  });
});
