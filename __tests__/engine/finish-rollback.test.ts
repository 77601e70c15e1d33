import { describe, expect, it } from '@jest/globals';
import { MemoryJournal } from '../../src/engine/journal.js';
import type { JournalEvent } from '../../src/engine/ports.js';
import { harness, makePlan, regionStamps, type Harness } from './fakes.js';

// A journal left by a run killed during its rollback: canary's two stamps deployed at 2.0.0, a rollback started.
const R = 'contoso@2.0.0';
const plan = () => makePlan([{ name: 'canary', stamps: regionStamps('eastus') }, { name: 'pilot', stamps: regionStamps('westus') }]);
const deployedEvent = (s: string, at: number): JournalEvent => ({ type: 'stamp-deployed', rolloutId: R, at, stage: 'canary', stamp: s, contentHash: `hash-${s}`, deploymentId: `/d/${s}/2.0.0`, deploymentName: `${s.split('@')[0]}-eastus-2.0.0`, durationMs: 1, outputs: {} });
const started: JournalEvent = { type: 'rollback-started', rolloutId: R, at: 3, scope: 'stage', reason: 'stage canary: app@eastus unhealthy', stage: 'canary', stamps: ['app@eastus', 'cluster@eastus'] };

/** The stamps run 2.0.0 in ARM, as the killed run left them. */
function liveAt2(h: Harness, ids: string[]): void {
  for (const id of ids) {
    const name = id.split('@')[0];
    h.deployer.history.get(id)!.push({ deploymentName: `${name}-eastus-2.0.0`, deploymentId: `/d/${id}/2.0.0`, version: '2.0.0', rolloutId: R, contentHash: `hash-${id}`, outputs: { endpoint: { type: 'String', value: `https://${id}.example/2.0.0` } } });
  }
}

describe('finishing a rollback an earlier run started', () => {
  it('skips a stamp the journal names that the plan no longer has (the spec lost its region since)', async () => {
    const gone: JournalEvent = { ...started, stamps: ['app@centralus', 'app@eastus', 'cluster@eastus'] } as JournalEvent;
    const journal = new MemoryJournal([deployedEvent('cluster@eastus', 1), deployedEvent('app@eastus', 2), gone]);
    const h = harness(plan(), journal);
    liveAt2(h, ['cluster@eastus', 'app@eastus']);
    const result = await h.run();
    expect(result.status).toBe('rolled-back');
    expect(h.deployer.rollbacks).toEqual(['app@eastus', 'cluster@eastus']);
    expect(result.rollback!.stamps.map((s) => s.id)).toEqual(['app@eastus', 'cluster@eastus']);
  });

  it('restores what is left, trusts ARM for what the earlier run restored, and says it finished it', async () => {
    const journal = new MemoryJournal([deployedEvent('cluster@eastus', 1), deployedEvent('app@eastus', 2), started, { type: 'stamp-rolled-back', rolloutId: R, at: 4, stage: 'canary', stamp: 'app@eastus', outcome: 'rolled-back', to: 'app-eastus-1.0.0' }]);
    const h = harness(plan(), journal);
    liveAt2(h, ['cluster@eastus']);
    const result = await h.run();
    expect(result.status).toBe('rolled-back');
    expect(h.deployer.rollbacks).toEqual(['cluster@eastus']);
    expect(h.deployer.started).toEqual([]);
    expect(result.rollback).toMatchObject({ scope: 'stage', reason: 'stage canary: app@eastus unhealthy', ok: true, resumed: true });
    expect(result.rollback!.stamps.map(({ id, outcome, to, version, detail }) => ({ id, outcome, to, version, detail }))).toEqual([
      { id: 'app@eastus', outcome: 'rolled-back', to: 'app-eastus-1.0.0', version: '1.0.0', detail: 'restored app-eastus-1.0.0 (version 1.0.0) (by the earlier run)' },
      { id: 'cluster@eastus', outcome: 'rolled-back', to: 'cluster-eastus-1.0.0', version: '1.0.0', detail: 'restored cluster-eastus-1.0.0 (version 1.0.0)' },
    ]);
    expect(h.reporter.of('rollback-started')).toEqual([{ type: 'rollback-started', scope: 'stage', stamps: ['app@eastus', 'cluster@eastus'], reason: 'finishing the rollback an earlier run started: stage canary: app@eastus unhealthy' }]);
    expect(result.message).toBe('an earlier run was stopped during its rollback (stage canary: app@eastus unhealthy); this run finished it: rolled back 2 stamp(s) (scope stage). Re-run to roll contoso@2.0.0 out again.');
    expect(result.stages.map((s) => [s.name, s.status])).toEqual([
      ['canary', 'rolled-back'],
      ['pilot', 'not-started'],
    ]);
  });

  it('a rollback left with nothing to restore fails, saying so', async () => {
    const journal = new MemoryJournal([deployedEvent('app@eastus', 2), { ...started, stamps: ['app@eastus'] } as JournalEvent, { type: 'stamp-rolled-back', rolloutId: R, at: 4, stage: 'canary', stamp: 'app@eastus', outcome: 'no-previous' }]);
    const h = harness(plan(), journal);
    h.deployer.history.set('app@eastus', []);
    liveAt2(h, ['app@eastus']);
    const result = await h.run();
    expect([result.status, result.message]).toEqual(['failed', 'an earlier run was stopped during its rollback (stage canary: app@eastus unhealthy); this run finished it: nothing to restore']);
    expect(result.stages[0].status).toBe('failed');
    expect(h.deployer.started).toEqual([]);
  });

  it('a stamp the earlier run found nothing to restore for is left as is; one ARM cannot be asked about fails the rollback', async () => {
    const journal = new MemoryJournal([deployedEvent('cluster@eastus', 1), deployedEvent('app@eastus', 2), started, { type: 'stamp-rolled-back', rolloutId: R, at: 4, stage: 'canary', stamp: 'app@eastus', outcome: 'no-previous' }]);
    const h = harness(plan(), journal);
    h.deployer.history.set('app@eastus', []);
    liveAt2(h, ['app@eastus', 'cluster@eastus']);
    const lastSuccessful = h.deployer.lastSuccessful.bind(h.deployer);
    h.deployer.lastSuccessful = async (s, options) => {
      if (s.id === 'cluster@eastus') throw new Error('ARM unreachable');
      return lastSuccessful(s, options);
    };
    const result = await h.run();
    expect(result.status).toBe('failed');
    expect(result.rollback!.ok).toBe(false);
    expect(result.rollback!.stamps.map(({ id, outcome, detail }) => ({ id, outcome, detail }))).toEqual([
      { id: 'app@eastus', outcome: 'no-previous', detail: 'no previous deployment; left as is (by the earlier run)' },
      { id: 'cluster@eastus', outcome: 'failed', detail: 'rollback failed: EngineError: ARM unreachable' },
    ]);
    expect(h.deployer.rollbacks).toEqual([]);
    expect(result.message).toBe('an earlier run was stopped during its rollback (stage canary: app@eastus unhealthy); this run finished it, but it did not complete cleanly: see the rollback section');
  });

  it('a journal from before rollbacks named their stamps: restores what this rollout deployed, the latest first', async () => {
    const legacy: JournalEvent = { type: 'rollback-started', rolloutId: R, at: 4, scope: 'stage', reason: 'stage canary: app@eastus unhealthy', stage: 'canary' };
    const three = makePlan([{ name: 'canary', stamps: [...regionStamps('eastus'), ...regionStamps('westus').slice(0, 1)] }]);
    const westus: JournalEvent = { ...deployedEvent('cluster@westus', 2), deploymentName: 'cluster-westus-2.0.0' } as JournalEvent;
    const journal = new MemoryJournal([deployedEvent('cluster@eastus', 1), deployedEvent('app@eastus', 3), westus, legacy]);
    const h = harness(three, journal);
    liveAt2(h, ['cluster@eastus', 'app@eastus']);
    h.deployer.history.get('cluster@westus')!.push({ deploymentName: 'cluster-westus-2.0.0', deploymentId: '/d/cluster@westus/2.0.0', version: '2.0.0', rolloutId: R, contentHash: 'hash-cluster@westus', outputs: {} });
    const result = await h.run();
    expect(result.status).toBe('rolled-back');
    expect(h.deployer.rollbacks).toEqual(['app@eastus', 'cluster@westus', 'cluster@eastus']);
  });

  it('a finish stopped again is reported interrupted and not ok, and the next run still finishes it', async () => {
    const journal = new MemoryJournal([deployedEvent('cluster@eastus', 1), deployedEvent('app@eastus', 2), started]);
    const h = harness(plan(), journal);
    liveAt2(h, ['cluster@eastus', 'app@eastus']);
    const abort = new AbortController();
    const restore = h.deployer.rollback.bind(h.deployer);
    h.deployer.rollback = async (s, previous, signal) => {
      const done = await restore(s, previous, signal);
      abort.abort(new Error('SIGTERM'));
      return done;
    };
    const result = await h.run({ signal: abort.signal });
    expect(result.status).toBe('canceled');
    expect(result.rollback).toMatchObject({ ok: false, interrupted: true, resumed: true });
    expect(result.message).toMatch(/^rollback interrupted \(1 stamp\(s\) restored so far; /);

    h.deployer.rollback = restore;
    const again = await h.run();
    expect(again.status).toBe('rolled-back');
    expect(h.deployer.rollbacks).toEqual(['app@eastus', 'cluster@eastus']);
  });
});
