import { createHash } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';

/** One request as `/_sim/stats` lists it in `recent`. */
export interface RecentRequest {
  method: string;
  /** The request target as received (path and query). */
  url: string;
  /** The route template it matched, e.g. `GET /rest/server-hardware/{id}`. */
  route: string;
  /** Header names lower-cased, as Node parses them. */
  headers: IncomingHttpHeaders;
  bodyLength: number;
  /** sha256 of the body bytes, hex; null for an empty body. */
  bodySha256: string | null;
  receivedAt: string;
}

/** One request as `/_sim/requests` lists it: also the raw headers and the body bytes. */
export interface RecordedRequest extends RecentRequest {
  /** Header names and values in arrival order and spelling, flattened [name, value, ...]. */
  rawHeaders: string[];
  /** The body, base64; null when larger than 4 MiB (bodySha256 still covers it). */
  bodyBase64: string | null;
}

/** What `GET /_sim/stats` answers; `/_sim/` requests themselves are never counted. */
export interface SimulatorStats {
  requests: { total: number; byRoute: Record<string, number> };
  versionRequests: number;
  logins: number;
  logouts: number;
  /** Sessions alive now. */
  sessions: number;
  /** The last 50 requests, oldest first. */
  recent: RecentRequest[];
}

interface Entry {
  method: string;
  url: string;
  route: string;
  headers: IncomingHttpHeaders;
  rawHeaders: string[];
  body: Buffer | null;
  bodyLength: number;
  bodySha256: string | null;
  receivedMs: number;
}

const RECENT_LIMIT = 50;
const KEPT_BODY_BYTES = 4 * 1024 * 1024;

/** Counts requests per route template and remembers the last few, cheaply per request. */
export class StatsRecorder {
  versionRequests = 0;
  logins = 0;
  logouts = 0;
  private total = 0;
  private byRoute = new Map<string, number>();
  // A ring: `recent[next]` is overwritten once RECENT_LIMIT entries exist.
  private recent: Entry[] = [];
  private next = 0;

  /** Counts one request under its route template (`GET /rest/server-hardware/{id}`). */
  count(route: string): void {
    this.total += 1;
    this.byRoute.set(route, (this.byRoute.get(route) ?? 0) + 1);
  }

  /** Remembers a request's headers and body; the body hash is the only per-body cost. */
  remember(request: Omit<Entry, 'body' | 'bodySha256' | 'bodyLength'>, body: Buffer): void {
    const hashed = body.length > 0 ? createHash('sha256').update(body).digest('hex') : null;
    const entry: Entry = {
      method: request.method,
      url: request.url,
      route: request.route,
      headers: request.headers,
      rawHeaders: request.rawHeaders,
      body: body.length <= KEPT_BODY_BYTES ? body : null,
      bodyLength: body.length,
      bodySha256: hashed,
      receivedMs: request.receivedMs,
    };
    this.recent[this.next] = entry;
    this.next = (this.next + 1) % RECENT_LIMIT;
  }

  /** The counters and recent requests now. */
  snapshot(sessions: number): SimulatorStats {
    return {
      requests: { total: this.total, byRoute: Object.fromEntries(this.byRoute) },
      versionRequests: this.versionRequests,
      logins: this.logins,
      logouts: this.logouts,
      sessions,
      recent: this.ordered().map(describeRecent),
    };
  }

  /** The last `limit` requests with raw headers and body bytes, oldest first. */
  listRecorded(limit: number): RecordedRequest[] {
    return this.ordered()
      .slice(-limit)
      .map((entry) => ({
        ...describeRecent(entry),
        rawHeaders: entry.rawHeaders,
        bodyBase64: entry.body === null ? null : entry.body.toString('base64'),
      }));
  }

  /** Zeroes every counter and forgets recent requests. */
  reset(): void {
    this.total = 0;
    this.byRoute = new Map();
    this.recent = [];
    this.next = 0;
    this.versionRequests = 0;
    this.logins = 0;
    this.logouts = 0;
  }

  // Oldest first.
  private ordered(): Entry[] {
    return this.recent.slice(this.next).concat(this.recent.slice(0, this.next));
  }
}

function describeRecent(entry: Entry): RecentRequest {
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
