import type { Command } from 'commander';
import { planCommand } from '../../commands/plan.js';
import { planText } from '../../report/plan-text.js';
import { specOptions, versionOf, type SpecOptions } from '../options.js';

export function registerPlan(program: Command): void {
  specOptions(program.command('plan').description('validate the spec and print the stages and stamps, what deploys and why'))
    .option('--json', 'print the plan as JSON')
    .action((options: SpecOptions & { json?: boolean }) => {
      const { plan } = planCommand({ specFile: options.spec, mode: options.mode, version: versionOf(options), env: process.env, repoRoot: process.cwd() });
      process.stdout.write(options.json ? `${JSON.stringify(plan, null, 2)}\n` : `${planText(plan, process.stdout.columns)}\n`);
    });
}
