import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { JournalLease, LeaseHeld, type LeaseHolder } from '../../src/engine/journal-lease.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'engine-journal-lease-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const read = async (path: string): Promise<LeaseHolder> => JSON.parse(await readFile(path, 'utf8')) as LeaseHolder;
const theirs = (over: Partial<LeaseHolder> = {}): LeaseHolder => ({ run: 'deploy other', pid: 4242, host: 'another-machine', startedAt: '2026-01-01T00:00:00.000Z', renewedAt: '2026-01-01T00:00:00.000Z', expiresAt: new Date(Date.now() + 600_000).toISOString(), token: 'theirs', ...over });

describe('LeaseHeld', () => {
  it('names the journal, the holder and both ways out', () => {
    const error = new LeaseHeld('/j/journal.jsonl.lease', theirs({ expiresAt: '2026-01-01T00:02:00.000Z' }));
    expect(error.name).toBe('LeaseHeld');
    expect(error.holder.token).toBe('theirs');
    expect(error.message).toBe(
      'another run holds the journal /j/journal.jsonl: deploy other (pid 4242 on another-machine, since 2026-01-01T00:00:00.000Z; its lease expires 2026-01-01T00:02:00.000Z unless renewed). ' +
        'Wait for it to finish. If that run is gone (its machine died), break its lease with --break-lease, or delete /j/journal.jsonl.lease.',
    );
  });

  it('offers only deleting the lease file to a command that has no --break-lease', () => {
    const error = new LeaseHeld('/j/rehearsal-journal.jsonl.lease', theirs({ expiresAt: '2026-01-01T00:02:00.000Z' }), false);
    expect(error.message).toBe(
      'another run holds the journal /j/rehearsal-journal.jsonl: deploy other (pid 4242 on another-machine, since 2026-01-01T00:00:00.000Z; its lease expires 2026-01-01T00:02:00.000Z unless renewed). ' +
        'Wait for it to finish. If that run is gone (its machine died), delete /j/rehearsal-journal.jsonl.lease.',
    );
  });

  it('names the journal by dropping only the final .lease, whatever the folders are called', () => {
    const error = new LeaseHeld('/srv/ci.lease/journal.jsonl.lease', theirs());
    expect(error.message).toMatch(/^another run holds the journal \/srv\/ci\.lease\/journal\.jsonl: /);
  });
});

describe('JournalLease', () => {
  it('leaves no file beside the lease, whether it took the lease or was refused', async () => {
    const folder = await mkdtemp(join(dir, 'clean-'));
    const journal = join(folder, 'journal.jsonl');
    const lease = await JournalLease.acquire(journal, { run: 'deploy mine' });
    await expect(JournalLease.acquire(journal, { run: 'deploy second' })).rejects.toThrow(LeaseHeld);
    expect(await readdir(folder)).toEqual(['journal.jsonl.lease']);
    await lease.release();
    expect(await readdir(folder)).toEqual([]);
  });

  it('writes who holds it, expiring two minutes after it was taken by default', async () => {
    const journal = join(dir, 'default', 'journal.jsonl');
    const before = Date.now();
    const lease = await JournalLease.acquire(journal, { run: 'deploy a' });
    const held = await read(`${journal}.lease`);
    expect(lease.path).toBe(`${journal}.lease`);
    expect([held.run, held.pid, held.host]).toEqual(['deploy a', process.pid, hostname()]);
    expect(held.renewedAt).toBe(held.startedAt);
    expect(held.token).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(Date.parse(held.expiresAt) - Date.parse(held.startedAt)).toBe(120_000);
    expect(Date.parse(held.startedAt)).toBeGreaterThanOrEqual(before);
    await lease.release();
    await lease.release(); // twice is harmless
    expect(existsSync(`${journal}.lease`)).toBe(false);
  });

  it('honours another machine\'s unexpired lease whatever its pid means here; on this machine a dead pid is stale', async () => {
    const journal = join(dir, 'hosts', 'journal.jsonl');
    await JournalLease.acquire(journal, { run: 'first' }).then((l) => l.release());
    // A pid that no process here has: on another machine it says nothing about that machine's run.
    const gone = 2 ** 22 + 12_345;
    await writeFile(`${journal}.lease`, JSON.stringify(theirs({ pid: gone, host: 'another-machine' })));
    await expect(JournalLease.acquire(journal, { run: 'second' })).rejects.toThrow(LeaseHeld);
    await writeFile(`${journal}.lease`, JSON.stringify(theirs({ pid: gone, host: hostname() })));
    await (await JournalLease.acquire(journal, { run: 'third' })).release();
  });

  it('a lease file that is not a lease holds nothing', async () => {
    const journal = join(dir, 'garbage', 'journal.jsonl');
    await JournalLease.acquire(journal, { run: 'first' }).then((l) => l.release());
    await writeFile(`${journal}.lease`, 'not json');
    const lease = await JournalLease.acquire(journal, { run: 'second' });
    expect((await read(`${journal}.lease`)).run).toBe('second');
    await lease.release();
    await writeFile(`${journal}.lease`, JSON.stringify({ ...theirs(), pid: '12' }));
    await (await JournalLease.acquire(journal, { run: 'fourth' })).release();
    await writeFile(`${journal}.lease`, JSON.stringify({ ...theirs(), expiresAt: {} }));
    await (await JournalLease.acquire(journal, { run: 'third' })).release();
  });

  it('is renewed every third of its life, and never over a lease someone broke; releasing leaves the breaker\'s lease', async () => {
    const mine = join(dir, 'renew', 'journal.jsonl');
    const other = join(dir, 'broken', 'journal.jsonl');
    const renewed = await JournalLease.acquire(mine, { run: 'renewed', ttlMs: 3_000 });
    const overtaken = await JournalLease.acquire(other, { run: 'overtaken', ttlMs: 3_000 });
    const first = await read(`${mine}.lease`);
    await writeFile(`${other}.lease`, JSON.stringify(theirs()));
    await new Promise((resolve) => setTimeout(resolve, 1_300));
    const after = await read(`${mine}.lease`);
    expect(after.startedAt).toBe(first.startedAt);
    expect(Date.parse(after.renewedAt)).toBeGreaterThan(Date.parse(first.renewedAt));
    expect(Date.parse(after.expiresAt) - Date.parse(after.renewedAt)).toBe(3_000);
    expect((await read(`${other}.lease`)).token).toBe('theirs');
    await overtaken.release();
    expect((await read(`${other}.lease`)).token).toBe('theirs');
    await renewed.release();
    expect(existsSync(`${mine}.lease`)).toBe(false);
  });
});
