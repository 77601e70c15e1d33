import type { Command } from 'commander';
import { exitWith, specOption } from '../options.js';

export function registerFailover(program: Command): void {
  specOption(program.command('failover').description('one evaluation of the failover loop: probe the active target, switch on failure; or init, --status, --to'))
    .argument('[init]', 'create the state entity if it is absent (active_target = the first target); never overwrites one')
    .option('--status', 'print the state entity')
    .option('--to <target>', 'switch to this target (or next) now; refused inside the cooldown unless --force')
    .option('--force', 'with --to: switch inside the cooldown')
    .option('--json', 'print the decision as JSON')
    .option('--arm-endpoint <url>', 'the ARM endpoint the traffic component is deployed to (the local endpoint of `staged-rollout sim`)')
    .option('--arm-ca <file>', 'a CA certificate to trust (PEM)')
    .addHelpText('after', '\nThe state table is reached with the Azure sign-in (environment, managed identity, az CLI); for Azurite only,\nset AZURE_STORAGE_CONNECTION_STRING to its connection string (a loopback TableEndpoint).')
    .action(async (init: string | undefined, options, command: Command) => exitWith(command, await (await import('../../cli-failover.js')).failoverCli(init === undefined ? [] : [init], options)));
}
