import { describe, expect, it } from '@jest/globals';
import { foldJournal, MemoryJournal } from '../../src/engine/journal.js';
import type { JournalEvent } from '../../src/engine/ports.js';

// What each event does to the state a re-run resumes from, pinned field by field.
const id = 'contoso@2.0.0';
const deployed = (stamp: string, at: number): JournalEvent => ({ type: 'stamp-deployed', rolloutId: id, at, stage: 'pilot', stamp, contentHash: `h-${stamp}`, deploymentId: `/d/${stamp}`, deploymentName: `dep-${stamp}`, durationMs: 7, correlationId: 'c', outputs: { x: { type: 'String', value: 'y' } } });
const fresh = { probed: false, bakeEnded: false, completed: false };

describe('foldJournal', () => {
  it('an empty journal resumes nothing', () => {
    expect(foldJournal([], id)).toEqual({ resumed: false, deployed: new Map(), stages: new Map() });
  });

  it('keeps everything a deployment recorded, and forgets a stamp whose later deployment failed', () => {
    const state = foldJournal([deployed('a', 1), deployed('b', 2), { type: 'stamp-failed', rolloutId: id, at: 3, stage: 'pilot', stamp: 'b', error: { code: 'X', message: 'y' } }], id);
    expect(state.deployed).toEqual(new Map([['a', { stage: 'pilot', contentHash: 'h-a', deploymentId: '/d/a', deploymentName: 'dep-a', durationMs: 7, correlationId: 'c', outputs: { x: { type: 'String', value: 'y' } }, at: 1 }]]));
  });

  it('a healthy recheck does not mark a stage probed; a full check does; an unhealthy one of either resets the bake', () => {
    const recheck = foldJournal([{ type: 'stage-probed', rolloutId: id, at: 1, stage: 's', check: 'recheck', healthy: true }], id);
    expect(recheck.stages.get('s')).toBeUndefined();
    const state = foldJournal(
      [
        { type: 'stage-probed', rolloutId: id, at: 1, stage: 's', check: 'full', healthy: true },
        { type: 'bake-started', rolloutId: id, at: 2, stage: 's', bakeMs: 10 },
        { type: 'bake-ended', rolloutId: id, at: 3, stage: 's' },
        { type: 'stage-completed', rolloutId: id, at: 4, stage: 's' },
      ],
      id,
    );
    expect(state.stages.get('s')).toEqual({ probed: true, bakeStartedAt: 2, bakeEnded: true, completed: true });
    const reset = foldJournal([{ type: 'stage-probed', rolloutId: id, at: 1, stage: 's', check: 'full', healthy: true }, { type: 'bake-started', rolloutId: id, at: 2, stage: 's', bakeMs: 10 }, { type: 'stage-probed', rolloutId: id, at: 5, stage: 's', check: 'full', healthy: false }], id);
    expect(reset.stages.get('s')).toEqual({ probed: false, bakeStartedAt: undefined, bakeEnded: false, completed: false });
  });

  it('a new bake start clears a bake end', () => {
    const state = foldJournal([{ type: 'bake-started', rolloutId: id, at: 2, stage: 's', bakeMs: 10 }, { type: 'bake-ended', rolloutId: id, at: 3, stage: 's' }, { type: 'bake-started', rolloutId: id, at: 9, stage: 's', bakeMs: 10 }], id);
    expect(state.stages.get('s')).toEqual({ ...fresh, bakeStartedAt: 9 });
  });

  it('a promote ends the stage\'s bake; an abort changes nothing', () => {
    const promote = foldJournal([{ type: 'operator', rolloutId: id, at: 1, action: 'promote', stage: 's', by: 'ops', reason: 'ok' }], id);
    expect(promote.stages.get('s')).toEqual({ ...fresh, bakeEnded: true });
    const abort = foldJournal([{ type: 'operator', rolloutId: id, at: 1, action: 'abort', stage: 's', by: 'ops', reason: 'no' }], id);
    expect(abort.stages.size).toBe(0);
    expect(abort.resumed).toBe(true);
  });

  it('tracks a rollback from its start: its scope, reason, stage, stamps, and which are done; removed stamps are forgotten too', () => {
    const state = foldJournal(
      [
        deployed('a', 1),
        deployed('b', 2),
        deployed('c', 3),
        { type: 'rollback-started', rolloutId: id, at: 4, scope: 'stage', reason: 'bad', stage: 'pilot', stamps: ['c', 'b', 'a'] },
        { type: 'stamp-rolled-back', rolloutId: id, at: 5, stage: 'pilot', stamp: 'c', outcome: 'removed' },
        { type: 'stamp-rolled-back', rolloutId: id, at: 6, stage: 'pilot', stamp: 'b', outcome: 'failed' },
        { type: 'stamp-rolled-back', rolloutId: id, at: 7, stage: 'pilot', stamp: 'a', outcome: 'unsupported' },
      ],
      id,
    );
    expect(state.rollback).toEqual({ scope: 'stage', reason: 'bad', stage: 'pilot', stamps: ['c', 'b', 'a'], done: new Set(['c', 'a']) });
    expect([...state.deployed.keys()]).toEqual(['a', 'b']);
    expect(state.stages.get('pilot')).toEqual(fresh);
  });

  it('a rollback recorded without stage or stamps (older journals) has neither; its finish clears it', () => {
    const started: JournalEvent = { type: 'rollback-started', rolloutId: id, at: 4, scope: 'rollout', reason: 'bad' };
    expect(foldJournal([started], id).rollback).toEqual({ scope: 'rollout', reason: 'bad', done: new Set() });
    expect(foldJournal([started, { type: 'rollback-finished', rolloutId: id, at: 5, ok: true }], id).rollback).toBeUndefined();
  });
});

describe('MemoryJournal', () => {
  it('keeps copies: neither the events it started with nor those recorded change under it', async () => {
    const first = deployed('a', 1);
    const given = [first];
    const journal = new MemoryJournal(given);
    given.push(deployed('b', 2));
    const later = deployed('c', 3);
    await journal.record(later);
    (later as { at: number }).at = 99;
    const loaded = await journal.load();
    loaded.pop();
    expect((await journal.load()).map((e) => [e.type === 'stamp-deployed' && e.stamp, e.at])).toEqual([
      ['a', 1],
      ['c', 3],
    ]);
  });
});
