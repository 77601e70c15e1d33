import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
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
import { onlyText } from './plan/only.js';
import { planText } from './report/plan-text.js';
import { progressLine } from './report/progress.js';
import { resultText } from './report/result-text.js';
import { STANDARD_MODE } from './spec/load.js';
import { SystemClock, VirtualClock, type Clock } from './time/clock.js';

/** deploy, rehearse and demo in the terminal; exit 0 only when the rollout succeeded. */

const COMMON = {
  spec: { type: 'string', default: 'rollout.yaml' },
  mode: { type: 'string', default: STANDARD_MODE },
  version: { type: 'string' },
  stage: { type: 'string', default: 'all' },
  journal: { type: 'string', default: path.join('.staged-rollout', 'journal.jsonl') },
  'bicep-path': { type: 'string' },
  only: { type: 'string' },
} as const;

export async function deployCli(args: string[], version: () => string): Promise<number> {
  const { values } = parseArgs({
    args,
    options: { ...COMMON, 'dry-run': { type: 'boolean', default: false }, 'arm-endpoint': { type: 'string' }, 'arm-ca': { type: 'string' }, 'requests-per-second': { type: 'string' } },
    strict: true,
  });
  const budget = requestBudget(values['requests-per-second']);
  if (values['arm-ca']) trustCertificate(readFileSync(values['arm-ca'], 'utf8'));
  const clock = new SystemClock();
  const endpoint = values['arm-endpoint'];
  const credential = createCredential({ endpoint });
  const { plan, result } = await deployCommand({
    specFile: values.spec,
    mode: values.mode,
    version: values.version ?? version(),
    env: process.env,
    repoRoot: process.cwd(),
    bicepPath: values['bicep-path'],
    only: values.only,
    stage: values.stage,
    dryRun: values['dry-run'],
    clock,
    journal: new FileJournal(values.journal),
    reporter: printer(clock),
    signal: cancelOnSignals(),
    deployer: (spec) => new ArmDeployer({ credential, endpoint, clock, spec, budget, pollMs: endpoint && isLoopback(endpoint) ? { first: 250, max: 1_000 } : undefined }),
    prober: createProber({ clock, env: process.env, cwd: process.cwd() }),
  });
  if (!result) {
    process.stdout.write(`${planText(plan)}\n(dry run: nothing deployed)\n`);
    return 0;
  }
  if (plan.only) process.stdout.write(`${onlyText(plan.only)}\n`);
  return finish(result);
}

export async function rehearseCli(args: string[], version: () => string): Promise<number> {
  const { values } = parseArgs({
    args,
    options: { ...COMMON, faults: { type: 'string' }, 'fail-health': { type: 'string', multiple: true }, 'fail-deploy': { type: 'string', multiple: true } },
    strict: true,
  });
  const faults = [
    ...(values.faults ? parseFaultRules(JSON.parse(readFileSync(values.faults, 'utf8'))) : []),
    ...(values['fail-health'] ?? []).map((f) => ({ kind: 'healthFails' as const, ...regionAt(f, '--fail-health'), afterMs: 180_000 })),
    ...(values['fail-deploy'] ?? []).map((f) => ({ kind: 'deploymentFails' as const, ...regionAt(f, '--fail-deploy'), code: 'DeploymentFailed', message: 'Injected by staged-rollout rehearse --fail-deploy.' })),
  ];
  const clock = new VirtualClock(Date.UTC(2026, 0, 1)).start();
  const sim = await startArmSim({ clock, deploymentLatencyMs: 60_000 });
  try {
    const started = Date.now();
    process.stdout.write(`Rehearsal on the local simulated ARM endpoint, virtual clock${faults.length ? `, faults: ${faults.map(describeFault).join('; ')}` : ''}\n`);
    const { result } = await rehearse({
      specFile: values.spec,
      mode: values.mode,
      version: values.version ?? version(),
      repoRoot: process.cwd(),
      env: process.env,
      stage: values.stage,
      bicepPath: values['bicep-path'],
      only: values.only,
      faults,
      journal: new FileJournal(path.join(path.dirname(values.journal), 'rehearsal-journal.jsonl')),
      reporter: printer(clock),
      sim: { sim, clock },
      signal: cancelOnSignals(),
    });
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

function printer(clock: Clock): Reporter {
  let started: number | undefined;
  return {
    event(event) {
      started ??= clock.now();
      const line = progressLine(event, clock.now() - started);
      if (line) process.stdout.write(`${line}\n`);
    },
  };
}

function finish(result: RolloutResult): number {
  process.stdout.write(`\n${resultText(result)}\n`);
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
