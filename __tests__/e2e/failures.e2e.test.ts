import { Rehearsal } from '../helpers/rehearsal.js';

const stampsOf = (result: Awaited<ReturnType<Rehearsal['run']>>['result'], stage: string) =>
  Object.fromEntries(result!.stages.find((s) => s.name === stage)!.stamps.map((s) => [s.id, s]));

describe('failures, rollback and resume through the real SDK', () => {
  let r: Rehearsal;
  beforeEach(async () => {
    r = await new Rehearsal().start();
    const first = await r.run('1.0.0');
    expect(first.result?.status).toBe('succeeded');
    r.events.length = 0;
  });
  afterEach(async () => {
    await r.stop();
  });

  it('a deployment failure in stage 2 rolls back stage 2 only, and never touches stage 3', async () => {
    const putsBefore = r.deploymentPuts().length;
    const { result } = await r.run('2.0.0', { faults: [{ kind: 'deploymentFails', region: 'northeurope', version: '2.0.0', code: 'SkuNotAvailable', message: 'The requested size is not available in location northeurope.' }] });
    expect(result?.status).toBe('rolled-back');
    expect(result?.stages.map((s) => s.status)).toEqual(['succeeded', 'rolled-back', 'not-started']);
    const pilot = stampsOf(result, 'pilot');
    expect(pilot['app@northeurope'].error).toMatchObject({ code: 'SkuNotAvailable', message: expect.stringContaining('The requested size is not available in location northeurope.') });
    expect(pilot['app@northeurope'].error?.correlationId).toMatch(/^[0-9a-f-]{36}$/);
    expect(pilot['app@westus'].rollback).toMatchObject({ outcome: 'rolled-back', to: 'contoso-web-app-westus-1.0.0' });
    // The rolled-back pilot apps serve 1.0.0 again; broad still runs 1.0.0 and got no new deployment.
    const apps = Object.fromEntries(r.sim.apps().map((a) => [a.region, a.version]));
    expect(apps).toMatchObject({ eastus: '2.0.0', westus: '1.0.0', northeurope: '1.0.0', westeurope: '1.0.0', southeastasia: '1.0.0' });
    const newPuts = r.deploymentPuts().slice(putsBefore);
    expect(newPuts.filter((p) => /weu|sea/.test(p))).toEqual([]);
    expect(newPuts).toContain('contoso-wus/contoso-web-app-westus-1.0.0-rb');
  });

  it('a health failure in the healthy window rolls the stage back', async () => {
    // westus turns unhealthy 3 minutes after 2.0.0 starts: after wait (1m) and the first healthy answer, inside healthyFor.
    const { result } = await r.run('2.0.0', { faults: [{ kind: 'healthFails', region: 'westus', version: '2.0.0', afterMs: 180_000 }] });
    expect(result?.status).toBe('rolled-back');
    const west = stampsOf(result, 'pilot')['app@westus'];
    expect(west.probe).toMatchObject({ healthy: false, phase: 'healthyFor', status: 500 });
    expect(result?.stages[2].status).toBe('not-started');
    expect(r.sim.apps().find((a) => a.region === 'westus')?.version).toBe('1.0.0');
  });

  it('a stage that turns unhealthy while baking stops the rollout before the next stage', async () => {
    // canary's app turns unhealthy 30 minutes in: after its health check passed, during its 1h bake.
    const { result } = await r.run('2.0.0', { faults: [{ kind: 'healthFails', region: 'eastus', version: '2.0.0', afterMs: 1_800_000 }] });
    expect(result?.status).toBe('rolled-back');
    const canary = stampsOf(result, 'canary')['app@eastus'];
    expect(canary.probe?.healthy).toBe(true);
    expect(canary.recheck?.healthy).toBe(false);
    expect(result?.stages.map((s) => s.status)).toEqual(['rolled-back', 'not-started', 'not-started']);
  });

  it('onChange skips stamps whose template and parameters did not change', async () => {
    const { result, plan } = await r.run('2.0.0');
    expect(result?.status).toBe('succeeded');
    const canary = stampsOf(result, 'canary');
    expect(canary.global.status).toBe('skipped');
    expect(canary.global.decision.reason).toBe('unchanged');
    expect(canary['cluster@eastus'].status).toBe('skipped');
    expect(canary['app@eastus'].status).toBe('deployed'); // deploy: always
    expect(plan.stages[0].stamps[0].decision.detail).toBe('template and parameters unchanged since contoso-web-global-eastus-1.0.0 (version 1.0.0)');
  });

  it('hotfix mode shortens the bakes as the spec says', async () => {
    const standard = r.events.length;
    const { result } = await r.run('2.0.1', { mode: 'hotfix' });
    expect(result?.status).toBe('succeeded');
    const bakes = r.events.slice(standard).filter((e) => e.type === 'bake-started').map((e) => (e.type === 'bake-started' ? [e.stage, e.bakeMs] : []));
    expect(bakes).toEqual([
      ['canary', 600_000],
      ['pilot', 600_000],
    ]);
    expect(result!.durationMs).toBeLessThan(3_600_000);
  });

  it('resumes after a kill mid-stage without deploying anything twice', async () => {
    const controller = new AbortController();
    const putsBefore = r.deploymentPuts().length;
    // Abort once the first pilot stamp is deployed: mid-stage 2.
    const watcher = setInterval(() => {
      if (r.events.some((e) => e.type === 'stamp-deployed' && e.stage === 'pilot')) controller.abort(new Error('SIGTERM'));
    }, 1);
    const killed = await r.run('2.0.0', { signal: controller.signal });
    clearInterval(watcher);
    expect(killed.result?.status).toBe('canceled');
    const resumed = await r.run('2.0.0');
    expect(resumed.result?.status).toBe('succeeded');
    const puts = r.deploymentPuts().slice(putsBefore);
    expect(puts.length).toBe(new Set(puts).size);
    expect(puts.filter((p) => p.endsWith('-rb'))).toEqual([]);
  });

  it('rides over injected 429s and connection resets without failing the rollout', async () => {
    const { result } = await r.run('2.0.0', {
      faults: [
        { kind: 'throttle', times: 3, method: 'GET', retryAfterSeconds: 1 },
        { kind: 'requestReset', times: 2, method: 'GET' },
      ],
    });
    expect(result?.status).toBe('succeeded');
    expect(r.sim.requests.filter((q) => q.status === 429).length).toBe(3);
    expect(r.sim.requests.filter((q) => q.status === 0).length).toBe(2);
  });
});
