import type { Command } from 'commander';
import { exitWith, rawArgsOf, specOptions, versionOf } from '../options.js';

export function registerTeardown(program: Command): void {
  specOptions(program.command('teardown').description('remove what the rollout created, found by its tags, in reverse dependency order'))
    .option('--component <name>', 'only this component (and the components that require it)')
    .option('--region <name>', 'only the stamps of this region')
    .option('--deployed-version <version>', 'only stamps whose latest successful deployment is this version')
    .option('--dry-run', 'list every resource, deployment and resource group that would go; delete nothing')
    .option('--arm-endpoint <url>', 'the ARM endpoint (the local endpoint of `staged-rollout sim`)')
    .option('--arm-ca <file>', 'a CA certificate to trust (PEM)')
    .option('--bicep-path <file>', 'the Bicep CLI for .bicep and .bicepparam files (default: bicep on PATH)')
    .action(async (options: { version?: string }, command: Command) => exitWith(command, await (await import('../../cli-teardown.js')).teardownCli(rawArgsOf(command), () => versionOf(options))));
}
