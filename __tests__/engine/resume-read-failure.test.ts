import { describe, expect, it } from '@jest/globals';
import type { JournalEvent } from '../../src/engine/ports.js';
import type { MemoryJournal } from '../../src/engine/journal.js';
import { harness, makePlan, stamp } from './fakes.js';

const plan = () => makePlan([
  { name: 'canary', stamps: [stamp('app@eastus', { region: 'eastus', health: null })], bakeMs: 0 },
  { name: 'pilot', stamps: [stamp('app@westus', { region: 'westus', health: null })], bakeMs: 0 },
]);

describe('a re-run that cannot ask ARM about an earlier deployment', () => {
  it('fails that stamp with the error, recorded and reported, and deploys nothing over it', async () => {
    const h = harness(plan());
    expect((await h.run({ stage: 'canary' })).status).toBe('succeeded');
    const lastSuccessful = h.deployer.lastSuccessful.bind(h.deployer);
    h.deployer.lastSuccessful = async (s, options) => {
      if (s.id === 'app@eastus' && options.excludeRolloutId === undefined) throw new Error('ARM timed out');
      return lastSuccessful(s, options);
    };
    h.deployer.started.length = 0;
    const result = await h.run();
    const error = { code: 'EngineError', message: 'ARM timed out' };
    expect(result.status).toBe('rolled-back');
    expect(result.message).toBe('stage canary: app@eastus failed to deploy: EngineError: ARM timed out; rolled back 1 stamp(s) (scope stage)');
    expect(result.stages[0].stamps[0]).toMatchObject({ status: 'failed', error });
    expect(result.error).toEqual({ ...error, stamp: 'app@eastus', stage: 'canary' });
    expect(h.deployer.started).toEqual([]);
    const failed = (h.journal as MemoryJournal).events.filter((e: JournalEvent) => e.type === 'stamp-failed');
    expect(failed).toEqual([{ type: 'stamp-failed', stage: 'canary', stamp: 'app@eastus', error, rolloutId: 'contoso@2.0.0', at: h.clock.now() - 5 * 60_000 }]);
    expect(h.reporter.of('stamp-failed')).toEqual([{ type: 'stamp-failed', stage: 'canary', stamp: 'app@eastus', error }]);
    expect(result.stages[1].status).toBe('not-started');
  });

  it('cancels that stamp, without a failure, when the run is stopped while it asks', async () => {
    // The earlier run was stopped inside the stage, after app@eastus was deployed: the re-run asks ARM about it there.
    const h = harness(makePlan([{ name: 'canary', stamps: [stamp('app@eastus', { region: 'eastus', health: null }), stamp('app@westus', { region: 'westus', health: null })], bakeMs: 0 }]));
    h.deployer.latencyMs = (s) => (s.region === 'eastus' ? 60_000 : 600_000);
    const first = new AbortController();
    h.reporter.onEvent = (e) => {
      if (e.type === 'stamp-deployed' && e.stamp === 'app@eastus') first.abort(new Error('SIGTERM'));
    };
    expect((await h.run({ signal: first.signal })).status).toBe('canceled');
    h.reporter.onEvent = undefined;

    const stop = new AbortController();
    h.deployer.lastSuccessful = async () => {
      stop.abort(new Error('SIGTERM'));
      throw new Error('the request was aborted');
    };
    h.deployer.started.length = 0;
    const result = await h.run({ signal: stop.signal });
    expect(result.status).toBe('canceled');
    expect(result.stages[0].stamps.find((s) => s.id === 'app@eastus')!.status).toBe('canceled');
    expect(result.error).toBeUndefined();
    expect((h.journal as MemoryJournal).events.filter((e: JournalEvent) => e.type === 'stamp-failed')).toEqual([]);
    expect(h.reporter.of('stamp-failed')).toEqual([]);
  });
});
