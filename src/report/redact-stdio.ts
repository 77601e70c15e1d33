/**
 * The process's one redactor, and stdout/stderr routed through it: whatever prints (progress lines, the result, an
 * error message quoting what ARM answered) loses every known secret on its way out.
 */
import { Redactor } from '../engine/redactor.js';

export const redactor = new Redactor();

let installed = false;

export function redactStdio(): void {
  if (installed) return;
  installed = true;
  for (const stream of [process.stdout, process.stderr]) {
    const write = stream.write.bind(stream) as (chunk: unknown, ...rest: unknown[]) => boolean;
    stream.write = ((chunk: unknown, ...rest: unknown[]) => {
      const text = typeof chunk === 'string' ? chunk : chunk instanceof Uint8Array ? Buffer.from(chunk).toString('utf8') : chunk;
      return write(typeof text === 'string' ? redactor.redact(text) : text, ...rest);
    }) as typeof stream.write;
  }
}
