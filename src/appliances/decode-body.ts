import { brotliDecompressSync, gunzipSync, inflateSync } from 'node:zlib';
import type { Readable } from 'node:stream';
import { finished } from 'node:stream/promises';

/** A body read up to a limit. */
export interface BoundedBody {
  buffer: Buffer;
  /** True when the limit cut it or the connection closed before its end. */
  incomplete: boolean;
}

/** Reads a body into memory, at most `limit` bytes; past it the stream is destroyed. */
export async function readBounded(body: Readable, limit: number): Promise<BoundedBody> {
  const chunks: Buffer[] = [];
  let size = 0;

  try {
    for await (const chunk of body) {
      const buffer = chunk as Buffer;
      size += buffer.length;
      if (size > limit) {
        chunks.push(buffer.subarray(0, buffer.length - (size - limit)));
        body.destroy();
        return { buffer: Buffer.concat(chunks), incomplete: true };
      }
      chunks.push(buffer);
    }
  } catch {
    return { buffer: Buffer.concat(chunks), incomplete: true };
  }
  return { buffer: Buffer.concat(chunks), incomplete: false };
}

/** Reads a body to its end and drops it, so that its connection can be reused. */
export async function discardBody(body: Readable): Promise<void> {
  try {
    body.resume();
    await finished(body);
  } catch {
    // a broken body is dropped all the same
  }
}

/** Decodes a body by its Content-Encoding, for reading; undecodable bodies stay as they are. */
export function decodeBody(buffer: Buffer, encoding: string | string[] | undefined): Buffer {
  const name = (Array.isArray(encoding) ? encoding[0] : encoding)?.trim().toLowerCase();
  try {
    if (name === 'gzip' || name === 'x-gzip') return gunzipSync(buffer);
    if (name === 'deflate') return inflateSync(buffer);
    if (name === 'br') return brotliDecompressSync(buffer);
  } catch {
    return buffer;
  }
  return buffer;
}
