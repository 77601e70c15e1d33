import * as core from '@actions/core';
import { createCredential, isLoopback } from '../azure/credentials.js';
import { ArmDeployer } from '../azure/deployer.js';
import { TableStateStore } from '../azure/table-state.js';
import { trustCertificate } from '../azure/tls.js';
import { failoverCommand, type FailoverAction, type FailoverOutcome } from '../commands/failover.js';
import { InputError } from '../commands/plan.js';
import { FailoverInputError } from '../engine/failover/controller.js';
import { StateStoreError } from '../engine/failover/ports.js';
import { createProber } from '../probes/index.js';
import { failoverMarkdown } from '../report/failover-markdown.js';
import { entityView, failoverText } from '../report/failover-text.js';
import { SystemClock } from '../time/clock.js';
import type { ActionInputs } from './inputs.js';
import { readCa } from './run-deploy.js';
import { withTokenRedaction } from '../engine/token-redaction.js';
import { actionRedactor } from './masking.js';

/**
 * `command: failover` in the action, one evaluation per run (a scheduled workflow is the timer). Inputs: `failover`
 * (evaluate, status, init or switch), `to` and `force` for a switch, `storage-connection-string` for Azurite only.
 */
export async function runFailover(inputs: ActionInputs): Promise<void> {
  const action = failoverAction();
  const connectionString = core.getInput('storage-connection-string') || undefined;
  if (connectionString) {
    core.setSecret(connectionString);
    // The key alone too: an error message may quote it without the rest of the string.
    const key = /AccountKey=([^;]+)/i.exec(connectionString)?.[1];
    if (key) core.setSecret(key);
  }
  if (inputs.armCa) trustCertificate(readCa(inputs.armCa, inputs.workspace));
  const clock = new SystemClock();
  const credential = withTokenRedaction(
    createCredential({ clientId: inputs.clientId, tenantId: inputs.tenantId, endpoint: inputs.armEndpoint, federatedToken: () => core.getIDToken('api://AzureADTokenExchange') }),
    actionRedactor(),
  );
  // The table is Azure's even when ARM is a local endpoint: its sign-in is never the local endpoint's stand-in token.
  const storageCredential = withTokenRedaction(createCredential({ clientId: inputs.clientId, tenantId: inputs.tenantId, federatedToken: () => core.getIDToken('api://AzureADTokenExchange') }), actionRedactor());
  const controller = new AbortController();
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => controller.abort(new Error(`canceled by ${signal}`)));
  let outcome: FailoverOutcome;
  try {
    outcome = await failoverCommand(
      {
        specFile: inputs.spec,
        env: process.env,
        repoRoot: inputs.workspace,
        clock,
        signal: controller.signal,
        onSecrets: (secrets) => secrets.forEach((s) => core.setSecret(s)),
        prober: createProber({ clock, env: process.env, cwd: inputs.workspace }),
        store: (f) => new TableStateStore({ endpoint: f.state.endpoint, table: f.state.table, clock, ...(connectionString ? { connectionString } : { credential: storageCredential }) }),
        deployer: (spec) =>
          new ArmDeployer({ credential, endpoint: inputs.armEndpoint, clock, spec, pollMs: inputs.armEndpoint && isLoopback(inputs.armEndpoint) ? { first: 250, max: 1_000 } : undefined }),
      },
      action,
    );
  } catch (error) {
    if (error instanceof FailoverInputError) throw new InputError(error.message);
    // The state table missing or refusing us is the world's doing, not a bug: one line, as the CLI says it, no stack.
    if (error instanceof StateStoreError) throw new InputError(`${error.code}: ${error.message}`);
    throw error;
  }
  core.info(failoverText(outcome));
  if ('decision' in outcome) {
    const { probes: _probes, record, ...decision } = outcome.decision;
    core.setOutput('failover', JSON.stringify({ ...decision, state: entityView(record) }));
    core.setOutput('changed', String(decision.changed));
    core.setOutput('reason', decision.reason);
    core.setOutput('active-target', decision.activeTarget);
  } else {
    core.setOutput('failover', JSON.stringify({ ...(outcome.kind === 'init' ? { created: outcome.created } : {}), state: entityView(outcome.record) }));
    core.setOutput('active-target', outcome.record.activeTarget);
  }
  await core.summary.addRaw(failoverMarkdown(outcome), true).write();
  if ('decision' in outcome && outcome.decision.reason === 'traffic_failed') core.setFailed(outcome.decision.detail);
}

function failoverAction(): FailoverAction {
  const kind = core.getInput('failover') || 'evaluate';
  const to = core.getInput('to') || undefined;
  const force = (core.getInput('force') || 'false') === 'true';
  switch (kind) {
    case 'evaluate':
    case 'status':
    case 'init':
      if (to !== undefined) throw new InputError(`input to is for failover: switch, not ${kind}`);
      return { kind };
    case 'switch':
      return { kind: 'switch', to: to === 'next' ? undefined : to, force };
    default:
      throw new InputError(`input failover is "${kind}"; use evaluate (default), status, init or switch`);
  }
}
