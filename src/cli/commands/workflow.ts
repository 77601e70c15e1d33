import type { Command } from 'commander';
import { exitWith, specOption } from '../options.js';

export function registerWorkflow(program: Command): void {
  specOption(program.command('workflow').description('write .github/workflows/<name>.yml: one job per stage, gated by its environment'))
    .option('--out <file>', 'where to write it (default .github/workflows/<name>.yml)')
    .option('--uses <ref>', 'the action the jobs use, e.g. OWNER/staged-rollout@v1 or a commit sha')
    .option('--branch <name>', 'the default branch whose pushes start a rollout')
    .option('--check', 'write nothing; exit 1 and say how the workflow drifted from the spec')
    .option('--failover', "write <name>-failover.yml instead: the spec's failover loop on a schedule")
    .option('--schedule <cron>', 'with --failover: how often the loop runs (a cron expression)')
    .action(async (options, command: Command) => exitWith(command, await (await import('../../cli-github.js')).workflowCli(options)));
}
