import type { RateLimiterAbstract } from 'rate-limiter-flexible';

/** The settings of one rate-limiter-flexible limiter; keys get the store's prefix too. */
export interface RateLimiterSettings {
  keyPrefix: string;
  points: number;
  /** The window, in seconds. */
  duration: number;
}

/** Makes a rate limiter whose counters live in a store. */
export type RateLimiterFactory = (settings: RateLimiterSettings) => RateLimiterAbstract;

/**
 * Where shared state lives (SPEC section 11): Redis for several replicas, or process memory
 * for one. Keys are given without the configured prefix; each implementation adds it.
 * Every call is bounded in time: a store that does not answer rejects with a
 * StoreUnavailableError instead of stalling its caller.
 */
export interface Store {
  /** `redis` or `memory`; memory means a single instance. */
  readonly kind: 'redis' | 'memory';

  get(key: string): Promise<string | null>;
  /** Sets a value, with a time to live in milliseconds when given. */
  set(key: string, value: string, ttlMs?: number): Promise<void>;
  del(key: string): Promise<void>;
  /** Sets the value only when the key is absent; true when it was set. */
  setIfAbsent(key: string, value: string, ttlMs: number): Promise<boolean>;
  /** Deletes the key only while it still holds `value` (releasing one's own lease). */
  deleteIfEquals(key: string, value: string): Promise<boolean>;
  /** Extends the time to live only while the key still holds `value`. */
  expireIfEquals(key: string, value: string, ttlMs: number): Promise<boolean>;

  /** Adds or moves a member of a sorted index. */
  indexAdd(key: string, score: number, member: string): Promise<void>;
  indexRemove(key: string, member: string): Promise<void>;
  /** Members from the highest score down, skipping `offset`, at most `limit`. */
  indexRangeDesc(key: string, offset: number, limit: number): Promise<string[]>;
  /** Members with a score at or below `maxScore`, lowest first, at most `limit`. */
  indexRangeUpTo(key: string, maxScore: number, limit: number): Promise<string[]>;
  indexSize(key: string): Promise<number>;
  /** Reads several keys in one round trip; null where absent. */
  getMany(keys: string[]): Promise<Array<string | null>>;

  /** Appends an event to a stream trimmed near `maxLength`; returns the event's id. */
  streamAppend(key: string, data: string, maxLength: number): Promise<string>;
  /** Events after `afterId` (exclusive), oldest first, at most `limit`. */
  streamRead(key: string, afterId: string, limit: number): Promise<StreamEvent[]>;

  /** Sends a message to every subscriber of the channel, in every replica. */
  publish(channel: string, message: string): Promise<void>;
  /** Calls `listener` for each message on the channel; returns the unsubscribe function. */
  subscribe(channel: string, listener: (message: string) => void): Promise<() => Promise<void>>;

  /**
   * A rate limiter (rate-limiter-flexible) counting in this store: shared by every replica
   * on a Redis store, this process's own on the in-process one.
   */
  createRateLimiter: RateLimiterFactory;

  /** Resolves when the store answers, rejects when it does not. */
  ping(): Promise<void>;
  /** True while the store is known to answer (no I/O). */
  isUp(): boolean;
  close(): Promise<void>;
}

/** One entry of a stream. */
export interface StreamEvent {
  id: string;
  data: string;
}

/** A store call that could not be answered in time or at all. */
export class StoreUnavailableError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'StoreUnavailableError';
  }
}
