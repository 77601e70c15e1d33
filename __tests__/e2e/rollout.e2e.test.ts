import { Rehearsal } from '../helpers/rehearsal.js';

// Every test here goes through the real path: spec -> planner -> engine -> @azure/arm-resourcesdeployments over HTTPS
// to the local ARM endpoint -> HTTP probes of the stamp apps it started. Only Azure and time are simulated.
describe('rollouts of examples/basic against the local ARM endpoint', () => {
  let r: Rehearsal;
  beforeEach(async () => {
    r = await new Rehearsal().start();
  });
  afterEach(async () => {
    await r.stop();
  });

  it('rolls out all three stages in order, probing and baking each', async () => {
    const started = Date.now();
    const { result } = await r.run('1.0.0');
    expect(result?.status).toBe('succeeded');
    expect(result?.stages.map((s) => [s.name, s.status])).toEqual([
      ['canary', 'succeeded'],
      ['pilot', 'succeeded'],
      ['broad', 'succeeded'],
    ]);
    const app = result!.stages[1].stamps.find((s) => s.id === 'app@westus')!;
    expect(app.status).toBe('deployed');
    expect(app.probe).toMatchObject({ healthy: true, phase: 'healthyFor' });
    expect(String(app.outputs?.endpoint?.value)).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    // The apps the endpoint runs report the version they were deployed with.
    expect(r.sim.apps().map((a) => a.version).sort()).toEqual(Array(5).fill('1.0.0'));
    // canary bakes 1h and pilot 4h on the virtual clock; the test takes seconds.
    expect(result!.durationMs).toBeGreaterThan(5 * 3_600_000);
    expect(Date.now() - started).toBeLessThan(30_000);
    // Stages in order: no pilot deployment before the canary stage finished.
    const order = r.events.filter((e) => e.type === 'stage-started' || e.type === 'stage-finished').map((e) => `${e.type}:${'stage' in e ? e.stage : ''}`);
    expect(order).toEqual(['stage-started:canary', 'stage-finished:canary', 'stage-started:pilot', 'stage-finished:pilot', 'stage-started:broad', 'stage-finished:broad']);
  });
});

describe('a subscription-scope component', () => {
  let r: Rehearsal;
  beforeEach(async () => {
    r = await new Rehearsal().start();
  });
  afterEach(async () => {
    await r.stop();
  });

  it('deploys at subscription scope first, with the region in its name, and is skipped when unchanged', async () => {
    const first = await r.run('1.0.0', { spec: '__tests__/fixtures/subscription/rollout.yaml' });
    expect(first.result?.status).toBe('succeeded');
    const groups = first.result!.stages[0].stamps.find((s) => s.id === 'groups')!;
    expect(groups).toMatchObject({ status: 'deployed', deploymentName: 'subscoped-groups-eastus-1.0.0', outputs: { sharedGroup: { value: 'subscoped-shared' } } });
    expect(groups.deploymentId).toBe('/subscriptions/00000000-0000-0000-0000-0000000000ab/providers/Microsoft.Resources/deployments/subscoped-groups-eastus-1.0.0');
    const second = await r.run('1.0.1', { spec: '__tests__/fixtures/subscription/rollout.yaml' });
    expect(second.result!.stages[0].stamps.find((s) => s.id === 'groups')).toMatchObject({ status: 'skipped', decision: { reason: 'unchanged' } });
  });
});
