import type { ServerResponse } from 'node:http';
import { Readable } from 'node:stream';
import { buildHeaders } from '../headers';

const CHUNK = Buffer.alloc(64 * 1024, 'OneView backup archive ');

/**
 * Streams `size` bytes of archive with backpressure: one shared 64 KiB chunk is written
 * again and again, so a 1 GiB download costs no memory.
 */
export function streamArchive(res: ServerResponse, fileName: string, size: number): void {
  res.writeHead(
    200,
    buildHeaders([
      'Content-Type',
      'application/octet-stream',
      'Content-Disposition',
      `attachment; filename="${fileName}"`,
      'Content-Length',
      String(size),
    ]),
  );
  let remaining = size;
  const archive = new Readable({
    read(): void {
      if (remaining <= 0) {
        this.push(null);
        return;
      }
      const length = Math.min(remaining, CHUNK.length);
      remaining -= length;
      this.push(length === CHUNK.length ? CHUNK : CHUNK.subarray(0, length));
    },
  });
  archive.pipe(res);
  res.on('close', () => archive.destroy());
}
