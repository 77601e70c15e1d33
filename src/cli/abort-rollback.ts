import { readFileSync } from 'node:fs';
import { ArmDeployer } from '../azure/deployer.js';
import { createCredential, isLoopback } from '../azure/credentials.js';
import { trustCertificate } from '../azure/tls.js';
import { cancelOnSignals, printer } from '../cli-deploy.js';
import { withTokenRedaction } from '../engine/token-redaction.js';
import { abortRollbackCommand } from '../commands/abort-rollback.js';
import type { Journal } from '../engine/ports.js';
import type { RolloutResult } from '../engine/result.js';
import { watchSecureOutputs } from '../engine/redactor.js';
import { createProber } from '../probes/index.js';
import { redactor } from '../report/redact-stdio.js';
import { rollbackLines } from '../report/rollback-text.js';
import { SystemClock } from '../time/clock.js';
import type { SpecOptions } from './options.js';

export interface AbortRollbackOptions extends SpecOptions {
  armEndpoint?: string;
  armCa?: string;
}

/** `abort --rollback` in the terminal: the engine's rollback of what the rollout in flight deployed, printed as it goes. */
export async function abortRollbackCli(options: AbortRollbackOptions & { version: string; stage?: string; reason: string; journal: Journal }): Promise<RolloutResult> {
  if (options.armCa) trustCertificate(readFileSync(options.armCa, 'utf8'));
  const clock = new SystemClock();
  const endpoint = options.armEndpoint;
  const credential = withTokenRedaction(createCredential({ endpoint }), redactor);
  const { result } = await abortRollbackCommand({
    specFile: options.spec,
    mode: options.mode,
    version: options.version,
    env: process.env,
    repoRoot: process.cwd(),
    onSecrets: (secrets) => secrets.forEach((secret) => redactor.add(secret)),
    stage: options.stage,
    reason: options.reason,
    clock,
    journal: options.journal,
    reporter: printer(clock),
    signal: cancelOnSignals(),
    deployer: (spec) =>
      watchSecureOutputs(
        new ArmDeployer({ credential, endpoint, clock, spec, pollMs: endpoint && isLoopback(endpoint) ? { first: 250, max: 1_000 } : undefined, log: (line) => process.stdout.write(`  ARM: ${line}\n`) }),
        redactor,
      ),
    prober: createProber({ clock, env: process.env, cwd: process.cwd() }),
  });
  process.stdout.write(`\n${rollbackLines(result).join('\n')}\n`);
  return result;
}
