// The action's entry point; everything it does is in main.ts.
import './runtime-flags.js';
import { run } from './main.js';

await run();
