import { StateStoreError } from '../../src/engine/failover/ports.js';
import type { FailoverDecision } from '../../src/engine/failover/controller.js';
import type { FailoverOutcome } from '../../src/commands/failover.js';
import { FailoverWorld } from '../helpers/failover-world.js';

// The failover loop where it can go wrong: two evaluations at once, a switch whose deployment fails, no healthy target,
// a missing or malformed entity. Real Azurite and the real local ARM endpoint; one table per test.
const decisionOf = (o: FailoverOutcome): FailoverDecision => {
  if (o.kind !== 'evaluate' && o.kind !== 'switch') throw new Error(`not a decision: ${o.kind}`);
  return o.decision;
};

describe('failover races and failures', () => {
  const w = new FailoverWorld();
  let tables = 0;
  const faults: string[] = [];
  beforeAll(async () => {
    await w.start();
  });
  beforeEach(() => {
    w.env = { ...w.env, FAILOVER_TABLE: `races${++tables}` };
  });
  afterEach(() => {
    for (const id of faults.splice(0)) w.rehearsal.sim.faults.remove(id);
  });
  afterAll(async () => {
    await w.stop();
  });
  const fault = (rule: Parameters<typeof w.rehearsal.sim.faults.add>[0]): void => void faults.push(w.rehearsal.sim.faults.add(rule));

  test('a switch whose deployment fails puts the record back, and the next evaluation switches', async () => {
    await w.run({ kind: 'init' });
    fault({ kind: 'healthFails', region: 'eastus', status: 503 });
    fault({ kind: 'deploymentFails', resourceGroup: 'failover-global', code: 'Conflict', message: 'Injected: the profile is being updated.', times: 1 });
    const failed = decisionOf(await w.run({ kind: 'evaluate' }));
    expect(failed).toMatchObject({ changed: false, reason: 'traffic_failed', activeTarget: 'primary', failoverCount: 0, error: { code: 'Conflict' } });
    expect(failed.detail).toMatch(/moving traffic to secondary failed: Conflict: .*Injected.*correlation id/);
    const entity = await w.entity();
    expect(entity).toMatchObject({ active_target: 'primary', failover_count: 0, last_status: 'FAILOVER_FAILED' });
    expect(entity.lock_until_utc).toBeUndefined();
    expect(await w.userRequest()).toMatchObject({ endpoint: 'primary' });

    const retried = decisionOf(await w.run({ kind: 'evaluate' }));
    expect(retried).toMatchObject({ changed: true, reason: 'failed_over', activeTarget: 'secondary', failoverCount: 1 });
    expect(await w.userRequest()).toMatchObject({ endpoint: 'secondary', region: 'westus' });
  });

  test('two evaluations at once on an unhealthy primary: exactly one switch, count 1, the loser says the state moved', async () => {
    await w.run({ kind: 'init' });
    fault({ kind: 'healthFails', region: 'eastus' });
    const switchesBefore = w.trafficSwitches().length;
    const [a, b] = await Promise.all([w.run({ kind: 'evaluate' }), w.run({ kind: 'evaluate' })]);
    const decisions = [decisionOf(a), decisionOf(b)];
    expect(decisions.map((d) => d.reason).sort()).toEqual(['failed_over', 'state_changed']);
    expect(decisions.filter((d) => d.changed)).toHaveLength(1);
    expect(decisions.find((d) => d.reason === 'state_changed')!.detail).toMatch(/changed under this evaluation.*ETag/);
    expect(await w.entity()).toMatchObject({ active_target: 'secondary', failover_count: 1, last_status: 'FAILOVER_DONE' });
    expect(w.trafficSwitches().length - switchesBefore).toBe(1);
  });

  test('with every target unhealthy nothing switches', async () => {
    await w.run({ kind: 'init' });
    fault({ kind: 'healthFails', region: 'eastus' });
    fault({ kind: 'healthFails', region: 'westus' });
    const switchesBefore = w.trafficSwitches().length;
    const d = decisionOf(await w.run({ kind: 'evaluate' }));
    expect(d).toMatchObject({ changed: false, reason: 'no_healthy_target', activeTarget: 'primary', healthy: false });
    expect(d.probes.map((p) => p.target)).toEqual(['primary', 'primary', 'primary', 'secondary']);
    expect(await w.entity()).toMatchObject({ active_target: 'primary', failover_count: 0, last_status: 'UNHEALTHY' });
    expect(w.trafficSwitches().length).toBe(switchesBefore);
  });

  test('a run that claimed a switch and stopped is finished by the next one', async () => {
    await w.run({ kind: 'init' });
    await w.table().updateEntity({ partitionKey: 'failover', rowKey: 'state', active_target: 'primary', failover_count: 3, last_status: 'SWITCHING' }, 'Merge');
    const d = decisionOf(await w.run({ kind: 'evaluate' }));
    expect(d).toMatchObject({ changed: true, reason: 'resumed_switch', activeTarget: 'primary', failoverCount: 3 });
    expect(await w.entity()).toMatchObject({ active_target: 'primary', last_status: 'FAILOVER_DONE' });
    expect(await w.userRequest()).toMatchObject({ endpoint: 'primary', region: 'eastus' });
  });

  test('a missing table or entity, and a malformed entity, are clear errors that change nothing', async () => {
    const missing = await w.run({ kind: 'evaluate' }).catch((e: unknown) => e);
    expect(missing).toBeInstanceOf(StateStoreError);
    expect((missing as StateStoreError).code).toBe('TableNotFound');
    expect((missing as Error).message).toMatch(/races\d+.*does not exist.*failover init/);
    // Evaluating did not create the table.
    expect(await w.table().getEntity('failover', 'state').catch((e: { statusCode?: number }) => e.statusCode)).toBe(404);

    await w.table().createTable();
    expect(((await w.run({ kind: 'status' }).catch((e: unknown) => e)) as StateStoreError).code).toBe('EntityNotFound');

    await w.table().createEntity({ partitionKey: 'failover', rowKey: 'state', active_target: 'tertiary', failover_count: 0, last_status: 'OK' });
    const before = await w.entity();
    const malformed = (await w.run({ kind: 'evaluate' }).catch((e: unknown) => e)) as StateStoreError;
    expect(malformed.code).toBe('MalformedEntity');
    expect(malformed.message).toMatch(/active_target "tertiary", which is not a target of the spec \(primary, secondary\)/);
    expect(await w.entity()).toEqual(before);
  });

  test('a manual switch: an unknown target is refused, --force overrides the cooldown', async () => {
    await w.run({ kind: 'init' });
    await expect(w.run({ kind: 'switch', to: 'tertiary', force: false })).rejects.toThrow(/no failover target "tertiary".*primary, secondary/);
    const first = decisionOf(await w.run({ kind: 'switch', to: 'secondary', force: false }));
    expect(first).toMatchObject({ changed: true, reason: 'manual_switch', activeTarget: 'secondary', failoverCount: 1 });
    expect(decisionOf(await w.run({ kind: 'switch', to: 'secondary', force: false }))).toMatchObject({ changed: false, reason: 'already_active' });
    expect(decisionOf(await w.run({ kind: 'switch', to: 'primary', force: false }))).toMatchObject({ changed: false, reason: 'cooldown_active' });
    const forced = decisionOf(await w.run({ kind: 'switch', to: 'primary', force: true }));
    expect(forced).toMatchObject({ changed: true, reason: 'manual_switch', activeTarget: 'primary', failoverCount: 2 });
    expect(await w.userRequest()).toMatchObject({ endpoint: 'primary', region: 'eastus' });
  });
});
