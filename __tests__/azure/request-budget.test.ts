// The request budget every ARM call of a process shares: who is served first when requests queue, that an abort
// gives the turn away without losing a token, and that a request queued after the queue ran dry is still served.
// Time is a VirtualClock moved by hand: nothing here depends on how fast the machine is.
import { describe, expect, it } from '@jest/globals';
import { RequestBudget, type Priority } from '../../src/azure/request-budget.js';
import { VirtualClock } from '../../src/time/clock.js';

const turns = async (n = 5): Promise<void> => {
  for (let i = 0; i < n; i++) await new Promise((resolve) => setImmediate(resolve));
};

/** Queues one request per entry (after the burst is spent) and returns the order in which they are served. */
function queue(budget: RequestBudget, entries: [string, Priority][], signals: Record<string, AbortSignal> = {}): string[] {
  const served: string[] = [];
  for (const [name, priority] of entries) {
    budget.take(signals[name], priority).then(
      () => served.push(name),
      () => served.push(`${name}:aborted`),
    );
  }
  return served;
}

describe('RequestBudget', () => {
  it('serves rollbacks first, then deployments, then polls, first come first served within each', async () => {
    const clock = new VirtualClock(0);
    const budget = new RequestBudget(clock, 1, 1);
    await budget.take(); // the burst
    const served = queue(budget, [
      ['poll-1', 'poll'],
      ['put-1', 'normal'],
      ['poll-2', 'poll'],
      ['rollback-1', 'rollback'],
      ['put-2', 'normal'],
      ['rollback-2', 'rollback'],
    ]);
    expect(budget.queued).toBe(6);
    for (let second = 1; second <= 6; second++) {
      clock.advance(1_000);
      await turns();
      expect(served).toHaveLength(second); // one token a second, one request per token
    }
    expect(served).toEqual(['rollback-1', 'rollback-2', 'put-1', 'put-2', 'poll-1', 'poll-2']);
    expect(budget.queued).toBe(0);
  });

  it('a rollback that arrives while polls wait is the next one served', async () => {
    const clock = new VirtualClock(0);
    const budget = new RequestBudget(clock, 1, 1);
    await budget.take();
    const served = queue(budget, [['poll-1', 'poll'], ['poll-2', 'poll'], ['poll-3', 'poll']]);
    clock.advance(1_000);
    await turns();
    expect(served).toEqual(['poll-1']);
    const late: string[] = [];
    budget.take(undefined, 'rollback').then(() => late.push('rollback'));
    clock.advance(1_000);
    await turns();
    expect(late).toEqual(['rollback']);
    expect(served).toEqual(['poll-1']);
  });

  it('an aborted request gives its turn to the next one and costs no token', async () => {
    const clock = new VirtualClock(0);
    const budget = new RequestBudget(clock, 1, 1);
    await budget.take();
    const stop = new AbortController();
    const served = queue(budget, [['a', 'normal'], ['b', 'normal'], ['c', 'poll']], { a: stop.signal });
    stop.abort(new Error('stopped'));
    await turns();
    expect(served).toEqual(['a:aborted']);
    expect(budget.queued).toBe(2);
    clock.advance(1_000);
    await turns();
    expect(served).toEqual(['a:aborted', 'b']);
    clock.advance(1_000);
    await turns();
    expect(served).toEqual(['a:aborted', 'b', 'c']);
  });

  it('a request queued after the queue ran dry and the pump stopped is still served (no lost wakeup)', async () => {
    const clock = new VirtualClock(0);
    const budget = new RequestBudget(clock, 2, 1);
    await budget.take();
    const served = queue(budget, [['first', 'normal']]);
    clock.advance(500);
    await turns();
    expect(served).toEqual(['first']);
    expect(clock.pending).toBe(0); // nothing waits: the pump has stopped
    const later = queue(budget, [['later', 'poll']]);
    expect(later).toEqual([]);
    expect(clock.pending).toBe(1); // the pump sleeps until the next token
    clock.advance(500);
    await turns();
    expect(later).toEqual(['later']);
  });

  it('only aborted requests left: the pump stops instead of waiting for a token nobody wants', async () => {
    const clock = new VirtualClock(0);
    const budget = new RequestBudget(clock, 1, 1);
    await budget.take();
    const stop = new AbortController();
    const served = queue(budget, [['x', 'poll'], ['y', 'poll']], { x: stop.signal, y: stop.signal });
    stop.abort(new Error('stopped'));
    clock.advance(1_000);
    await turns();
    expect(served).toEqual(['x:aborted', 'y:aborted']);
    expect(budget.queued).toBe(0);
    expect(clock.pending).toBe(0);
  });

  it('keeps the order exact for 30,000 queued requests of mixed priorities', async () => {
    const clock = new VirtualClock(0);
    const budget = new RequestBudget(clock, 1_000, 30_000);
    for (let i = 0; i < 30_000; i++) void budget.take(); // the burst
    const ranks: Priority[] = ['poll', 'normal', 'rollback'];
    const entries = Array.from({ length: 30_000 }, (_, i) => [`${ranks[i % 3]}-${i}`, ranks[i % 3]] as [string, Priority]);
    const served = queue(budget, entries);
    clock.advance(30_000);
    await turns(20);
    const expected = ['rollback', 'normal', 'poll'].flatMap((rank) => entries.filter(([, p]) => p === rank).map(([name]) => name));
    expect(served).toEqual(expected);
  });
});
