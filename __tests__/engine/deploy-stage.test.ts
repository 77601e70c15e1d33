// One stage's deployments (src/engine/deploy-stage.ts) on the fakes, without the rollout around it: what starts when,
// what the stage's outcome, the stamps' results, the journal and the reporter say, and how it stops.
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { RunContext } from '../../src/engine/context.js';
import { deployStage } from '../../src/engine/deploy-stage.js';
import { DeploymentFailure } from '../../src/engine/errors.js';
import { foldJournal, MemoryJournal } from '../../src/engine/journal.js';
import type { RolloutResult } from '../../src/engine/result.js';
import type { Plan, PlanStage, PlanStamp } from '../../src/plan/types.js';
import { VirtualClock } from '../../src/time/clock.js';
import { FakeDeployer, FakeProber, MIN, makePlan, permanent, RecordingReporter, regionStamps, stamp, transient } from './fakes.js';

let clock: VirtualClock;
let deployer: FakeDeployer;
let journal: MemoryJournal;
let reporter: RecordingReporter;
beforeEach(() => {
  clock = new VirtualClock(0).start();
  deployer = new FakeDeployer(clock);
  journal = new MemoryJournal();
  reporter = new RecordingReporter();
});
afterEach(() => clock.stop());

function context(plan: Plan, options: { signal?: AbortSignal; runId?: string } = {}): RunContext {
  const { id, version, mode } = plan.rollout;
  const result: RolloutResult = { rolloutId: id, version, mode, status: 'running' as never, message: '', startedAt: 0, finishedAt: 0, durationMs: 0, resumed: false, stages: [] };
  const ctx = new RunContext({
    plan,
    ports: { deployer, prober: new FakeProber(clock), clock, journal, reporter },
    signal: options.signal ?? new AbortController().signal,
    retry: { attempts: 3, baseMs: 1_000, maxDelayMs: 10_000, random: () => 0.5 },
    resume: foldJournal([], id),
    result,
    runId: options.runId,
  });
  for (const s of plan.stages.flatMap((x) => x.stamps)) ctx.stamps.set(s.id, { id: s.id, component: s.component, region: s.region, decision: s.decision, status: 'pending' });
  return ctx;
}

const oneStage = (stamps: PlanStamp[], maxParallel = 10): { plan: Plan; stage: PlanStage } => {
  const plan = makePlan([{ name: 'canary', stamps, maxParallel }]);
  return { plan, stage: plan.stages[0] };
};

describe('deployStage', () => {
  it('deploys a region\'s cluster before its app, and says so in the outcome, the results, the journal and the reporter', async () => {
    const { plan, stage } = oneStage(regionStamps('eastus'));
    const ctx = context(plan, { runId: 'run-7' });
    const outcome = await deployStage(ctx, stage);
    expect(outcome).toEqual({ failed: [], deployed: ['cluster@eastus', 'app@eastus'], canceled: false });
    expect(deployer.started).toEqual(['cluster@eastus', 'app@eastus']);
    expect(clock.now()).toBe(20 * MIN);
    expect(ctx.stampResult('app@eastus')).toEqual({
      id: 'app@eastus',
      component: 'app',
      region: 'eastus',
      decision: { action: 'deploy', reason: 'always', detail: 'deploy: always' },
      status: 'deployed',
      startedAt: 10 * MIN,
      attempts: 1,
      deploymentId: '/d/app@eastus/2.0.0',
      deploymentName: 'app-eastus-2.0.0',
      durationMs: 10 * MIN,
      correlationId: 'corr-app@eastus',
      outputs: { endpoint: { type: 'String', value: 'https://app@eastus.example/2.0.0' }, adminKey: { type: 'SecureString', value: '***' } },
    });
    // Probes get the real outputs; results and journal the masked ones.
    expect(ctx.outputs.get('app@eastus')!.adminKey.value).toBe('secret-app@eastus');
    expect(ctx.attempts.map((a) => [a.stamp.id, a.stage.name, a.at])).toEqual([['cluster@eastus', 'canary', 10 * MIN], ['app@eastus', 'canary', 20 * MIN]]);
    expect(deployer.requests[1].tags).toEqual({ 'rollout-id': 'contoso@2.0.0', 'rollout-version': '2.0.0', 'rollout-stage': 'canary', 'rollout-stamp': 'app@eastus', 'rollout-content-hash': 'hash-app@eastus', 'rollout-spec-hash': 'spec-hash', 'rollout-run': 'run-7' });
    expect(journal.events.filter((e) => 'stamp' in e && e.stamp === 'app@eastus')).toEqual([
      { type: 'stamp-deployed', rolloutId: 'contoso@2.0.0', at: 20 * MIN, stage: 'canary', stamp: 'app@eastus', contentHash: 'hash-app@eastus', deploymentId: '/d/app@eastus/2.0.0', deploymentName: 'app-eastus-2.0.0', durationMs: 10 * MIN, correlationId: 'corr-app@eastus', outputs: { endpoint: { type: 'String', value: 'https://app@eastus.example/2.0.0' }, adminKey: { type: 'SecureString', value: '***' } } },
    ]);
    expect(reporter.events.filter((e) => 'stamp' in e && e.stamp === 'app@eastus')).toEqual([
      { type: 'stamp-deploying', stage: 'canary', stamp: 'app@eastus', attempt: 1 },
      { type: 'stamp-deployed', stage: 'canary', stamp: 'app@eastus', deploymentId: '/d/app@eastus/2.0.0', durationMs: 10 * MIN, correlationId: 'corr-app@eastus' },
    ]);
  });

  it('runs regions side by side up to maxParallel, a region holding its slot until its last stamp is done', async () => {
    const { plan, stage } = oneStage([...regionStamps('eastus'), ...regionStamps('westus'), ...regionStamps('northeurope')], 2);
    const minutes: Record<string, number> = { eastus: 10, westus: 20, northeurope: 5 };
    deployer.latencyMs = (s) => minutes[s.region] * MIN;
    const starts: Record<string, number> = {};
    const deploy = deployer.deploy.bind(deployer);
    deployer.deploy = (request, signal) => {
      starts[request.stamp.id] = clock.now();
      return deploy(request, signal);
    };
    await deployStage(context(plan), stage);
    expect(deployer.maxRegionsInFlight).toBe(2);
    // northeurope takes eastus's slot when eastus is done (20 min), while westus still runs (until 40 min).
    expect(starts).toEqual({ 'cluster@eastus': 0, 'cluster@westus': 0, 'app@eastus': 10 * MIN, 'app@westus': 20 * MIN, 'cluster@northeurope': 20 * MIN, 'app@northeurope': 25 * MIN });
    expect(clock.now()).toBe(40 * MIN);
  });

  it('a maxParallel of 0 still deploys, one region at a time (the schema asks for 1 or more)', async () => {
    const { plan, stage } = oneStage([...regionStamps('eastus'), ...regionStamps('westus')], 0);
    const outcome = await deployStage(context(plan), stage);
    expect(outcome.deployed).toHaveLength(4);
    expect(deployer.maxRegionsInFlight).toBe(1);
  });

  it('a global stamp is a slot of its own, beside the regions', async () => {
    const { plan, stage } = oneStage([stamp('dns@global', { region: 'global', global: true }), ...regionStamps('eastus')], 1);
    await deployStage(context(plan), stage);
    // dns and eastus's cluster would run at once only if the global stamp shared no slot with eastus: it does not,
    // so with maxParallel 1 they queue, 30 minutes in all.
    expect(clock.now()).toBe(30 * MIN);
    expect(deployer.maxStampsInFlight).toBe(1);
  });

  it('lets one stamp through over the limit rather than deadlock on a requirement across regions', async () => {
    // eastus holds the only slot until its app is done, and its app waits for westus's cluster.
    const cross = [stamp('cluster@eastus', { region: 'eastus' }), stamp('app@eastus', { region: 'eastus', requires: ['cluster@westus'] }), stamp('cluster@westus', { region: 'westus' })];
    const { plan, stage } = oneStage(cross, 1);
    const ctx = context(plan);
    const outcome = await deployStage(ctx, stage);
    expect(outcome.deployed).toEqual(['cluster@eastus', 'cluster@westus', 'app@eastus']);
    expect(deployer.started).toEqual(['cluster@eastus', 'cluster@westus', 'app@eastus']);
  });

  it('a skipped stamp counts as done for what requires it, is journaled and reported, and is not "deployed"', async () => {
    const { plan, stage } = oneStage([stamp('cluster@eastus', { region: 'eastus', skip: true }), stamp('app@eastus', { region: 'eastus', requires: ['cluster@eastus'] })]);
    const ctx = context(plan);
    const outcome = await deployStage(ctx, stage);
    expect(outcome).toEqual({ failed: [], deployed: ['app@eastus'], canceled: false });
    expect(ctx.stampResult('cluster@eastus').status).toBe('skipped');
    expect(journal.events.find((e) => 'stamp' in e && e.stamp === 'cluster@eastus')).toEqual({ type: 'stamp-skipped', rolloutId: 'contoso@2.0.0', at: 0, stage: 'canary', stamp: 'cluster@eastus', reason: 'unchanged' });
    expect(reporter.of('stamp-skipped')).toEqual([{ type: 'stamp-skipped', stage: 'canary', stamp: 'cluster@eastus', reason: 'unchanged', detail: 'template and parameters unchanged' }]);
  });

  it('retries a transient failure on the clock, reporting each retry, and counts the attempts', async () => {
    const { plan, stage } = oneStage([stamp('app@eastus', { region: 'eastus' })]);
    deployer.failures.set('app@eastus', [transient()]);
    const ctx = context(plan);
    const outcome = await deployStage(ctx, stage);
    expect(outcome.deployed).toEqual(['app@eastus']);
    expect(ctx.stampResult('app@eastus').attempts).toBe(2);
    expect(reporter.of('stamp-retrying')).toEqual([{ type: 'stamp-retrying', stage: 'canary', stamp: 'app@eastus', attempt: 1, delayMs: expect.any(Number), error: { code: 'TooManyRequests', message: 'TooManyRequests, try again', correlationId: 'corr-t' } }]);
  });

  it('after a failure starts nothing new, lets what runs finish, and marks the rest not started', async () => {
    const { plan, stage } = oneStage([...regionStamps('eastus'), ...regionStamps('westus')], 1);
    deployer.latencyMs = (s) => (s.region === 'eastus' ? 5 : 10) * MIN;
    deployer.failures.set('cluster@eastus', [permanent()]);
    const ctx = context(plan);
    const outcome = await deployStage(ctx, stage);
    expect(outcome.failed.map((f) => [f.stamp.id, f.error])).toEqual([['cluster@eastus', { code: 'InvalidTemplate', message: expect.any(String), correlationId: 'corr-p', target: 'app' }]]);
    expect(outcome.deployed).toEqual([]);
    expect(outcome.canceled).toBe(false);
    expect(deployer.started).toEqual(['cluster@eastus']);
    expect(['app@eastus', 'cluster@westus', 'app@westus'].map((id) => ctx.stampResult(id).status)).toEqual(['not-started', 'not-started', 'not-started']);
    const failed = ctx.stampResult('cluster@eastus');
    expect([failed.status, failed.durationMs, failed.error?.code]).toEqual(['failed', 5 * MIN, 'InvalidTemplate']);
    // A failed deployment may have changed the stamp: the rollback must know of it.
    expect(ctx.attempts.map((a) => a.stamp.id)).toEqual(['cluster@eastus']);
    expect(journal.events.map((e) => [e.type, 'stamp' in e ? e.stamp : undefined])).toEqual([['stamp-failed', 'cluster@eastus']]);
    expect(reporter.of('stamp-failed')).toEqual([{ type: 'stamp-failed', stage: 'canary', stamp: 'cluster@eastus', error: failed.error }]);
  });

  it('a stamp ARM refused before deploying anything is failed but left out of what the rollback restores', async () => {
    const { plan, stage } = oneStage([stamp('app@eastus', { region: 'eastus' })]);
    deployer.failures.set('app@eastus', [Object.assign(permanent(), { nothingDeployed: true })]);
    const ctx = context(plan);
    const outcome = await deployStage(ctx, stage);
    expect(outcome.failed.map((f) => f.stamp.id)).toEqual(['app@eastus']);
    expect(ctx.attempts).toEqual([]);
  });

  it('stopped mid-deployment: canceled, not failed; a cancel ARM refused is kept on the stamp', async () => {
    const { plan, stage } = oneStage([stamp('app@eastus', { region: 'eastus' }), stamp('app@westus', { region: 'westus' })]);
    const stop = new AbortController();
    const deploy = deployer.deploy.bind(deployer);
    deployer.deploy = async (request, signal) => {
      if (request.stamp.id === 'app@westus') {
        await clock.sleep(MIN);
        stop.abort(new Error('stopped'));
        throw new DeploymentFailure({ code: 'CancelFailed', message: 'may still be running: app-westus-2.0.0' });
      }
      return deploy(request, signal);
    };
    const ctx = context(plan, { signal: stop.signal });
    const outcome = await deployStage(ctx, stage);
    expect(outcome).toEqual({ failed: [], deployed: [], canceled: true });
    expect(ctx.stampResult('app@eastus').status).toBe('canceled');
    expect(ctx.stampResult('app@westus')).toMatchObject({ status: 'canceled', error: { code: 'CancelFailed', message: 'may still be running: app-westus-2.0.0' } });
    expect(ctx.stampResult('app@eastus').error).toBeUndefined();
  });

  it('a journal that cannot be written ends the stage with its error', async () => {
    const { plan, stage } = oneStage(regionStamps('eastus'));
    journal.record = async () => {
      throw new Error('disk full');
    };
    await expect(deployStage(context(plan), stage)).rejects.toThrow('disk full');
  });
});
