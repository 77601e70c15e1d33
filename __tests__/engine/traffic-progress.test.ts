import { describe, expect, it } from '@jest/globals';
import { foldTraffic, type TrafficJournalEvent } from '../../src/engine/release-unit/events.js';

const R = 'contoso@2.0.0';
type E = TrafficJournalEvent & Record<string, unknown>;
type Without<T> = T extends unknown ? Omit<T, 'rolloutId'> & { rolloutId?: string } : never;
const ev = (e: Without<TrafficJournalEvent>): E => ({ rolloutId: R, ...e }) as E;

describe('foldTraffic', () => {
  it('knows nothing of an empty journal', () => {
    expect(foldTraffic([], R)).toEqual({ live: false, started: new Map(), completed: new Set(), reverted: false, teardownStarted: false, teardownFinished: false });
  });

  it('keeps when each step started, which completed, the unit users came from, and the teardown', () => {
    const p = foldTraffic(
      [
        ev({ type: 'unit-live', unit: 'green', at: 1 }),
        ev({ type: 'traffic-step-started', unit: 'green', previousUnit: 'blue', weight: 10, at: 100 }),
        ev({ type: 'traffic-step-completed', unit: 'green', weight: 10, at: 200 }),
        ev({ type: 'traffic-step-started', unit: 'green', previousUnit: 'blue', weight: 50, at: 300 }),
        ev({ type: 'teardown-started', unit: 'green', previousUnit: 'blue', at: 400 }),
        ev({ type: 'teardown-finished', unit: 'green', previousUnit: 'blue', groups: ['rg'], at: 500 }),
      ],
      R,
    );
    expect(p).toEqual({ live: true, started: new Map([[10, 100], [50, 300]]), completed: new Set([10]), reverted: false, teardownStarted: true, teardownFinished: true, previousUnit: 'blue' });
  });

  it('the rollout\'s other events (stamps, stages) change nothing of where the release stands', () => {
    const p = foldTraffic(
      [
        ev({ type: 'traffic-step-started', unit: 'green', previousUnit: 'blue', weight: 10, at: 100 }),
        ev({ type: 'traffic-step-completed', unit: 'green', weight: 10, at: 200 }),
        { rolloutId: R, type: 'stamp-deployed', stamp: 'app@eastus', at: 250 } as unknown as E,
        { rolloutId: R, type: 'rollout-finished', status: 'canceled', at: 260 } as unknown as E,
      ],
      R,
    );
    expect(p).toEqual({ live: false, started: new Map([[10, 100]]), completed: new Set([10]), reverted: false, teardownStarted: false, teardownFinished: false, previousUnit: 'blue' });
  });

  it('a revert forgets the steps and the teardown start, but not that the unit is live', () => {
    const p = foldTraffic(
      [
        ev({ type: 'unit-live', unit: 'green', at: 1 }),
        ev({ type: 'traffic-step-started', unit: 'green', previousUnit: 'blue', weight: 10, at: 100 }),
        ev({ type: 'traffic-step-completed', unit: 'green', weight: 10, at: 200 }),
        ev({ type: 'teardown-started', unit: 'green', previousUnit: 'blue', at: 250 }),
        ev({ type: 'traffic-reverted', unit: 'green', previousUnit: 'blue', reason: 'unhealthy', at: 300 }),
      ],
      R,
    );
    expect(p).toEqual({ live: true, started: new Map(), completed: new Set(), reverted: true, teardownStarted: false, teardownFinished: false, previousUnit: 'blue' });
  });

  it('reads only its own rollout, and the latest previous unit named', () => {
    const p = foldTraffic(
      [
        ev({ type: 'traffic-step-started', unit: 'green', previousUnit: 'blue', weight: 10, at: 100 }),
        ev({ type: 'traffic-step-started', unit: 'x', previousUnit: 'other', weight: 20, at: 150, rolloutId: 'contoso@1.0.0' }),
        ev({ type: 'unit-live', unit: 'x', at: 160, rolloutId: 'contoso@1.0.0' }),
        ev({ type: 'teardown-started', unit: 'green', previousUnit: 'purple', at: 200 }),
      ],
      R,
    );
    expect(p).toEqual({ live: false, started: new Map([[10, 100]]), completed: new Set(), reverted: false, teardownStarted: true, teardownFinished: false, previousUnit: 'purple' });
  });
});
