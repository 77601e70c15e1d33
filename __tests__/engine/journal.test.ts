import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FileJournal } from '../../src/engine/file-journal.js';
import { foldJournal } from '../../src/engine/journal.js';
import type { JournalEvent } from '../../src/engine/ports.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'engine-journal-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const id = 'contoso@2.0.0';
const deployed = (stamp: string, at: number, rolloutId = id): JournalEvent => ({
  type: 'stamp-deployed', rolloutId, at, stage: 'pilot', stamp, contentHash: 'h', deploymentId: `/d/${stamp}`, deploymentName: stamp, durationMs: 1, outputs: {},
});

describe('journal', () => {
  it('folds the events of one rollout id into what a re-run resumes from', () => {
    const state = foldJournal(
      [
        deployed('a', 1, 'contoso@1.0.0'),
        deployed('a', 2),
        deployed('b', 3),
        { type: 'stage-probed', rolloutId: id, at: 4, stage: 'pilot', check: 'full', healthy: true },
        { type: 'bake-started', rolloutId: id, at: 5, stage: 'pilot', bakeMs: 100 },
      ],
      id,
    );
    expect(state.resumed).toBe(true);
    expect([...state.deployed.keys()]).toEqual(['a', 'b']);
    expect(state.stages.get('pilot')).toEqual({ probed: true, bakeStartedAt: 5, bakeEnded: false, completed: false });
    expect(foldJournal([deployed('a', 1, 'contoso@1.0.0')], id).resumed).toBe(false);
  });

  it('forgets rolled-back stamps and resets their stage; a failed re-check resets the stage too', () => {
    const state = foldJournal(
      [
        deployed('a', 1),
        deployed('b', 2),
        { type: 'stage-completed', rolloutId: id, at: 3, stage: 'pilot' },
        { type: 'stamp-rolled-back', rolloutId: id, at: 4, stage: 'pilot', stamp: 'a', outcome: 'rolled-back' },
        { type: 'stamp-rolled-back', rolloutId: id, at: 5, stage: 'pilot', stamp: 'b', outcome: 'no-previous' },
        { type: 'stage-completed', rolloutId: id, at: 6, stage: 'canary' },
        { type: 'stage-probed', rolloutId: id, at: 7, stage: 'canary', check: 'recheck', healthy: false },
      ],
      id,
    );
    expect([...state.deployed.keys()]).toEqual(['b']);
    expect(state.stages.get('pilot')!.completed).toBe(false);
    expect(state.stages.get('canary')).toMatchObject({ completed: false, probed: false });
  });

  it('writes atomically and coalesces records that arrive during a write', async () => {
    const path = join(dir, 'nested', 'journal.json');
    const journal = new FileJournal(path);
    expect(await journal.load()).toEqual([]);
    await Promise.all(Array.from({ length: 50 }, (_, i) => journal.record(deployed(`s${i}`, i))));
    const lines = (await readFile(path, 'utf8')).trimEnd().split('\n');
    expect(JSON.parse(lines[0])).toMatchObject({ formatVersion: 1 });
    expect(lines).toHaveLength(51);
    expect(await readdir(join(dir, 'nested'))).toEqual(['journal.json']);
    expect(await new FileJournal(path).load()).toHaveLength(50);
  });

  it('drops a last line torn by a kill, and refuses damage anywhere else', async () => {
    const path = join(dir, 'torn.json');
    const journal = new FileJournal(path);
    await journal.record(deployed('a', 1));
    await journal.record(deployed('b', 2));
    const text = await readFile(path, 'utf8');
    await writeFile(path, `${text}{"type":"stamp-depl`);
    const resumed = new FileJournal(path);
    expect((await resumed.load()).map((e) => (e.type === 'stamp-deployed' ? e.stamp : e.type))).toEqual(['a', 'b']);
    await resumed.record(deployed('c', 3)); // appends cleanly after the cut
    expect((await new FileJournal(path).load()).map((e) => (e.type === 'stamp-deployed' ? e.stamp : e.type))).toEqual(['a', 'b', 'c']);
    const lines = text.split('\n');
    await writeFile(path, [lines[0], '{"type":', lines[2], ''].join('\n'));
    await expect(new FileJournal(path).load()).rejects.toThrow(/torn\.json:2: a damaged journal line/);
  });

  it('refuses a file that is not a journal', async () => {
    const path = join(dir, 'other.json');
    await writeFile(path, '{"hello":1}');
    await expect(new FileJournal(path).load()).rejects.toThrow(/not a staged-rollout journal/);
  });
});
