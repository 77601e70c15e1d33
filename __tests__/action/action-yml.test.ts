import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parse } from 'yaml';
import { repoRoot, runAction } from '../helpers/run-action.js';

const action = parse(readFileSync(path.join(repoRoot, 'action.yml'), 'utf8')) as { inputs: Record<string, { description: string }>; outputs: Record<string, { description: string }> };

/** Runs the bundled action for `command` and returns the inputs it read and the outputs it wrote. */
async function observe(inputs: Record<string, string>): Promise<{ read: string[]; written: string[] }> {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'staged-rollout-inputs-')), 'read');
  const preload = pathToFileURL(path.join(repoRoot, '__tests__', 'fixtures', 'preload', 'record-input-reads.mjs')).href;
  const run = await runAction(inputs, { NODE_OPTIONS: `--import=${preload}`, RECORD_INPUT_READS_TO: file });
  expect({ command: inputs.command, code: run.code, stderr: run.stderr }).toEqual({ command: inputs.command, code: 0, stderr: '' });
  return { read: readFileSync(file, 'utf8').split('\n').filter(Boolean), written: Object.keys(run.outputs) };
}

// Commands with e2e tests of their own, not run here: failover (needs Azurite; __tests__/action/failover.e2e) and
// teardown (__tests__/action/bicep-stages.e2e).
const FAILOVER_INPUTS = ['failover', 'force', 'storage-connection-string', 'to', 'component', 'deployed-version', 'region'];
const FAILOVER_OUTPUTS = ['active-target', 'changed', 'failover', 'reason', 'teardown'];
// abort and promote need a deployment record to act on (__tests__/action/intervene.e2e).
const INTERVENTION_INPUTS = ['reason', 'rollback'];

describe('action.yml', () => {
  const runs = Promise.all([
    observe({ command: 'plan', spec: 'examples/basic/rollout.yaml' }),
    observe({ command: 'deploy', spec: 'examples/basic/rollout.yaml', version: '1.0.0', 'arm-endpoint': 'local' }),
    observe({ command: 'workflow', spec: 'examples/basic/rollout.yaml', workflow: path.join(tmpdir(), `staged-rollout-wf-${process.pid}.yml`) }),
  ]);

  it('declares and documents exactly the inputs the action reads', async () => {
    const read = new Set([...(await runs).flatMap((r) => r.read), ...FAILOVER_INPUTS, ...INTERVENTION_INPUTS]);
    expect(Object.keys(action.inputs).sort()).toEqual([...read].sort());
    for (const [name, input] of Object.entries(action.inputs)) expect({ name, long: input.description.length > 30 }).toEqual({ name, long: true });
  });

  it('declares and documents exactly the outputs the action writes', async () => {
    const written = new Set([...(await runs).flatMap((r) => r.written), ...FAILOVER_OUTPUTS]);
    expect(Object.keys(action.outputs).sort()).toEqual([...written].sort());
    for (const [name, output] of Object.entries(action.outputs)) expect({ name, long: output.description.length > 20 }).toEqual({ name, long: true });
  });
});
