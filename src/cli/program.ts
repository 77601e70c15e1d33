import { Command, CommanderError } from 'commander';
import { InputError } from '../commands/plan.js';
import { operationalMessage } from '../report/operational-error.js';
import { redactStdio } from '../report/redact-stdio.js';
import { SpecError } from '../spec/problems.js';
import { commands } from './commands/index.js';
import { toolVersion } from './tool-version.js';

/**
 * The terminal face: one commander program, each command registered from its own file in ./commands.
 * Exit codes: 0 done, 1 failed (a rollout that did not succeed, or an unexpected error), 2 bad input, spec or usage.
 */
export function createProgram(): Command {
  const program = new Command('staged-rollout')
    .description('Staged multi-region rollouts of ARM/Bicep stamps on Azure, gated by GitHub environments.')
    .version(toolVersion(), '-V, --version', 'print the version of staged-rollout')
    .option('--debug', 'print the stack of an unexpected error')
    // Options after a command belong to it: `plan --version 1.2.3` is the rollout's version, not ours.
    .enablePositionalOptions()
    .exitOverride()
    .showHelpAfterError('Run "staged-rollout --help" for the commands.');
  for (const register of commands) register(program);
  for (const command of program.commands) {
    command
      .option('--debug', 'print the stack of an unexpected error')
      .exitOverride()
      .showHelpAfterError(`Usage: staged-rollout ${command.name()} ${command.usage()}\nRun "staged-rollout ${command.name()} --help" for every option.`);
  }
  return program;
}

/** Parses argv, runs the command, and turns every error into one line and an exit code; never a stack unless --debug. */
export async function runCli(argv: string[]): Promise<number> {
  // Every secret the run learns is replaced in whatever it prints, from here on.
  redactStdio();
  const program = createProgram();
  if (argv.length === 0) {
    process.stdout.write(program.helpInformation());
    return 2;
  }
  const unknown = unknownCommand(program, argv);
  if (unknown !== undefined) {
    // commander answers `NAME --help` with the program's help and exit 0 before it looks at NAME.
    process.stderr.write(`error: unknown command '${unknown}'\nUsage: staged-rollout ${program.usage()}\nRun "staged-rollout --help" for the commands.\n`);
    return 2;
  }
  let exitCode = 0;
  program.hook('postAction', (_this, action) => {
    exitCode = (action as Command & { exitCode?: number }).exitCode ?? 0;
  });
  try {
    await program.parseAsync(argv, { from: 'user' });
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      // --help and --version throw a CommanderError with exit code 0; usage errors were already printed with the usage.
      return error.exitCode === 0 ? 0 : 2;
    }
    if (error instanceof SpecError || error instanceof InputError) {
      process.stderr.write(`staged-rollout: ${error.message}\n`);
      return 2;
    }
    // An endpoint down, throttling, a journal that cannot be read: what happened and what to do, no stack.
    const operational = operationalMessage(error);
    if (operational && !argv.includes('--debug')) {
      process.stderr.write(`staged-rollout: ${operational}\n`);
      return 1;
    }
    const message = error instanceof Error ? error.message : String(error);
    if (argv.includes('--debug') && error instanceof Error && error.stack) {
      process.stderr.write(`staged-rollout: ${error.stack}\n`);
    } else {
      process.stderr.write(`staged-rollout: ${message.split('\n')[0]}\n(an unexpected error: run again with --debug for its stack, and report it with that stack if it persists)\n`);
    }
    return 1;
  }
}

/** The first word of argv when it names no command (nor `help`) and help is asked for; commander handles the rest. */
function unknownCommand(program: Command, argv: string[]): string | undefined {
  const word = argv.find((a) => !a.startsWith('-'));
  if (word === undefined || !argv.some((a) => a === '--help' || a === '-h')) return undefined;
  if (argv.indexOf(word) > argv.findIndex((a) => a === '--help' || a === '-h')) return undefined;
  const known = new Set(['help', ...program.commands.flatMap((c) => [c.name(), ...c.aliases()])]);
  return known.has(word) ? undefined : word;
}
