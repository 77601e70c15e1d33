import { readFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import { ArmDeployer } from './azure/deployer.js';
import { createCredential, isLoopback } from './azure/credentials.js';
import { trustCertificate } from './azure/tls.js';
import { deployCommand } from './commands/deploy.js';
import { InputError } from './commands/plan.js';
import { checkPreviousStageFromArm, recordForced } from './commands/stage-gate-arm.js';
import { RunCanceled } from './engine/errors.js';
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
import { versionOf, type StageOptions } from './cli/options.js';
import { SystemClock, type Clock } from './time/clock.js';
import { parseDuration } from './time/duration.js';

/** deploy in the terminal; exit 0 only when the rollout succeeded. The rehearsals are in cli-rehearse.ts. */

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

export function finish(result: RolloutResult): number {
  process.stdout.write(`\n${resultText(result, process.stdout.columns)}\n`);
  return result.status === 'succeeded' ? 0 : 1;
}

export function cancelOnSignals(): AbortSignal {
  const controller = new AbortController();
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => controller.abort(new RunCanceled(`canceled by ${signal}`)));
  return controller.signal;
}

/** `READS,WRITES` per second for this process's ARM requests: ARM's public limits are 25 and 10 per subscription. */
function requestBudget(value: string | undefined): { reads: number; writes: number } | undefined {
  if (value === undefined) return undefined;
  const [reads, writes] = value.split(',').map(Number);
  if (!(reads > 0) || !(writes > 0)) throw new InputError(`--requests-per-second takes READS,WRITES, e.g. 12,5; got "${value}"`);
  return { reads, writes };
}

/** `--request-timeout 30s`: one ARM request's timeout (default 60 s). */
function durationFlag(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined;
  const ms = parseDuration(value);
  if (ms === undefined || ms <= 0) throw new InputError(`${flag} takes a duration such as 30s or 2m; got "${value}"`);
  return ms;
}
