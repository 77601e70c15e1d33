import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { createCredential, isLoopback } from './azure/credentials.js';
import { ArmDeployer } from './azure/deployer.js';
import { trustCertificate } from './azure/tls.js';
import { ArmWhatIf } from './azure/what-if.js';
import { deployCommand } from './commands/deploy.js';
import { InputError } from './commands/plan.js';
import { whatIfStages } from './commands/what-if.js';
import { selectStages } from './engine/rollout.js';
import { excludeChanges, parseWhatIfExclude, type StampWhatIf } from './plan/what-if.js';
import { planText } from './report/plan-text.js';
import { whatIfMarkdown, whatIfText } from './report/what-if.js';
import { STANDARD_MODE } from './spec/load.js';
import { SystemClock } from './time/clock.js';

/**
 * `plan --what-if`: the plan against Azure's current state (or --arm-endpoint's), then ARM what-if of every stamp that
 * would deploy, grouped by change type with property diffs. `--json` prints the plan with its `whatIf`.
 */
export async function planWhatIfCli(args: string[], version: () => string): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      spec: { type: 'string', default: 'rollout.yaml' },
      mode: { type: 'string', default: STANDARD_MODE },
      version: { type: 'string' },
      json: { type: 'boolean', default: false },
      'bicep-path': { type: 'string' },
      'what-if': { type: 'boolean', default: true },
      'what-if-exclude': { type: 'string' },
      stage: { type: 'string', default: 'all' },
      'arm-endpoint': { type: 'string' },
      'arm-ca': { type: 'string' },
      markdown: { type: 'boolean', default: false },
    },
    strict: true,
  });
  let exclude;
  try {
    exclude = parseWhatIfExclude(values['what-if-exclude']);
  } catch (error) {
    throw new InputError((error as Error).message);
  }
  if (values['arm-ca']) trustCertificate(readFileSync(values['arm-ca'], 'utf8'));
  const clock = new SystemClock();
  const endpoint = values['arm-endpoint'];
  const credential = createCredential({ endpoint });
  const signal = new AbortController().signal;
  let results: StampWhatIf[] = [];
  const { plan } = await deployCommand({
    specFile: values.spec!,
    mode: values.mode!,
    version: values.version ?? version(),
    env: process.env,
    repoRoot: process.cwd(),
    bicepPath: values['bicep-path'],
    stage: values.stage!,
    dryRun: true,
    clock,
    journal: { load: async () => [], record: async () => undefined },
    reporter: { event: () => undefined },
    signal,
    deployer: (spec) => new ArmDeployer({ credential, endpoint, clock, spec, pollMs: endpoint && isLoopback(endpoint) ? { first: 250, max: 1_000 } : undefined }),
    prober: { probe: async () => ({ healthy: false, latencyMs: 0, detail: 'not probed in a plan' }) },
    beforeDeploy: async (p, spec, deployer) => {
      const runner = new ArmWhatIf({
        credential,
        endpoint,
        clock,
        spec,
        stamps: new Map(p.stages.flatMap((s) => s.stamps).map((s) => [s.id, s])),
        outputsOf: async (stamp) => (await deployer.lastSuccessful(stamp, {}, signal))?.outputs,
      });
      results = excludeChanges(await whatIfStages(selectStages(p, values.stage), runner, signal), exclude);
    },
  });
  if (values.json) process.stdout.write(`${JSON.stringify({ ...plan, whatIf: results }, null, 2)}\n`);
  else process.stdout.write(`${planText(plan)}\n\n${values.markdown ? whatIfMarkdown(results) : whatIfText(results)}\n`);
  return results.some((r) => r.error) ? 1 : 0;
}
