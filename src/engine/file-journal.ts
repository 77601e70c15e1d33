/**
 * The journal as a local JSON file. It lives in the engine, not at the edge, because it needs nothing but node:fs and
 * its format is the engine's own; the faces only pick the path (a runner's workspace, or `.staged-rollout/` locally).
 */
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Journal, JournalEvent } from './ports.js';

interface JournalFile {
  formatVersion: 1;
  events: JournalEvent[];
}

/**
 * Every record rewrites the whole file through a temporary file and a rename, so a kill at any moment leaves either the
 * old journal or the new one, never half of one. Records arriving while a write is in flight are coalesced into the next
 * write: a hundred stamps finishing together cost two writes, not a hundred.
 */
export class FileJournal implements Journal {
  private events: JournalEvent[] | undefined;
  private writing: Promise<void> | undefined;
  private dirty = false;
  private waiters: Array<{ resolve: () => void; reject: (error: unknown) => void }> = [];
  readonly path: string;

  constructor(path: string) {
    this.path = path;
  }

  async load(): Promise<JournalEvent[]> {
    if (!this.events) {
      try {
        const parsed = JSON.parse(await readFile(this.path, 'utf8')) as JournalFile;
        if (parsed.formatVersion !== 1 || !Array.isArray(parsed.events)) {
          throw new Error(`${this.path}: not a staged-rollout journal (formatVersion ${String(parsed.formatVersion)})`);
        }
        this.events = parsed.events;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
        this.events = [];
      }
    }
    return [...this.events];
  }

  async record(event: JournalEvent): Promise<void> {
    if (!this.events) await this.load();
    this.events!.push(structuredClone(event));
    const done = new Promise<void>((resolve, reject) => this.waiters.push({ resolve, reject }));
    this.dirty = true;
    this.writing ??= this.drain();
    return done;
  }

  private async drain(): Promise<void> {
    while (this.dirty) {
      this.dirty = false;
      const waiters = this.waiters.splice(0);
      try {
        await this.write();
        for (const w of waiters) w.resolve();
      } catch (error) {
        for (const w of waiters) w.reject(error);
      }
    }
    this.writing = undefined;
  }

  private async write(): Promise<void> {
    const body: JournalFile = { formatVersion: 1, events: this.events! };
    const temp = `${this.path}.${process.pid}.tmp`;
    await mkdir(dirname(this.path), { recursive: true });
    await writeFile(temp, JSON.stringify(body, null, 1) + '\n', 'utf8');
    await rename(temp, this.path);
  }
}
