import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FileJournal } from '../../src/engine/file-journal.js';
import { HOUR, MIN, harness, makePlan, regionStamps } from './fakes.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'engine-resume-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const plan3 = () =>
  makePlan([
    { name: 'canary', stamps: regionStamps('eastus') },
    { name: 'pilot', stamps: [...regionStamps('westus'), ...regionStamps('centralus')] },
    { name: 'broad', stamps: regionStamps('northeurope') },
  ]);

describe('cancel and resume', () => {
  it('cancels mid-stage without rollback, and the re-run deploys nothing twice', async () => {
    const journal = new FileJournal(join(dir, 'mid-stage', 'journal.json'));
    const h = harness(plan3(), journal);
    h.deployer.latencyMs = (s) => (s.region === 'centralus' ? 15 * MIN : 10 * MIN);
    const abort = new AbortController();
    h.reporter.onEvent = (e) => {
      if (e.type === 'stamp-deployed' && e.stamp === 'cluster@westus') abort.abort(new Error('SIGTERM'));
    };
    const first = await h.run({ signal: abort.signal });

    expect(first.status).toBe('canceled');
    expect(first.message).toBe('canceled during stage pilot; a re-run of contoso@2.0.0 resumes from the journal');
    expect(h.deployer.rollbacks).toEqual([]);
    expect(first.stages[1].stamps.find((s) => s.id === 'cluster@centralus')!.status).toBe('canceled');
    const onDisk = await new FileJournal(journal.path).load();
    expect(onDisk.filter((e) => e.type === 'stamp-deployed').map((e) => (e.type === 'stamp-deployed' ? e.stamp : ''))).toEqual([
      'cluster@eastus',
      'app@eastus',
      'cluster@westus',
    ]);

    h.reporter.onEvent = undefined;
    const second = await h.run();
    expect(second.status).toBe('succeeded');
    expect(second.resumed).toBe(true);
    expect(h.deployer.completed).toEqual([...new Set(h.deployer.completed)]);
    expect(h.deployer.completed).toHaveLength(8);
    expect(second.stages[0].status).toBe('already-completed');
    expect(second.previousStage?.name).toBe('canary');
    const westus = second.stages[1].stamps.find((s) => s.id === 'cluster@westus')!;
    const detail = 'already deployed by this rollout (cluster-westus-2.0.0)';
    expect(westus).toMatchObject({ status: 'skipped', decision: { action: 'skip', reason: 'already-deployed-by-this-rollout', detail }, probe: { healthy: true } });
    expect(h.reporter.of('stamp-skipped').filter((e) => e.stamp === 'cluster@westus')).toEqual([
      { type: 'stamp-skipped', stage: 'pilot', stamp: 'cluster@westus', reason: 'already-deployed-by-this-rollout', detail },
    ]);
    // A fresh FileJournal over the same file sees the same history.
    const events = await new FileJournal(journal.path).load();
    expect(events.filter((e) => e.type === 'rollout-finished').map((e) => (e as { status: string }).status)).toEqual(['canceled', 'succeeded']);
  });

  it('continues a bake where the canceled run left it, by the recorded start time', async () => {
    const journal = new FileJournal(join(dir, 'mid-bake', 'journal.json'));
    const h = harness(makePlan([{ name: 'canary', stamps: regionStamps('eastus'), bakeMs: 4 * HOUR }, { name: 'pilot', stamps: regionStamps('westus') }]), journal);
    const abort = new AbortController();
    let bakeStart = 0;
    h.reporter.onEvent = (e) => {
      if (e.type === 'bake-started' && e.stage === 'canary') {
        bakeStart = h.clock.now();
        void h.clock.sleep(HOUR).then(() => abort.abort(new Error('SIGINT')));
      }
    };
    const first = await h.run({ signal: abort.signal });
    expect(first.status).toBe('canceled');
    expect(first.message).toMatch(/during stage canary/);

    h.clock.advance(30 * MIN); // the runner took half an hour to start the re-run
    const bakes: Array<{ remainingMs: number; at: number }> = [];
    h.reporter.onEvent = (e) => {
      if (e.type === 'bake-started') bakes.push({ remainingMs: e.remainingMs, at: h.clock.now() });
    };
    const second = await h.run();
    expect(second.status).toBe('succeeded');
    expect(h.deployer.completed.filter((id) => id.endsWith('eastus'))).toEqual(['cluster@eastus', 'app@eastus']);
    // Re-checked (20s) instead of the full check, then only the rest of the four hours.
    expect(bakes[0].at - bakeStart).toBe(HOUR + 30 * MIN + 20_000);
    expect(bakes[0].remainingMs).toBe(4 * HOUR - bakes[0].at + bakeStart);
    expect(second.stages[0].bake).toMatchObject({ ms: 4 * HOUR, startedAt: bakeStart, endedAt: bakeStart + 4 * HOUR });
  });

  it('redeploys after a rollback instead of skipping what was undone', async () => {
    const { permanent } = await import('./fakes.js');
    const h = harness(makePlan([{ name: 'canary', stamps: regionStamps('eastus') }]));
    h.deployer.failures.set('app@eastus', [permanent()]);
    expect((await h.run()).status).toBe('rolled-back');
    const again = await h.run();
    expect(again.status).toBe('succeeded');
    expect(h.deployer.completed).toEqual(['cluster@eastus', 'cluster@eastus', 'app@eastus']);
  });
});
