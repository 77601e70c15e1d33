/**
 * One rollout at a time per journal: a lease file next to it (`JOURNAL.lease`) names the run that holds it and expires
 * unless renewed. A second run refuses while the lease is live and names the holder; a lease whose process is gone
 * (same host, pid not running) or whose expiry passed is stale and taken over, so a run killed with SIGKILL does not
 * block its re-run. Leases are about processes, so they run on the wall clock, never on a rehearsal's virtual clock.
 */
import { randomUUID } from 'node:crypto';
import { link, mkdir, readFile, rename, unlink, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { dirname } from 'node:path';

export interface LeaseHolder {
  /** What the run does, e.g. `deploy contoso-web@1.2.3 (stage all)`. */
  run: string;
  pid: number;
  host: string;
  startedAt: string;
  renewedAt: string;
  expiresAt: string;
  token: string;
}

/** Another run holds the journal: an operational refusal, said in one line. */
export class LeaseHeld extends Error {
  readonly holder: LeaseHolder;

  constructor(path: string, holder: LeaseHolder, breakable = true) {
    super(
      `another run holds the journal ${path.replace(/\.lease$/, '')}: ${holder.run} (pid ${holder.pid} on ${holder.host}, since ${holder.startedAt}; its lease expires ${holder.expiresAt} unless renewed). ` +
        `Wait for it to finish. If that run is gone (its machine died), ${breakable ? 'break its lease with --break-lease, or ' : ''}delete ${path}.`,
    );
    this.name = 'LeaseHeld';
    this.holder = holder;
  }
}

/** The lease is taken with a hard link: a file system without them (some network and FUSE mounts) cannot hold one. */
function linkRefused(path: string, error: NodeJS.ErrnoException): Error {
  const hint = ['EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'ENOSYS'].includes(error.code ?? '') ? ' This file system does not allow hard links, which the lease needs: put the journal on a local disk.' : '';
  return Object.assign(new Error(`cannot take the journal's lease ${path}: ${error.message}.${hint}`, { cause: error }), { code: error.code });
}

export interface LeaseOptions {
  /** Described in the refusal another run prints. */
  run: string;
  /** How long the lease lives without renewal (default 2 minutes); it is renewed every third of that. */
  ttlMs?: number;
  /** Take the lease whoever holds it: the documented way out of a stale lease on another machine. */
  breakLease?: boolean;
  /** Whether the command offers --break-lease (default true): a refusal names only what the user can type. */
  breakable?: boolean;
}

export class JournalLease {
  readonly path: string;
  private readonly holder: LeaseHolder;
  private readonly ttlMs: number;
  private timer: ReturnType<typeof setInterval> | undefined;
  private released = false;

  private constructor(path: string, holder: LeaseHolder, ttlMs: number) {
    this.path = path;
    this.holder = holder;
    this.ttlMs = ttlMs;
  }

  static async acquire(journalPath: string, options: LeaseOptions): Promise<JournalLease> {
    const path = `${journalPath}.lease`;
    const ttlMs = options.ttlMs ?? 120_000;
    const now = Date.now();
    const holder: LeaseHolder = {
      run: options.run,
      pid: process.pid,
      host: hostname(),
      startedAt: new Date(now).toISOString(),
      renewedAt: new Date(now).toISOString(),
      expiresAt: new Date(now + ttlMs).toISOString(),
      token: randomUUID(),
    };
    await mkdir(dirname(path), { recursive: true });
    const lease = new JournalLease(path, holder, ttlMs);
    const temp = `${path}.${holder.token}`;
    await writeFile(temp, JSON.stringify(holder), 'utf8');
    try {
      // link() is atomic and fails when the lease exists: exactly one of two racing runs gets it.
      await link(temp, path).catch(async (error: NodeJS.ErrnoException) => {
        if (error.code !== 'EEXIST') throw linkRefused(path, error);
        const current = await readHolder(path);
        if (current && !options.breakLease && !isStale(current)) throw new LeaseHeld(path, current, options.breakable);
        // Stale (or broken on purpose): replace it atomically, then make sure no other taker won the same race.
        await rename(temp, path);
        await new Promise((resolve) => setTimeout(resolve, 50));
        const after = await readHolder(path);
        if (after && after.token !== holder.token) throw new LeaseHeld(path, after, options.breakable);
      });
    } finally {
      await unlink(temp).catch(() => undefined);
    }
    lease.timer = setInterval(() => void lease.renew(), Math.max(1_000, Math.floor(ttlMs / 3)));
    lease.timer.unref();
    return lease;
  }

  /** Gives the lease up (only if it is still this run's). */
  async release(): Promise<void> {
    if (this.released) return;
    this.released = true;
    if (this.timer) clearInterval(this.timer);
    const current = await readHolder(this.path);
    if (current?.token === this.holder.token) await unlink(this.path).catch(() => undefined);
  }

  private async renew(): Promise<void> {
    if (this.released) return;
    const current = await readHolder(this.path);
    // Broken by someone with --break-lease: this run no longer holds it and must not write over the new holder.
    if (current && current.token !== this.holder.token) return;
    const now = Date.now();
    Object.assign(this.holder, { renewedAt: new Date(now).toISOString(), expiresAt: new Date(now + this.ttlMs).toISOString() });
    const temp = `${this.path}.${this.holder.token}`;
    await writeFile(temp, JSON.stringify(this.holder), 'utf8')
      .then(() => rename(temp, this.path))
      .catch(() => undefined);
  }
}

async function readHolder(path: string): Promise<LeaseHolder | undefined> {
  try {
    const parsed = JSON.parse(await readFile(path, 'utf8')) as LeaseHolder;
    return typeof parsed?.pid === 'number' && typeof parsed.expiresAt === 'string' ? parsed : undefined;
  } catch {
    return undefined; // gone, or not a lease: nothing holds it
  }
}

function isStale(holder: LeaseHolder): boolean {
  if (Date.parse(holder.expiresAt) < Date.now()) return true;
  return holder.host === hostname() && !alive(holder.pid);
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
