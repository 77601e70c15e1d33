import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startGitHubSim, type GitHubSim } from '../../sim/github/index.js';
import { repoRoot, runAction, runCli } from '../helpers/run-action.js';

const committed = 'examples/workflows/rollout.yml';

describe('plan checks the committed workflow against the spec', () => {
  it('says nothing when it matches', async () => {
    const run = await runAction({ command: 'plan', spec: 'examples/basic/rollout.yaml', workflow: committed });
    expect(run.code).toBe(0);
    expect(run.stdout).not.toContain('::warning');
  });

  it('warns for each difference, and fails with strict: true', async () => {
    // The committed workflow, with the pilot stage's job removed and broad's environment changed.
    const drifted = path.join('__tests__', 'fixtures', `drifted-${process.pid}.yml`);
    const text = readFileSync(path.join(repoRoot, committed), 'utf8').replace(/\n {2}pilot:\n[\s\S]*?(?=\n {2}# Stage 3)/, '').replace('environment: prod\n', 'environment: production\n');
    writeFileSync(path.join(repoRoot, drifted), text);
    try {
      const warn = await runAction({ command: 'plan', spec: 'examples/basic/rollout.yaml', workflow: drifted });
      expect(warn.code).toBe(0);
      const warnings = warn.stdout.split('\n').filter((l) => l.startsWith('::warning'));
      expect(warnings.join('\n')).toContain('stage pilot (environment prod-pilot) has no job');
      expect(warnings.join('\n')).toContain('the spec says prod');
      expect(warnings[0]).toContain(`file=${drifted}`);
      const strict = await runAction({ command: 'plan', spec: 'examples/basic/rollout.yaml', workflow: drifted, strict: 'true' });
      expect(strict.code).toBe(1);
      expect(strict.stdout).toContain(`::error::${drifted} no longer matches examples/basic/rollout.yaml`);
    } finally {
      writeFileSync(path.join(repoRoot, drifted), '');
      (await import('node:fs')).rmSync(path.join(repoRoot, drifted));
    }
  });
});

describe('the workflow and environments commands of the CLI', () => {
  it('writes the workflow the spec asks for, and --check passes on it', async () => {
    const out = path.join(mkdtempSync(path.join(tmpdir(), 'staged-rollout-wf-')), 'rollout.yml');
    const write = await runCli(['workflow', '--spec', 'examples/basic/rollout.yaml', '--out', out]);
    expect(write.code).toBe(0);
    expect(readFileSync(out, 'utf8')).toBe(readFileSync(path.join(repoRoot, committed), 'utf8'));
    const check = await runCli(['workflow', '--spec', 'examples/basic/rollout.yaml', '--out', out, '--check']);
    expect(check.code).toBe(0);
    writeFileSync(out, readFileSync(out, 'utf8').replace('environment: prod-canary', 'environment: canary'));
    const drift = await runCli(['workflow', '--spec', 'examples/basic/rollout.yaml', '--out', out, '--check']);
    expect(drift.code).toBe(1);
    expect(drift.stdout).toContain('deploys stage canary in environment canary; the spec says prod-canary');
  });

  describe('against the local GitHub API', () => {
    let github: GitHubSim;
    beforeAll(async () => {
      github = await startGitHubSim({ repos: ['contoso/web'] });
    });
    afterAll(async () => {
      await github.stop();
    });
    const environments = (...flags: string[]) =>
      runCli(['environments', '--spec', 'examples/basic/rollout.yaml', '--repo', 'contoso/web', '--api-url', github.url, ...flags], { GH_TOKEN: 'admin-token' });

    it('reports with --dry-run, then creates the stage environments with wait timers from the bakes', async () => {
      const dry = await environments('--dry-run');
      expect(dry.code).toBe(0);
      expect(dry.stdout).toMatch(/prod-pilot[\s\S]*wait_timer[\s\S]*60/);
      const before = (await fetch(`${github.url}/repos/contoso/web/environments`, { headers: { authorization: 'token admin-token' } }).then((r) => r.json())) as { total_count: number };
      expect(before.total_count).toBe(0);
      const apply = await environments();
      expect(apply.code).toBe(0);
      const envs = (await fetch(`${github.url}/repos/contoso/web/environments`, { headers: { authorization: 'token admin-token' } }).then((r) => r.json())) as { environments: { name: string; protection_rules: { type: string; wait_timer?: number }[] }[] };
      const timers = Object.fromEntries(envs.environments.map((e) => [e.name, e.protection_rules.find((r) => r.type === 'wait_timer')?.wait_timer ?? 0]));
      expect(timers).toEqual({ 'prod-canary': 0, 'prod-pilot': 60, prod: 240 });
      const again = await environments('--dry-run');
      expect(again.stdout).not.toMatch(/wait_timer: \d+ -> /);
    });

    it('refuses without a token, naming what it needs', async () => {
      const run = await runCli(['environments', '--spec', 'examples/basic/rollout.yaml', '--repo', 'contoso/web', '--api-url', github.url]);
      expect(run.code).toBe(2);
      expect(run.stderr).toContain('set GH_TOKEN (or GITHUB_TOKEN) to a token with administration: write');
    });
  });
});
