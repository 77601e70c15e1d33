import { UnitRehearsal } from './harness.js';

describe('release units one job at a time (a workflow job per stage, per traffic step and for the teardown)', () => {
  let r: UnitRehearsal;
  beforeAll(async () => {
    r = await new UnitRehearsal().start();
    expect((await r.run('1.0.0')).result?.status).toBe('succeeded');
    await r.startUsers(30);
  }, 60_000);
  afterAll(async () => {
    await r.stop();
  });

  it('each job on a fresh runner does its part, from what Front Door and ARM say', async () => {
    const job = (stage: string) => r.run('2.0.0', { stage, ownJournal: true });
    expect((await job('first')).result?.status).toBe('succeeded');
    expect((await job('rest')).result?.status).toBe('succeeded');
    const early = await job('traffic-50');
    expect(early.result?.status).toBe('failed');
    expect(early.result?.message).toContain('traffic-50 needs v2-0-0 at 10% first, but Front Door sends it 0%: run traffic-10 first');
    const ten = await job('traffic-10');
    expect(ten.result?.releaseUnit?.steps.map((s) => s.status)).toEqual(['succeeded', 'not-started', 'not-started']);
    expect(ten.result!.releaseUnit!.steps[0].observedShare).toBeGreaterThan(7);
    expect((await job('traffic-50')).result?.status).toBe('succeeded');
    expect((await job('traffic-100')).result?.status).toBe('succeeded');
    const teardown = await job('teardown');
    expect(teardown.result?.status).toBe('succeeded');
    expect(teardown.result?.releaseUnit?.teardown).toMatchObject({ status: 'succeeded', removedGroups: ['shop-v1-0-0-eus', 'shop-v1-0-0-weu'] });
    expect((await r.origins()).map((o) => o.name)).toEqual(['v2-0-0-eastus', 'v2-0-0-westeurope']);
    await expect(job('traffic-70')).rejects.toThrow("unknown stage 'traffic-70'; the plan has: first, rest, traffic-10, traffic-50, traffic-100, teardown, or all");
  }, 180_000);
});
