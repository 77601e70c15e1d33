/**
 * The journal as a local file. It lives in the engine, not at the edge, because it needs nothing but node:fs and its
 * format is the engine's own; the faces only pick the path (RUNNER_TEMP in the action, `.staged-rollout/` locally).
 */
import { appendFile, mkdir, readFile, truncate } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Journal, JournalEvent } from './ports.js';

const HEADER = JSON.stringify({ formatVersion: 1, kind: 'staged-rollout journal' });

/**
 * JSON Lines, append only: a header line, then one event per line. Appending costs what the new events weigh, where
 * rewriting the whole file on every record grew with the square of a rollout's size. A kill mid-append can leave a
 * torn last line: loading drops it (that event had not been acknowledged), and refuses any other damage. Records that
 * arrive while an append is in flight go out together in the next one.
 */
export class FileJournal implements Journal {
  private events: JournalEvent[] | undefined;
  private pending: string[] = [];
  private writing: Promise<void> | undefined;
  private waiters: Array<{ resolve: () => void; reject: (error: unknown) => void }> = [];
  private started = false;
  readonly path: string;
  private readonly redact: (line: string) => string;

  /** `redact`: the run's redactor; every line passes through it on its way to disk. */
  constructor(path: string, options: { redact?: (line: string) => string } = {}) {
    this.path = path;
    this.redact = options.redact ?? ((line) => line);
  }

  async load(): Promise<JournalEvent[]> {
    if (!this.events) this.events = await this.read();
    return [...this.events];
  }

  async record(event: JournalEvent): Promise<void> {
    if (!this.events) await this.load();
    this.events!.push(structuredClone(event));
    this.pending.push(this.redact(JSON.stringify(event)));
    const done = new Promise<void>((resolve, reject) => this.waiters.push({ resolve, reject }));
    this.writing ??= this.drain();
    return done;
  }

  private async read(): Promise<JournalEvent[]> {
    let text: string;
    try {
      text = await readFile(this.path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw new JournalError(`cannot read the journal ${this.path}: ${reason(error)}; make it readable, or pass --journal with another file`, error);
    }
    // An empty file (created by hand, or by a run killed before its first write) is an empty journal.
    if (text.trim() === '') {
      if (text !== '') await truncate(this.path, 0);
      return [];
    }
    this.started = true;
    const lines = text.split('\n');
    if (lines[0] !== HEADER) throw new JournalError(`${this.path}: not a staged-rollout journal (its first line is not ${HEADER}); move it away or pass --journal with another file`);
    const events: JournalEvent[] = [];
    const last = lines.length - 1;
    for (let i = 1; i <= last; i++) {
      if (lines[i] === '') continue;
      try {
        events.push(JSON.parse(lines[i]) as JournalEvent);
      } catch {
        if (i !== last) throw new JournalError(`${this.path}:${i + 1}: a damaged journal line; move the file away to start the rollout afresh`);
        // Torn by a kill mid-append: never acknowledged, so never relied on. Cut it off, so the next append starts clean.
        await truncate(this.path, Buffer.byteLength(text) - Buffer.byteLength(lines[i]));
      }
    }
    return events;
  }

  private async drain(): Promise<void> {
    while (this.pending.length > 0) {
      const lines = this.pending.splice(0);
      const waiters = this.waiters.splice(0);
      try {
        await this.append(lines);
        for (const w of waiters) w.resolve();
      } catch (error) {
        for (const w of waiters) w.reject(error);
      }
    }
    this.writing = undefined;
  }

  private async append(lines: string[]): Promise<void> {
    try {
      await this.appendLines(lines);
    } catch (error) {
      throw new JournalError(`cannot write the journal ${this.path}: ${reason(error)}; make its folder writable, or pass --journal with another file`, error);
    }
  }

  private async appendLines(lines: string[]): Promise<void> {
    if (!this.started) {
      await mkdir(dirname(this.path), { recursive: true });
      await appendFile(this.path, `${HEADER}\n`, 'utf8');
      this.started = true;
    }
    await appendFile(this.path, `${lines.join('\n')}\n`, 'utf8');
  }
}

/** The journal cannot be read or written: an operational error, said in one line with what to do. */
export class JournalError extends Error {
  constructor(message: string, cause?: unknown) {
    super(message, cause === undefined ? undefined : { cause });
    this.name = 'JournalError';
  }
}

function reason(error: unknown): string {
  const e = error as NodeJS.ErrnoException;
  return e?.code ? `${e.code} (${e.message.replace(/^\w+: /, '')})` : String(e?.message ?? error);
}
