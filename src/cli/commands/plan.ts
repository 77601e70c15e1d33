import type { Command } from 'commander';
import { planCommand } from '../../commands/plan.js';
import { planText } from '../../report/plan-text.js';
import { formatProblem, problemsJson, SpecError, type SpecProblem } from '../../spec/problems.js';
import { exitWith, rawArgsOf, specOptions, versionOf, type SpecOptions } from '../options.js';

export function registerPlan(program: Command): void {
  specOptions(program.command('plan').description('validate the spec and print the stages and stamps, what deploys and why'))
    .option('--json', 'print the plan as JSON (and a bad spec\'s problems as JSON: file, line, col, key, message, hint)')
    .option('--what-if', 'also ARM what-if of every stamp that would deploy (with --arm-endpoint, --arm-ca, --stage)')
    .option('--what-if-exclude <kinds>', 'leave these change kinds out of the what-if, e.g. noChange,ignore')
    .option('--stage <name>', 'with --what-if: only this stage', 'all')
    .option('--arm-endpoint <url>', 'with --what-if: the ARM endpoint')
    .option('--arm-ca <file>', 'with --what-if: a CA certificate to trust (PEM)')
    .option('--markdown', 'with --what-if: print the what-if as markdown')
    .option('--bicep-path <file>', 'the Bicep CLI for .bicep and .bicepparam files (default: bicep on PATH)')
    .action(async (options: SpecOptions & { json?: boolean; whatIf?: boolean; bicepPath?: string }, command: Command) => {
      if (options.whatIf) return exitWith(command, await (await import('../../cli-what-if.js')).planWhatIfCli(rawArgsOf(command), () => versionOf(options)));
      let plan;
      try {
        ({ plan } = planCommand({
          specFile: options.spec,
          mode: options.mode,
          version: versionOf(options),
          env: process.env,
          repoRoot: process.cwd(),
          bicepPath: options.bicepPath,
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
