import { brotliDecompressSync, gunzipSync, inflateSync } from 'node:zlib';

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
