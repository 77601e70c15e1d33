import { readFileSync } from 'node:fs';
import path from 'node:path';
import { repoRoot, runCli } from '../helpers/run-action.js';

const version = (JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { version: string }).version;
const STACK = /^\s+at .+:\d+:\d+\)?$/m;

/** The commands `staged-rollout --help` lists, so a command added later is covered without touching this test. */
async function listedCommands(): Promise<string[]> {
  const run = await runCli(['--help']);
  const section = run.stdout.split('Commands:\n')[1] ?? '';
  return [...section.matchAll(/^ {2}([a-z-]+) /gm)].map((m) => m[1]).filter((c) => c !== 'help');
}

describe('the CLI as a user meets it', () => {
  it('failover --help lists every flag the old hand-written usage had, and a stray argument points to it', async () => {
    const help = await runCli(['failover', '--help']);
    expect(help.code).toBe(0);
    for (const flag of ['[init]', '--status', '--to <target>', '--force', '--spec <file>', '--json', '--arm-endpoint <url>', '--arm-ca <file>', 'AZURE_STORAGE_CONNECTION_STRING']) expect(help.stdout).toContain(flag);
    const stray = await runCli(['failover', 'nonsense']);
    expect(stray.code).toBe(2);
    expect(stray.stderr).toBe('staged-rollout: failover takes no argument "nonsense" (only init); see staged-rollout failover --help\n');
  });

  it('prints its version and its commands', async () => {
    const run = await runCli(['--version']);
    expect(run).toMatchObject({ code: 0, stdout: `${version}\n`, stderr: '' });
    const help = await runCli(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Usage: staged-rollout [options] [command]');
    const bare = await runCli([]);
    expect(bare.code).toBe(2);
    expect(bare.stdout).toContain('Commands:');
  });

  it('answers every command with --help, and an unknown option or --version after it with one line, the usage and exit 2', async () => {
    const commands = await listedCommands();
    expect(commands).toEqual(expect.arrayContaining(['plan', 'deploy', 'rehearse', 'demo', 'workflow', 'environments', 'sim', 'status', 'abort', 'promote']));
    for (const command of commands) {
      const help = await runCli([command, '--help']);
      expect({ command, code: help.code, stderr: help.stderr }).toEqual({ command, code: 0, stderr: '' });
      expect(help.stdout).toContain(`Usage: staged-rollout ${command} `);
      expect(help.stdout).toContain('--debug');

      const bad = await runCli([command, '--no-such-flag']);
      expect({ command, code: bad.code, stdout: bad.stdout }).toEqual({ command, code: 2, stdout: '' });
      expect(bad.stderr.split('\n')[0]).toBe("error: unknown option '--no-such-flag'");
      expect(bad.stderr).toContain(`Usage: staged-rollout ${command} [options]`);
      expect(bad.stderr).not.toMatch(STACK);

      // After a command, --version is the command's: the rollout's version (a value missing) or no option of it.
      const version = await runCli([command, '--version']);
      expect({ command, code: version.code, stdout: version.stdout }).toEqual({ command, code: 2, stdout: '' });
      expect(version.stderr.split('\n')[0]).toMatch(/^error: (option '--version <version>' argument missing|unknown option '--version')$/);
      expect(version.stderr).not.toMatch(STACK);
    }
    // Three processes per command: on a busy machine that is more than jest's default minute.
  }, 240_000);

  it('lists every flag in the per-command help, the ones that used to be hidden too', async () => {
    const flags: Record<string, string[]> = {
      plan: ['--spec', '--mode', '--version', '--json'],
      deploy: ['--spec', '--mode', '--version', '--stage', '--journal', '--dry-run', '--arm-endpoint', '--arm-ca', '--requests-per-second', '--watch'],
      rehearse: ['--stage', '--journal', '--fail-health', '--fail-deploy', '--faults', '--baseline', '--resume'],
      workflow: ['--spec', '--out', '--uses', '--branch', '--check'],
      environments: ['--spec', '--repo', '--api-url', '--dry-run', '--reviewer', '--branch-policy'],
      sim: ['--port', '--faults-file', '--deployment-latency', '--throttle-scale'],
    };
    for (const [command, expected] of Object.entries(flags)) {
      const help = (await runCli([command, '--help'])).stdout;
      for (const flag of expected) expect({ command, flag, listed: new RegExp(`^\\s+${flag}\\b`, 'm').test(help) }).toEqual({ command, flag, listed: true });
    }
  });

  it('answers an unknown command, a missing value and --version of a command without one with exit 2', async () => {
    const unknown = await runCli(['deplyo']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr.split('\n')[0]).toBe("error: unknown command 'deplyo'");
    // With --help too (commander would print the program's help and exit 0): one line, the usage, exit 2.
    for (const args of [['teardownx', '--help'], ['teardownx', '-h'], ['--debug', 'statuss', '--help']]) {
      const asked = await runCli(args);
      expect({ args, code: asked.code, stdout: asked.stdout }).toEqual({ args, code: 2, stdout: '' });
      expect(asked.stderr.split('\n')[0]).toBe(`error: unknown command '${args.find((a) => !a.startsWith('-'))}'`);
      expect(asked.stderr).toContain('Usage: staged-rollout [options] [command]');
      expect(asked.stderr).not.toMatch(STACK);
    }
    const missing = await runCli(['plan', '--version']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("option '--version <version>' argument missing");
    const workflow = await runCli(['workflow', '--version']);
    expect(workflow.code).toBe(2);
    expect(workflow.stderr).not.toMatch(STACK);
  });

  it('says an unexpected error in one line with what to do, and shows the stack only with --debug', async () => {
    const args = ['deploy', '--spec', 'examples/basic/rollout.yaml', '--version', '1.0.0', '--arm-ca', '/nonexistent/ca.pem'];
    const run = await runCli(args);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^staged-rollout: ENOENT: no such file or directory, open '\/nonexistent\/ca\.pem'/);
    expect(run.stderr.trim().split('\n').length).toBeLessThanOrEqual(2);
    expect(run.stderr).not.toMatch(STACK);
    const debug = await runCli([...args, '--debug']);
    expect(debug.code).toBe(1);
    expect(debug.stderr).toMatch(STACK);
  });

  it('answers a bad spec with its problems and exit 2, not a stack', async () => {
    const run = await runCli(['plan', '--spec', 'examples/bad/three-mistakes.yaml', '--version', '1.0.0']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('examples/bad/three-mistakes.yaml:17:72: stages[0].bake');
    expect(run.stderr).not.toMatch(STACK);
  });
});
