import { rolloutCorrelationId } from '../../src/azure/pipeline.js';
import { resultMarkdown } from '../../src/report/result-markdown.js';
import { resultText } from '../../src/report/result-text.js';
import { UnitRehearsal } from './harness.js';

const OLD_GROUPS = ['shop-v1-0-0-eus', 'shop-v1-0-0-weu'];
const NEW_GROUPS = ['shop-v2-0-0-eus', 'shop-v2-0-0-weu'];

describe('release units through the real SDKs (Front Door, Azure Monitor, ARM) on a virtual clock', () => {
  let r: UnitRehearsal;
  beforeEach(async () => {
    r = await new UnitRehearsal().start();
    const first = await r.run('1.0.0');
    expect(first.result?.status).toBe('succeeded');
    expect(first.result?.message).toContain('unit v1-0-0 takes all traffic');
    expect(await r.origins()).toEqual([
      { name: 'v1-0-0-eastus', weight: 500, enabledState: 'Enabled' },
      { name: 'v1-0-0-westeurope', weight: 500, enabledState: 'Enabled' },
    ]);
    await r.startUsers(30);
    r.events.length = 0;
  }, 60_000);
  afterEach(async () => {
    await r.stop();
  });

  it('moves users to a new unit 10 -> 50 -> 100, then tears the old unit down once it serves no one', async () => {
    const before = r.sim.requests.length;
    const { result } = await r.run('2.0.0');
    expect(result?.status).toBe('succeeded');
    // Every ARM request of the rollout, Front Door's and Azure Monitor's and the teardown's included, carries its id.
    const during = r.sim.requests.slice(before);
    const kinds = (pattern: RegExp) => during.filter((q) => pattern.test(q.path));
    for (const pattern of [/\/originGroups\/units\/origins/i, /insights\/metrics$/i, /^\/subscriptions\/[^/]+\/resourcegroups\/shop-v1-0-0-eus$/i]) expect(kinds(pattern).length).toBeGreaterThan(0);
    expect(during.filter((q) => q.correlationId !== rolloutCorrelationId('shop@2.0.0')).map((q) => `${q.method} ${q.path}`)).toEqual([]);
    const unit = result!.releaseUnit!;
    expect(unit).toMatchObject({ unit: 'v2-0-0', previousUnit: 'v1-0-0' });
    // The new unit's stamps went to their own groups; unit 1.0.0's groups got no write but their deletion.
    for (const g of NEW_GROUPS) expect(await r.groupExists(g)).toBe(true);
    const oldWrites = r.writesTo(OLD_GROUPS, before);
    expect(oldWrites.every((w) => /^DELETE \/subscriptions\/[^/]+\/resourcegroups\/shop-v1-0-0-(eus|weu)(\?|$)/i.test(w))).toBe(true);
    expect(oldWrites).toHaveLength(2);

    expect(unit.steps.map((s) => [s.weight, s.status])).toEqual([[10, 'succeeded'], [50, 'succeeded'], [100, 'succeeded']]);
    for (const step of unit.steps) {
      expect(step.endedAt! - step.startedAt!).toBeGreaterThanOrEqual(30 * 60_000);
      // What Azure Monitor counted per unit is within a few percent of the weight the step set.
      expect(Math.abs(step.observedShare! - step.weight)).toBeLessThanOrEqual(3);
      expect(step.verdicts).toEqual([expect.objectContaining({ metric: 'errorRatio', outcome: 'healthy' })]);
    }
    // The users' own view agrees: they were answered by both units, the old one no longer at the end.
    const seen = r.load!.counts.byOrigin;
    const oldLast = Math.max(seen['v1-0-0-eastus'].lastAt, seen['v1-0-0-westeurope'].lastAt);
    expect(unit.teardown).toMatchObject({ status: 'succeeded', removedGroups: OLD_GROUPS, checks: [expect.objectContaining({ metric: 'noTraffic', outcome: 'healthy' })] });
    // Teardown only once unit 1.0.0 served no request for the whole window (15m).
    const deletedAt = r.sim.requests.find((q) => q.method === 'DELETE' && /shop-v1-0-0-eus/i.test(q.path))!.time;
    expect(deletedAt - oldLast).toBeGreaterThanOrEqual(15 * 60_000);
    expect(deletedAt).toBeGreaterThanOrEqual(unit.steps[2].startedAt!);

    // Afterwards Front Door points at unit 2.0.0 only, and unit 1.0.0's groups are gone.
    expect((await r.origins()).map((o) => o.name)).toEqual(['v2-0-0-eastus', 'v2-0-0-westeurope']);
    for (const g of OLD_GROUPS) expect(await r.groupExists(g)).toBe(false);
    expect(r.sim.apps().map((a) => a.version).sort()).toEqual(['2.0.0', '2.0.0']);

    // The terminal and the job summary show each step's weights, observed traffic and verdicts, and the teardown.
    const text = resultText(result!);
    expect(text).toMatch(/10%\s+v1-0-0 90 \/ v2-0-0 10\s+succeeded\s+30m\s+v1-0-0 \d+ req \/ 0 5xx, v2-0-0 \d+ req \/ 0 5xx\s+\d+(\.\d)?%\s+errorRatio healthy/);
    expect(text).toContain('Teardown of v1-0-0: succeeded; checks: noTraffic healthy: no request in the last 15m; removed: shop-v1-0-0-eus, shop-v1-0-0-weu');
    const summary = resultMarkdown(result!);
    expect(summary).toContain('### Release unit v2-0-0 replacing v1-0-0');
    expect(summary).toMatch(/\| 50% \| v1-0-0 50 \/ v2-0-0 50 \| succeeded \| 30m \| v1-0-0 \d+ req \/ 0 5xx, v2-0-0 \d+ req \/ 0 5xx \| \d+(\.\d)?% \| errorRatio healthy/);
  }, 120_000);

  it('sends all users back to unit 1.0.0 within one evaluation interval when 2.0.0 turns bad at 50 %', async () => {
    const before = r.sim.requests.length;
    r.onEvent = (e) => {
      // From the 50 % step on, 2.0.0 answers every third user with a 500; its /healthz stays fine.
      if (e.type === 'traffic-step-started' && e.weight === 50) r.sim.setUserErrors([{ version: '2.0.0', ratio: 1 / 3 }]);
    };
    const { result } = await r.run('2.0.0');
    expect(result?.status).toBe('rolled-back');
    const unit = result!.releaseUnit!;
    expect(unit.steps.map((s) => [s.weight, s.status])).toEqual([[10, 'succeeded'], [50, 'unhealthy'], [100, 'not-started']]);
    expect(unit.steps[1].verdicts[0]).toMatchObject({ metric: 'errorRatio', outcome: 'unhealthy' });
    expect(result?.message).toMatch(/unit v2-0-0 unhealthy at 50%: 5xx ratio .* is not under 5\.0%.*all traffic is back on unit v1-0-0/);
    const seen = r.load!.counts.byOrigin;
    const firstError = Math.min(seen['v2-0-0-eastus'].firstErrorAt!, seen['v2-0-0-westeurope'].firstErrorAt!);
    const lastOnNew = Math.max(seen['v2-0-0-eastus'].lastAt, seen['v2-0-0-westeurope'].lastAt);
    // Users stop reaching 2.0.0 within one evaluation interval (1m) of its first error (plus one user's 2s gap).
    expect(lastOnNew - firstError).toBeLessThanOrEqual(62_000);
    expect(unit.reverted!.at).toBeGreaterThanOrEqual(lastOnNew);
    // Front Door: unit 1.0.0 takes everything; 2.0.0 stays for inspection with its origins disabled.
    expect(await r.origins()).toEqual([
      { name: 'v1-0-0-eastus', weight: 500, enabledState: 'Enabled' },
      { name: 'v1-0-0-westeurope', weight: 500, enabledState: 'Enabled' },
      { name: 'v2-0-0-eastus', weight: 1, enabledState: 'Disabled' },
      { name: 'v2-0-0-westeurope', weight: 1, enabledState: 'Disabled' },
    ]);
    expect(r.writesTo(OLD_GROUPS, before)).toEqual([]);
    for (const g of OLD_GROUPS) expect(await r.groupExists(g)).toBe(true);
    // Users after the revert reach unit 1.0.0 only.
    r.load!.take();
    await r.clock.sleep(10 * 60_000);
    expect(Object.keys(r.load!.take().byOrigin).sort()).toEqual(['v1-0-0-eastus', 'v1-0-0-westeurope']);
  }, 120_000);
});
