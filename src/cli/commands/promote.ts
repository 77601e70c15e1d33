import { Option, type Command } from 'commander';
import { DEFAULT_JOURNAL, exitWith, specOptions } from '../options.js';

export function registerPromote(program: Command): void {
  specOptions(program.command('promote').description("let the next stage start without waiting for the rest of a stage's bake (recorded with who and why)"))
    .addOption(new Option('--stage <name>', 'the stage whose bake is over'))
    .option('--reason <text>', 'why (required); kept with the record')
    .option('--by <name>', "who (default $GITHUB_ACTOR, git's user.name or the login)")
    .option('--repo <owner/name>', 'the repository of the deployment records (default $GITHUB_REPOSITORY); needs GH_TOKEN')
    .option('--api-url <url>', 'the GitHub API', process.env.GITHUB_API_URL ?? 'https://api.github.com')
    .addOption(new Option('--journal <file>', 'the journal to record it in').default(DEFAULT_JOURNAL))
    .action(async (options, command: Command) => exitWith(command, await (await import('../intervene.js')).interveneCli('promote', options)));
}
