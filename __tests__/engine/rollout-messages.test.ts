import { describe, expect, it } from '@jest/globals';
import { DeploymentFailure } from '../../src/engine/errors.js';
import type { Deployer } from '../../src/engine/ports.js';
import { harness, makePlan, MIN, permanent, regionStamps, stamp } from './fakes.js';

// The one sentence a rollout ends with, for the endings the other tests reach only loosely.
const plan = (scope: 'stage' | 'stamp' = 'stage') => makePlan([{ name: 'canary', stamps: [...regionStamps('eastus'), ...regionStamps('westus')], bakeMs: 0 }], { scope });

describe('how a rollout says it ended', () => {
  it('counts the other stamps that failed to deploy beside the first', async () => {
    const h = harness(plan());
    h.deployer.failures.set('cluster@eastus', [permanent()]);
    h.deployer.failures.set('cluster@westus', [permanent('Conflict')]);
    const result = await h.run();
    expect(result.message).toBe('stage canary: cluster@eastus failed to deploy (and 1 more): InvalidTemplate: InvalidTemplate: bad template; rolled back 2 stamp(s) (scope stage)');
    expect(result.error).toEqual({ code: 'InvalidTemplate', message: 'InvalidTemplate: bad template', correlationId: 'corr-p', target: 'app', stamp: 'cluster@eastus', stage: 'canary' });
  });

  it('counts the other stamps that were unhealthy beside the first, in plan order', async () => {
    const h = harness(plan());
    h.prober.unhealthy = (id) => id.startsWith('app@') && h.deployer.current(id)?.version === '2.0.0';
    const result = await h.run();
    expect(result.message).toBe('stage canary: app@eastus unhealthy (and 1 more) in within: not healthy within 10m: GET https://app@eastus.example/2.0.0/healthz -> 503; rolled back 4 stamp(s) (scope stage)');
    expect(result.stages[0].status).toBe('rolled-back');
  });

  it('a stamp refused before anything was deployed has nothing to roll back', async () => {
    const h = harness(plan('stamp'));
    h.deployer.failures.set('cluster@eastus', [Object.assign(permanent('InvalidTemplateDeployment'), { nothingDeployed: true })]);
    const result = await h.run();
    expect(result.status).toBe('failed');
    expect(result.message).toBe('stage canary: cluster@eastus failed to deploy: InvalidTemplateDeployment: InvalidTemplateDeployment: bad template; rollback (scope stamp) had nothing to restore');
    expect(h.deployer.rollbacks).toEqual([]);
  });

  it('a cancel that ARM refused to pass on names the deployment that may still be running', async () => {
    const h = harness(makePlan([{ name: 'canary', stamps: [stamp('app@eastus', { region: 'eastus', health: null }), stamp('db@eastus', { region: 'eastus', health: null })] }]));
    const abort = new AbortController();
    const deploy = h.deployer.deploy.bind(h.deployer);
    h.deployer.deploy = async (request, signal) => {
      if (request.stamp.id === 'db@eastus') {
        await h.clock.sleep(MIN);
        abort.abort(new Error('SIGTERM'));
        throw new DeploymentFailure({ code: 'CancelFailed', message: 'may still be running: db-eastus-2.0.0 (ARM: Conflict)' });
      }
      return deploy(request, signal);
    };
    const result = await h.run({ signal: abort.signal });
    expect(result.status).toBe('canceled');
    expect(result.message).toBe('canceled during stage canary; a re-run of contoso@2.0.0 resumes from the journal; may still be running: db-eastus-2.0.0 (ARM: Conflict)');
    expect(result.stages[0].stamps.map((s) => [s.id, s.status, s.error?.code])).toEqual([
      ['app@eastus', 'canceled', undefined],
      ['db@eastus', 'canceled', 'CancelFailed'],
    ]);
  });

  it('a stamp that failed before the cancel is not named as still running', async () => {
    const h = harness(makePlan([{ name: 'canary', stamps: [stamp('app@eastus', { region: 'eastus', health: null }), stamp('db@eastus', { region: 'eastus', health: null })] }]));
    const abort = new AbortController();
    h.deployer.latencyMs = (s) => (s.id === 'db@eastus' ? 20 * MIN : 10 * MIN);
    h.deployer.failures.set('app@eastus', [permanent()]);
    h.reporter.onEvent = (e) => {
      if (e.type === 'stamp-failed') abort.abort(new Error('SIGTERM'));
    };
    const result = await h.run({ signal: abort.signal });
    expect(result.stages[0].stamps.map((s) => [s.id, s.status, s.error?.code])).toEqual([
      ['app@eastus', 'failed', 'InvalidTemplate'],
      ['db@eastus', 'canceled', undefined],
    ]);
    expect(result.message).toBe('canceled during stage canary; a re-run of contoso@2.0.0 resumes from the journal');
  });

  it('any other error of a canceled deployment is not kept', async () => {
    const h = harness(makePlan([{ name: 'canary', stamps: [stamp('app@eastus', { region: 'eastus', health: null })] }]));
    const abort = new AbortController();
    h.deployer.deploy = async () => {
      abort.abort(new Error('SIGTERM'));
      throw new DeploymentFailure({ code: 'Canceled', message: 'the deployment was canceled' });
    };
    const result = await h.run({ signal: abort.signal });
    expect(result.message).toBe('canceled during stage canary; a re-run of contoso@2.0.0 resumes from the journal');
    expect(result.stages[0].stamps[0]).toMatchObject({ status: 'canceled' });
    expect('error' in result.stages[0].stamps[0]).toBe(false);
  });

  it('names every deployment whose cancel ARM refused, each after its own semicolon', async () => {
    const h = harness(makePlan([{ name: 'canary', stamps: [stamp('app@eastus', { region: 'eastus', health: null }), stamp('db@eastus', { region: 'eastus', health: null })] }]));
    const abort = new AbortController();
    let refused = 0;
    h.deployer.deploy = async (request) => {
      await h.clock.sleep(MIN);
      if (++refused === 2) abort.abort(new Error('SIGTERM'));
      throw new DeploymentFailure({ code: 'CancelFailed', message: `may still be running: ${request.stamp.deploymentName}-2.0.0 (ARM: Conflict)` });
    };
    const result = await h.run({ signal: abort.signal });
    expect(result.message).toBe(
      'canceled during stage canary; a re-run of contoso@2.0.0 resumes from the journal; may still be running: app-eastus-2.0.0 (ARM: Conflict); may still be running: db-eastus-2.0.0 (ARM: Conflict)',
    );
  });

  it('a cancel before any stage started names no stage', async () => {
    const h = harness(plan());
    const abort = new AbortController();
    (h.deployer as Deployer).preflight = async () => {
      abort.abort(new Error('SIGTERM'));
      throw abort.signal.reason;
    };
    const result = await h.run({ signal: abort.signal });
    expect(result.status).toBe('canceled');
    expect(result.message).toBe('canceled; a re-run of contoso@2.0.0 resumes from the journal');
    expect(h.deployer.started).toEqual([]);
  });

  it('an interrupted rollback counts only the stamps it restored, not one whose restore failed', async () => {
    const h = harness(plan());
    h.deployer.failures.set('app@westus', [permanent()]);
    const abort = new AbortController();
    const restore = h.deployer.rollback.bind(h.deployer);
    let calls = 0;
    h.deployer.rollback = async (s, previous, signal) => {
      calls++;
      if (calls === 1) throw permanent('RollbackRefused');
      abort.abort(new Error('SIGTERM'));
      return restore(s, previous, signal);
    };
    const result = await h.run({ signal: abort.signal });
    expect(result.status).toBe('canceled');
    expect(result.rollback?.stamps.map((s) => s.outcome)).toEqual(['failed']);
    expect(result.message).toMatch(/^rollback interrupted \(0 stamp\(s\) restored so far; reason for the rollback: stage canary: app@westus failed to deploy: .*\); a re-run of contoso@2\.0\.0 finishes the rollback$/);
  });
});
