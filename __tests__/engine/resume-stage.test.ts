import { describe, expect, it } from '@jest/globals';
import { MemoryJournal } from '../../src/engine/journal.js';
import type { JournalEvent } from '../../src/engine/ports.js';
import type { PlanStamp } from '../../src/plan/types.js';
import { harness, HOUR, makePlan, regionStamps } from './fakes.js';

// What a re-run makes of a stage an earlier run got partway or all the way through: which check it probes with, where
// its bake starts, and when a completed stage is taken as still completed.

const twoStages = () =>
  makePlan([
    { name: 'canary', stamps: regionStamps('eastus'), bakeMs: 4 * HOUR },
    { name: 'pilot', stamps: regionStamps('westus') },
  ]);

/**
 * A journal the run is killed on right after it records `when`: that event is durable, and nothing after it is (the
 * dead process's own `rollout-finished` included, which this journal drops).
 */
class KilledAfter extends MemoryJournal {
  readonly abort = new AbortController();
  private dead = false;
  private readonly when: (event: JournalEvent) => boolean;
  constructor(when: (event: JournalEvent) => boolean) {
    super();
    this.when = when;
  }
  override async record(event: JournalEvent): Promise<void> {
    if (this.dead) return;
    await super.record(event);
    if (!this.abort.signal.aborted && this.when(event)) {
      this.dead = true;
      this.abort.abort(new Error('SIGKILL'));
      throw this.abort.signal.reason;
    }
  }
  /** The next process: it records again (and is not killed again). */
  restart(): void {
    this.dead = false;
  }
}

const killedAt = (type: JournalEvent['type'], stage: string) => (e: JournalEvent) => e.type === type && 'stage' in e && e.stage === stage;

/** A first run killed right after it recorded `type` for canary, and the journal ready for the next process. */
async function killedAfter(type: JournalEvent['type'], edit: (h: ReturnType<typeof harness>) => void = () => undefined) {
  const journal = new KilledAfter(killedAt(type, 'canary'));
  const h = harness(twoStages(), journal);
  edit(h);
  expect((await h.run({ signal: journal.abort.signal })).status).toBe('canceled');
  journal.restart();
  return { journal, h };
}

/** Between the runs, somebody deployed the stamp from elsewhere: ARM's latest is no longer this rollout's. */
function replacedByHand(h: ReturnType<typeof harness>, stampId: string): void {
  const live = h.deployer.history.get(stampId)!;
  live.push({ ...live[0], deploymentName: `${stampId.replace('@', '-')}-hand`, rolloutId: 'by-hand', version: '1.9.9' });
}

describe('a re-run of a stage an earlier run left', () => {
  it('re-checks and bakes the rest when nothing new was deployed, and records the bake\'s start only once', async () => {
    const { journal, h } = await killedAfter('bake-started');
    const bakeStart = h.clock.now();

    h.clock.advance(HOUR);
    const seen = h.reporter.events.length;
    const second = await h.run();
    expect(second.status).toBe('succeeded');
    const canaryChecks = h.reporter.events.slice(seen).filter((e) => e.type === 'probe-verdict').filter((e) => e.stage === 'canary').map((e) => `${e.stamp}:${e.check}`);
    expect(canaryChecks).toEqual(['cluster@eastus:recheck', 'app@eastus:recheck', 'cluster@eastus:recheck', 'app@eastus:recheck']);
    expect(second.stages[0].bake).toMatchObject({ startedAt: bakeStart, endedAt: bakeStart + 4 * HOUR });
    expect(journal.events.filter((e) => e.type === 'bake-started').map((e) => 'stage' in e && e.stage)).toEqual(['canary', 'pilot']);
  });

  it('probes in full and bakes whole when a stamp had to be deployed again, although the stage was probed before', async () => {
    const { journal, h } = await killedAfter('bake-started');
    replacedByHand(h, 'app@eastus');

    h.clock.advance(HOUR);
    const seen = h.reporter.events.length;
    const bakes: Array<{ stage: string; remainingMs: number; at: number }> = [];
    h.reporter.onEvent = (e) => {
      if (e.type === 'bake-started') bakes.push({ stage: e.stage, remainingMs: e.remainingMs, at: h.clock.now() });
    };
    const second = await h.run();
    expect(second.status).toBe('succeeded');
    expect(h.deployer.completed.filter((id) => id === 'app@eastus')).toHaveLength(2);
    const firstChecks = h.reporter.events.slice(seen).filter((e) => e.type === 'probe-verdict').filter((e) => e.stage === 'canary').slice(0, 2).map((e) => `${e.stamp}:${e.check}`);
    expect(firstChecks.sort()).toEqual(['app@eastus:full', 'cluster@eastus:full']);
    expect(bakes[0]).toEqual({ stage: 'canary', remainingMs: 4 * HOUR, at: second.stages[0].bake!.startedAt });
    expect(journal.events.filter((e) => e.type === 'bake-started').map((e) => 'stage' in e && e.stage)).toEqual(['canary', 'canary', 'pilot']);
  });

  it('starts the bake afresh when the earlier run was killed after its probe, before its bake began', async () => {
    const { journal, h } = await killedAfter('stage-probed');
    expect(journal.events.some((e) => e.type === 'bake-started')).toBe(false);

    h.clock.advance(HOUR);
    const bakes: Array<{ remainingMs: number; at: number }> = [];
    h.reporter.onEvent = (e) => {
      if (e.type === 'bake-started' && e.stage === 'canary') bakes.push({ remainingMs: e.remainingMs, at: h.clock.now() });
    };
    const second = await h.run();
    expect(second.status).toBe('succeeded');
    expect(bakes).toEqual([{ remainingMs: 4 * HOUR, at: second.stages[0].bake!.startedAt }]);
    expect(second.stages[0].bake!.endedAt).toBe(second.stages[0].bake!.startedAt + 4 * HOUR);
  });
});

describe('a stage the journal calls completed', () => {
  it('is run again for a stamp added to it since, which the journal knows nothing of', async () => {
    let app: PlanStamp | undefined;
    const { h } = await killedAfter('stage-completed', (first) => (app = first.plan.stages[0].stamps.pop()));
    h.plan.stages[0].stamps.push(app!);
    const second = await h.run();
    expect(second.status).toBe('succeeded');
    expect(second.stages[0].status).not.toBe('already-completed');
    expect(h.deployer.completed).toContain('app@eastus');
    expect(second.stages[0].stamps.find((s) => s.id === 'app@eastus')!.status).toBe('deployed');
  });

  it('is run again when ARM no longer has this rollout\'s deployment of a stamp the plan now skips', async () => {
    const { h } = await killedAfter('stage-completed');
    replacedByHand(h, 'cluster@eastus');

    h.plan.stages[0].stamps[0].decision = { action: 'skip', reason: 'unchanged', detail: 'template and parameters unchanged' };
    const seen = h.reporter.events.length;
    const second = await h.run();
    expect(second.status).toBe('succeeded');
    expect(second.stages[0].status).toBe('succeeded');
    // Probed again, since the stage as it stands now was never probed.
    expect(h.reporter.events.slice(seen).some((e) => e.type === 'probe-verdict' && e.stage === 'canary')).toBe(true);
  });

  it('ends the re-run canceled, with nothing deployed, when it is stopped while asking ARM about the stage', async () => {
    const { h } = await killedAfter('stage-completed');
    const deployedBefore = h.deployer.started.length;

    const abort = new AbortController();
    h.deployer.lastSuccessful = async () => {
      abort.abort(new Error('SIGTERM'));
      throw new Error('The operation was aborted');
    };
    const second = await h.run({ signal: abort.signal });
    expect(second.status).toBe('canceled');
    expect(second.message).toBe('canceled; a re-run of contoso@2.0.0 resumes from the journal');
    expect(h.deployer.started).toHaveLength(deployedBefore);
    expect(second.stages.map((s) => s.status)).toEqual(['not-started', 'not-started']);
  });
});
