import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { FileJournal } from '../../src/engine/file-journal.js';
import { JournalLease, LeaseHeld } from '../../src/engine/journal-lease.js';
import { Redactor, watchSecureOutputs } from '../../src/engine/redactor.js';
import { VirtualClock } from '../../src/time/clock.js';
import { FakeDeployer, makePlan, regionStamps } from './fakes.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'engine-lease-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** A pid that surely is not running: a process that has already exited. */
const deadPid = (): number => spawnSync(process.execPath, ['-e', '0']).pid!;

const holder = (over: Record<string, unknown>) => ({ run: 'deploy --spec other.yaml --version 9.9.9 --stage all', pid: process.pid, host: hostname(), startedAt: '2026-01-01T00:00:00.000Z', renewedAt: '2026-01-01T00:00:00.000Z', expiresAt: new Date(Date.now() + 60_000).toISOString(), token: 'theirs', ...over });

describe('the journal lease', () => {
  it('lets one run hold a journal; a second refuses naming the first, and gets it once released', async () => {
    const journal = join(dir, 'one', 'journal.jsonl');
    const first = await JournalLease.acquire(journal, { run: 'deploy --spec a.yaml --version 1.0.0 --stage all' });
    const refused = await JournalLease.acquire(journal, { run: 'deploy --spec a.yaml --version 2.0.0 --stage all' }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(LeaseHeld);
    expect((refused as Error).message).toMatch(new RegExp(`^another run holds the journal .*one/journal.jsonl: deploy --spec a.yaml --version 1.0.0 --stage all \\(pid ${process.pid} on ${hostname()}, since .*\\)\\. Wait for it to finish\\. If that run is gone \\(its machine died\\), break its lease with --break-lease, or delete .*journal.jsonl.lease\\.$`));
    await first.release();
    expect(existsSync(`${journal}.lease`)).toBe(false);
    const second = await JournalLease.acquire(journal, { run: 'second' });
    await second.release();
  });

  it('takes over the lease of a process that is gone, of an expired lease, and of any lease with --break-lease', async () => {
    const journal = join(dir, 'stale', 'journal.jsonl');
    await JournalLease.acquire(journal, { run: 'first' }).then((l) => l.release());
    await writeFile(`${journal}.lease`, JSON.stringify(holder({ pid: deadPid() })));
    const afterKill = await JournalLease.acquire(journal, { run: 'after a SIGKILL' });
    expect(JSON.parse(await readFile(`${journal}.lease`, 'utf8'))).toMatchObject({ run: 'after a SIGKILL', pid: process.pid });
    await afterKill.release();

    await writeFile(`${journal}.lease`, JSON.stringify(holder({ host: 'another-machine', expiresAt: new Date(Date.now() - 1_000).toISOString() })));
    await (await JournalLease.acquire(journal, { run: 'after expiry' })).release();

    await writeFile(`${journal}.lease`, JSON.stringify(holder({ host: 'another-machine' })));
    await expect(JournalLease.acquire(journal, { run: 'polite' })).rejects.toThrow(/pid \d+ on another-machine/);
    const broken = await JournalLease.acquire(journal, { run: 'breaking', breakLease: true });
    expect(JSON.parse(await readFile(`${journal}.lease`, 'utf8')).run).toBe('breaking');
    await broken.release();
  });
});

describe('the redactor', () => {
  it('replaces a secret raw, URL-encoded and JSON-escaped (once and twice), longest first', () => {
    const r = new Redactor();
    const secret = 'p@ss "word"/&';
    r.add(secret);
    r.add('abc'); // too short to be a secret: left alone
    const escaped = JSON.stringify(secret).slice(1, -1);
    const text = `raw ${secret} url ${encodeURIComponent(secret)} json ${escaped} twice ${JSON.stringify(escaped).slice(1, -1)} abc`;
    expect(r.redact(text)).toBe('raw *** url *** json *** twice *** abc');
    expect(r.redact(JSON.stringify({ message: `bad ${secret}` }))).toBe('{"message":"bad ***"}');
  });

  it('knows the leaves of a secureObject and the secure outputs a deployer returns', async () => {
    const r = new Redactor();
    r.add({ user: 'admin-user', password: 'hunter22' });
    expect(r.redact('login admin-user / hunter22')).toBe('login *** / ***');
    const clock = new VirtualClock();
    const plan = makePlan([{ name: 'canary', stamps: regionStamps('eastus') }]);
    const deployer = watchSecureOutputs(new FakeDeployer(clock).seed(plan), r);
    await deployer.lastSuccessful(plan.stages[0].stamps[0], {}, new AbortController().signal);
    expect(r.redact('key secret-cluster@eastus leaked')).toBe('key *** leaked');
  });

  it('keeps secrets out of the journal file', async () => {
    const r = new Redactor();
    r.add('s3cr3t-value');
    const path = join(dir, 'redacted.jsonl');
    const journal = new FileJournal(path, { redact: (line) => r.redact(line) });
    await journal.record({ type: 'stamp-failed', stage: 'canary', stamp: 'app@eastus', error: { code: 'Bad', message: 'ARM says "s3cr3t-value" is wrong' }, rolloutId: 'r@1', at: 1 });
    const text = await readFile(path, 'utf8');
    expect(text).toContain('ARM says \\"***\\" is wrong');
    expect(text).not.toContain('s3cr3t');
  });
});
