import type { Command } from 'commander';
import { exitWith, stageOptions } from '../options.js';

export function registerDeploy(program: Command): void {
  stageOptions(program.command('deploy').description('deploy the stages of the spec to Azure (or --arm-endpoint), probing, baking, rolling back'))
    .option('--only <component[@region]>', 'that stamp and, first, the prerequisites without a deployment of their current content')
    .option('--bicep-path <file>', 'the Bicep CLI for .bicep and .bicepparam files (default: bicep on PATH)')
    .option('--dry-run', 'plan against what is deployed now; deploy nothing')
    .option('--arm-endpoint <url>', 'the ARM endpoint (sovereign clouds, Azure Stack, the local endpoint of `staged-rollout sim`)')
    .option('--arm-ca <file>', "a CA certificate to trust (PEM), e.g. the local endpoint's")
    .option('--requests-per-second <reads,writes>', "this process's ARM requests a second (default 12,5, under ARM's 25,10)")
    .option('--request-timeout <duration>', 'the longest one ARM request may take before it is retried (default 60s)')
    .option('--watch', 'on a terminal, a live line of where the rollout stands (bake left, deployments, health watch), redrawn every second')
    .option('--force <reason>', 'run --stage NAME without the previous-stage checks (an emergency); the reason is recorded with who gave it')
    .option('--break-lease', 'take over from a run that is gone: its journal lease (JOURNAL.lease) and the deployments ARM shows still running for it (recorded in the journal)')
    .action(async (options, command: Command) => exitWith(command, await (await import('../../cli-deploy.js')).deployCli(options)));
}
