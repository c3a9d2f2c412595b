"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.readBody = readBody;
const EMPTY = Buffer.alloc(0);
/**
 * Collects a request body, then calls `done`. A request announcing no body continues at
 * once (the common GET), without waiting for an event loop turn.
 */
function readBody(req, done) {
    const length = req.headers['content-length'];
    if ((length === undefined || length === '0') && req.headers['transfer-encoding'] === undefined) {
        done(EMPTY);
        return;
    }
    const chunks = [];
    req.on('data', (chunk) => chunks.push(chunk));
    req.on('end', () => done(chunks.length === 1 ? chunks[0] : Buffer.concat(chunks)));
}
