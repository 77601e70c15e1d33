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
});
