import type { Command } from 'commander';
import { exitWith } from '../options.js';

export function registerRehearseUnits(program: Command): void {
  program
    .command('rehearse-units')
    .description('rehearse a release-unit rollout on the local endpoint: one unit live, the next in weight steps, then teardown')
    .option('--spec <file>', 'the rollout spec, with releaseUnits and traffic', 'examples/release-units/rollout.yaml')
    .option('--mode <mode>', 'standard or a mode of the spec', 'standard')
    .option('--from <version>', 'the version that is live first', '1.0.0')
    .option('--version <version>', 'the version rolled out as the new unit', '2.0.0')
    .option('--users <n>', 'synthetic user requests a minute on Front Door', '2')
    .option('--errors <ratio>', "the new unit fails this share of users' requests from its second step, e.g. 0.2")
    .action(async (options, command: Command) => exitWith(command, await (await import('../../cli-release-units.js')).rehearseUnitsCli(options)));
}
