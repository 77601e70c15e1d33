import { Option, type Command } from 'commander';
import { DEFAULT_JOURNAL, exitWith, specOptions } from '../options.js';

export function registerAbort(program: Command): void {
  specOptions(program.command('abort').description("stop a rollout in flight: the stage's GitHub deployment record is marked failed (who, why), so the next stage job refuses"))
    .addOption(new Option('--stage <name>', 'the stage to abort (default: the furthest stage with a record)').default('all'))
    .option('--reason <text>', 'why (required); kept with the record')
    .option('--by <name>', "who (default $GITHUB_ACTOR, git's user.name or the login)")
    .option('--repo <owner/name>', 'the repository of the deployment records (default $GITHUB_REPOSITORY); needs GH_TOKEN')
    .option('--api-url <url>', 'the GitHub API', process.env.GITHUB_API_URL ?? 'https://api.github.com')
    .addOption(new Option('--journal <file>', 'the journal to record it in').default(DEFAULT_JOURNAL))
    .option('--rollback', "also roll back what the rollout deployed, per the spec's rollback.scope (stage: the stage in flight; rollout: every stage up to it)")
    .option('--arm-endpoint <url>', 'with --rollback: the ARM endpoint (default Azure public cloud)')
    .option('--arm-ca <file>', "with --rollback: a CA certificate to trust (PEM), e.g. the local endpoint's")
    .action(async (options, command: Command) => exitWith(command, await (await import('../intervene.js')).interveneCli('abort', options)));
}
