import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// A file system without hard links (some network and FUSE mounts) answers link() with EPERM or ENOTSUP, not EEXIST:
// that is no lease held by another run, and taking the lease anyway would give two runs the journal.
const actual = await import('node:fs/promises');
let linkError: NodeJS.ErrnoException = new Error('unset');
jest.unstable_mockModule('node:fs/promises', () => ({ ...actual, link: async () => Promise.reject(linkError) }));
const { JournalLease } = await import('../../src/engine/journal-lease.js');

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'engine-journal-lease-link-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const refusal = async (code: string): Promise<Error & { code?: string }> => {
  linkError = Object.assign(new Error(`${code}: refused, link`), { code, syscall: 'link' });
  return JournalLease.acquire(join(dir, 'journal.jsonl'), { run: 'deploy contoso@2.0.0' }).then(
    () => Promise.reject(new Error('the lease was taken')),
    (error: unknown) => error as Error & { code?: string },
  );
};

describe('a journal lease on a file system that refuses hard links', () => {
  it.each(['EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'ENOSYS'])('is not taken on %s: the error names the lease and the way out, and leaves no file', async (code) => {
    const error = await refusal(code);
    expect(error.message).toBe(
      `cannot take the journal's lease ${join(dir, 'journal.jsonl')}.lease: ${code}: refused, link. This file system does not allow hard links, which the lease needs: put the journal on a local disk.`,
    );
    expect(error).toMatchObject({ code, cause: linkError });
    expect(await readdir(dir)).toEqual([]);
  });

  it('any other refusal is said as the file system said it, without the hint', async () => {
    const error = await refusal('EIO');
    expect(error.message).toBe(`cannot take the journal's lease ${join(dir, 'journal.jsonl')}.lease: EIO: refused, link.`);
    expect(await readdir(dir)).toEqual([]);
  });
});
