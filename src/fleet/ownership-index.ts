import { LRUCache } from 'lru-cache';
import type { ApplianceListing } from './listing';
import { resourceKey } from './resource-key';
import type { Logger } from '../observability/logger';
import type { Store } from '../store/store';

/** How long and how much the index remembers. */
export interface OwnershipSettings {
  /** An entry not seen again for this long is forgotten. */
  ttlMs: number;
  /** Entries kept in process memory. */
  maxEntries: number;
  /** New entries written to the store per listing: one listing must not flood the store. */
  maxWritesPerListing: number;
}

/** Default sizes: a day of memory, room for a large fleet's resources. */
export const OWNERSHIP_DEFAULTS: OwnershipSettings = {
  ttlMs: 24 * 60 * 60 * 1000,
  maxEntries: 200_000,
  maxWritesPerListing: 2000,
};

/**
 * Which appliances own a resource URI (SPEC 3.3), learned from fleet listings, 202s and
 * lookups. Entries live in process memory in front of the store (`fleet:owner:{uri}` =
 * JSON array of appliance ids), so that replicas learn from each other and a known URI
 * costs no store round trip. A store that does not answer only makes the index local.
 */
export class OwnershipIndex {
  readonly #memory: LRUCache<string, string[]>;
  readonly #store: Store;
  readonly #log: Logger;
  readonly #settings: OwnershipSettings;

  constructor(store: Store, log: Logger, settings: OwnershipSettings = OWNERSHIP_DEFAULTS) {
    this.#store = store;
    this.#log = log;
    this.#settings = settings;
    this.#memory = new LRUCache({ max: settings.maxEntries, ttl: settings.ttlMs });
  }

  /** The known owners of a resource key, from memory or the store; empty when unknown. */
  async owners(key: string): Promise<string[]> {
    const known = this.#memory.get(key);
    if (known) return known;
    try {
      const stored = await this.#store.get(storeKey(key));
      const owners = stored === null ? [] : parseOwners(stored);
      if (owners.length > 0) this.#memory.set(key, owners);
      return owners;
    } catch {
      return [];
    }
  }

  /** Records owners of a key (a lookup's answer, a task's resource), kept with those known. */
  learn(key: string, owners: readonly string[]): void {
    const merged = this.#merge(key, owners);
    if (merged !== null) this.#write(key, merged);
  }

  /** Records every member of a fleet listing, writing at most a bounded number of new keys. */
  learnListings(listings: readonly ApplianceListing[]): void {
    const found = new Map<string, string[]>();
    for (const listing of listings) {
      if (listing.status !== 'ok') continue;
      for (const member of listing.members) {
        const key = typeof member.uri === 'string' ? resourceKey(member.uri) : null;
        if (key !== null) found.set(key, [...(found.get(key) ?? []), listing.id]);
      }
    }
    let writes = 0;
    for (const [key, owners] of found) {
      const merged = this.#merge(key, owners);
      if (merged !== null && writes < this.#settings.maxWritesPerListing) {
        writes += 1;
        this.#write(key, merged);
      }
    }
  }

  /** Drops one owner of a key, after it answered 404 for a resource it was thought to own. */
  forget(key: string, applianceId: string): void {
    const owners = (this.#memory.get(key) ?? []).filter((id) => id !== applianceId);
    this.#memory.delete(key);
    const done =
      owners.length > 0
        ? this.#store.set(storeKey(key), JSON.stringify(owners), this.#settings.ttlMs)
        : this.#store.del(storeKey(key));
    done.catch((error: unknown) => this.#log.debug({ err: error }, 'ownership not forgotten'));
  }

  /** The union of known and new owners, or null when nothing changed. */
  #merge(key: string, owners: readonly string[]): string[] | null {
    const known = this.#memory.get(key) ?? [];
    const merged = [...new Set([...known, ...owners])].sort();
    if (merged.length === known.length) return null;
    this.#memory.set(key, merged);
    return merged;
  }

  #write(key: string, owners: string[]): void {
    this.#store
      .set(storeKey(key), JSON.stringify(owners), this.#settings.ttlMs)
      .catch((error: unknown) => this.#log.debug({ err: error }, 'ownership not stored'));
  }
}

function storeKey(key: string): string {
  return `fleet:owner:${key}`;
}

function parseOwners(text: string): string[] {
  try {
    const parsed = JSON.parse(text) as unknown;
    return Array.isArray(parsed) ? parsed.filter((id): id is string => typeof id === 'string') : [];
  } catch {
    return [];
  }
}
