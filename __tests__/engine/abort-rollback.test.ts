import { describe, expect, it } from '@jest/globals';
import { rollBackOnAbort, type AbortRollbackRequest } from '../../src/engine/abort-rollback.js';
import { DeploymentFailure } from '../../src/engine/errors.js';
import { MemoryJournal } from '../../src/engine/journal.js';
import type { JournalEvent } from '../../src/engine/ports.js';
import type { RollbackScope } from '../../src/plan/types.js';
import { harness, makePlan, regionStamps, type Harness } from './fakes.js';

const plan3 = (scope: RollbackScope = 'stage') =>
  makePlan(
    [
      { name: 'canary', stamps: regionStamps('eastus') },
      { name: 'pilot', stamps: regionStamps('westus') },
      { name: 'broad', stamps: regionStamps('northeurope') },
    ],
    { scope },
  );

/** Deploys the named stages one job each, as a workflow would, then aborts with a rollback on the same ports. */
async function deployThenAbort(h: Harness, stages: string[], request: Partial<AbortRollbackRequest> = {}, journal = h.journal) {
  for (const stage of stages) expect((await h.run({ stage, bakeBetweenJobs: true })).status).toBe('succeeded');
  h.deployer.rollbacks.length = 0;
  h.reporter.events.length = 0;
  h.clock.start();
  try {
    const before = h.clock.now();
    const result = await rollBackOnAbort(h.plan, { deployer: h.deployer, prober: h.prober, clock: h.clock, journal, reporter: h.reporter }, { reason: 'aborted by ops: error budget', ...request });
    return { result, before, after: h.clock.now() };
  } finally {
    h.clock.stop();
  }
}

const finished = (journal: MemoryJournal): JournalEvent[] => journal.events.filter((e) => e.type === 'rollout-finished');

describe('abort with rollback', () => {
  it('rolls back the furthest stage this rollout deployed (scope stage), newest stamp first, and says so', async () => {
    const h = harness(plan3());
    const { result, before, after } = await deployThenAbort(h, ['canary', 'pilot']);
    expect(h.deployer.rollbacks).toEqual(['app@westus', 'cluster@westus']);
    expect(result.status).toBe('rolled-back');
    expect(result.message).toBe('stage pilot of contoso@2.0.0 aborted: rolled back 2 stamp(s) (scope stage)');
    expect(result.resumed).toBe(true);
    expect(result.rollback).toMatchObject({ scope: 'stage', reason: 'aborted by ops: error budget', ok: true });
    expect(result.stages.map((s) => [s.name, s.status, s.stamps.map((x) => x.status)])).toEqual([
      ['canary', 'succeeded', ['skipped', 'skipped']],
      ['pilot', 'rolled-back', ['skipped', 'skipped']],
    ]);
    expect([result.rolloutId, result.version, result.mode, result.startedAt, result.finishedAt, result.durationMs]).toEqual(['contoso@2.0.0', '2.0.0', 'standard', before, after, after - before]);
    expect(after).toBeGreaterThan(before);
    expect(finished(h.journal as MemoryJournal).at(-1)).toEqual({ type: 'rollout-finished', rolloutId: 'contoso@2.0.0', at: after, status: 'rolled-back' });
    expect(h.reporter.of('rollout-finished')).toEqual([{ type: 'rollout-finished', status: 'rolled-back', durationMs: after - before, message: 'stage pilot of contoso@2.0.0 aborted: rolled back 2 stamp(s) (scope stage)' }]);
  });

  it('with scope rollout restores every stage up to the one in flight', async () => {
    const h = harness(plan3('rollout'));
    const { result } = await deployThenAbort(h, ['canary', 'pilot']);
    expect(h.deployer.rollbacks).toEqual(['app@westus', 'cluster@westus', 'app@eastus', 'cluster@eastus']);
    expect(result.message).toBe('stage pilot of contoso@2.0.0 aborted: rolled back 4 stamp(s) (scope rollout)');
    expect(result.stages.map((s) => s.status)).toEqual(['rolled-back', 'rolled-back']);
  });

  it('rolls back the stage it is told, and `all` means the furthest one', async () => {
    const h = harness(plan3());
    const { result } = await deployThenAbort(h, ['canary', 'pilot'], { stage: 'canary' });
    expect(h.deployer.rollbacks).toEqual(['app@eastus', 'cluster@eastus']);
    expect(result.message).toBe('stage canary of contoso@2.0.0 aborted: rolled back 2 stamp(s) (scope stage)');
    expect(result.stages.map((s) => [s.name, s.status])).toEqual([['canary', 'rolled-back']]);

    const h2 = harness(plan3());
    const { result: all } = await deployThenAbort(h2, ['canary'], { stage: 'all' });
    expect(all.message).toBe('stage canary of contoso@2.0.0 aborted: rolled back 2 stamp(s) (scope stage)');
  });

  it('refuses a stage the plan does not have, naming the ones it has', async () => {
    const h = harness(plan3());
    await expect(deployThenAbort(h, [], { stage: 'nope' })).rejects.toThrow("unknown stage 'nope'; the plan has: canary, pilot, broad");
  });

  it('finds the stage by ARM\'s tags when its journal (another job\'s) is not here', async () => {
    const h = harness(plan3());
    const empty = new MemoryJournal();
    const { result } = await deployThenAbort(h, ['canary', 'pilot'], {}, empty);
    expect(result.resumed).toBe(false);
    // Known only by tags, they are restored in reverse plan order: the app before the cluster it requires.
    expect(h.deployer.rollbacks).toEqual(['app@westus', 'cluster@westus']);
    expect(result.message).toBe('stage pilot of contoso@2.0.0 aborted: rolled back 2 stamp(s) (scope stage)');
  });

  it('restores in the order the journal says the stamps were deployed, newest first, not in plan order', async () => {
    // One stage, two regions at once: westus deploys in 5 minutes, eastus in 20, so westus finishes first.
    const h = harness(makePlan([{ name: 'wide', stamps: [...regionStamps('eastus'), ...regionStamps('westus')] }]));
    h.deployer.latencyMs = (stamp) => (stamp.region === 'westus' ? 5 : 20) * 60_000;
    const { result } = await deployThenAbort(h, ['wide']);
    const deployed = (h.journal as MemoryJournal).events.filter((e) => e.type === 'stamp-deployed').map((e) => (e as { stamp: string }).stamp);
    expect(deployed).toEqual(['cluster@westus', 'app@westus', 'cluster@eastus', 'app@eastus']);
    expect(h.deployer.rollbacks).toEqual(['app@eastus', 'cluster@eastus', 'app@westus', 'cluster@westus']);
    expect(result.message).toBe('stage wide of contoso@2.0.0 aborted: rolled back 4 stamp(s) (scope stage)');
  });

  it('takes the stage in flight from the journal even when ARM no longer shows it as this rollout\'s', async () => {
    const h2 = harness(plan3());
    for (const stage of ['canary', 'pilot']) expect((await h2.run({ stage, bakeBetweenJobs: true })).status).toBe('succeeded');
    // Someone deployed over the pilot stamps after this rollout did: ARM's latest is no longer ours, the journal knows.
    for (const id of ['cluster@westus', 'app@westus']) h2.deployer.history.get(id)!.push({ deploymentName: `${id}-hotfix`, deploymentId: `/d/${id}/hotfix`, version: '2.0.1', rolloutId: 'contoso@2.0.1', contentHash: 'x', outputs: {} });
    h2.clock.start();
    try {
      const aborted = await rollBackOnAbort(h2.plan, { deployer: h2.deployer, prober: h2.prober, clock: h2.clock, journal: h2.journal, reporter: h2.reporter }, { reason: 'ops' });
      expect(aborted.message).toMatch(/^stage pilot of contoso@2\.0\.0 aborted/);
    } finally {
      h2.clock.stop();
    }
  });

  it('marks a stage rolled back when any of its stamps was restored, though another had nothing earlier', async () => {
    const h = harness(plan3());
    h.deployer.history.delete('cluster@westus');
    const { result } = await deployThenAbort(h, ['canary', 'pilot']);
    expect(result.rollback!.stamps.map((s) => [s.id, s.outcome])).toEqual([['app@westus', 'rolled-back'], ['cluster@westus', 'no-previous']]);
    expect(result.stages.map((s) => [s.name, s.status])).toEqual([['canary', 'succeeded'], ['pilot', 'rolled-back']]);
    expect(result.message).toBe('stage pilot of contoso@2.0.0 aborted: rolled back 1 stamp(s) (scope stage)');
  });

  it('with scope rollout and only ARM\'s tags to go by, restores the later stage first, each in reverse plan order', async () => {
    const h = harness(plan3('rollout'));
    const { result } = await deployThenAbort(h, ['canary', 'pilot'], {}, new MemoryJournal());
    expect(h.deployer.rollbacks).toEqual(['app@westus', 'cluster@westus', 'app@eastus', 'cluster@eastus']);
    expect(result.message).toBe('stage pilot of contoso@2.0.0 aborted: rolled back 4 stamp(s) (scope rollout)');
  });

  it('a restore ARM refuses says its code, message and correlation id', async () => {
    const h = harness(plan3());
    h.deployer.rollback = async () => {
      throw new DeploymentFailure({ code: 'Conflict', message: 'another deployment is running', correlationId: 'corr-rb' });
    };
    const { result } = await deployThenAbort(h, ['canary']);
    expect(result.rollback!.stamps.map((s) => s.detail)).toEqual(['rollback failed: Conflict: another deployment is running (correlation id corr-rb)', 'rollback failed: Conflict: another deployment is running (correlation id corr-rb)']);
  });

  it('stopped while a restore runs: the rollback is interrupted, no stamp is recorded as failed to restore', async () => {
    const h = harness(plan3());
    const stop = new AbortController();
    h.deployer.rollback = async () => {
      stop.abort(new Error('stopped by the operator'));
      throw new DeploymentFailure({ code: 'RequestCanceled', message: 'the request was aborted' });
    };
    await expect(deployThenAbort(h, ['canary'], { signal: stop.signal })).rejects.toThrow('stopped by the operator');
    expect((h.journal as MemoryJournal).events.filter((e) => e.type === 'stamp-rolled-back')).toEqual([]);
  });

  it('fails when this rollout deployed nothing', async () => {
    const h = harness(plan3());
    const { result } = await deployThenAbort(h, []);
    expect(result.status).toBe('failed');
    expect(result.message).toBe("contoso@2.0.0 deployed nothing, by the journal and ARM's tags: nothing to roll back");
    expect(result.stages).toEqual([]);
    expect(h.deployer.rollbacks).toEqual([]);
    expect(finished(h.journal as MemoryJournal)).toEqual([{ type: 'rollout-finished', rolloutId: 'contoso@2.0.0', at: h.clock.now(), status: 'failed' }]);
  });

  it('with scope none restores nothing and fails', async () => {
    const h = harness(plan3('none'));
    const { result } = await deployThenAbort(h, ['canary']);
    expect(h.deployer.rollbacks).toEqual([]);
    expect(result.status).toBe('failed');
    expect(result.message).toBe('stage canary of contoso@2.0.0 aborted: rollback scope is none, nothing rolled back');
    expect(result.stages.map((s) => s.status)).toEqual(['canceled']);
    // The result's rollback section says the same: nothing restored, not a clean rollback.
    expect(result.rollback).toEqual({ scope: 'none', reason: 'aborted by ops: error budget', ok: false, stamps: [] });
  });

  it('fails when a stamp could not be restored', async () => {
    const h = harness(plan3());
    h.deployer.rollback = async () => {
      throw new Error('ARM said no');
    };
    const { result } = await deployThenAbort(h, ['canary']);
    expect(result.status).toBe('failed');
    expect(result.message).toBe('stage canary of contoso@2.0.0 aborted; the rollback (scope stage) did not complete cleanly: see the rollback section');
    expect(result.rollback!.stamps.map((s) => s.detail)).toEqual(['rollback failed: EngineError: ARM said no', 'rollback failed: EngineError: ARM said no']);
    expect(result.stages.map((s) => s.status)).toEqual(['canceled']);
  });

  it('fails when there was nothing earlier to restore', async () => {
    const h = harness(plan3());
    h.deployer.history.clear();
    const { result } = await deployThenAbort(h, ['canary']);
    expect(result.status).toBe('failed');
    expect(result.message).toBe('stage canary of contoso@2.0.0 aborted; the rollback (scope stage) had nothing to restore');
    expect(result.rollback!.stamps.map((s) => s.outcome)).toEqual(['no-previous', 'no-previous']);
  });
});
