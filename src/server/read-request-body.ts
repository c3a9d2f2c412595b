import type { IncomingMessage } from 'node:http';
import type { Readable } from 'node:stream';

/** Bodies up to this size are kept in memory, so that a request can be replayed once. */
export const REPLAYABLE_BODY_BYTES = 1024 * 1024;

/**
 * The request body as the forwarding takes it, never parsed: null without a body, a Buffer
 * when a Content-Length up to 1 MiB announces it (it can be replayed after a session or
 * version refusal), else the request stream itself.
 */
export async function readRequestBody(req: IncomingMessage): Promise<Buffer | Readable | null> {
  const length = req.headers['content-length'];
  if (req.headers['transfer-encoding'] !== undefined) return req;
  if (length === undefined || length === '0') return null;
  if (Number(length) > REPLAYABLE_BODY_BYTES) return req;

  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}
