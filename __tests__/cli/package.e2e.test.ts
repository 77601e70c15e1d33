import { execFile } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { repoRoot } from '../helpers/run-action.js';

const run = promisify(execFile);
/** Node 24 (this test's) first on PATH, as a user who installed it has; npm itself may be any Node. */
const PATH = `${path.dirname(process.execPath)}${path.delimiter}${process.env.PATH}`;

describe('the npm package', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'staged-rollout-pack-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('packs the bin, the built CLI, the schema, the README, LICENSE and CHANGELOG, and nothing of the tests', async () => {
    const { stdout } = await run('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: repoRoot, env: { ...process.env, PATH } });
    const files = (JSON.parse(stdout) as Array<{ files: Array<{ path: string }> }>)[0].files.map((f) => f.path).sort();
    expect(files).toEqual(expect.arrayContaining(['bin/staged-rollout.js', 'dist/cli/index.js', 'dist/package.json', 'dist/licenses.txt', 'schema/rollout.schema.json', 'README.md', 'LICENSE', 'CHANGELOG.md', 'package.json']));
    expect(files.filter((f) => /__tests__|^src\/|^sim\/|^examples\/|^scripts\/|^\.ci\//.test(f))).toEqual([]);
    // The action's own bundle is not the CLI's business.
    expect(files).not.toContain('dist/index.js');
  });

  it('installs into an empty project with no registry and plans a spec of that project', async () => {
    await run('npm', ['pack', '--pack-destination', dir, '--ignore-scripts'], { cwd: repoRoot, env: { ...process.env, PATH } });
    const manifest = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { version: string; dependencies?: object };
    // Everything the CLI needs is bundled in dist/cli: an installed package pulls nothing from a registry.
    expect(manifest.dependencies ?? {}).toEqual({});
    const tarball = path.join(dir, `staged-rollout-${manifest.version}.tgz`);
    expect(existsSync(tarball)).toBe(true);

    const project = path.join(dir, 'project');
    cpSync(path.join(repoRoot, '__tests__', 'fixtures', 'packaged'), project, { recursive: true });
    writeFileSync(path.join(project, 'package.json'), JSON.stringify({ name: 'fabrikam-api', private: true }));
    const env = { ...process.env, PATH, npm_config_cache: path.join(dir, 'empty-cache'), npm_config_update_notifier: 'false' };
    await run('npm', ['install', '--offline', '--no-audit', '--no-fund', tarball], { cwd: project, env });

    const { stdout } = await run('npx', ['--offline', 'staged-rollout', 'plan', '--version', '3.1.0'], { cwd: project, env });
    expect(stdout).toContain('Rollout fabrikam-api@3.1.0 (standard mode) from rollout.yaml');
    expect(stdout).toMatch(/Stage 1\/2: first \(uksouth;.*bake 30m/);
    expect(stdout).toContain('fabrikam-api-api-japaneast-3.1.0');
    const version = await run('npx', ['--offline', 'staged-rollout', '--version'], { cwd: project, env });
    expect(version.stdout.trim()).toBe(manifest.version);
    // The schema line of the spec resolves inside the installed package.
    expect(existsSync(path.join(project, 'node_modules', 'staged-rollout', 'schema', 'rollout.schema.json'))).toBe(true);
  }, 120_000);

  const oldNode = ['/usr/bin/node', '/usr/local/bin/node', '/bin/node'].find((file) => existsSync(file) && file !== process.execPath);
  (oldNode ? it : it.skip)('says in one line that a Node older than 24 will not do', async () => {
    const { stdout: v } = await run(oldNode!, ['--version']);
    if (Number(v.slice(1).split('.')[0]) >= 24) return;
    const failed = await run(oldNode!, [path.join(repoRoot, 'bin', 'staged-rollout.js'), 'plan'], { cwd: repoRoot }).catch((e: { code: number; stderr: string; stdout: string }) => e);
    expect(failed).toMatchObject({ code: 1, stdout: '' });
    expect((failed as { stderr: string }).stderr).toBe(`staged-rollout needs Node 24 or later; this is Node ${v.trim().slice(1)} (${oldNode}). Install Node 24 (e.g. nvm install 24) and run it again.\n`);
  });
});
