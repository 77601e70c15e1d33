import { readFileSync } from 'node:fs';
import { ArmDeployer } from './azure/deployer.js';
import { createCredential, isLoopback } from './azure/credentials.js';
import { TableStateStore } from './azure/table-state.js';
import { trustCertificate } from './azure/tls.js';
import { failoverCommand, type FailoverAction } from './commands/failover.js';
import { InputError } from './commands/plan.js';
import { FailoverInputError } from './engine/failover/controller.js';
import { StateStoreError } from './engine/failover/ports.js';
import { createProber } from './probes/index.js';
import { withTokenRedaction } from './engine/token-redaction.js';
import { redactor } from './report/redact-stdio.js';
import { failoverText } from './report/failover-text.js';
import { SystemClock } from './time/clock.js';

/** `staged-rollout failover`: exit 0 when the evaluation decided (switch or not), 1 when a switch failed. */
export interface FailoverOptions {
  spec: string;
  status?: boolean;
  to?: string;
  force?: boolean;
  json?: boolean;
  armEndpoint?: string;
  armCa?: string;
}

export async function failoverCli(positionals: string[], values: FailoverOptions): Promise<number> {
  const action = actionOf(positionals, values);
  if (values.armCa) trustCertificate(readFileSync(values.armCa, 'utf8'));
  const clock = new SystemClock();
  const endpoint = values.armEndpoint;
  const armCredential = withTokenRedaction(createCredential({ endpoint }), redactor);
  const connectionString = process.env.AZURE_STORAGE_CONNECTION_STRING || undefined;
  try {
    const outcome = await failoverCommand(
      {
        specFile: values.spec,
        env: process.env,
        repoRoot: process.cwd(),
        clock,
        signal: new AbortController().signal,
        prober: createProber({ clock, env: process.env, cwd: process.cwd() }),
        store: (f) => new TableStateStore({ endpoint: f.state.endpoint, table: f.state.table, clock, ...(connectionString ? { connectionString } : { credential: withTokenRedaction(createCredential({}), redactor) }) }),
        deployer: (spec) => new ArmDeployer({ credential: armCredential, endpoint, clock, spec, pollMs: endpoint && isLoopback(endpoint) ? { first: 250, max: 1_000 } : undefined }),
      },
      action,
    );
    process.stdout.write(values.json ? `${JSON.stringify(outcome, null, 2)}\n` : `${failoverText(outcome)}\n`);
    return 'decision' in outcome && outcome.decision.reason === 'traffic_failed' ? 1 : 0;
  } catch (error) {
    if (error instanceof FailoverInputError) throw new InputError(error.message);
    if (error instanceof StateStoreError) {
      process.stderr.write(`staged-rollout: ${error.code}: ${error.message}\n`);
      return 1;
    }
    throw error;
  }
}

function actionOf(positionals: string[], values: { status?: boolean; to?: string; force?: boolean }): FailoverAction {
  const [sub, ...extra] = positionals;
  if (extra.length > 0 || (sub !== undefined && sub !== 'init')) throw new InputError(`failover takes no argument "${positionals.join(' ')}" (only init); see staged-rollout failover --help`);
  const chosen = [sub === 'init', values.status, values.to !== undefined].filter(Boolean).length;
  if (chosen > 1) throw new InputError('give one of init, --status or --to');
  if (values.force && values.to === undefined) throw new InputError('--force goes with --to: it switches inside the cooldown');
  if (sub === 'init') return { kind: 'init' };
  if (values.status) return { kind: 'status' };
  if (values.to !== undefined) return { kind: 'switch', to: values.to === 'next' ? undefined : values.to, force: values.force ?? false };
  return { kind: 'evaluate' };
}
