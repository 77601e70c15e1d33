import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import path from 'node:path';
import { startArmSim, type FaultRule } from '../sim/index.js';
import { parseFaultRules } from '../sim/faults.js';
import { ArmDeployer } from './azure/deployer.js';
import { createCredential, isLoopback } from './azure/credentials.js';
import { trustCertificate } from './azure/tls.js';
import { deployCommand } from './commands/deploy.js';
import { InputError } from './commands/plan.js';
import { rehearse } from './commands/rehearse.js';
import { checkPreviousStageFromArm, recordForced } from './commands/stage-gate-arm.js';
import { FileJournal } from './engine/file-journal.js';
import { JournalLease } from './engine/journal-lease.js';
import type { Deployer, Reporter } from './engine/ports.js';
import { watchSecureOutputs } from './engine/redactor.js';
import { withTokenRedaction } from './engine/token-redaction.js';
import { selectStages } from './engine/rollout.js';
import type { Plan } from './plan/types.js';
import { redactor } from './report/redact-stdio.js';
import type { RolloutResult } from './engine/result.js';
import { createProber } from './probes/index.js';
import { onlyText } from './plan/only.js';
import { planText } from './report/plan-text.js';
import { progressLine } from './report/progress.js';
import { readableDuration } from './report/format.js';
import { LOG_CADENCE_MS, TTY_CADENCE_MS, withProgress } from './report/ticker.js';
import { resultText } from './report/result-text.js';
import { STANDARD_MODE } from './spec/load.js';
import { versionOf, type StageOptions } from './cli/options.js';
import { SystemClock, VirtualClock, type Clock } from './time/clock.js';
import { parseDuration } from './time/duration.js';

/** deploy, rehearse and demo in the terminal; exit 0 only when the rollout succeeded. */

export interface DeployOptions extends StageOptions {
  dryRun?: boolean;
  armEndpoint?: string;
  armCa?: string;
  requestsPerSecond?: string;
  watch?: boolean;
  /** Run `--stage NAME` without the previous-stage checks; the reason is recorded with who gave it. */
  force?: string;
  breakLease?: boolean;
  /** The longest one ARM request may take before it is retried (a duration, e.g. 60s). */
  requestTimeout?: string;
  bicepPath?: string;
  /** `--only COMPONENT[@REGION]`: that stamp and the prerequisites it lacks. */
  only?: string;
}

export interface RehearseOptions extends StageOptions {
  bicepPath?: string;
  only?: string;
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
  const credential = withTokenRedaction(createCredential({ endpoint }), redactor);
  const journal = new FileJournal(values.journal, { redact: (line) => redactor.redact(line) });
  const version = versionOf(values);
  const dryRun = values.dryRun ?? false;
  // One rollout at a time on one journal: a second run refuses, naming this one.
  const lease = dryRun ? undefined : await JournalLease.acquire(values.journal, { run: `deploy --spec ${values.spec} --version ${version} --stage ${values.stage}`, breakLease: values.breakLease ?? false });
  const reporter = printer(clock, process.stdout.isTTY ? TTY_CADENCE_MS : LOG_CADENCE_MS, values.watch === true && process.stdout.isTTY === true);
  try {
    const { plan, result } = await deployCommand({
      specFile: values.spec,
      mode: values.mode,
      version,
      env: process.env,
      repoRoot: process.cwd(),
      onSecrets: (secrets) => secrets.forEach((secret) => redactor.add(secret)),
      bicepPath: values.bicepPath,
      only: values.only,
      stage: values.stage,
      dryRun,
      clock,
      journal,
      reporter,
      signal: cancelOnSignals(),
      deployer: (spec) =>
        watchSecureOutputs(
          new ArmDeployer({
            credential,
            endpoint,
            clock,
            spec,
            budget,
            pollMs: endpoint && isLoopback(endpoint) ? { first: 250, max: 1_000 } : undefined,
            requestTimeoutMs: durationFlag(values.requestTimeout, '--request-timeout'),
            log: (line) => process.stdout.write(`  ARM: ${line}\n`),
          }),
          redactor,
        ),
      prober: createProber({ clock, env: process.env, cwd: process.cwd() }),
      ...(values.breakLease ? { takeOver: { by: process.env.GITHUB_ACTOR ?? userInfo().username } } : {}),
      log: (line) => process.stdout.write(`${line}\n`),
      afterPlan: (plan, deployer) => stageGate(plan, deployer, { stage: values.stage, force: values.force, journal, clock }),
    }).finally(() => reporter.stop?.());
    if (!result) {
      process.stdout.write(`${planText(plan, process.stdout.columns)}\n(dry run: nothing deployed)\n`);
      return 0;
    }
    if (plan.only) process.stdout.write(`${onlyText(plan.only)}\n`);
    return finish(result);
  } finally {
    await lease?.release();
  }
}

/** `deploy --stage NAME`: the previous stage must have succeeded and baked, by ARM's tags, unless --force says why not. */
async function stageGate(plan: Plan, deployer: Deployer, options: { stage: string; force?: string; journal: FileJournal; clock: Clock }): Promise<void> {
  if (options.stage === 'all') return;
  const [stage] = selectStages(plan, options.stage);
  if (options.force !== undefined) {
    const by = process.env.GITHUB_ACTOR ?? userInfo().username;
    await recordForced(options.journal, plan, stage, by, options.force, options.clock);
    process.stdout.write(`checks before stage ${stage.name} skipped by --force (by ${by}): ${options.force}\n`);
    return;
  }
  await checkPreviousStageFromArm({ plan, stage, deployer, journal: await options.journal.load(), clock: options.clock, signal: new AbortController().signal });
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
function rehearsalJournal(values: RehearseOptions): FileJournal {
  const file = path.join(path.dirname(values.journal), 'rehearsal-journal.jsonl');
  if (!values.resume) rmSync(file, { force: true });
  return new FileJournal(file, { redact: (line) => redactor.redact(line) });
}

/**
 * The log of a rollout: a line per event and, every `cadenceMs` on the rollout's clock, where it stands. With `live`
 * (deploy --watch on a terminal) where it stands is one line redrawn every second below the log.
 */
export function printer(clock: Clock, cadenceMs?: number, live = false): Reporter & { stop?(): void } {
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

export function cancelOnSignals(): AbortSignal {
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

/** `--request-timeout 30s`: one ARM request's timeout (default 60 s). */
function durationFlag(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined;
  const ms = parseDuration(value);
  if (ms === undefined || ms <= 0) throw new InputError(`${flag} takes a duration such as 30s or 2m; got "${value}"`);
  return ms;
}
