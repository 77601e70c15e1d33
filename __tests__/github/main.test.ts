import { afterAll, describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { run } from '../../src/main.js';
import { actionHarness, commands, repoRoot } from '../helpers/in-process-action.js';

// The action's entry in this process: each command reaches its own handler, and whatever fails ends in failStep.
const harness = actionHarness();
afterAll(() => harness.cleanup());
const SPEC = 'examples/basic/rollout.yaml';
const action = (inputs: Record<string, string>) => harness.run({ spec: SPEC, ...inputs }, () => run());

describe('run: the action, in process', () => {
  it('plan is the default command', async () => {
    const ran = await action({});
    expect([ran.error, ran.exitCode, Object.keys(ran.outputs)]).toEqual([undefined, undefined, ['plan', 'stages']]);
  });

  it('an unknown command fails the step with the known ones, never throws', async () => {
    const ran = await action({ command: 'deploi' });
    expect([ran.error, ran.exitCode]).toEqual([undefined, 1]);
    expect(commands(ran.stdout, 'error')).toEqual(['::error::input command "deploi" is not known; use one of: plan, deploy, workflow, environments, failover, status, teardown, abort, promote']);
  });

  it('deploy, status and teardown reach their handlers (here on the built-in local endpoint)', async () => {
    const deploy = await action({ command: 'deploy', version: '1.0.0', 'arm-endpoint': 'local', 'dry-run': 'true' });
    expect([deploy.exitCode, deploy.outputs.status]).toEqual([undefined, 'planned']);
    const status = await action({ command: 'status', 'arm-endpoint': 'local' });
    expect([status.exitCode, Object.keys(status.outputs)]).toEqual([undefined, ['result']]);
    const teardown = await action({ command: 'teardown', 'arm-endpoint': 'local', component: 'nope' });
    expect(commands(teardown.stdout, 'error')).toEqual(['::error::teardown: no component "nope"; components: global, cluster, app']);
  });

  it('workflow writes the workflow; environments, failover, abort and promote refuse with their own words', async () => {
    const file = path.join(harness.dir, 'rollout.yml');
    const workflow = await action({ command: 'workflow', workflow: file });
    expect(workflow.exitCode).toBe(undefined);
    expect(readFileSync(file, 'utf8')).toBe(readFileSync(path.join(repoRoot, 'examples/workflows/rollout.yml'), 'utf8'));
    const refusals: string[] = [];
    for (const inputs of [{ command: 'environments' }, { command: 'failover', failover: 'flip' }, { command: 'abort' }, { command: 'promote' }] as Record<string, string>[]) {
      const ran = await action(inputs);
      expect(ran.exitCode).toBe(1);
      refusals.push(...commands(ran.stdout, 'error'));
    }
    expect(refusals).toEqual([
      '::error::environments needs token: a token with administration: write (GITHUB_TOKEN cannot change environments)',
      '::error::input failover is "flip"; use evaluate (default), status, init or switch',
      '::error::input reason is empty: say why (it is kept with the abort on the deployment record)',
      '::error::input reason is empty: say why (it is kept with the promote on the deployment record)',
    ]);
  });
});
