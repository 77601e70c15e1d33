import type { Command } from 'commander';
import { exitWith } from '../options.js';

export function registerDemo(program: Command): void {
  program
    .command('demo')
    .description('examples/basic at 1.0.0, then 2.0.0 with a pilot region turning unhealthy')
    .action(async (_options, command: Command) => exitWith(command, await (await import('../../cli-rehearse.js')).demoCli()));
}
