import { mkdirSync, rmSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { BAD_INPUT_DIR, badFixtures } from '../helpers/bad-fixtures.js';
import { repoRoot, runAction, runCli } from '../helpers/run-action.js';

// The same realistic mistakes as __tests__/spec/bad-input.test.ts, through the bundles as users meet them: the CLI's
// stderr, `plan --json` on stdout, and the action's annotations on file, line and column.
const cases = badFixtures(BAD_INPUT_DIR);
const short = (text: string): string => text.replaceAll(`${BAD_INPUT_DIR}/`, '');
/** `NAME.yaml:12:5:` at the start of an expectation: where the annotation must be. */
const position = (expected: string) => /^([^:\s]+):(\d+):(\d+):/.exec(expected);

describe('bad input through the bundled CLI and action', () => {
  it.each(cases)('CLI plan: $spec exits 2 with file:line:col and a hint on stderr', async ({ spec, expects, env }) => {
    const run = await runCli(['plan', '--spec', spec, '--version', '1.0.0'], env);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    const lines = short(run.stderr).split('\n').filter((l) => /^ {2}\S+:\d+:\d+: /.test(l));
    expect(lines.length).toBeGreaterThan(0);
    for (const expected of expects) expect([expected, lines.some((l) => l.includes(expected))]).toEqual([expected, true]);
    for (const line of lines) expect(line).toMatch(/\(.+\)$/); // every problem line ends with its hint
  });

  it.each(cases)('CLI plan --json: $spec prints the problems as JSON on stdout and exits 2', async ({ spec, expects, env }) => {
    const run = await runCli(['plan', '--spec', spec, '--version', '1.0.0', '--json'], env);
    expect(run.code).toBe(2);
    const { problems } = JSON.parse(run.stdout) as { problems: { file: string; line: number; col: number; key: string | null; message: string; hint: string | null }[] };
    expect(problems.length).toBeGreaterThan(0);
    for (const p of problems) {
      expect(Object.keys(p)).toEqual(['file', 'line', 'col', 'key', 'message', 'hint']);
      expect(typeof p.hint).toBe('string');
    }
    const lines = problems.map((p) => short(`${p.file}:${p.line}:${p.col}:${p.key ? ` ${p.key}:` : ''} ${p.message} (${p.hint})`));
    for (const expected of expects) expect([expected, lines.some((l) => l.includes(expected))]).toEqual([expected, true]);
  });

  it.each(cases)('action: $spec fails with an annotation at the file, line and column, with the hint', async ({ spec, expects, env }) => {
    const run = await runAction({ command: 'plan', spec, version: '1.0.0' }, env);
    expect(run.code).toBe(1);
    expect(run.outputs.plan).toBeUndefined();
    const annotations = run.stdout.split('\n').filter((l) => l.startsWith('::error title=staged-rollout%3A spec problem,'));
    expect(annotations.length).toBeGreaterThan(0);
    for (const a of annotations) expect(a).toMatch(/::.+\(.+\)$/);
    for (const expected of expects) {
      const at = position(expected);
      if (!at) continue;
      const [, file, line, col] = at;
      const message = expected.slice(at[0].length).trim();
      const found = annotations.find((a) => a.includes(`file=${BAD_INPUT_DIR}/${file},line=${line},col=${col}::`));
      expect([expected, found !== undefined]).toEqual([expected, true]);
      expect(short(found!)).toContain(message.replace(/%/g, '%25'));
    }
  });
});

describe('the action refuses a spec input outside the workspace before reading it', () => {
  const link = path.join(repoRoot, '__tests__', 'fixtures', 'bad-input', 'outside-link.yaml');
  beforeAll(() => {
    rmSync(link, { force: true });
    mkdirSync(path.dirname(link), { recursive: true });
    symlinkSync('/etc/hostname', link);
  });
  afterAll(() => rmSync(link, { force: true }));

  it.each([
    ['../outside/rollout.yaml', 'input spec "../outside/rollout.yaml" lies outside the workspace'],
    ['examples/../../rollout.yaml', 'input spec "examples/../../rollout.yaml" lies outside the workspace'],
    ['/etc/passwd', 'input spec "/etc/passwd" is an absolute path; give the spec as a path relative to the repository root'],
    [`${BAD_INPUT_DIR}/outside-link.yaml`, `input spec "${BAD_INPUT_DIR}/outside-link.yaml" is a link to /etc/hostname, outside the workspace`],
  ])('refuses %s', async (spec, message) => {
    const run = await runAction({ command: 'plan', spec });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(`::error::${message}`);
    expect(run.outputs.plan).toBeUndefined();
  });
});

describe('warnings through the bundles', () => {
  const spec = '__tests__/fixtures/warnings/rollout.yaml';
  it('the CLI plans and prints the warning on stderr', async () => {
    const run = await runCli(['plan', '--spec', spec, '--version', '1.0.0']);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe(`staged-rollout: warning: ${spec}:15:52: stages[1].maxParallel: maxParallel 4 is more than the 1 region(s) stage broad can run at once (it has no effect above 1; lower it to 1, or leave it out)\n`);
  });

  it('the action plans and annotates the warning on its line', async () => {
    const run = await runAction({ command: 'plan', spec, version: '1.0.0' });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`::warning title=staged-rollout%3A spec warning,file=${spec},line=15,col=52::stages[1].maxParallel: maxParallel 4 is more than the 1 region(s)`);
    expect(JSON.parse(run.outputs.plan).stages[0].bakeMs).toBe(30 * 86_400_000);
  });
});
