import * as core from '@actions/core';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ArmDeployer } from '../azure/deployer.js';
import { createCredential } from '../azure/credentials.js';
import { trustCertificate } from '../azure/tls.js';
import { deployCommand } from '../commands/deploy.js';
import { FileJournal } from '../engine/file-journal.js';
import type { Deployer, RolloutEvent } from '../engine/ports.js';
import { isSecureType } from '../engine/result.js';
import { createProber } from '../probes/index.js';
import { progressLine } from '../report/progress.js';
import { resultMarkdown } from '../report/result-markdown.js';
import { planText } from '../report/plan-text.js';
import { SystemClock } from '../time/clock.js';
import type { ActionInputs } from './inputs.js';

/** `command: deploy` in the action: deploy the selected stages and report through outputs, log and job summary. */
export async function runDeploy(inputs: ActionInputs): Promise<void> {
  const clock = new SystemClock();
  const controller = new AbortController();
  // The runner sends SIGINT, then SIGTERM, when a job is cancelled: stop cleanly and leave a journal to resume from.
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => controller.abort(new Error(`canceled by ${signal}`)));
  if (inputs.armCa) trustCertificate(readCa(inputs.armCa, inputs.workspace));
  const credential = createCredential({
    clientId: inputs.clientId,
    tenantId: inputs.tenantId,
    endpoint: inputs.armEndpoint,
    federatedToken: () => core.getIDToken('api://AzureADTokenExchange'),
  });
  const started = clock.now();
  let stageOpen = false;
  const reporter = {
    event(event: RolloutEvent): void {
      if (event.type === 'stage-started') {
        if (stageOpen) core.endGroup();
        core.startGroup(`Stage ${event.index + 1}: ${event.stage}`);
        stageOpen = true;
      }
      const line = progressLine(event, clock.now() - started);
      if (line) core.info(line);
      if (event.type === 'stage-finished' && stageOpen) {
        core.endGroup();
        stageOpen = false;
      }
    },
  };
  const { plan, result } = await deployCommand({
    specFile: inputs.spec,
    mode: inputs.mode,
    version: inputs.version,
    env: process.env,
    repoRoot: inputs.workspace,
    onSecrets: (secrets) => secrets.forEach((s) => core.setSecret(s)),
    stage: inputs.stage,
    dryRun: inputs.dryRun,
    clock,
    journal: new FileJournal(path.join(inputs.workspace, '.staged-rollout', 'journal.json')),
    reporter,
    signal: controller.signal,
    deployer: (spec) => maskSecureOutputs(new ArmDeployer({ credential, endpoint: inputs.armEndpoint, clock, spec })),
    prober: createProber({ clock, env: process.env, cwd: inputs.workspace }),
  });
  if (stageOpen) core.endGroup();
  core.setOutput('plan', JSON.stringify(plan));
  if (!result) {
    core.info(planText(plan));
    core.setOutput('status', 'planned');
    await core.summary.addRaw(`Dry run: nothing was deployed.\n\n`).write();
    return;
  }
  core.setOutput('result', JSON.stringify(result));
  core.setOutput('status', result.status);
  await core.summary.addRaw(resultMarkdown(result), true).write();
  if (result.status !== 'succeeded') core.setFailed(`Rollout ${result.rolloutId} ${result.status}: ${result.message}`);
}

/** secureString outputs are masked the moment ARM returns them, before any log line could hold one. */
function maskSecureOutputs(deployer: Deployer): Deployer {
  const mask = <T extends { outputs?: Record<string, { type: string; value: unknown }> }>(d: T): T => {
    for (const o of Object.values(d.outputs ?? {})) if (isSecureType(o.type) && o.value !== undefined) core.setSecret(typeof o.value === 'string' ? o.value : JSON.stringify(o.value));
    return d;
  };
  return {
    deploy: async (request, signal) => mask(await deployer.deploy(request, signal)),
    lastSuccessful: async (stamp, options, signal) => {
      const last = await deployer.lastSuccessful(stamp, options, signal);
      return last ? mask(last) : last;
    },
    rollback: async (stamp, previous, signal) => mask(await deployer.rollback(stamp, previous, signal)),
  };
}

function readCa(value: string, workspace: string): string {
  return value.includes('-----BEGIN') ? value : readFileSync(path.resolve(workspace, value), 'utf8');
}
