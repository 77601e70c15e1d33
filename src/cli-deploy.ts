import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startArmSim, type FaultRule } from '../sim/index.js';
import { parseFaultRules } from '../sim/faults.js';
import { ArmDeployer } from './azure/deployer.js';
import { createCredential, isLoopback } from './azure/credentials.js';
import { trustCertificate } from './azure/tls.js';
import { deployCommand } from './commands/deploy.js';
import { InputError } from './commands/plan.js';
import { rehearse } from './commands/rehearse.js';
import { FileJournal } from './engine/file-journal.js';
import type { Reporter } from './engine/ports.js';
import type { RolloutResult } from './engine/result.js';
import { createProber } from './probes/index.js';
import { planText } from './report/plan-text.js';
import { progressLine } from './report/progress.js';
import { readableDuration } from './report/format.js';
import { LOG_CADENCE_MS, TTY_CADENCE_MS, withProgress } from './report/ticker.js';
import { resultText } from './report/result-text.js';
import { STANDARD_MODE } from './spec/load.js';
import { versionOf, type StageOptions } from './cli/options.js';
import { SystemClock, VirtualClock, type Clock } from './time/clock.js';

/** deploy, rehearse and demo in the terminal; exit 0 only when the rollout succeeded. */

export interface DeployOptions extends StageOptions {
  dryRun?: boolean;
  armEndpoint?: string;
  armCa?: string;
  requestsPerSecond?: string;
  watch?: boolean;
}

export interface RehearseOptions extends StageOptions {
  faults?: string;
  failHealth?: string[];
  failDeploy?: string[];
  baseline?: string[];
  resume?: boolean;
}

export async function deployCli(values: DeployOptions): Promise<number> {
  const budget = requestBudget(values.requestsPerSecond);
  if (values.armCa) trustCertificate(readFileSync(values.armCa, 'utf8'));
  const clock = new SystemClock();
  const endpoint = values.armEndpoint;
  const credential = createCredential({ endpoint });
  const reporter = printer(clock, process.stdout.isTTY ? TTY_CADENCE_MS : LOG_CADENCE_MS, values.watch === true && process.stdout.isTTY === true);
  const { plan, result } = await deployCommand({
    specFile: values.spec,
    mode: values.mode,
    version: versionOf(values),
    env: process.env,
    repoRoot: process.cwd(),
    stage: values.stage,
    dryRun: values.dryRun ?? false,
    clock,
    journal: new FileJournal(values.journal),
    reporter,
    signal: cancelOnSignals(),
    deployer: (spec) => new ArmDeployer({ credential, endpoint, clock, spec, budget, pollMs: endpoint && isLoopback(endpoint) ? { first: 250, max: 1_000 } : undefined }),
    prober: createProber({ clock, env: process.env, cwd: process.cwd() }),
  }).finally(() => reporter.stop?.());
  if (!result) {
    process.stdout.write(`${planText(plan, process.stdout.columns)}\n(dry run: nothing deployed)\n`);
    return 0;
  }
  return finish(result);
}

export async function rehearseCli(values: RehearseOptions): Promise<number> {
  const version = versionOf(values);
  const faults = [
    ...(values.faults ? parseFaultRules(JSON.parse(readFileSync(values.faults, 'utf8'))) : []),
    ...(values.failHealth ?? []).map((f) => ({ kind: 'healthFails' as const, ...regionAt(f, '--fail-health'), afterMs: 180_000 })),
    ...(values.failDeploy ?? []).map((f) => ({ kind: 'deploymentFails' as const, ...regionAt(f, '--fail-deploy'), code: 'DeploymentFailed', message: 'Injected by staged-rollout rehearse --fail-deploy.' })),
  ];
  const clock = new VirtualClock(Date.UTC(2026, 0, 1)).start();
  const sim = await startArmSim({ clock, deploymentLatencyMs: 60_000 });
  try {
    const started = Date.now();
    process.stdout.write(`Rehearsal on the local simulated ARM endpoint, virtual clock${faults.length ? `, faults: ${faults.map(describeFault).join('; ')}` : ''}\n`);
    const journal = rehearsalJournal(values);
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
function rehearsalJournal(values: RehearseOptions): FileJournal {
  const file = path.join(path.dirname(values.journal), 'rehearsal-journal.jsonl');
  if (!values.resume) rmSync(file, { force: true });
  return new FileJournal(file);
}

/**
 * The log of a rollout: a line per event and, every `cadenceMs` on the rollout's clock, where it stands. With `live`
 * (deploy --watch on a terminal) where it stands is one line redrawn every second below the log.
 */
function printer(clock: Clock, cadenceMs?: number, live = false): Reporter & { stop?(): void } {
  let started: number | undefined;
  const clear = live ? '\r\x1b[2K' : '';
  const lines: Reporter = {
    event(event) {
      started ??= clock.now();
      const line = progressLine(event, clock.now() - started);
      if (line) process.stdout.write(`${clear}${line}\n`);
    },
  };
  if (!cadenceMs) return lines;
  return withProgress(lines, clock, live ? 1_000 : cadenceMs, (line) => {
    const text = `[+${readableDuration(clock.now() - (started ?? clock.now()))}] ${line}`;
    process.stdout.write(live ? `${clear}${text.slice(0, (process.stdout.columns ?? 80) - 1)}` : `${text}\n`);
  });
}

function finish(result: RolloutResult): number {
  process.stdout.write(`\n${resultText(result, process.stdout.columns)}\n`);
  return result.status === 'succeeded' ? 0 : 1;
}

function cancelOnSignals(): AbortSignal {
  const controller = new AbortController();
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => controller.abort(new Error(`canceled by ${signal}`)));
  return controller.signal;
}

/** `READS,WRITES` per second for this process's ARM requests: ARM's public limits are 25 and 10 per subscription. */
function requestBudget(value: string | undefined): { reads: number; writes: number } | undefined {
  if (value === undefined) return undefined;
  const [reads, writes] = value.split(',').map(Number);
  if (!(reads > 0) || !(writes > 0)) throw new InputError(`--requests-per-second takes READS,WRITES, e.g. 12,5; got "${value}"`);
  return { reads, writes };
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
