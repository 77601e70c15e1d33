import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FileJournal, JournalError } from '../../src/engine/file-journal.js';
import type { JournalEvent } from '../../src/engine/ports.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'engine-file-journal-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const HEADER = '{"formatVersion":1,"kind":"staged-rollout journal"}';
const ended = (at: number): JournalEvent => ({ type: 'bake-ended', rolloutId: 'contoso@2.0.0', at, stage: 'canary' });

describe('FileJournal', () => {
  it('writes the header, then one line per event, each through the redactor', async () => {
    const path = join(dir, 'redacted', 'j.jsonl');
    const journal = new FileJournal(path, { redact: (line) => line.replace('canary', 'c***') });
    await journal.record(ended(1));
    await journal.record(ended(2));
    expect(await readFile(path, 'utf8')).toBe(`${HEADER}\n{"type":"bake-ended","rolloutId":"contoso@2.0.0","at":1,"stage":"c***"}\n{"type":"bake-ended","rolloutId":"contoso@2.0.0","at":2,"stage":"c***"}\n`);
    // What it loaded is kept unredacted in memory, and copied out.
    const loaded = await journal.load();
    expect(loaded).toEqual([ended(1), ended(2)]);
    loaded.pop();
    expect((await journal.load()).length).toBe(2);
  });

  it('an empty or blank file is an empty journal, and a blank one is emptied before the header is written', async () => {
    const path = join(dir, 'blank.jsonl');
    await writeFile(path, '  \n\n');
    const journal = new FileJournal(path);
    expect(await journal.load()).toEqual([]);
    expect(await readFile(path, 'utf8')).toBe('');
    await journal.record(ended(1));
    expect((await readFile(path, 'utf8')).split('\n')[0]).toBe(HEADER);
    await writeFile(join(dir, 'empty.jsonl'), '');
    expect(await new FileJournal(join(dir, 'empty.jsonl')).load()).toEqual([]);
  });

  it('skips blank lines between events', async () => {
    const path = join(dir, 'gaps.jsonl');
    await writeFile(path, `${HEADER}\n\n${JSON.stringify(ended(1))}\n\n${JSON.stringify(ended(2))}\n`);
    expect(await new FileJournal(path).load()).toEqual([ended(1), ended(2)]);
  });

  it('refuses a file that is not a journal, naming it and the header it lacks', async () => {
    const path = join(dir, 'other.json');
    await writeFile(path, '{"hello":1}\n');
    await expect(new FileJournal(path).load()).rejects.toThrow(`${path}: not a staged-rollout journal (its first line is not ${HEADER}); move it away or pass --journal with another file`);
  });

  it('a damaged line that is not the last names its line number', async () => {
    const path = join(dir, 'damaged.jsonl');
    await writeFile(path, `${HEADER}\n${JSON.stringify(ended(1))}\n{oops\n${JSON.stringify(ended(3))}\n`);
    await expect(new FileJournal(path).load()).rejects.toThrow(`${path}:3: a damaged journal line; move the file away to start the rollout afresh`);
  });

  it('a journal that cannot be read is refused with the reason, on load and on record', async () => {
    const path = join(dir, 'a-folder');
    await mkdir(path);
    const message = `cannot read the journal ${path}: EISDIR (illegal operation on a directory, read); make it readable, or pass --journal with another file`;
    await expect(new FileJournal(path).load()).rejects.toThrow(message);
    await expect(new FileJournal(path).record(ended(1))).rejects.toThrow(message);
    // The file system's own error stays attached for --debug; a JournalError made without one has no cause.
    await expect(new FileJournal(path).load()).rejects.toMatchObject({ name: 'JournalError', cause: expect.objectContaining({ code: 'EISDIR' }) });
    expect('cause' in new JournalError('no cause')).toBe(false);
  });

  it('a failed write rejects every record waiting on it with a JournalError, and later records try again', async () => {
    const parent = join(dir, 'blocked');
    const journal = new FileJournal(join(parent, 'j.jsonl'));
    expect(await journal.load()).toEqual([]); // no folder yet: an empty journal
    await writeFile(parent, 'a file where a folder should be');
    const results = await Promise.allSettled([journal.record(ended(1)), journal.record(ended(2))]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    const error = (results[0] as PromiseRejectedResult).reason as Error;
    expect(error).toBeInstanceOf(JournalError);
    expect(error.name).toBe('JournalError');
    expect(error.message).toMatch(new RegExp(`^cannot write the journal ${join(parent, 'j.jsonl')}: (EEXIST|ENOTDIR) \\(.*\\); make its folder writable, or pass --journal with another file$`));
    await rm(parent);
    await mkdir(parent);
    await journal.record(ended(3));
    expect((await readFile(join(parent, 'j.jsonl'), 'utf8')).trimEnd().split('\n').length).toBe(2);
  });
});
