import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { createCredential } from './azure/credentials.js';
import { trustCertificate } from './azure/tls.js';
import { teardownCommand } from './commands/teardown.js';
import { teardownText } from './report/teardown-text.js';
import { STANDARD_MODE } from './spec/load.js';
import { SystemClock } from './time/clock.js';

/** `teardown`: what the rollout owns, by --component, --region, --deployed-version or all; --dry-run lists it. */
export async function teardownCli(args: string[], version: () => string): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      spec: { type: 'string', default: 'rollout.yaml' },
      mode: { type: 'string', default: STANDARD_MODE },
      version: { type: 'string' },
      component: { type: 'string' },
      region: { type: 'string' },
      'deployed-version': { type: 'string' },
      'dry-run': { type: 'boolean', default: false },
      'arm-endpoint': { type: 'string' },
      'arm-ca': { type: 'string' },
      'bicep-path': { type: 'string' },
    },
    strict: true,
  });
  if (values['arm-ca']) trustCertificate(readFileSync(values['arm-ca'], 'utf8'));
  const endpoint = values['arm-endpoint'];
  const result = await teardownCommand({
    specFile: values.spec!,
    mode: values.mode!,
    version: values.version ?? version(),
    env: process.env,
    repoRoot: process.cwd(),
    bicepPath: values['bicep-path'],
    component: values.component,
    region: values.region,
    deployedVersion: values['deployed-version'],
    dryRun: values['dry-run']!,
    clock: new SystemClock(),
    signal: new AbortController().signal,
    credential: createCredential({ endpoint }),
    endpoint,
    log: (line) => process.stdout.write(`${line}\n`),
  });
  process.stdout.write(`${teardownText(result)}\n`);
  return 0;
}
