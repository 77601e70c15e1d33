import './runtime-flags.js';
import { execFileSync } from 'node:child_process';
import { parseArgs } from 'node:util';
import { InputError, planCommand } from './commands/plan.js';
import { deployCli, demoCli, rehearseCli } from './cli-deploy.js';
import { environmentsCli, workflowCli } from './cli-github.js';
import { planWhatIfCli } from './cli-what-if.js';
import { teardownCli } from './cli-teardown.js';
import { planText } from './report/plan-text.js';
import { STANDARD_MODE } from './spec/load.js';
import { SpecError } from './spec/problems.js';

const USAGE = `Usage: staged-rollout <command> [options]

Commands:
  plan     validate the spec and print the stages and stamps, what deploys and why
  deploy   deploy the stages of the spec to Azure (or --arm-endpoint), probing, baking, rolling back
  rehearse the whole rollout against the local simulated ARM endpoint on a virtual clock, with faults
  demo     examples/basic at 1.0.0, then 2.0.0 with a pilot region turning unhealthy
  workflow write .github/workflows/<name>.yml (one job per stage, gated by its environment); --check for drift
  environments  create or update the stage environments (wait timers from bakes); GH_TOKEN with admin rights
  teardown remove what the rollout created (by tags): --component C, --region R, --deployed-version V or all;
           --dry-run lists every resource and resource group first (and --arm-endpoint, --arm-ca)
  sim      start the local simulated ARM endpoint (HTTPS on 127.0.0.1) and print how to reach it

Options for plan:
  --spec FILE       the rollout spec (default rollout.yaml)
  --mode MODE       standard (default) or a mode of the spec, e.g. hotfix
  --version V       the version to roll out (default: git's short commit sha)
  --json            print the plan as JSON
  --what-if         also ARM what-if of every stamp that would deploy (with --arm-endpoint, --arm-ca, --stage,
                    --what-if-exclude noChange,ignore)
  --bicep-path FILE the Bicep CLI for .bicep and .bicepparam files (default: bicep on PATH)

Options for deploy and rehearse (and --spec, --mode, --version as for plan):
  --stage NAME|all  the stage to run (default all)
  --journal FILE    progress file a re-run resumes from (default .staged-rollout/journal.jsonl)
  --only COMPONENT[@REGION]  deploy that and, first, the prerequisites without a deployment of their content
  deploy:   --dry-run, --arm-endpoint URL, --arm-ca FILE (a CA to trust, e.g. the local endpoint's),
            --requests-per-second READS,WRITES (ARM requests of this process; default 12,5, under ARM's 25,10)
  rehearse: --fail-health REGION[@VERSION], --fail-deploy REGION[@VERSION], --faults FILE (JSON fault rules)
`;

/** The terminal face of the engine. Exit codes: 0 done, 1 failed, 2 bad input or spec. */
export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'plan':
        return rest.includes('--what-if') ? await planWhatIfCli(rest, gitVersion) : plan(rest);
      case 'deploy':
        return await deployCli(rest, gitVersion);
      case 'rehearse':
        return await rehearseCli(rest, gitVersion);
      case 'demo':
        return await demoCli();
      case 'workflow':
        return workflowCli(rest);
      case 'teardown':
        return await teardownCli(rest, gitVersion);
      case 'environments':
        return await environmentsCli(rest);
      case 'sim': {
        const { runSimCommand } = await import('../sim/standalone.js');
        await runSimCommand(rest);
        return 0;
      }
      case undefined:
      case '-h':
      case '--help':
      case 'help':
        process.stdout.write(USAGE);
        return command === undefined ? 2 : 0;
      default:
        throw new InputError(`unknown command "${command}"\n\n${USAGE}`);
    }
  } catch (error) {
    if (error instanceof SpecError || error instanceof InputError) {
      process.stderr.write(`staged-rollout: ${error.message}\n`);
      return 2;
    }
    process.stderr.write(`staged-rollout: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    return 1;
  }
}

function plan(args: string[]): number {
  const { values } = parseArgs({
    args,
    options: {
      spec: { type: 'string', default: 'rollout.yaml' },
      mode: { type: 'string', default: STANDARD_MODE },
      version: { type: 'string' },
      json: { type: 'boolean', default: false },
      'bicep-path': { type: 'string' },
    },
    strict: true,
  });
  const { plan } = planCommand({
    specFile: values.spec!,
    mode: values.mode!,
    version: values.version ?? gitVersion(),
    env: process.env,
    repoRoot: process.cwd(),
    bicepPath: values['bicep-path'],
  });
  process.stdout.write(values.json ? `${JSON.stringify(plan, null, 2)}\n` : `${planText(plan)}\n`);
  return 0;
}

function gitVersion(): string {
  try {
    return execFileSync('git', ['rev-parse', '--short=7', 'HEAD'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    throw new InputError('no --version given and no git commit to take one from; pass --version 1.2.3');
  }
}

process.exitCode = await main(process.argv.slice(2));
