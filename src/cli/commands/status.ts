import type { Command } from 'commander';
import type { StatusOptions } from '../../cli-status.js';
import { specOptions } from '../options.js';

export function registerStatus(program: Command): void {
  specOptions(program.command('status').description("which version each stamp runs (ARM's tags) and where a rollout stands (GitHub's records with GH_TOKEN)"))
    .option('--arm-endpoint <url>', 'the ARM endpoint (default Azure public cloud)')
    .option('--arm-ca <file>', 'a CA certificate to trust (PEM)')
    .option('--repo <owner/name>', "the repository whose deployment records to read (default $GITHUB_REPOSITORY); needs GH_TOKEN")
    .option('--api-url <url>', 'the GitHub API', process.env.GITHUB_API_URL ?? 'https://api.github.com')
    .option('--json', 'print the status as JSON')
    .action(async (options: StatusOptions) => (await import('../../cli-status.js')).statusCli(options));
}
