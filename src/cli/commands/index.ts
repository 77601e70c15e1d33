import type { Command } from 'commander';
import { registerAbort } from './abort.js';
import { registerDemo } from './demo.js';
import { registerDeploy } from './deploy.js';
import { registerEnvironments } from './environments.js';
import { registerFailover } from './failover.js';
import { registerPlan } from './plan.js';
import { registerPromote } from './promote.js';
import { registerRehearse } from './rehearse.js';
import { registerRehearseUnits } from './rehearse-units.js';
import { registerSim } from './sim.js';
import { registerStatus } from './status.js';
import { registerTeardown } from './teardown.js';
import { registerWorkflow } from './workflow.js';

/**
 * Every command of the CLI, in the order `--help` lists them. A new command is one file in this folder exporting
 * `register<Name>(program)`, and one line here. A command's file registers only its options and loads what it runs
 * (the `cli-*.ts` face) when it runs: the bundle splits there, so a `deploy` never loads the simulated ARM, Front Door,
 * Table Storage or GitHub clients, which was most of its memory.
 */
export const commands: Array<(program: Command) => void> = [
  registerPlan,
  registerDeploy,
  registerRehearse,
  registerRehearseUnits,
  registerDemo,
  registerWorkflow,
  registerEnvironments,
  registerFailover,
  registerSim,
  registerStatus,
  registerTeardown,
  registerAbort,
  registerPromote,
];
