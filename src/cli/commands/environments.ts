import type { Command } from 'commander';
import { exitWith, repeat, specOption } from '../options.js';

export function registerEnvironments(program: Command): void {
  specOption(program.command('environments').description('create or update the stage environments (wait timers from bakes); GH_TOKEN with admin rights'))
    .option('--repo <owner/name>', 'the repository (default $GITHUB_REPOSITORY)')
    .option('--api-url <url>', 'the GitHub API', process.env.GITHUB_API_URL ?? 'https://api.github.com')
    .option('--dry-run', 'say what would change; change nothing')
    .option('--reviewer <User:ID|Team:ID>', 'a required reviewer (numeric id; repeatable)', repeat)
    .option('--branch-policy <policy>', 'protected, any or keep', 'protected')
    .action(async (options, command: Command) => exitWith(command, await (await import('../../cli-github.js')).environmentsCli(options)));
}
