import './runtime-flags.js';
import { runCli } from './cli/program.js';

/** The terminal face; the commands are in src/cli/commands/, one file each. */
process.exitCode = await runCli(process.argv.slice(2));
