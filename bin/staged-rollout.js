#!/usr/bin/env node
// npx staged-rollout: the bundled CLI, so the terminal runs exactly what the action runs.
// The check comes first, before the bundle loads: an older Node fails deep inside TLS and fetch with a stack trace.
const major = Number(process.versions.node.split('.')[0]);
if (major < 24) {
  process.stderr.write(`staged-rollout needs Node 24 or later; this is Node ${process.versions.node} (${process.execPath}). Install Node 24 (e.g. nvm install 24) and run it again.\n`);
  process.exit(1);
}
await import('../dist/cli/index.js');
