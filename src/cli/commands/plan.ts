import type { Command } from 'commander';
import { planCommand } from '../../commands/plan.js';
import { planText } from '../../report/plan-text.js';
import { formatProblem, problemsJson, SpecError, type SpecProblem } from '../../spec/problems.js';
import { exitWith, specOptions, versionOf, type SpecOptions } from '../options.js';

export function registerPlan(program: Command): void {
  specOptions(program.command('plan').description('validate the spec and print the stages and stamps, what deploys and why'))
    .option('--json', 'print the plan as JSON (and a bad spec\'s problems as JSON: file, line, col, key, message, hint)')
    .action((options: SpecOptions & { json?: boolean }, command: Command) => {
      let plan;
      try {
        ({ plan } = planCommand({
          specFile: options.spec,
          mode: options.mode,
          version: versionOf(options),
          env: process.env,
          repoRoot: process.cwd(),
          onWarnings: (warnings: SpecProblem[]) => warnings.forEach((w) => process.stderr.write(`staged-rollout: warning: ${formatProblem(w)}\n`)),
        }));
      } catch (error) {
        // Editors and bots read the problems from stdout as JSON; people read them on stderr.
        if (!(options.json && error instanceof SpecError)) throw error;
        process.stdout.write(problemsJson(error.problems));
        return exitWith(command, 2);
      }
      process.stdout.write(options.json ? `${JSON.stringify(plan, null, 2)}\n` : `${planText(plan, process.stdout.columns)}\n`);
    });
}
