import { randomUUID } from 'node:crypto';
import type { Logger } from '../observability/logger';
import type { Store } from '../store/store';

/** A fleet listing ready to send, as it is shared between identical reads. */
export interface FleetAnswer {
  complete: boolean;
  /** The JSON body. */
  body: string;
}

/** How long answers are shared and how long a replica waits for another's fan-out. */
export interface FleetCacheSettings {
  /** `fleet.cacheTtlMs`; 0 shares only reads that arrive while a fan-out runs. */
  ttlMs: number;
  /** The longest a fan-out may take: the lease that makes other replicas wait for it. */
  leaseMs: number;
  /** Answers larger than this stay in process memory, out of the store. */
  maxStoredBytes: number;
}

interface LocalEntry {
  promise: Promise<FleetAnswer>;
  /** Infinity while the fan-out runs. */
  expiresAt: number;
}

const READY_CHANNEL = 'fleet:ready';

/**
 * Makes identical fleet reads share one fan-out (SPEC 3.3). In a process, reads that
 * arrive while a fan-out runs, or within `ttlMs` after it, get its answer. Across replicas,
 * the answer is kept in the store for `ttlMs`, and a lease in the store lets one replica
 * fan out while the others wait for its "ready" message. Without the store every step
 * falls back to the process: reads are still shared in process, never failed.
 */
export class FleetCache {
  readonly #local = new Map<string, LocalEntry>();
  readonly #waiters = new Map<string, Set<() => void>>();
  readonly #store: Store;
  readonly #log: Logger;
  readonly #settings: FleetCacheSettings;
  #unsubscribe: (() => Promise<void>) | null = null;

  constructor(store: Store, log: Logger, settings: FleetCacheSettings) {
    this.#store = store;
    this.#log = log;
    this.#settings = settings;
  }

  /** Listens for other replicas' finished fan-outs. */
  async start(): Promise<void> {
    try {
      this.#unsubscribe = await this.#store.subscribe(READY_CHANNEL, (key) => this.#wake(key));
    } catch (error) {
      this.#log.warn({ err: error }, 'fleet reads are shared within this process only');
    }
  }

  async stop(): Promise<void> {
    await this.#unsubscribe?.().catch(() => undefined);
    this.#unsubscribe = null;
    for (const key of [...this.#waiters.keys()]) this.#wake(key);
  }

  /** The answer for `key`: shared when an identical read is running or recent, else produced. */
  share(key: string, produce: () => Promise<FleetAnswer>): Promise<FleetAnswer> {
    const entry = this.#local.get(key);
    if (entry && entry.expiresAt > Date.now()) return entry.promise;

    const fresh: LocalEntry = { promise: this.#obtain(key, produce), expiresAt: Infinity };
    this.#local.set(key, fresh);
    const drop = (): void => {
      if (this.#local.get(key) === fresh) this.#local.delete(key);
    };
    fresh.promise.then(() => {
      fresh.expiresAt = Date.now() + this.#settings.ttlMs;
      setTimeout(drop, this.#settings.ttlMs).unref();
    }, drop);
    return fresh.promise;
  }

  async #obtain(key: string, produce: () => Promise<FleetAnswer>): Promise<FleetAnswer> {
    if (this.#settings.ttlMs === 0) return produce();
    const cached = await this.#read(key);
    if (cached) return cached;

    const token = randomUUID();
    const leader = await this.#store
      .setIfAbsent(leaseKey(key), token, this.#settings.leaseMs)
      .catch(() => true);
    if (!leader) {
      const shared = await this.#awaitPeer(key);
      if (shared) return shared;
    }
    try {
      const answer = await produce();
      await this.#save(key, answer);
      return answer;
    } finally {
      if (leader) this.#release(key, token);
    }
  }

  /** Waits for the replica holding the lease, at most the lease's length. */
  #awaitPeer(key: string): Promise<FleetAnswer | null> {
    return new Promise((resolve) => {
      const waiters = this.#waiters.get(key) ?? new Set<() => void>();
      this.#waiters.set(key, waiters);
      const finish = (): void => {
        clearTimeout(timer);
        waiters.delete(finish);
        if (waiters.size === 0 && this.#waiters.get(key) === waiters) this.#waiters.delete(key);
        void this.#read(key).then(resolve);
      };
      const timer = setTimeout(finish, this.#settings.leaseMs);
      waiters.add(finish);
      // The peer may have finished between the first read and the subscription above.
      void this.#read(key).then((answer) => {
        if (answer && waiters.has(finish)) finish();
      });
    });
  }

  #wake(key: string): void {
    for (const finish of [...(this.#waiters.get(key) ?? [])]) finish();
  }

  async #read(key: string): Promise<FleetAnswer | null> {
    try {
      const text = await this.#store.get(cacheKey(key));
      return text === null ? null : (JSON.parse(text) as FleetAnswer);
    } catch {
      return null;
    }
  }

  async #save(key: string, answer: FleetAnswer): Promise<void> {
    if (Buffer.byteLength(answer.body) > this.#settings.maxStoredBytes) return;
    await this.#store
      .set(cacheKey(key), JSON.stringify(answer), this.#settings.ttlMs)
      .catch((error: unknown) => this.#log.debug({ err: error }, 'fleet answer not stored'));
  }

  #release(key: string, token: string): void {
    void this.#store
      .publish(READY_CHANNEL, key)
      .then(() => this.#store.deleteIfEquals(leaseKey(key), token))
      .catch((error: unknown) => this.#log.debug({ err: error }, 'fleet lease not released'));
  }
}

function cacheKey(key: string): string {
  return `fleet:answer:${key}`;
}

function leaseKey(key: string): string {
  return `fleet:lease:${key}`;
}
