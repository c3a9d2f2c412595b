import { randomUUID } from 'node:crypto';
import { parseVersionRange } from './negotiate-version';
import type { VersionRange } from './negotiate-version';
import type { Logger } from '../observability/logger';
import type { Metrics } from '../observability/metrics';
import type { Store } from '../store/store';

/** What the gateway knows of an appliance's `/rest/version`. */
export interface VersionEntry {
  url: string;
  /** null when the answer was not a OneView version range. */
  range: VersionRange | null;
  fetchedAt: string;
  expiresAt: number;
}

/** How the cache behaves. */
export interface VersionCacheSettings {
  ttlMs: number;
  /** How long one replica may hold the right to negotiate before another tries. */
  leaseMs?: number;
}

const INVALIDATION_CHANNEL = 'version-invalidations';
const WAIT_STEP_MS = 25;
/** How long an answer that is not a OneView version range is kept. */
const NOT_ONEVIEW_TTL_MS = 60_000;

/**
 * API versions of every appliance, in two levels (SPEC 4): process memory in front of the
 * store, so that a request for a known appliance makes no store round trip. A miss makes
 * one `GET /rest/version` per process (single flight) and, between replicas, one per TTL
 * where the store allows (a short lease). The store being down never fails a lookup.
 */
export class VersionCache {
  readonly #memory = new Map<string, VersionEntry>();
  readonly #pending = new Map<string, Promise<VersionEntry>>();
  readonly #owner = randomUUID();
  readonly #store: Store;
  readonly #settings: Required<VersionCacheSettings>;
  readonly #metrics: Metrics;
  readonly #log: Logger;
  #unsubscribe: (() => Promise<void>) | null = null;

  constructor(store: Store, settings: VersionCacheSettings, metrics: Metrics, log: Logger) {
    this.#store = store;
    this.#settings = { leaseMs: 5000, ...settings };
    this.#metrics = metrics;
    this.#log = log;
  }

  /** Listens for invalidations published by other replicas. */
  async start(): Promise<void> {
    this.#unsubscribe = await this.#store.subscribe(INVALIDATION_CHANNEL, (id) => {
      this.#memory.delete(id);
    });
  }

  async stop(): Promise<void> {
    await this.#unsubscribe?.();
  }

  /** The entry in process memory, if fresh and for this URL; never any I/O. */
  peek(id: string, url: string): VersionEntry | undefined {
    const entry = this.#memory.get(id);
    if (entry === undefined || entry.url !== url || entry.expiresAt <= Date.now()) return undefined;
    this.#metrics.versionLookups.inc({ result: 'memory' });
    return entry;
  }

  /** The entry in process memory, fresh or not, without counting a lookup (for views). */
  inspect(id: string): VersionEntry | undefined {
    return this.#memory.get(id);
  }

  /** The entry from memory, the store, or the appliance, in that order. */
  resolve(id: string, url: string, fetchBody: () => Promise<unknown>): Promise<VersionEntry> {
    const known = this.peek(id, url);
    if (known) return Promise.resolve(known);

    // Keyed by URL too: a reload that changes the URL must not join the old URL's lookup.
    const key = `${id} ${url}`;
    let pending = this.#pending.get(key);
    if (!pending) {
      pending = this.#lookUp(id, url, fetchBody).finally(() => this.#pending.delete(key));
      this.#pending.set(key, pending);
    }
    return pending;
  }

  /**
   * Forgets an appliance's version here, in the store, and in every other replica; given
   * `used`, only while the entry held here is still that negotiation.
   */
  async forget(id: string, used?: VersionEntry): Promise<void> {
    const held = this.#memory.get(id);
    if (used !== undefined && held !== undefined && held.fetchedAt !== used.fetchedAt) return;
    this.#memory.delete(id);
    await this.#store.del(`version:${id}`).catch(() => undefined);
    await this.#store.publish(INVALIDATION_CHANNEL, id).catch(() => undefined);
  }

  async #lookUp(id: string, url: string, fetchBody: () => Promise<unknown>): Promise<VersionEntry> {
    const stored = await this.#readStore(id, url);
    if (stored) return this.#remember(id, stored, 'store');

    const leaseKey = `version-lease:${id}`;
    const leased = await this.#store
      .setIfAbsent(leaseKey, this.#owner, this.#settings.leaseMs)
      .catch(() => true);
    if (!leased) {
      const other = await this.#waitForOtherReplica(id, url, leaseKey);
      if (other) return this.#remember(id, other, 'store');
    }

    try {
      // Another replica may have stored its answer and let the lease go since the first read.
      const storedMeanwhile = leased ? await this.#readStore(id, url) : null;
      if (storedMeanwhile) return this.#remember(id, storedMeanwhile, 'store');
      const entry = this.#entryFrom(url, await fetchBody());
      await this.#store
        .set(`version:${id}`, JSON.stringify(entry), Math.max(1, entry.expiresAt - Date.now()))
        .catch((error: unknown) =>
          this.#log.debug({ err: error, appliance: id }, 'version not stored'),
        );
      return this.#remember(id, entry, 'negotiated');
    } finally {
      if (leased) await this.#store.deleteIfEquals(leaseKey, this.#owner).catch(() => false);
    }
  }

  #entryFrom(url: string, body: unknown): VersionEntry {
    const now = Date.now();
    const range = parseVersionRange(body);
    // A front proxy's 404 or 429 is not worth believing for an hour.
    const ttlMs =
      range === null ? Math.min(this.#settings.ttlMs, NOT_ONEVIEW_TTL_MS) : this.#settings.ttlMs;
    return { url, range, fetchedAt: new Date(now).toISOString(), expiresAt: now + ttlMs };
  }

  async #readStore(id: string, url: string): Promise<VersionEntry | null> {
    const text = await this.#store.get(`version:${id}`).catch(() => null);
    if (text === null) return null;
    try {
      const entry = JSON.parse(text) as VersionEntry;
      return entry.url === url && entry.expiresAt > Date.now() ? entry : null;
    } catch {
      return null;
    }
  }

  /** Another replica holds the lease: its answer usually lands in the store within ms. */
  async #waitForOtherReplica(
    id: string,
    url: string,
    leaseKey: string,
  ): Promise<VersionEntry | null> {
    const deadline = Date.now() + this.#settings.leaseMs;
    while (Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, WAIT_STEP_MS));
      const entry = await this.#readStore(id, url);
      if (entry) return entry;
      const holder = await this.#store.get(leaseKey).catch(() => null);
      // The holder stores its answer before it lets the lease go: read once more.
      if (holder === null) return this.#readStore(id, url);
    }
    return null;
  }

  #remember(id: string, entry: VersionEntry, result: 'store' | 'negotiated'): VersionEntry {
    this.#memory.set(id, entry);
    this.#metrics.versionLookups.inc({ result });
    return entry;
  }
}
