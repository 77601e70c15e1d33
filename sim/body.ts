import type { IncomingMessage } from 'node:http';

/**
 * A request body, kept up to `max` bytes. The rest is drained but not held, so that an over-size request still gets
 * its 413 answer instead of a reset, and `size` says how large it really was.
 */
export async function readCappedBody(req: IncomingMessage, max: number): Promise<{ body: Buffer; size: number }> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size <= max) chunks.push(chunk as Buffer);
  }
  return { body: Buffer.concat(chunks), size };
}
