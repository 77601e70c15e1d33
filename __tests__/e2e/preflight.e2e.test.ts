import { Rehearsal } from '../helpers/rehearsal.js';

// ARM's preflight of the whole rollout through the real SDK against the local endpoint: a template ARM refuses for the
// last stage stops the rollout before its first write, where the old path deployed two stages first.
const WRITES = new Set(['PUT', 'PATCH', 'DELETE']);

describe('preflight of every stamp before the first write', () => {
  let r: Rehearsal;
  beforeAll(async () => {
    r = await new Rehearsal().start();
    const first = await r.run('1.0.0');
    expect(first.result?.status).toBe('succeeded');
  });
  afterAll(async () => {
    await r.stop();
  });

  it('a stamp of the last stage that ARM refuses stops the rollout with nothing written', async () => {
    const before = r.sim.requests.length;
    const { result } = await r.run('2.0.0', { faults: [{ kind: 'validationFails', region: 'southeastasia', version: '2.0.0', code: 'SkuNotAvailable', message: 'The requested size is not available in southeastasia.' }] });
    const after = r.sim.requests.slice(before);
    expect(result!.status).toBe('failed');
    expect(result!.message).toMatch(/^ARM refused app@southeastasia \(stage broad\) in its preflight, before anything was written: SkuNotAvailable: validation of contoso-web-app-southeastasia-2\.0\.0 failed: .*\(correlation id [-0-9a-f]+\); nothing was deployed$/);
    expect(after.filter((q) => WRITES.has(q.method))).toEqual([]);
    // Every stamp to deploy was validated (POST .../validate), and nothing else was posted.
    const validated = after.filter((q) => q.method === 'POST').map((q) => q.path);
    expect(validated.length).toBeGreaterThanOrEqual(5);
    expect(validated.every((p) => p.endsWith('/validate'))).toBe(true);
    expect(r.sim.apps().every((a) => a.version === '1.0.0')).toBe(true);
  });

  it('a good rollout validates each stamp once, before its PUT, and no more', async () => {
    const before = r.sim.requests.length;
    const { result } = await r.run('3.0.0');
    expect(result!.status).toBe('succeeded');
    const after = r.sim.requests.slice(before).filter((q) => q.method === 'POST' || (q.method === 'PUT' && /\/deployments\/[^/]+$/.test(q.path)));
    const validates = after.filter((q) => q.method === 'POST').map((q) => q.path.replace(/\/validate$/, ''));
    const puts = after.filter((q) => q.method === 'PUT').map((q) => q.path);
    expect(new Set(validates).size).toBe(validates.length);
    expect(puts.length).toBeGreaterThan(0);
    // Stamps with no prerequisite in this rollout were validated before the first PUT of all.
    const firstPut = after.findIndex((q) => q.method === 'PUT');
    expect(after.slice(0, firstPut).every((q) => q.method === 'POST')).toBe(true);
    for (const put of puts) expect(validates).toContain(put);
  });
});
