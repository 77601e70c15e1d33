import { Rehearsal } from '../helpers/rehearsal.js';

// ARM answers 429 to any kind of call when a subscription's budget runs out. Each is transient: a rollout that rides
// over throttled reads must ride over throttled validations and writes the same way, honouring Retry-After.
describe('429s on every kind of ARM call, through the real SDK', () => {
  let r: Rehearsal;
  beforeEach(async () => {
    r = await new Rehearsal().start();
    // 1.0.0 first: the resource groups exist, so the next rollout's preflight validates every stamp before writing.
    expect((await r.run('1.0.0')).result?.status).toBe('succeeded');
    r.sim.requests.length = 0;
  });
  afterEach(async () => {
    await r.stop();
  });

  const throttled = () => r.sim.requests.filter((q) => q.status === 429);

  it('retries a throttled validate (preflight) and deploys', async () => {
    const { result } = await r.run('2.0.0', { faults: [{ kind: 'throttle', times: 3, method: 'POST', path: '/validate', retryAfterSeconds: 7 }] });
    expect(result?.status).toBe('succeeded');
    expect(throttled().map((q) => `${q.method} ${q.path.replace(/^.*\/deployments\//, '')}`)).toEqual([
      expect.stringMatching(/^POST .*\/validate$/),
      expect.stringMatching(/^POST .*\/validate$/),
      expect.stringMatching(/^POST .*\/validate$/),
    ]);
    // The rollout went on: the throttled validations were retried, not turned into failures.
    expect(r.deploymentPuts().length).toBeGreaterThan(0);
    expect(new Set(r.deploymentPuts()).size).toBe(r.deploymentPuts().length);
  });

  it('waits out the Retry-After of a throttled validate before asking again', async () => {
    await r.run('2.0.0', { faults: [{ kind: 'throttle', times: 1, method: 'POST', path: '/validate', retryAfterSeconds: 30 }] });
    const validates = r.sim.requests.filter((q) => q.method === 'POST' && q.path.endsWith('/validate'));
    const first = validates.findIndex((q) => q.status === 429);
    const retry = validates.slice(first + 1).find((q) => q.path === validates[first].path)!;
    expect(retry.time - validates[first].time).toBeGreaterThanOrEqual(30_000);
  });

  it('retries a throttled deployment PUT and deploys each stamp exactly once', async () => {
    const { result } = await r.run('2.0.0', { faults: [{ kind: 'throttle', times: 2, method: 'PUT', path: '/deployments/', retryAfterSeconds: 5 }] });
    expect(result?.status).toBe('succeeded');
    expect(throttled()).toHaveLength(2);
    expect(r.sim.apps().map((a) => a.version)).toEqual(Array(5).fill('2.0.0'));
  });
});
