import type { Command } from 'commander';
import { exitWith, list, repeat, stageOptions } from '../options.js';

export function registerRehearse(program: Command): void {
  stageOptions(program.command('rehearse').description('the whole rollout on the local simulated ARM endpoint, on a virtual clock, with faults'))
    .option('--only <component[@region]>', 'that stamp and, first, the prerequisites without a deployment of their current content')
    .option('--bicep-path <file>', 'the Bicep CLI for .bicep and .bicepparam files (default: bicep on PATH)')
    .option('--fail-health <region[@version]>', 'make a region turn unhealthy 3 minutes after the version reaches it (repeatable)', repeat)
    .option('--fail-deploy <region[@version]>', "make a region's deployment fail (repeatable)", repeat)
    .option('--faults <file>', 'JSON fault rules for the simulated endpoint (slow or flapping health, hangs, 429s, resets)')
    .option('--baseline <versions>', 'roll these versions out first, silently (comma-separated), so the rehearsal has something to restore', list)
    .option('--resume', 'continue the last rehearsal from its journal instead of starting clean')
    .action(async (options, command: Command) => exitWith(command, await (await import('../../cli-rehearse.js')).rehearseCli(options)));
}
