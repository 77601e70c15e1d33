#!/usr/bin/env node
// `npm run mutation [-- FOLDER...]`: Stryker over the given source folders (all of src/ by default), then the score
// per folder and every surviving mutant as file:line, read from the JSON report. Incremental: the last report is reused.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
// Folders and files to mutate; anything else is Stryker's own (`--concurrency 1`, `--force` for a full run).
const passThrough = [];
const folders = [];
const args = process.argv.slice(2);
for (let i = 0; i < args.length; i++) {
  if (args[i].startsWith('-')) {
    passThrough.push(args[i]);
    if (!args[i].includes('=') && i + 1 < args.length && !args[i + 1].startsWith('-') && !existsSync(path.resolve(args[i + 1]))) passThrough.push(args[++i]);
  } else folders.push(args[i].replace(/\/+$/, ''));
}
const globs = folders.length > 0 ? folders.map((f) => (f.endsWith('.ts') ? f : `${f}/**/*.ts`)) : [];

// Tests read ../shared (the reference material beside the checkout); the sandbox sits in .stryker/tmp/.
const tmp = path.join(root, '.stryker', 'tmp');
mkdirSync(tmp, { recursive: true });
const sharedLink = path.join(tmp, 'shared');
rmSync(sharedLink, { force: true });
if (existsSync(path.join(root, '..', 'shared'))) symlinkSync(path.join(root, '..', 'shared'), sharedLink);

// The Bicep tests need the Bicep CLI in .tools/ (as `npm test` restores it), else they skip and cover nothing.
const bicep = spawnSync(process.execPath, [path.join(root, 'scripts', 'setup-bicep.mjs')], { cwd: root, stdio: 'inherit' });
if (bicep.status !== 0) process.exit(bicep.status ?? 1);

const stryker = path.join(root, 'node_modules', '@stryker-mutator', 'core', 'bin', 'stryker.js');
const mutateArgs = globs.length > 0 ? ['--mutate', [...globs, '!src/index.ts', '!src/cli*.ts'].join(',')] : [];
const started = Date.now();
// One line per mutant run (file:line, mutator, status, files, time), for finding what a slow run spent its time on.
const mutantLog = path.join(root, '.stryker', 'mutant-runs.log');
rmSync(mutantLog, { force: true });
const run = spawnSync(process.execPath, [stryker, 'run', ...mutateArgs, ...passThrough], { cwd: root, stdio: 'inherit', env: { ...process.env, STRYKER_MUTANT_LOG: mutantLog } });
const seconds = Math.round((Date.now() - started) / 1000);

const reportFile = path.join(root, '.stryker', 'mutation.json');
if (!existsSync(reportFile)) {
  console.error(`Stryker wrote no report (exit ${run.status}); see its output above.`);
  process.exit(run.status ?? 1);
}
printSummary(JSON.parse(readFileSync(reportFile, 'utf8')), globs);
console.log(`Mutation run took ${Math.floor(seconds / 60)}m${seconds % 60}s.`);
process.exit(run.status ?? 1);

function printSummary(report, onlyGlobs) {
  const byFolder = new Map();
  const survivors = [];
  for (const [file, { mutants }] of Object.entries(report.files)) {
    const rel = path.relative(root, path.resolve(root, file));
    if (onlyGlobs.length > 0 && !folders.some((f) => rel === f || rel.startsWith(`${f}/`))) continue;
    const folder = path.dirname(rel);
    const tally = byFolder.get(folder) ?? { killed: 0, survived: 0, noCoverage: 0, timeout: 0, ignored: 0 };
    for (const m of mutants) {
      if (m.status === 'Killed') tally.killed++;
      else if (m.status === 'Timeout') tally.timeout++;
      else if (m.status === 'Survived') tally.survived++;
      else if (m.status === 'NoCoverage') tally.noCoverage++;
      else tally.ignored++;
      if (m.status === 'Survived' || m.status === 'NoCoverage') {
        survivors.push(`${rel}:${m.location.start.line}:${m.location.start.column} ${m.mutatorName} (${m.status}): ${oneLine(m.replacement ?? '')}`);
      }
    }
    byFolder.set(folder, tally);
  }
  console.log('\nMutation score per folder (killed + timeout over all valid mutants):');
  for (const [folder, t] of [...byFolder].sort()) {
    const detected = t.killed + t.timeout;
    const valid = detected + t.survived + t.noCoverage;
    const score = valid === 0 ? 100 : (100 * detected) / valid;
    console.log(`  ${folder.padEnd(28)} ${score.toFixed(1).padStart(5)} %  (${detected}/${valid}; ${t.survived} survived, ${t.noCoverage} not covered)`);
  }
  if (survivors.length > 0) {
    console.log(`\nSurviving mutants (${survivors.length}); each is a missing test or an equivalent mutant for MUTATION.md:`);
    for (const line of survivors.sort(byFileLine)) console.log(`  ${line}`);
  }
}

function oneLine(text) {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > 100 ? `${flat.slice(0, 97)}...` : flat;
}

function byFileLine(a, b) {
  const [fa, la] = a.split(':');
  const [fb, lb] = b.split(':');
  return fa === fb ? Number(la) - Number(lb) : fa.localeCompare(fb);
}
