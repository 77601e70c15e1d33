import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { readInputs } from '../../src/github/inputs.js';
import { failStep } from '../../src/github/problems.js';
import { runFailover } from '../../src/github/run-failover.js';
import { FailoverWorld, ONE_PROBE_SPEC } from '../helpers/failover-world.js';
import { actionHarness, commands } from '../helpers/in-process-action.js';

const harness = actionHarness();
const w = new FailoverWorld();
let faultId = '';
beforeAll(async () => {
  await w.start();
});
afterAll(async () => {
  if (faultId) w.rehearsal.sim.faults.remove(faultId);
  await w.stop();
  harness.cleanup();
});

const failover = (inputs: Record<string, string>) =>
  harness.run(
    { command: 'failover', spec: ONE_PROBE_SPEC, 'arm-endpoint': w.rehearsal.sim.endpoint, 'arm-ca': w.rehearsal.sim.ca, 'storage-connection-string': w.azurite.connectionString, ...inputs },
    () => runFailover(readInputs()),
    w.env,
  );
const initial = () => ({
  active_target: 'primary',
  failover_count: 0,
  last_status: 'OK',
  last_detail: 'created by failover init',
  primary_endpoint: `https://${w.env.PRIMARY_HOST}/healthz`,
  secondary_endpoint: `https://${w.env.SECONDARY_HOST}/healthz`,
});
const message = (run: { error?: unknown }) => [(run.error as Error).name, (run.error as Error).message];

describe('runFailover: the failover, to and force inputs', () => {
  it('refuses an unknown failover action, and to: with anything but switch, before it touches anything', async () => {
    expect(message(await failover({ failover: 'flip' }))).toEqual(['InputError', 'input failover is "flip"; use evaluate (default), status, init or switch']);
    for (const kind of ['evaluate', 'status', 'init']) {
      const run = await failover({ failover: kind, to: 'secondary' });
      expect(message(run)).toEqual(['InputError', `input to is for failover: switch, not ${kind}`]);
      expect(run.stdout).toBe('');
    }
    expect(message(await failover({ to: 'secondary' }))).toEqual(['InputError', 'input to is for failover: switch, not evaluate']);
  });
});

describe('runFailover against the local endpoint and Azurite', () => {
  it('init creates the state entity, masking the connection string and its key before anything prints', async () => {
    const run = await failover({ failover: 'init' });
    expect([run.error, run.exitCode]).toEqual([undefined, undefined]);
    const key = /AccountKey=([^;]+)/.exec(w.azurite.connectionString)![1];
    expect(run.stdout.split('\n').slice(0, 2)).toEqual([`::add-mask::${w.azurite.connectionString}`, `::add-mask::${key}`]);
    expect(JSON.parse(run.outputs.failover)).toEqual({ created: true, state: initial() });
    expect(run.outputs['active-target']).toBe('primary');
    expect(Object.keys(run.outputs)).toEqual(['failover', 'active-target']);
    expect(run.summary.startsWith('## Failover state created')).toBe(true);
    expect(run.stdout.split('\n')[2]).toMatch(/^Created the failover state at /);
  });

  it('init again leaves it as it is; status prints it', async () => {
    const again = await failover({ failover: 'init' });
    expect(JSON.parse(again.outputs.failover)).toEqual({ created: false, state: initial() });
    const status = await failover({ failover: 'status' });
    expect(JSON.parse(status.outputs.failover)).toEqual({ state: initial() });
    expect(status.outputs['active-target']).toBe('primary');
  });

  it('a switch to a target the spec does not have is an input error', async () => {
    expect(message(await failover({ failover: 'switch', to: 'tertiary' }))).toEqual(['InputError', 'there is no failover target "tertiary"; the targets are primary, secondary']);
  });

  it('an evaluation of an unhealthy primary fails over and says why in the outputs', async () => {
    faultId = w.rehearsal.sim.faults.add({ kind: 'healthFails', region: 'eastus', status: 503 });
    const run = await failover({});
    expect([run.error, run.exitCode]).toEqual([undefined, undefined]);
    expect(Object.keys(run.outputs)).toEqual(['failover', 'changed', 'reason', 'active-target']);
    expect(run.outputs).toMatchObject({ changed: 'true', reason: 'failed_over', 'active-target': 'secondary' });
    const decision = JSON.parse(run.outputs.failover);
    expect(decision).toMatchObject({ changed: true, reason: 'failed_over', previousTarget: 'primary', failoverCount: 1, state: { active_target: 'secondary', last_status: 'FAILOVER_DONE' } });
    expect('probes' in decision || 'record' in decision).toBe(false);
    expect(run.summary.startsWith('## Failover: traffic switched to secondary')).toBe(true);
    expect(commands(run.stdout, 'error')).toEqual([]);
  });

  it('a switch inside the cooldown changes nothing unless forced; next is the target after the active one', async () => {
    const held = await failover({ failover: 'switch', to: 'primary' });
    expect(held.outputs).toMatchObject({ changed: 'false', reason: 'cooldown_active', 'active-target': 'secondary' });
    const forced = await failover({ failover: 'switch', to: 'next', force: 'true' });
    expect(forced.outputs).toMatchObject({ changed: 'true', 'active-target': 'primary' });
  });

  it('an error of the state store fails the step with its code and message in one line, as the CLI says it', async () => {
    const run = await harness.run(
      { command: 'failover', spec: ONE_PROBE_SPEC, 'arm-endpoint': w.rehearsal.sim.endpoint, 'arm-ca': w.rehearsal.sim.ca, 'storage-connection-string': w.azurite.connectionString, failover: 'status' },
      async () => {
        try {
          await runFailover(readInputs());
        } catch (error) {
          failStep(error);
        }
      },
      { ...w.env, FAILOVER_TABLE: 'nosuchtable' },
    );
    expect(run.exitCode).toBe(1);
    expect(commands(run.stdout, 'error')).toEqual([
      expect.stringMatching(
        new RegExp(
          `^::error::TableNotFound: reading the state entity at ${w.azurite.endpoint.replace(/[.]/g, '\\.')}/nosuchtable \\(failover/state\\): the table does not exist \\(TableNotFound\\) \\(request id [0-9a-f-]+\\)\\. Nothing was changed\\. Run \`staged-rollout failover init\` to create it and the entity\\.$`,
        ),
      ),
    ]);
  });
});
