import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { planCommand } from '../../src/commands/plan.js';
import { SpecError } from '../../src/spec/problems.js';
import { repoRoot } from '../helpers/run-action.js';

// Each broken spec says what it expects in `# expect:` lines, so a new one needs no test change.
const badDir = path.join(repoRoot, 'examples', 'bad');
const cases = readdirSync(badDir)
  .filter((f) => f.endsWith('.yaml'))
  .map((file) => ({
    file,
    expects: [...readFileSync(path.join(badDir, file), 'utf8').matchAll(/^# expect: (.+)$/gm)].map((m) => m[1]),
  }));

function reject(file: string): SpecError {
  try {
    planCommand({ specFile: `examples/bad/${file}`, mode: 'standard', version: '1.0.0', env: {}, repoRoot });
  } catch (error) {
    if (error instanceof SpecError) return error;
    throw error;
  }
  throw new Error(`${file} was accepted and planned`);
}

describe('examples/bad', () => {
  it('has a broken spec for each kind of mistake, each with expectations', () => {
    expect(cases.length).toBeGreaterThanOrEqual(20);
    for (const c of cases) expect(c.expects.length).toBeGreaterThan(0);
  });

  it.each(cases)('rejects $file with its own message at file:line:col', ({ file, expects }) => {
    const error = reject(file);
    for (const expected of expects) expect(error.message).toContain(expected);
    for (const problem of error.problems) {
      expect(problem.line).toBeGreaterThan(1); // line 1 is each fixture's comment: a real position was found
      expect(problem.col).toBeGreaterThanOrEqual(1);
      expect(problem.file).toMatch(/^examples\/bad\//);
    }
    expect(error.message).toMatch(/^The rollout spec has \d+ problems?; nothing was deployed:\n {2}examples\/bad\/[^:]+:\d+:\d+: /);
  });

  it('gives every broken spec a message of its own', () => {
    const firsts = cases.map((c) => reject(c.file).problems.map((p) => p.message).join('|'));
    expect(new Set(firsts).size).toBe(cases.length);
  });

  it('reports all three independent mistakes in one pass, in line order', () => {
    const error = reject('three-mistakes.yaml');
    expect(error.problems.map((p) => [p.line, p.message])).toEqual([
      [14, 'template "templates/missing.json" does not exist (looked for examples/bad/templates/missing.json)'],
      [17, '"soon" is not a duration'],
      [18, 'region "centralus" is not defined under regions'],
    ]);
  });

  it('points a JSON syntax error at the line and column inside the template', () => {
    const [problem] = reject('template-invalid-json.yaml').problems;
    expect(problem).toMatchObject({ file: 'examples/bad/templates/broken.json', line: 4, col: 53 });
  });
});
