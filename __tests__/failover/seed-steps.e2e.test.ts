import { FailoverWorld } from '../helpers/failover-world.js';

// Seed 003's own end-to-end test, step by step, against Azurite (the state table) and the local ARM endpoint (the
// regional apps and the Traffic Manager profile a switch redeploys), on a virtual clock.
const MIN = 60_000;

describe("seed 003's six steps", () => {
  let w: FailoverWorld;
  beforeAll(async () => {
    w = new FailoverWorld();
    await w.start();
  });
  afterAll(async () => {
    await w?.stop();
  });

  test('init, healthy check, forced failure, failover, cooldown, recovery', async () => {
    // 1. Initial state.
    const init = await w.run({ kind: 'init' });
    expect(init).toMatchObject({ kind: 'init', created: true });
    const initial = await w.entity();
    expect(initial).toMatchObject({ active_target: 'primary', failover_count: 0, last_status: 'OK', primary_endpoint: `https://${w.env.PRIMARY_HOST}/healthz` });
    expect(initial.last_check_utc).toBeUndefined();
    expect(await w.userRequest()).toMatchObject({ endpoint: 'primary', region: 'eastus' });
    // A second init never overwrites.
    expect(await w.run({ kind: 'init' })).toMatchObject({ created: false });

    // 2. One evaluation: healthy, primary stays active, last_check_utc set.
    const healthy = await w.run({ kind: 'evaluate' });
    expect(healthy.kind === 'evaluate' && healthy.decision).toMatchObject({ changed: false, reason: 'healthy', healthy: true, activeTarget: 'primary' });
    const checked = await w.entity();
    expect(checked).toMatchObject({ active_target: 'primary', failover_count: 0, last_status: 'OK', last_check_utc: new Date(w.clock.now()).toISOString() });

    // 3. Force a failure the seed's way: the primary endpoint in the entity set to an invalid URL.
    await w.table().updateEntity({ partitionKey: 'failover', rowKey: 'state', primary_endpoint: 'https://127.0.0.1:1/healthz' }, 'Merge');

    // 4. The next evaluation fails over.
    await w.clock.sleep(5 * MIN);
    const before = w.clock.now();
    const failover = await w.run({ kind: 'evaluate' });
    expect(failover.kind === 'evaluate' && failover.decision).toMatchObject({ changed: true, reason: 'failed_over', previousTarget: 'primary', activeTarget: 'secondary', failoverCount: 1 });
    const failed = await w.entity();
    expect(failed).toMatchObject({ active_target: 'secondary', failover_count: 1, last_status: 'FAILOVER_DONE' });
    expect(Date.parse(String(failed.lock_until_utc))).toBeGreaterThanOrEqual(before + 30 * MIN);
    expect(Date.parse(String(failed.last_check_utc))).toBeGreaterThanOrEqual(before + 20_000); // three probes, 10s apart
    expect(String(failed.last_detail)).toMatch(/primary was unhealthy for 3 consecutive probes.*ECONNREFUSED/);
    // Traffic really moved: a user's request now lands on the secondary region.
    expect(await w.userRequest()).toMatchObject({ endpoint: 'secondary', region: 'westus', status: 200 });
    expect(w.trafficSwitches()).toEqual([expect.stringMatching(/^failover-global\/contoso-failover-traffic-failover-secondary-\d{8}T\d{6}Z$/)]);

    // 5. An immediate manual failover (the seed's do_failover toggles) is refused by the cooldown and changes nothing.
    const manual = await w.run({ kind: 'switch', force: false });
    expect(manual.kind === 'switch' && manual.decision).toMatchObject({ changed: false, reason: 'cooldown_active', activeTarget: 'secondary' });
    expect(await w.entity()).toEqual(failed);
    expect(await w.userRequest()).toMatchObject({ endpoint: 'secondary' });

    // 6. The primary restored, the cooldown passed: further evaluations change nothing, the system is stable.
    await w.table().updateEntity({ partitionKey: 'failover', rowKey: 'state', primary_endpoint: `https://${w.env.PRIMARY_HOST}/healthz` }, 'Merge');
    await w.clock.sleep(31 * MIN);
    for (let i = 0; i < 3; i++) {
      const stable = await w.run({ kind: 'evaluate' });
      expect(stable.kind === 'evaluate' && stable.decision).toMatchObject({ changed: false, reason: 'healthy', activeTarget: 'secondary', failoverCount: 1 });
      expect(await w.entity()).toMatchObject({ active_target: 'secondary', failover_count: 1, last_status: 'OK', last_check_utc: new Date(w.clock.now()).toISOString() });
      await w.clock.sleep(5 * MIN);
    }
    expect(w.trafficSwitches()).toHaveLength(1);
    expect(await w.userRequest()).toMatchObject({ endpoint: 'secondary', region: 'westus' });
  });

  test('a later rollout of a new version leaves the failover\'s routing alone', async () => {
    const { result } = await w.rehearsal.run('1.1.0', { spec: w.specFile, env: w.env });
    expect(result?.status).toBe('succeeded');
    const traffic = result!.stages.flatMap((s) => s.stamps).find((s) => s.id === 'traffic')!;
    expect(traffic).toMatchObject({ status: 'skipped', decision: { reason: 'unchanged' } });
    expect(await w.userRequest()).toMatchObject({ endpoint: 'secondary', region: 'westus' });
  });
});
