import { UnitRehearsal } from './harness.js';

const OLD_GROUPS = ['shop-v1-0-0-eus', 'shop-v1-0-0-weu'];

describe('release units: a killed release resumes to the same end state; a hotfix goes into the live unit', () => {
  let r: UnitRehearsal;
  beforeEach(async () => {
    r = await new UnitRehearsal().start();
    expect((await r.run('1.0.0')).result?.status).toBe('succeeded');
    await r.startUsers(30);
  }, 60_000);
  afterEach(async () => {
    await r.stop();
  });

  async function expectEndState(): Promise<void> {
    expect((await r.origins()).map((o) => [o.name, o.enabledState])).toEqual([['v2-0-0-eastus', 'Enabled'], ['v2-0-0-westeurope', 'Enabled']]);
    for (const g of OLD_GROUPS) expect(await r.groupExists(g)).toBe(false);
  }

  it('killed 10 minutes into the 50 % step, the re-run keeps that step\'s bake and finishes', async () => {
    const stop = new AbortController();
    r.onEvent = (e) => {
      if (e.type === 'traffic-step-started' && e.weight === 50) void r.clock.sleep(10 * 60_000).then(() => stop.abort(new Error('SIGTERM')));
    };
    const killed = await r.run('2.0.0', { signal: stop.signal });
    expect(killed.result?.status).toBe('canceled');
    const started50 = killed.result!.releaseUnit!.steps[1].startedAt!;
    expect(killed.result!.releaseUnit!.steps.map((s) => s.status)).toEqual(['succeeded', 'canceled', 'not-started']);
    r.onEvent = undefined;

    const resumed = await r.run('2.0.0');
    expect(resumed.result?.status).toBe('succeeded');
    const steps = resumed.result!.releaseUnit!.steps;
    expect(steps.map((s) => s.status)).toEqual(['already-completed', 'succeeded', 'succeeded']);
    expect(steps[1].startedAt).toBe(started50);
    expect(r.events).toContainEqual(expect.objectContaining({ type: 'traffic-step-started', weight: 50, resumed: true }));
    // No new stamp deployment for the unit: its stages were completed by the first run.
    expect(resumed.result!.stages.map((s) => s.status)).toEqual(['already-completed', 'already-completed']);
    await expectEndState();
  }, 180_000);

  it('killed as the teardown starts, the re-run removes the old unit without judging again', async () => {
    const stop = new AbortController();
    r.onEvent = (e) => {
      if (e.type === 'teardown-check' && e.verdicts.every((v) => v.outcome === 'healthy')) stop.abort(new Error('SIGTERM'));
    };
    const killed = await r.run('2.0.0', { signal: stop.signal });
    expect(killed.result?.status).toBe('canceled');
    for (const g of OLD_GROUPS) expect(await r.groupExists(g)).toBe(true);
    r.onEvent = undefined;
    r.events.length = 0;

    const resumed = await r.run('2.0.0');
    expect(resumed.result?.status).toBe('succeeded');
    expect(resumed.result!.releaseUnit!.steps.map((s) => s.status)).toEqual(['already-completed', 'already-completed', 'already-completed']);
    expect(r.events.filter((e) => e.type === 'teardown-check')).toEqual([]);
    expect(resumed.result!.releaseUnit!.teardown).toMatchObject({ status: 'succeeded', removedGroups: OLD_GROUPS });
    await expectEndState();
  }, 180_000);

  it('refuses a third unit while two are live, and an abort puts all users back on the old one', async () => {
    const stop = new AbortController();
    r.onEvent = (e) => {
      if (e.type === 'traffic-step-started' && e.weight === 10) stop.abort(new Error('SIGTERM'));
    };
    expect((await r.run('2.0.0', { signal: stop.signal })).result?.status).toBe('canceled');
    r.onEvent = undefined;
    const refused = await r.run('3.0.0');
    expect(refused.result?.status).toBe('failed');
    expect(refused.result?.message).toContain('Front Door has entries for v1-0-0 and v2-0-0; it must point at one unit before v3-0-0 starts');
    expect(r.sim.requests.some((q) => q.method === 'PUT' && /shop-v3-0-0/i.test(q.path))).toBe(false);

    const aborted = await r.run('2.0.0', { abort: true });
    expect(aborted.result?.status).toBe('rolled-back');
    expect((await r.origins()).map((o) => [o.name, o.enabledState])).toEqual([
      ['v1-0-0-eastus', 'Enabled'], ['v1-0-0-westeurope', 'Enabled'], ['v2-0-0-eastus', 'Disabled'], ['v2-0-0-westeurope', 'Disabled'],
    ]);
  }, 180_000);

  it('a hotfix deploys in place into the live unit, with no traffic step and no new unit', async () => {
    const before = r.sim.requests.length;
    const { result } = await r.run('1.0.1', { mode: 'hotfix' });
    expect(result?.status).toBe('succeeded');
    expect(result?.releaseUnit).toMatchObject({ strategy: 'inPlace', unit: 'v1-0-0', steps: [] });
    expect(r.sim.apps().map((a) => [a.resourceGroup, a.version]).sort()).toEqual([['shop-v1-0-0-eus', '1.0.1'], ['shop-v1-0-0-weu', '1.0.1']]);
    expect(r.writesTo(['shop-global'], before)).toEqual([]);
    expect(r.sim.requests.slice(before).some((q) => q.method === 'PUT' && /shop-v1-0-1/i.test(q.path))).toBe(false);
    expect((await r.origins()).map((o) => o.name)).toEqual(['v1-0-0-eastus', 'v1-0-0-westeurope']);
  }, 120_000);
});
