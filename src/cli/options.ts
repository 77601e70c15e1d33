import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { Option, type Command } from 'commander';
import { InputError } from '../commands/plan.js';
import { STANDARD_MODE } from '../spec/load.js';

/** Options several commands share, so their names, defaults and help read the same everywhere. */

export interface SpecOptions {
  spec: string;
  mode: string;
  version?: string;
}

export interface StageOptions extends SpecOptions {
  stage: string;
  journal: string;
}

export const DEFAULT_JOURNAL = path.join('.staged-rollout', 'journal.jsonl');

export function specOption(command: Command): Command {
  return command.option('--spec <file>', 'the rollout spec', 'rollout.yaml');
}

export function specOptions(command: Command): Command {
  return specOption(command)
    .option('--mode <mode>', 'standard or a mode of the spec, e.g. hotfix', STANDARD_MODE)
    .option('--version <version>', "the version to roll out (default: git's short commit sha)");
}

export function stageOptions(command: Command): Command {
  return specOptions(command)
    .option('--stage <name>', 'the stage to run, or all', 'all')
    .addOption(new Option('--journal <file>', 'progress file a re-run resumes from').default(DEFAULT_JOURNAL));
}

/** A command's action that returns its exit code; the program reads it after the action ran. */
export function exitWith(command: Command, code: number): void {
  (command as Command & { exitCode?: number }).exitCode = code;
}

/** The rollout version: --version, else git's short commit sha, as the action does. */
export function versionOf(options: { version?: string }): string {
  if (options.version) return options.version;
  try {
    return execFileSync('git', ['rev-parse', '--short=7', 'HEAD'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    throw new InputError('no --version given and no git commit to take one from; pass --version 1.2.3');
  }
}

/** A comma-separated list flag, e.g. --baseline 1.0.0,1.1.0. */
export function list(value: string, previous: string[] = []): string[] {
  return [...previous, ...value.split(',').map((v) => v.trim()).filter(Boolean)];
}

/** A repeatable flag. */
export function repeat(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}

/**
 * The arguments given after the command's name, as typed: for the commands whose parsing lives in their own module
 * (teardown, plan --what-if) while commander lists their options for --help and refuses unknown ones.
 */
export function rawArgsOf(command: Command): string[] {
  const raw = (command.parent as (Command & { rawArgs?: string[] }) | null)?.rawArgs ?? [];
  const at = raw.indexOf(command.name());
  return raw.slice(at + 1).filter((a) => a !== '--debug');
}
