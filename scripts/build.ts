/**
 * `npm run build`: both bundles from an empty dist/, so no chunk of an earlier build survives to be committed, and one
 * dist/licenses.txt naming every package either bundle contains (ncc's own list misses most of them).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const dist = path.join(root, 'dist');
const ncc = path.join(root, 'node_modules', '@vercel', 'ncc', 'dist', 'ncc', 'cli.js');
const statsDir = mkdtempSync(path.join(tmpdir(), 'staged-rollout-build-'));

rmSync(dist, { recursive: true, force: true });
const bundles = [
  { entry: 'src/index.ts', out: 'dist' },
  { entry: 'src/cli.ts', out: 'dist/cli' },
];
const packages = new Set<string>();
for (const [i, bundle] of bundles.entries()) {
  const stats = path.join(statsDir, `${i}.json`);
  execFileSync(process.execPath, [ncc, 'build', bundle.entry, '-o', bundle.out, '--no-source-map-register', '-q', '--stats-out', stats], { cwd: root, stdio: 'inherit' });
  for (const dir of bundledPackageDirs(JSON.parse(readFileSync(stats, 'utf8')))) packages.add(dir);
}
rmSync(statsDir, { recursive: true, force: true });
writeFileSync(path.join(dist, 'licenses.txt'), licenses([...packages]));

/** The package folders (node_modules/NAME or node_modules/@SCOPE/NAME, nested ones too) of every bundled module. */
function bundledPackageDirs(stats: { modules?: Array<{ name?: string; modules?: Array<{ name?: string }> }> }): string[] {
  const names = (stats.modules ?? []).flatMap((m) => [m.name, ...(m.modules ?? []).map((n) => n.name)]).filter((n): n is string => !!n);
  const dirs = new Set<string>();
  for (const name of names) {
    const m = /^(?:\.\/)?(.*node_modules\/(?:@[^/]+\/)?[^/]+)\//.exec(name.replace(/\\/g, '/'));
    if (m) dirs.add(m[1]);
  }
  return [...dirs];
}

/** One section per package: name, version, license, and its license file's text where it ships one. */
function licenses(dirs: string[]): string {
  const sections = new Map<string, string>();
  for (const dir of dirs) {
    const manifestFile = path.join(root, dir, 'package.json');
    if (!existsSync(manifestFile)) continue;
    const manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as { name?: string; version?: string; license?: string | { type?: string } };
    if (!manifest.name || sections.has(`${manifest.name}@${manifest.version}`)) continue;
    const license = typeof manifest.license === 'string' ? manifest.license : (manifest.license?.type ?? 'UNKNOWN');
    const file = readdirSync(path.join(root, dir)).find((f) => /^(licen[cs]e|copying)(\.|$)/i.test(f));
    const text = file ? readFileSync(path.join(root, dir, file), 'utf8').trim() : '(no license file in the package)';
    sections.set(`${manifest.name}@${manifest.version}`, `${manifest.name}@${manifest.version}\n${license}\n${text}\n`);
  }
  const ordered = [...sections.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([, s]) => s);
  return `Packages bundled into dist/index.js and dist/cli/index.js, with their licenses (${ordered.length}).\n\n${ordered.join('\n')}`;
}
