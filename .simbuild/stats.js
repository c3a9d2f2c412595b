"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.StatsRecorder = void 0;
const node_crypto_1 = require("node:crypto");
const RECENT_LIMIT = 50;
const KEPT_BODY_BYTES = 4 * 1024 * 1024;
/** Counts requests per route template and remembers the last few, cheaply per request. */
class StatsRecorder {
    versionRequests = 0;
    logins = 0;
    logouts = 0;
    total = 0;
    byRoute = new Map();
    recent = [];
    /** Counts one request under its route template (`GET /rest/server-hardware/{id}`). */
    count(route) {
        this.total += 1;
        this.byRoute.set(route, (this.byRoute.get(route) ?? 0) + 1);
    }
    /** Remembers a request's headers and body; the body hash is the only per-body cost. */
    remember(request, body) {
        const hashed = body.length > 0 ? (0, node_crypto_1.createHash)('sha256').update(body).digest('hex') : null;
        const kept = body.length <= KEPT_BODY_BYTES ? body : null;
        this.recent.push({ ...request, body: kept, bodyLength: body.length, bodySha256: hashed });
        if (this.recent.length > RECENT_LIMIT)
            this.recent.shift();
    }
    /** The counters and recent requests now. */
    snapshot(sessions) {
        return {
            requests: { total: this.total, byRoute: Object.fromEntries(this.byRoute) },
            versionRequests: this.versionRequests,
            logins: this.logins,
            logouts: this.logouts,
            sessions,
            recent: this.recent.map(describeRecent),
        };
    }
    /** The last `limit` requests with raw headers and body bytes, oldest first. */
    listRecorded(limit) {
        return this.recent.slice(-limit).map((entry) => ({
            ...describeRecent(entry),
            rawHeaders: entry.rawHeaders,
            bodyBase64: entry.body === null ? null : entry.body.toString('base64'),
        }));
    }
    /** Zeroes every counter and forgets recent requests. */
    reset() {
        this.total = 0;
        this.byRoute = new Map();
        this.recent = [];
        this.versionRequests = 0;
        this.logins = 0;
        this.logouts = 0;
    }
}
exports.StatsRecorder = StatsRecorder;
function describeRecent(entry) {
    return {
        method: entry.method,
        url: entry.url,
        route: entry.route,
        headers: entry.headers,
        bodyLength: entry.bodyLength,
        bodySha256: entry.bodySha256,
        receivedAt: new Date(entry.receivedMs).toISOString(),
    };
}
