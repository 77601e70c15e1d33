import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startArmSim, type FaultRule } from '../sim/index.js';
import { parseFaultRules } from '../sim/faults.js';
import { cancelOnSignals, finish, printer } from './cli-deploy.js';
import { versionOf, type StageOptions } from './cli/options.js';
import { InputError } from './commands/plan.js';
import { rehearse } from './commands/rehearse.js';
import { FileJournal } from './engine/file-journal.js';
import { JournalLease } from './engine/journal-lease.js';
import { redactor } from './report/redact-stdio.js';
import { LOG_CADENCE_MS } from './report/ticker.js';
import { resultText } from './report/result-text.js';
import { STANDARD_MODE } from './spec/load.js';
import { VirtualClock } from './time/clock.js';

/**
 * rehearse and demo in the terminal: the real deploy path against the local simulated ARM endpoint on a virtual clock.
 * Kept apart from cli-deploy.ts so that a real deploy never loads the simulated ARM.
 */

export interface RehearseOptions extends StageOptions {
  bicepPath?: string;
  only?: string;
  faults?: string;
  failHealth?: string[];
  failDeploy?: string[];
  baseline?: string[];
  resume?: boolean;
}

export async function rehearseCli(values: RehearseOptions): Promise<number> {
  const version = versionOf(values);
  const faults = [
    ...(values.faults ? parseFaultRules(JSON.parse(readFileSync(values.faults, 'utf8'))) : []),
    ...(values.failHealth ?? []).map((f) => ({ kind: 'healthFails' as const, ...regionAt(f, '--fail-health'), afterMs: 180_000 })),
    ...(values.failDeploy ?? []).map((f) => ({ kind: 'deploymentFails' as const, ...regionAt(f, '--fail-deploy'), code: 'DeploymentFailed', message: 'Injected by staged-rollout rehearse --fail-deploy.' })),
  ];
  const journalFile = path.join(path.dirname(values.journal), 'rehearsal-journal.jsonl');
  // Two rehearsals beside one deploy journal would clear and append to one rehearsal journal: the second refuses.
  const lease = await JournalLease.acquire(journalFile, { run: `rehearse --spec ${values.spec} --version ${version}`, breakable: false });
  try {
    return await rehearseHoldingLease(values, version, faults, journalFile);
  } finally {
    await lease.release();
  }
}

async function rehearseHoldingLease(values: RehearseOptions, version: string, faults: FaultRule[], journalFile: string): Promise<number> {
  const clock = new VirtualClock(Date.UTC(2026, 0, 1)).start();
  const sim = await startArmSim({ clock, deploymentLatencyMs: 60_000 });
  try {
    const started = Date.now();
    process.stdout.write(`Rehearsal on the local simulated ARM endpoint, virtual clock${faults.length ? `, faults: ${faults.map(describeFault).join('; ')}` : ''}\n`);
    const journal = rehearsalJournal(journalFile, values.resume === true);
    const rollOut = (v: string, options: { faults?: FaultRule[]; quiet?: boolean; journal?: FileJournal } = {}) =>
      rehearse({
        specFile: values.spec,
        mode: options.quiet ? STANDARD_MODE : values.mode,
        version: v,
        repoRoot: process.cwd(),
        env: process.env,
        stage: options.quiet ? 'all' : values.stage,
        faults: options.faults ?? [],
        journal: options.journal ?? journal,
        bicepPath: values.bicepPath,
        only: options.quiet ? undefined : values.only,
        onSecrets: (secrets) => secrets.forEach((secret) => redactor.add(secret)),
        reporter: options.quiet ? { event() {} } : printer(clock, LOG_CADENCE_MS),
        sim: { sim, clock },
        signal,
      });
    const signal = cancelOnSignals();
    for (const baseline of values.baseline ?? []) {
      // Each baseline is a rollout of its own, with a journal of its own that nothing resumes from.
      const scratch = new FileJournal(path.join(mkdtempSync(path.join(tmpdir(), 'staged-rollout-baseline-')), 'journal.jsonl'));
      const { result: base } = await rollOut(baseline, { quiet: true, journal: scratch });
      rmSync(path.dirname(scratch.path), { recursive: true, force: true });
      process.stdout.write(`Baseline ${baseline}: ${base!.status} (rolled out first, without its log)\n`);
      if (base!.status !== 'succeeded') throw new InputError(`the baseline ${baseline} did not roll out (${base!.status}): ${base!.message}; rehearse it on its own to see why`);
    }
    const { result } = await rollOut(version, { faults });
    process.stdout.write(`(rehearsed ${formatHours(result!.durationMs)} of rollout in ${((Date.now() - started) / 1000).toFixed(1)} s)\n`);
    return finish(result!);
  } finally {
    await sim.stop();
    clock.stop();
  }
}

/** `npm run demo`: examples/basic at 1.0.0, then 2.0.0 with a pilot region turning unhealthy in its healthy window. */
export async function demoCli(): Promise<number> {
  const clock = new VirtualClock(Date.UTC(2026, 0, 1)).start();
  const sim = await startArmSim({ clock, deploymentLatencyMs: 60_000 });
  const dir = mkdtempSync(path.join(tmpdir(), 'staged-rollout-demo-'));
  const journal = new FileJournal(path.join(dir, 'journal.jsonl'));
  const run = (version: string, faults: FaultRule[]) =>
    rehearse({ specFile: 'examples/basic/rollout.yaml', mode: STANDARD_MODE, version, repoRoot: process.cwd(), env: process.env, faults, journal, reporter: printer(clock), sim: { sim, clock } });
  try {
    const started = Date.now();
    process.stdout.write('staged-rollout demo: examples/basic (5 regions, 3 stages) on the local simulated ARM endpoint, on a virtual clock.\n\n== Rollout 1.0.0\n');
    const first = await run('1.0.0', []);
    process.stdout.write(`\n${resultText(first.result!)}\n\n== Rollout 2.0.0: westus (pilot) will turn unhealthy 3 minutes after 2.0.0 reaches it\n`);
    const second = await run('2.0.0', [{ kind: 'healthFails', region: 'westus', version: '2.0.0', afterMs: 180_000 }]);
    process.stdout.write(`\n${resultText(second.result!)}\n\n`);
    const versions = sim.apps().map((a) => `${a.region} ${a.version}`).sort().join(', ');
    process.stdout.write(`Versions now running: ${versions}.\nThe pilot stage rolled back to 1.0.0 and the broad stage was never touched.\n`);
    process.stdout.write(`(${formatHours(first.result!.durationMs + second.result!.durationMs)} of rollouts in ${((Date.now() - started) / 1000).toFixed(1)} s of real time)\n`);
    return first.result!.status === 'succeeded' && second.result!.status === 'rolled-back' ? 0 : 1;
  } finally {
    await sim.stop();
    clock.stop();
  }
}

/**
 * The rehearsal's journal, beside the deploy journal but never the same file. Each rehearsal runs on a fresh local
 * endpoint, so it starts clean; --resume keeps the journal (a rehearsal stopped mid-way picks up its bakes).
 */
function rehearsalJournal(file: string, resume: boolean): FileJournal {
  if (!resume) rmSync(file, { force: true });
  return new FileJournal(file, { redact: (line) => redactor.redact(line) });
}

function regionAt(text: string, flag: string): { region: string; version?: string } {
  const [region, version] = text.split('@');
  if (!region) throw new InputError(`${flag} takes REGION or REGION@VERSION, e.g. ${flag} westus@2.0.0`);
  return version ? { region, version } : { region };
}

function describeFault(f: FaultRule): string {
  const where = [f.region, f.version && `@${f.version}`].filter(Boolean).join('');
  return `${f.kind}${where ? ` ${where}` : ''}`;
}

function formatHours(ms: number): string {
  return `${(ms / 3_600_000).toFixed(1)} h`;
}
