import { RateLimiterMemory } from 'rate-limiter-flexible';
import type { RateLimiterAbstract } from 'rate-limiter-flexible';
import { compareStreamIds } from './stream-id';
import type { RateLimiterSettings, Store, StreamEvent } from './store';

interface Entry {
  value: string;
  expiresAt: number;
}

const SWEEP_INTERVAL_MS = 60_000;

/**
 * The store in process memory, for a single gateway instance. It behaves as the Redis store
 * does, expiry and stream ids included, so that one test suite holds both to one contract.
 */
export class MemoryStore implements Store {
  readonly kind = 'memory';
  readonly #values = new Map<string, Entry>();
  readonly #indexes = new Map<string, SortedIndex>();
  readonly #streams = new Map<string, { events: StreamEvent[]; lastId: string }>();
  readonly #channels = new Map<string, Set<(message: string) => void>>();
  readonly #sweeper = setInterval(() => this.#sweep(), SWEEP_INTERVAL_MS).unref();

  get(key: string): Promise<string | null> {
    return Promise.resolve(this.#read(key));
  }

  set(key: string, value: string, ttlMs?: number): Promise<void> {
    this.#values.set(key, { value, expiresAt: ttlMs ? Date.now() + ttlMs : Infinity });
    return Promise.resolve();
  }

  del(key: string): Promise<void> {
    this.#values.delete(key);
    this.#indexes.delete(key);
    this.#streams.delete(key);
    return Promise.resolve();
  }

  setIfAbsent(key: string, value: string, ttlMs: number): Promise<boolean> {
    if (this.#read(key) !== null) return Promise.resolve(false);
    this.#values.set(key, { value, expiresAt: Date.now() + ttlMs });
    return Promise.resolve(true);
  }

  deleteIfEquals(key: string, value: string): Promise<boolean> {
    if (this.#read(key) !== value) return Promise.resolve(false);
    this.#values.delete(key);
    return Promise.resolve(true);
  }

  expireIfEquals(key: string, value: string, ttlMs: number): Promise<boolean> {
    if (this.#read(key) !== value) return Promise.resolve(false);
    this.#values.set(key, { value, expiresAt: Date.now() + ttlMs });
    return Promise.resolve(true);
  }

  indexAdd(key: string, score: number, member: string): Promise<void> {
    let index = this.#indexes.get(key);
    if (!index) this.#indexes.set(key, (index = new SortedIndex()));
    index.add(score, member);
    return Promise.resolve();
  }

  indexRemove(key: string, member: string): Promise<void> {
    this.#indexes.get(key)?.remove(member);
    return Promise.resolve();
  }

  indexRangeDesc(key: string, offset: number, limit: number): Promise<string[]> {
    const members = this.#indexes.get(key)?.ascending() ?? [];
    const end = members.length - offset;
    const start = Math.max(0, end - limit);
    return Promise.resolve(end <= 0 ? [] : members.slice(start, end).reverse());
  }

  indexRangeUpTo(key: string, maxScore: number, limit: number): Promise<string[]> {
    return Promise.resolve(this.#indexes.get(key)?.upTo(maxScore, limit) ?? []);
  }

  indexSize(key: string): Promise<number> {
    return Promise.resolve(this.#indexes.get(key)?.size ?? 0);
  }

  getMany(keys: string[]): Promise<Array<string | null>> {
    return Promise.resolve(keys.map((key) => this.#read(key)));
  }

  streamAppend(key: string, data: string, maxLength: number): Promise<string> {
    let stream = this.#streams.get(key);
    if (!stream) this.#streams.set(key, (stream = { events: [], lastId: '0-0' }));

    const id = nextStreamId(stream.lastId);
    stream.lastId = id;
    stream.events.push({ id, data });
    if (stream.events.length > maxLength) stream.events.splice(0, stream.events.length - maxLength);
    return Promise.resolve(id);
  }

  streamRead(key: string, afterId: string, limit: number): Promise<StreamEvent[]> {
    const events = this.#streams.get(key)?.events ?? [];
    const after = events.filter((event) => compareStreamIds(event.id, afterId) > 0);
    return Promise.resolve(after.slice(0, limit));
  }

  publish(channel: string, message: string): Promise<void> {
    for (const listener of this.#channels.get(channel) ?? []) {
      queueMicrotask(() => listener(message));
    }
    return Promise.resolve();
  }

  subscribe(channel: string, listener: (message: string) => void): Promise<() => Promise<void>> {
    let listeners = this.#channels.get(channel);
    if (!listeners) this.#channels.set(channel, (listeners = new Set()));
    listeners.add(listener);
    return Promise.resolve(() => {
      listeners.delete(listener);
      return Promise.resolve();
    });
  }

  createRateLimiter = (settings: RateLimiterSettings): RateLimiterAbstract =>
    new RateLimiterMemory(settings);

  ping(): Promise<void> {
    return Promise.resolve();
  }

  isUp(): boolean {
    return true;
  }

  close(): Promise<void> {
    clearInterval(this.#sweeper);
    this.#channels.clear();
    return Promise.resolve();
  }

  #read(key: string): string | null {
    const entry = this.#values.get(key);
    if (!entry) return null;
    if (entry.expiresAt <= Date.now()) {
      this.#values.delete(key);
      return null;
    }
    return entry.value;
  }

  #sweep(): void {
    const now = Date.now();
    for (const [key, entry] of this.#values) if (entry.expiresAt <= now) this.#values.delete(key);
  }
}

/** A score-ordered set of members, sorted lazily on read. */
class SortedIndex {
  readonly #scores = new Map<string, number>();
  #sorted: string[] | null = null;

  get size(): number {
    return this.#scores.size;
  }

  add(score: number, member: string): void {
    this.#scores.set(member, score);
    this.#sorted = null;
  }

  remove(member: string): void {
    if (this.#scores.delete(member)) this.#sorted = null;
  }

  ascending(): string[] {
    this.#sorted ??= [...this.#scores.entries()]
      .sort(([aMember, aScore], [bMember, bScore]) =>
        aScore === bScore ? (aMember < bMember ? -1 : 1) : aScore - bScore,
      )
      .map(([member]) => member);
    return this.#sorted;
  }

  upTo(maxScore: number, limit: number): string[] {
    const result: string[] = [];
    for (const member of this.ascending()) {
      if ((this.#scores.get(member) ?? Infinity) > maxScore || result.length >= limit) break;
      result.push(member);
    }
    return result;
  }
}

function nextStreamId(lastId: string): string {
  const now = Date.now();
  const [lastMs = 0, lastSeq = 0] = lastId.split('-').map(Number);
  return now > lastMs ? `${now}-0` : `${lastMs}-${lastSeq + 1}`;
}
