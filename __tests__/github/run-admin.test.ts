import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startGitHubSim, type GitHubSim } from '../../sim/github/index.js';
import { readInputs } from '../../src/github/inputs.js';
import { runEnvironments, runWorkflow } from '../../src/github/run-admin.js';
import { actionHarness, repoRoot } from '../helpers/in-process-action.js';

const harness = actionHarness();
const SPEC = 'examples/basic/rollout.yaml';
const committed = readFileSync(path.join(repoRoot, 'examples/workflows/rollout.yml'), 'utf8');
let github: GitHubSim;
const out = mkdtempSync(path.join(tmpdir(), 'staged-rollout-run-admin-'));
beforeAll(async () => {
  github = await startGitHubSim({ repos: ['contoso/web'] });
});
afterAll(async () => {
  await github.stop();
  harness.cleanup();
  rmSync(out, { recursive: true, force: true });
});

describe('runWorkflow', () => {
  it('writes the per-stage workflow where the workflow input says, creating its folder, and outputs its text', async () => {
    const file = path.join(out, 'new', 'folder', 'rollout.yml');
    const run = await harness.run({ command: 'workflow', spec: SPEC, workflow: file }, () => runWorkflow(readInputs()));
    expect([run.error, run.exitCode]).toEqual([undefined, undefined]);
    expect(readFileSync(file, 'utf8')).toBe(committed);
    expect(run.outputs).toEqual({ workflow: committed });
    expect(run.stdout).toBe(`wrote ${path.relative(repoRoot, file)}\n`);
  });

  it('by default writes .github/workflows/<name>.yml of the workspace', async () => {
    const ws = mkdtempSync(path.join(out, 'ws-'));
    const { cpSync } = await import('node:fs');
    cpSync(path.join(repoRoot, 'examples/basic'), path.join(ws, 'examples/basic'), { recursive: true });
    const run = await harness.run({ command: 'workflow', spec: SPEC }, () => runWorkflow(readInputs()), { GITHUB_WORKSPACE: ws });
    expect(run.stdout).toBe('wrote .github/workflows/contoso-web.yml\n');
    expect(readFileSync(path.join(ws, '.github/workflows/contoso-web.yml'), 'utf8')).toBe(committed);
  });
});

describe('runEnvironments', () => {
  const environments = (inputs: Record<string, string>, env: Record<string, string> = {}) =>
    harness.run({ command: 'environments', spec: SPEC, ...inputs }, () => runEnvironments(readInputs()), { GITHUB_API_URL: github.url, ...env });
  const timers = async () => {
    const body = (await (await fetch(`${github.url}/repos/contoso/web/environments`, { headers: { authorization: 'token admin-token' } })).json()) as {
      environments: { name: string; protection_rules: { type: string; wait_timer?: number }[] }[];
    };
    return Object.fromEntries(body.environments.map((e) => [e.name, e.protection_rules.find((r) => r.type === 'wait_timer')?.wait_timer ?? 0]));
  };

  it('needs a token, saying which', async () => {
    const run = await environments({});
    expect([(run.error as Error).name, (run.error as Error).message]).toEqual(['InputError', 'environments needs token: a token with administration: write (GITHUB_TOKEN cannot change environments)']);
  });

  it('needs owner/name in GITHUB_REPOSITORY', async () => {
    const run = await environments({ token: 'admin-token' }, { GITHUB_REPOSITORY: 'web' });
    expect((run.error as Error).message).toBe('GITHUB_REPOSITORY is "web"; it must be owner/name (the runner sets it)');
  });

  it('dry-run: true reports and changes nothing; then it creates the environments with wait timers from the bakes', async () => {
    const dry = await environments({ token: 'admin-token', 'dry-run': 'true' });
    expect([dry.error, dry.exitCode]).toEqual([undefined, undefined]);
    const text = [
      'Environments (dry run: nothing changed):',
      '  prod-canary (stage canary): would create',
      '    deployment_branch_policy: any branch -> protected branches',
      '  prod-pilot (stage pilot): would create',
      '    wait_timer: 0 min -> 60 min',
      '    deployment_branch_policy: any branch -> protected branches',
      '  prod (stage broad): would create',
      '    wait_timer: 0 min -> 240 min',
      '    deployment_branch_policy: any branch -> protected branches',
      '  note: only protected branches may deploy to these environments: the branch the rollout runs from needs a branch protection rule (or ruleset)',
    ].join('\n');
    expect(dry.stdout).toBe(`${text}\n`);
    expect(dry.summary).toBe(`## Stage environments (dry run)\n\n\`\`\`\n${text}\n\`\`\`\n\n`);
    expect(await timers()).toEqual({});
    const apply = await environments({ token: 'admin-token' });
    expect(apply.summary.startsWith('## Stage environments\n\n```\n')).toBe(true);
    expect(await timers()).toEqual({ 'prod-canary': 0, 'prod-pilot': 60, prod: 240 });
  });
});
