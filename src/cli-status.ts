import { readFileSync } from 'node:fs';
import { ArmDeployer } from './azure/deployer.js';
import { createCredential, isLoopback } from './azure/credentials.js';
import { trustCertificate } from './azure/tls.js';
import type { SpecOptions } from './cli/options.js';
import { InputError } from './commands/plan.js';
import { statusCommand } from './commands/status.js';
import { GitHubDeploymentRecords } from './github/deployments.js';
import { createGitHubClient } from './github/client.js';
import { statusText } from './report/status-text.js';
import { SystemClock } from './time/clock.js';

export interface StatusOptions extends SpecOptions {
  armEndpoint?: string;
  armCa?: string;
  repo?: string;
  apiUrl: string;
  json?: boolean;
}

/** `status` in the terminal: which version each stamp runs (ARM's tags) and, with a token, GitHub's records. */
export async function statusCli(options: StatusOptions): Promise<void> {
  if (options.armCa) trustCertificate(readFileSync(options.armCa, 'utf8'));
  const clock = new SystemClock();
  const endpoint = options.armEndpoint;
  const credential = createCredential({ endpoint });
  const token = process.env.GH_TOKEN ?? process.env.GITHUB_TOKEN;
  const [owner, repo] = (options.repo ?? process.env.GITHUB_REPOSITORY ?? '').split('/');
  if (options.repo && (!owner || !repo)) throw new InputError(`--repo takes OWNER/NAME, got "${options.repo}"`);
  const records = token && owner && repo ? new GitHubDeploymentRecords({ client: createGitHubClient(token, { apiUrl: options.apiUrl }), owner, repo }) : undefined;
  const status = await statusCommand({
    specFile: options.spec,
    mode: options.mode,
    version: options.version,
    env: process.env,
    repoRoot: process.cwd(),
    clock,
    signal: new AbortController().signal,
    deployer: (spec) => new ArmDeployer({ credential, endpoint, clock, spec, pollMs: endpoint && isLoopback(endpoint) ? { first: 250, max: 1_000 } : undefined }),
    records,
  });
  process.stdout.write(options.json ? `${JSON.stringify(status, null, 2)}\n` : `${statusText(status, process.stdout.columns)}\n`);
}
