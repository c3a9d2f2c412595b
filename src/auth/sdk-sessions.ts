import { createHash, randomBytes } from 'node:crypto';
import { LRUCache } from 'lru-cache';
import type { Logger } from '../observability/logger';
import type { Store } from '../store/store';

/** A gateway session, as an SDK on an appliance's `sdkPort` holds it (SPEC 3.2). */
export interface SdkSession {
  clientId: string;
  applianceId: string;
  /** The key the client logged in with: a rotated key ends its sessions. */
  keySha256: string;
}

/** How long sessions live and how often their use is written down. */
export interface SdkSessionSettings {
  /** A session unused this long ends, as an appliance's do (24 h). */
  idleMs: number;
  /** Use is written to the store at most this often per session and replica. */
  touchEveryMs: number;
}

/** The defaults of SPEC 3.2: 24 h idle expiry, use recorded once a minute. */
export const SDK_SESSION_DEFAULTS: SdkSessionSettings = {
  idleMs: 24 * 60 * 60 * 1000,
  touchEveryMs: 60_000,
};

const ENDED_CHANNEL = 'sdk-session-ended';

interface Held {
  session: SdkSession;
  touchedAt: number;
}

/**
 * Gateway sessions for SDK clients, kept in the store so that every replica knows them, and
 * in process memory in front of it, so that a request with a known session makes no store
 * round trip. The store holds a session under the sha256 of its id, never the id itself.
 * A logout is published, so that every replica forgets the session at once.
 */
export class SdkSessions {
  readonly #store: Store;
  readonly #settings: SdkSessionSettings;
  readonly #log: Logger;
  readonly #held: LRUCache<string, Held>;
  #unsubscribe: (() => Promise<void>) | null = null;

  constructor(store: Store, settings: SdkSessionSettings, log: Logger) {
    this.#store = store;
    this.#settings = settings;
    this.#log = log;
    this.#held = new LRUCache({ max: 10_000, ttl: settings.idleMs, updateAgeOnGet: true });
  }

  /** Listens for sessions ended on other replicas. */
  async start(): Promise<void> {
    this.#unsubscribe = await this.#store.subscribe(ENDED_CHANNEL, (digest) => {
      this.#held.delete(digest);
    });
  }

  async stop(): Promise<void> {
    await this.#unsubscribe?.();
  }

  /** Opens a session and returns its id; rejects when the store cannot keep it. */
  async open(session: SdkSession): Promise<string> {
    const id = randomBytes(32).toString('base64url');
    const digest = digestOf(id);

    await this.#store.set(keyOf(digest), JSON.stringify(session), this.#settings.idleMs);
    this.#held.set(digest, { session, touchedAt: Date.now() });
    return id;
  }

  /** The live session with this id, or null. Known sessions make no store round trip. */
  async find(id: string): Promise<SdkSession | null> {
    const digest = digestOf(id);
    const held = this.#held.get(digest);
    if (held !== undefined) {
      this.#touch(digest, held);
      return held.session;
    }

    const text = await this.#store.get(keyOf(digest));
    const session = text === null ? null : parseSession(text);
    if (session === null) return null;
    const fresh = { session, touchedAt: 0 };
    this.#held.set(digest, fresh);
    this.#touch(digest, fresh);
    return session;
  }

  /** Ends a session here, in the store and in every replica. */
  async end(id: string): Promise<void> {
    const digest = digestOf(id);
    this.#held.delete(digest);
    await this.#store.del(keyOf(digest));
    await this.#store.publish(ENDED_CHANNEL, digest).catch((error: unknown) => {
      this.#log.warn({ err: error }, 'session end not published to other replicas');
    });
  }

  /** Pushes the idle expiry in the store back, at most once per `touchEveryMs`. */
  #touch(digest: string, held: Held): void {
    const now = Date.now();
    if (now - held.touchedAt < this.#settings.touchEveryMs) return;
    held.touchedAt = now;
    // Only while the store still holds it: a logout on another replica must stay a logout.
    void this.#store
      .expireIfEquals(keyOf(digest), JSON.stringify(held.session), this.#settings.idleMs)
      .catch((error: unknown) => this.#log.debug({ err: error }, 'session use not recorded'));
  }
}

function digestOf(id: string): string {
  return createHash('sha256').update(id, 'utf8').digest('hex');
}

function keyOf(digest: string): string {
  return `sdk-session:${digest}`;
}

function parseSession(text: string): SdkSession | null {
  try {
    const value = JSON.parse(text) as Partial<SdkSession>;
    const { clientId, applianceId, keySha256 } = value;
    if (typeof clientId !== 'string' || typeof applianceId !== 'string') return null;
    if (typeof keySha256 !== 'string') return null;
    return { clientId, applianceId, keySha256 };
  } catch {
    return null;
  }
}
