import * as core from '@actions/core';
import type { TokenCredential } from '@azure/core-auth';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createCredential, isLoopback, LocalEndpointCredential } from '../azure/credentials.js';
import { ArmDeployer } from '../azure/deployer.js';
import { AzureMonitorMetrics } from '../azure/metrics.js';
import { specCorrelationId } from '../azure/pipeline.js';
import { azureReleaseUnitAdapters } from '../azure/release-unit-adapters.js';
import { trustCertificate } from '../azure/tls.js';
import { deployCommand } from '../commands/deploy.js';
import { checkPreviousStageFromArm } from '../commands/stage-gate-arm.js';
import { FileJournal } from '../engine/file-journal.js';
import type { RolloutEvent } from '../engine/ports.js';
import { isSecureType } from '../plan/secure-type.js';
import { watchSecureOutputs } from '../engine/redactor.js';
import { withTokenRedaction } from '../engine/token-redaction.js';
import { selectStages } from '../engine/rollout.js';
import type { Plan } from '../plan/types.js';
import { createProber } from '../probes/index.js';
import { planText } from '../report/plan-text.js';
import { progressLine } from '../report/progress.js';
import { readableDuration } from '../report/format.js';
import { LOG_CADENCE_MS, withProgress } from '../report/ticker.js';
import { flatOutputs, gateMarkdown, stageHeading } from '../report/stage-summary.js';
import { resultMarkdown } from '../report/result-markdown.js';
import { SystemClock, VirtualClock, type Clock } from '../time/clock.js';
import { deploymentRecordsFromEnv } from './deployments.js';
import { planRequest, type ActionInputs } from './inputs.js';
import { checkGivenPlan, checkPreviousStage } from './stage-gate.js';
import { StageRecorder } from './stage-records.js';
import { TrafficJobRecorder } from './traffic-records.js';
import { jobAndPrevious } from '../plan/job-sequence.js';
import { actionRedactor, redact } from './masking.js';
import { reportWhatIf } from './run-what-if.js';

/** `command: deploy` in the action: deploy the selected stages and report through outputs, log and job summary. */
export async function runDeploy(inputs: ActionInputs): Promise<void> {
  const controller = new AbortController();
  // The runner sends SIGINT, then SIGTERM, when a job is cancelled: stop cleanly and leave a journal to resume from.
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => controller.abort(new Error(`canceled by ${signal}`)));
  const target = await armTarget(inputs);
  try {
    await deployTo(inputs, target, controller.signal);
  } finally {
    await target.close();
  }
}

export interface ArmTarget {
  clock: Clock;
  endpoint?: string;
  credential: TokenCredential;
  /** How often a deployment is polled: ARM wants seconds; the local endpoint answers at once. */
  pollMs?: { first: number; max: number };
  rehearsal: boolean;
  close(): Promise<void>;
}

/**
 * Where deployments go. `arm-endpoint: local` is the built-in simulated ARM endpoint, started in this process on a
 * virtual clock: a rehearsal of the whole rollout in seconds, with nothing sent anywhere.
 */
export async function armTarget(inputs: ActionInputs): Promise<ArmTarget> {
  if (inputs.armEndpoint === 'local') {
    // Loaded only here, as a chunk of its own: a real rollout never loads the simulated endpoint or its certificate library.
    const { startArmSim } = await import('../../sim/index.js');
    const clock = new VirtualClock(Date.now()).start();
    const sim = await startArmSim({ clock, deploymentLatencyMs: 60_000 });
    trustCertificate(sim.ca);
    return {
      clock,
      endpoint: sim.endpoint,
      credential: withTokenRedaction(new LocalEndpointCredential(), actionRedactor()),
      pollMs: { first: 5_000, max: 30_000 },
      rehearsal: true,
      close: async () => {
        await sim.stop();
        clock.stop();
      },
    };
  }
  if (inputs.armCa) trustCertificate(readCa(inputs.armCa, inputs.workspace));
  const credential = createCredential({
    clientId: inputs.clientId,
    tenantId: inputs.tenantId,
    endpoint: inputs.armEndpoint,
    federatedToken: () => core.getIDToken('api://AzureADTokenExchange'),
  });
  const local = inputs.armEndpoint !== undefined && isLoopback(inputs.armEndpoint);
  return { clock: new SystemClock(), endpoint: inputs.armEndpoint, credential: withTokenRedaction(credential, actionRedactor()), pollMs: local ? { first: 250, max: 1_000 } : undefined, rehearsal: false, close: async () => undefined };
}

async function deployTo(inputs: ActionInputs, target: ArmTarget, signal: AbortSignal): Promise<void> {
  const { clock } = target;
  if (target.rehearsal) core.notice('Rehearsal: deploying to the built-in simulated ARM endpoint on a virtual clock; nothing reaches Azure.');
  const started = clock.now();
  let stageOpen = false;
  // A rehearsal deploys nothing real, so it leaves no record of a deployment either.
  const records = inputs.token && process.env.GITHUB_REPOSITORY && !target.rehearsal ? deploymentRecordsFromEnv(inputs.token) : undefined;
  let recorder: StageRecorder | undefined;
  let jobRecorder: TrafficJobRecorder | undefined;
  const reporter = withProgress({
    event(event: RolloutEvent): void {
      recorder?.onEvent(event);
      if (event.type === 'stage-started') {
        if (stageOpen) core.endGroup();
        core.startGroup(`Stage ${event.index + 1}: ${event.stage}`);
        stageOpen = true;
      }
      const line = progressLine(event, clock.now() - started);
      if (line) core.info(redact(line));
      if (event.type === 'stage-finished' && stageOpen) {
        core.endGroup();
        stageOpen = false;
      }
    },
  }, clock, LOG_CADENCE_MS, (line) => core.info(`[+${readableDuration(clock.now() - started)}] ${line}`));
  // Between jobs, before anything touches Azure: the given plan is this spec's, the previous stage succeeded and baked,
  // and this stage's record can be written (a missing deployments: write stops the job here).
  const gateLines: string[] = [];
  const beforeAzure = async (offline: Plan): Promise<void> => {
    checkGivenPlan(inputs.plan, offline);
    // A traffic step or the teardown of release units is gated and recorded like a stage (src/plan/job-sequence.ts).
    const job = inputs.stage === 'all' ? undefined : jobAndPrevious(offline, inputs.stage)?.job;
    const first = job && job.kind !== 'stage' ? job : selectStages(offline, inputs.stage)[0];
    if (inputs.plan) gateLines.push(`the plan job's plan is the plan of ${inputs.spec} (${offline.rollout.id}, ${offline.rollout.mode})`);
    // Without GitHub's records (no token) the same checks are made from ARM's tags once the plan is made (afterPlan).
    if (inputs.stage !== 'all' && (records || target.rehearsal)) await checkPreviousStage({ records, plan: offline, stage: first, clock, maxWaitMs: inputs.maxWaitMs, log: (l) => (core.info(l), gateLines.push(l)), signal });
    const sha = process.env.GITHUB_SHA ?? offline.rollout.version;
    if (records && !inputs.dryRun && job && job.kind !== 'stage') await (jobRecorder = new TrafficJobRecorder(records, offline, job, sha)).begin();
    else if (records && !inputs.dryRun) recorder = new StageRecorder(records, offline, sha);
  };
  let outcome: Awaited<ReturnType<typeof deployCommand>>;
  try {
    outcome = await deployCommand({
      ...planRequest(inputs),
      stage: inputs.stage,
      dryRun: inputs.dryRun,
      clock,
      journal: new FileJournal(inputs.journal, { redact }),
      reporter,
      signal,
      deployer: (spec) => watchSecureOutputs(new ArmDeployer({ credential: target.credential, endpoint: target.endpoint, clock, spec, pollMs: target.pollMs, log: (line) => core.info(redact(`ARM: ${line}`)) }), actionRedactor()),
      prober: createProber({ clock, env: process.env, cwd: inputs.workspace }),
      beforeAzure,
      afterPlan: async (plan, deployer) => {
        if (inputs.stage === 'all' || records || target.rehearsal) return;
        const journal = await new FileJournal(inputs.journal).load();
        await checkPreviousStageFromArm({ plan, stage: selectStages(plan, inputs.stage)[0], deployer, journal, clock, signal });
      },
      releaseUnits: azureReleaseUnitAdapters({ credential: target.credential, endpoint: target.endpoint, clock }),
      resourceMetrics: (spec) => new AzureMonitorMetrics({ credential: target.credential, endpoint: target.endpoint, clock, correlationId: specCorrelationId(spec) }),
      // Before this stage deploys: its what-if in the summary, for the reviewers of the next stage to read first.
      // The stage's record begins after it: the record's times are the deployment's, which a later stage's bake counts from.
      beforeDeploy: async (plan, spec, deployer) => {
        await reportWhatIf({ plan, spec, stage: inputs.stage, deployer, credential: target.credential, endpoint: target.endpoint, clock, signal });
        await recorder?.begin(selectStages(plan, inputs.stage)[0]);
      },
    });
  } catch (error) {
    await recorder?.finish(undefined, redact(error instanceof Error ? error.message : String(error)));
    await jobRecorder?.finish(undefined, redact(error instanceof Error ? error.message : String(error)));
    throw error;
  } finally {
    reporter.stop();
  }
  const { plan } = outcome;
  // Everything below leaves the process (outputs, summary, GitHub deployment payloads): redacted once, here.
  const result = outcome.result && actionRedactor().redactValue(outcome.result);
  await recorder?.finish(result);
  await jobRecorder?.finish(result);
  if (stageOpen) core.endGroup();
  core.setOutput('plan', redact(JSON.stringify(plan)));
  if (!result) {
    core.info(planText(plan));
    core.setOutput('status', 'planned');
    await core.summary.addRaw(`Dry run: nothing was deployed.\n\n`).write();
    return;
  }
  core.setOutput('result', JSON.stringify(result));
  core.setOutput('status', result.status);
  core.setOutput('outputs', JSON.stringify(flatOutputs(result, isSecureType)));
  const heading = inputs.stage !== 'all' ? stageHeading(result, plan, inputs.stage) : undefined;
  const rehearsal = target.rehearsal ? '> Rehearsal on the built-in simulated ARM endpoint, on a virtual clock.\n\n' : '';
  await core.summary.addRaw(redact(`${rehearsal}${resultMarkdown(result, heading)}${inputs.stage !== 'all' ? gateMarkdown(gateLines, result) : ''}`), true).write();
  if (result.status !== 'succeeded') core.setFailed(redact(`Rollout ${result.rolloutId} ${result.status}: ${result.message}`));
}

export function readCa(value: string, workspace: string): string {
  return value.includes('-----BEGIN') ? value : readFileSync(path.resolve(workspace, value), 'utf8');
}
