import { describe, expect, it } from '@jest/globals';
import { harness, MIN, makePlan, stamp, type Harness } from './fakes.js';

const T0 = Date.UTC(2026, 0, 1);
const plan = () => makePlan([{ name: 'canary', stamps: [stamp('cluster@eastus', { region: 'eastus', health: null }), stamp('app@eastus', { region: 'eastus', requires: ['cluster@eastus'], skip: true })] }]);

/** ARM cannot answer for the skipped app's latest deployment (where its probe's outputs come from). */
function outputsFail(h: Harness, error: unknown): void {
  const lastSuccessful = h.deployer.lastSuccessful.bind(h.deployer);
  h.deployer.lastSuccessful = async (s, options) => {
    if (s.id === 'app@eastus' && options.excludeRolloutId === undefined) throw error;
    return lastSuccessful(s, options);
  };
}

describe('probing a stamp whose outputs cannot be read', () => {
  it('is an unhealthy verdict in the within phase, with no probe, naming the stamp and the error: the stage rolls back', async () => {
    const h = harness(plan());
    outputsFail(h, new Error('ARM is down'));
    const result = await h.run();
    expect(result.status).toBe('rolled-back');
    expect(result.message).toBe('stage canary: app@eastus unhealthy in within: could not read the outputs of app@eastus: ARM is down; rolled back 1 stamp(s) (scope stage)');
    expect(result.stages[0].stamps[1].probe).toEqual({ healthy: false, phase: 'within', probes: 0, detail: 'could not read the outputs of app@eastus: ARM is down', startedAt: T0 + 10 * MIN, endedAt: T0 + 10 * MIN });
    expect(result.error).toEqual({ code: 'Unhealthy', message: 'could not read the outputs of app@eastus: ARM is down', stamp: 'app@eastus', stage: 'canary' });
    expect(h.reporter.of('probe-verdict')).toEqual([{ type: 'probe-verdict', stage: 'canary', stamp: 'app@eastus', check: 'full', healthy: false, phase: 'within', detail: 'could not read the outputs of app@eastus: ARM is down' }]);
    expect(h.prober.calls).toEqual([]);
  });

  it('a read that fails because the run was stopped ends the run canceled, with no verdict and nothing rolled back', async () => {
    const h = harness(plan());
    const stop = new AbortController();
    const lastSuccessful = h.deployer.lastSuccessful.bind(h.deployer);
    h.deployer.lastSuccessful = async (s, options) => {
      if (s.id === 'app@eastus' && options.excludeRolloutId === undefined) {
        stop.abort(new Error('stopped by the operator'));
        throw new Error('socket hang up');
      }
      return lastSuccessful(s, options);
    };
    const result = await h.run({ signal: stop.signal });
    expect(result.status).toBe('canceled');
    expect(h.reporter.of('probe-verdict')).toEqual([]);
    expect(h.deployer.rollbacks).toEqual([]);
  });

  it('says a thrown non-Error by its text', async () => {
    const h = harness(plan());
    outputsFail(h, 'socket reset');
    const result = await h.run();
    expect(result.stages[0].stamps[1].probe!.detail).toBe('could not read the outputs of app@eastus: socket reset');
  });
});

describe('a reporter that throws', () => {
  it('does not break the rollout', async () => {
    const h = harness(makePlan([{ name: 'canary', stamps: [stamp('app@eastus', { region: 'eastus', health: null })] }]));
    let calls = 0;
    h.reporter.onEvent = () => {
      calls++;
      throw new Error('stdout closed');
    };
    const result = await h.run();
    expect(result.status).toBe('succeeded');
    expect(h.deployer.completed).toEqual(['app@eastus']);
    expect(calls).toBe(h.reporter.events.length);
    expect(h.reporter.events.at(-1)!.type).toBe('rollout-finished');
  });
});

describe('stamps that fail one probe round', () => {
  it('are named in plan order, whichever answered first', async () => {
    const h = harness(makePlan([{ name: 'canary', stamps: [stamp('app@eastus', { region: 'eastus' }), stamp('web@westus', { region: 'westus' }), stamp('api@northeurope', { region: 'northeurope' })] }]));
    const order: string[] = [];
    h.prober.probe = async (_check, target) => {
      // The first stamp answers last, the second first.
      await h.clock.sleep(({ 'app@eastus': 3_000, 'web@westus': 1_000, 'api@northeurope': 2_000 } as Record<string, number>)[target.stamp.id]);
      order.push(target.stamp.id);
      return { healthy: false, latencyMs: 1, detail: `${target.stamp.id} 503` };
    };
    const result = await h.run();
    expect(order.slice(0, 3)).toEqual(['web@westus', 'api@northeurope', 'app@eastus']);
    expect(result.message).toMatch(/^stage canary: app@eastus unhealthy \(and 2 more\) in /);
  });
});
