import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FileJournal, JournalError } from '../../src/engine/file-journal.js';
import { MemoryJournal } from '../../src/engine/journal.js';
import type { JournalEvent, RolloutEvent } from '../../src/engine/ports.js';
import { runRollout, type RunOptions } from '../../src/engine/rollout.js';
import type { Plan } from '../../src/plan/types.js';
import { VirtualClock } from '../../src/time/clock.js';
import { DAY, FakeDeployer, FakeProber, HEALTH, HOUR, MIN, RecordingReporter, makePlan, regionStamps, stamp } from './fakes.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'engine-faults-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** A journal whose process "dies" at a moment of the test's choosing: nothing recorded after that reaches it. */
class DyingJournal extends MemoryJournal {
  dead = false;
  override async record(event: JournalEvent): Promise<void> {
    if (!this.dead) await super.record(event);
  }
}

/** One estate (deployer, prober, clock) that several runs share, as re-runs against one ARM do. */
function estate(plan: Plan) {
  const clock = new VirtualClock();
  const deployer = new FakeDeployer(clock).seed(plan);
  const prober = new FakeProber(clock);
  /** `onEvent` sees each engine event as it happens, on the rollout's own turn: no real-time polling races the clock. */
  const run = async (p: Plan, journal: MemoryJournal | FileJournal, options: RunOptions = {}, onEvent?: (event: RolloutEvent) => void) => {
    const reporter = new RecordingReporter();
    reporter.onEvent = onEvent;
    clock.start();
    try {
      const result = await runRollout(p, { deployer, prober, clock, journal, reporter }, { ...options, retry: { random: () => 0.5 } });
      return { result, reporter };
    } finally {
      clock.stop();
    }
  };
  return { clock, deployer, prober, run };
}

const twoStages = () => makePlan([{ name: 'canary', stamps: regionStamps('eastus') }, { name: 'pilot', stamps: regionStamps('westus') }]);

describe('a rollback stopped halfway', () => {
  it('is reported as interrupted, and the next run finishes it and ends rolled back, never succeeded', async () => {
    const plan = twoStages();
    const e = estate(plan);
    e.prober.unhealthy = (id, _now, target) => id === 'app@eastus' && target.rollout.version === '2.0.0' && e.deployer.current(id)?.version === '2.0.0';
    const journal = new MemoryJournal();
    const abort = new AbortController();
    const original = e.deployer.rollback.bind(e.deployer);
    e.deployer.rollback = async (s, previous, signal) => {
      const done = await original(s, previous, signal);
      abort.abort(new Error('SIGTERM')); // after the first stamp of the rollback is restored
      return done;
    };
    const first = await e.run(plan, journal, { signal: abort.signal });
    expect(first.result.status).toBe('canceled');
    expect(first.result.message).toMatch(/^rollback interrupted \(1 stamp\(s\) restored so far; .*\); a re-run of contoso@2.0.0 finishes the rollback$/);
    expect(first.result.rollback).toMatchObject({ interrupted: true });
    expect(e.deployer.current('cluster@eastus')?.version).toBe('2.0.0');

    e.deployer.rollback = original;
    const second = await e.run(plan, journal);
    expect(second.result.status).toBe('rolled-back');
    expect(second.result.message).toMatch(/an earlier run was stopped during its rollback .* this run finished it: rolled back 2 stamp\(s\)/);
    expect(second.result.rollback).toMatchObject({ resumed: true, ok: true });
    // Nothing deployed again, each stamp restored once, the pilot stage never touched.
    expect(e.deployer.completed).toEqual(['cluster@eastus', 'app@eastus']);
    expect(e.deployer.rollbacks).toEqual(['app@eastus', 'cluster@eastus']);
    expect(['cluster@eastus', 'app@eastus', 'cluster@westus'].map((id) => e.deployer.current(id)?.version)).toEqual(['1.0.0', '1.0.0', '1.0.0']);

    // The rollback is now finished: a third run is a new attempt at 2.0.0, as after any finished rollback.
    e.prober.unhealthy = () => false;
    expect((await e.run(plan, journal)).result.status).toBe('succeeded');
  });

  it('does not restore again a stamp whose restore reached ARM just before the kill, unrecorded', async () => {
    const plan = twoStages();
    const e = estate(plan);
    e.prober.unhealthy = (id) => id === 'app@eastus' && e.deployer.current(id)?.version === '2.0.0';
    const journal = new DyingJournal();
    const abort = new AbortController();
    const original = e.deployer.rollback.bind(e.deployer);
    e.deployer.rollback = async (s, previous, signal) => {
      const done = await original(s, previous, signal);
      journal.dead = true; // SIGKILL: ARM finished the redeploy, the journal never heard of it
      abort.abort(new Error('SIGKILL'));
      return done;
    };
    await e.run(plan, journal, { signal: abort.signal });
    expect(journal.events.some((ev) => ev.type === 'stamp-rolled-back')).toBe(false);
    expect(journal.events.find((ev) => ev.type === 'rollback-started')).toMatchObject({ stage: 'canary', stamps: ['app@eastus', 'cluster@eastus'] });

    e.deployer.rollback = original;
    const second = await e.run(plan, new MemoryJournal(journal.events));
    expect(second.result.status).toBe('rolled-back');
    expect(e.deployer.rollbacks).toEqual(['app@eastus', 'cluster@eastus']);
    expect(second.result.rollback!.stamps.map((s) => [s.id, s.outcome])).toEqual([
      ['app@eastus', 'rolled-back'],
      ['cluster@eastus', 'rolled-back'],
    ]);
    expect(second.result.rollback!.stamps[0].detail).toMatch(/by the earlier run/);
  });
});

describe('a re-run decides from the journal and ARM together', () => {
  it('deploys exactly the stamps whose parameters changed since the earlier run of the same version', async () => {
    const plan = twoStages();
    const e = estate(plan);
    const journal = new MemoryJournal();
    expect((await e.run(plan, journal)).result.status).toBe('succeeded');
    const changed = structuredClone(plan);
    changed.stages[1].stamps[1].contentHash = 'hash-app@westus-with-a-new-parameter';
    const again = await e.run(changed, journal);
    expect(again.result.status).toBe('succeeded');
    expect(e.deployer.completed.slice(4)).toEqual(['app@westus']);
    expect(again.result.stages[0].status).toBe('already-completed');
    const app = again.result.stages[1].stamps.find((s) => s.id === 'app@westus')!;
    expect(app).toMatchObject({ status: 'deployed', decision: { action: 'deploy', reason: 'changed' } });
    expect(app.decision.detail).toMatch(/changed since the earlier run deployed app-westus-2.0.0/);
    expect(again.result.stages[1].stamps.find((s) => s.id === 'cluster@westus')).toMatchObject({ status: 'skipped', decision: { reason: 'already-deployed-by-this-rollout' } });
  });

  it('deploys again a stamp the journal calls deployed when ARM says it was replaced since', async () => {
    const plan = makePlan([{ name: 'canary', stamps: regionStamps('eastus') }]);
    const e = estate(plan);
    const journal = new MemoryJournal();
    const abort = new AbortController();
    // Someone restores 1.0.0 of the app while this run bakes; then this run is stopped.
    const first = e.run(plan, journal, { signal: abort.signal }, (ev) => {
      if (ev.type !== 'bake-started') return;
      e.deployer.history.get('app@eastus')!.push({ ...e.deployer.history.get('app@eastus')![0] });
      abort.abort(new Error('SIGTERM'));
    });
    expect((await first).result.status).toBe('canceled');
    const again = await e.run(plan, journal);
    expect(again.result.status).toBe('succeeded');
    expect(e.deployer.completed).toEqual(['cluster@eastus', 'app@eastus', 'app@eastus']);
    expect(again.result.stages[0].stamps[1].decision.detail).toMatch(/ARM's latest is app-eastus-1.0.0 \(version 1.0.0\): deploying again/);
  });

  it('never bakes longer than the bake when this clock is behind the one that started it', async () => {
    const plan = makePlan([{ name: 'canary', stamps: regionStamps('eastus'), bakeMs: 2 * HOUR }]);
    const e = estate(plan);
    const journal = new MemoryJournal();
    const abort = new AbortController();
    await e.run(plan, journal, { signal: abort.signal }, (ev) => {
      if (ev.type === 'bake-started') abort.abort(new Error('SIGTERM'));
    });
    // The re-run's machine is an hour behind: the recorded bake start is "in the future".
    for (const ev of journal.events) ev.at += HOUR;
    const again = await e.run(plan, journal);
    const bake = again.reporter.of('bake-started')[0];
    expect(bake.remainingMs).toBe(2 * HOUR);
    expect(again.result.stages[0].bake!.endedAt! - again.result.stages[0].bake!.startedAt).toBe(2 * HOUR);
  });
});

describe('health watched during the bake', () => {
  it('rolls back a stage that turns unhealthy 1 h into a 24 h bake within one watch interval of that hour', async () => {
    const watched = { ...HEALTH, watchMs: 5 * MIN };
    const plan = makePlan([
      { name: 'canary', stamps: [stamp('app@eastus', { region: 'eastus', health: watched })], bakeMs: DAY },
      { name: 'pilot', stamps: regionStamps('westus') },
    ]);
    const e = estate(plan);
    let bakeStart = Infinity;
    e.prober.unhealthy = (id, now) => id === 'app@eastus' && now >= bakeStart + HOUR && e.deployer.current(id)?.version === '2.0.0';
    const journal = new MemoryJournal();
    const { result } = await e.run(plan, journal, {}, (ev) => {
      if (ev.type === 'bake-started') bakeStart = e.clock.now();
    });
    expect(result.status).toBe('rolled-back');
    const rollbackAt = e.deployer.history.get('app@eastus')!.length;
    expect(rollbackAt).toBe(3);
    const endedAt = result.stages[0].bake!.endedAt!;
    expect(endedAt - bakeStart).toBeGreaterThanOrEqual(HOUR);
    expect(endedAt - bakeStart).toBeLessThanOrEqual(HOUR + 5 * MIN);
    expect(result.message).toMatch(/stage canary during its bake: app@eastus unhealthy in healthyFor: turned unhealthy 1h into the bake/);
    expect(e.deployer.started).toEqual(['app@eastus']);
    // Probed at the watch cadence (every 5 minutes) through the hour, not every 10 seconds.
    const during = e.prober.calls.filter((c) => c.at > bakeStart && c.at <= endedAt);
    expect(during).toHaveLength(12);
  });

  it('catches a stamp that turns bad after the last watch probe in the re-check that ends the bake, and holds the next stage', async () => {
    const plan = makePlan([
      { name: 'canary', stamps: [stamp('app@eastus', { region: 'eastus' })], bakeMs: HOUR },
      { name: 'pilot', stamps: regionStamps('westus') },
    ]);
    const e = estate(plan);
    let bakeStart = Infinity;
    // The 1 h bake is watched every minute; the last watch probe is at 59 min, the re-check runs from 59:40 to 60:00.
    e.prober.unhealthy = (id, now) => id === 'app@eastus' && now >= bakeStart + HOUR - 15_000 && e.deployer.current(id)?.version === '2.0.0';
    const { result } = await e.run(plan, new MemoryJournal(), {}, (ev) => {
      if (ev.type === 'bake-started') bakeStart = e.clock.now();
    });
    expect(result.status).toBe('rolled-back');
    expect(result.message).toMatch(/^stage canary at the end of its bake: app@eastus unhealthy in healthyFor: turned unhealthy 10s into the healthy window: /);
    expect(result.stages[0].bake!.endedAt! - bakeStart).toBe(HOUR - 10_000);
    expect(e.deployer.started).toEqual(['app@eastus']);
  });

  it('watches a long bake at a lighter default cadence: every 4 minutes for 4 hours, not the 10 s interval', async () => {
    const plan = makePlan([{ name: 'canary', stamps: [stamp('app@eastus', { region: 'eastus' })], bakeMs: 4 * HOUR }]);
    const e = estate(plan);
    const { result } = await e.run(plan, new MemoryJournal());
    expect(result.status).toBe('succeeded');
    const bake = result.stages[0].bake!;
    expect(bake.endedAt! - bake.startedAt).toBe(4 * HOUR);
    // The quick re-check (3 answers 10 s apart) is the bake's last 20 s; the watch before it probes every 4 minutes.
    const recheckFrom = bake.endedAt! - 20_000;
    const during = e.prober.calls.filter((c) => c.at > bake.startedAt && c.at < recheckFrom);
    expect(during).toHaveLength(60 - 1);
    expect(during[1].at - during[0].at).toBe(4 * MIN);
    const recheck = e.prober.calls.filter((c) => c.at >= recheckFrom && c.at <= bake.endedAt!).map((c) => c.at - recheckFrom);
    expect(recheck).toEqual([0, 10_000, 20_000]);
    expect(e.prober.calls.filter((c) => c.at > bake.endedAt!)).toEqual([]);
  });
});

describe('the journal file under faults', () => {
  it('reads an empty file as an empty journal and writes it from there', async () => {
    const path = join(dir, 'empty.jsonl');
    await writeFile(path, '');
    const journal = new FileJournal(path);
    expect(await journal.load()).toEqual([]);
    await journal.record({ type: 'bake-ended', stage: 'canary', rolloutId: 'r@1', at: 1 });
    expect(await new FileJournal(path).load()).toHaveLength(1);
    expect((await readFile(path, 'utf8')).split('\n')[0]).toMatch(/staged-rollout journal/);
  });

  it('says in one line what to do when the journal cannot be written or read', async () => {
    // A regular file where its folder should be: not writable whoever runs the test (root included).
    const notAFolder = join(dir, 'not-a-folder');
    const journal = new FileJournal(join(notAFolder, 'journal.jsonl'));
    expect(await journal.load()).toEqual([]);
    await writeFile(notAFolder, 'x');
    const error = await journal.record({ type: 'bake-ended', stage: 'canary', rolloutId: 'r@1', at: 1 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(JournalError);
    expect((error as Error).message).toMatch(/^cannot write the journal .*not-a-folder\/journal.jsonl: (ENOTDIR|EEXIST) .*; make its folder writable, or pass --journal with another file$/);
    const folder = join(dir, 'a-folder');
    await mkdir(folder);
    const unreadable = await new FileJournal(folder).load().catch((e: unknown) => e);
    expect(unreadable).toBeInstanceOf(JournalError);
    expect((unreadable as Error).message).toMatch(/^cannot read the journal .*a-folder: EISDIR .*; make it readable, or pass --journal with another file$/);
  });
});
