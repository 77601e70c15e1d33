#!/usr/bin/env node
// npx staged-rollout: the bundled CLI, so the terminal runs exactly what the action runs.
await import('../dist/cli/index.js');
