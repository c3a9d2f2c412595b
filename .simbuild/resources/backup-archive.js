"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.streamArchive = streamArchive;
const node_stream_1 = require("node:stream");
const headers_1 = require("../headers");
const CHUNK = Buffer.alloc(64 * 1024, 'OneView backup archive ');
/**
 * Streams `size` bytes of archive with backpressure: one shared 64 KiB chunk is written
 * again and again, so a 1 GiB download costs no memory.
 */
function streamArchive(res, fileName, size) {
    res.writeHead(200, (0, headers_1.buildHeaders)([
        'Content-Type',
        'application/octet-stream',
        'Content-Disposition',
        `attachment; filename="${fileName}"`,
        'Content-Length',
        String(size),
    ]));
    let remaining = size;
    const archive = new node_stream_1.Readable({
        read() {
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
