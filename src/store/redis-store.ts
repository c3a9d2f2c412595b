import Redis from 'ioredis';
import type { RedisOptions } from 'ioredis';
import { parseRedisUrl } from './parse-redis-url';
import type { RedisTarget } from './parse-redis-url';
import { RateLimiterRedis } from 'rate-limiter-flexible';
import type { RateLimiterAbstract } from 'rate-limiter-flexible';
import { StoreUnavailableError } from './store';
import type { RateLimiterSettings, Store, StreamEvent } from './store';

/** How the Redis store connects. */
export interface RedisStoreOptions {
  /** `redis://`, `rediss://`, a Unix socket path, or `redis+sentinel://` (parse-redis-url). */
  url: string;
  keyPrefix: string;
  /** Longest a command may take before it is given up. */
  commandTimeoutMs: number;
  /** Called when the connection changes state, for logs and readiness. */
  onStatus?: (status: 'up' | 'down', error?: Error) => void;
}

const DELETE_IF_EQUALS =
  "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end";
const EXPIRE_IF_EQUALS =
  "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('pexpire', KEYS[1], ARGV[2]) else return 0 end";

/**
 * The store on Redis through ioredis, set to fail fast: no offline queue, one retry per
 * command and a command timeout, so that a Redis outage costs a caller milliseconds and
 * never a stall. The connection keeps retrying in the background.
 */
export class RedisStore implements Store {
  readonly kind = 'redis';
  readonly #redis: Redis;
  readonly #prefix: string;
  readonly #options: RedisStoreOptions;
  readonly #target: RedisTarget;
  #subscriber: Redis | undefined;
  readonly #listeners = new Map<string, Set<(message: string) => void>>();
  #closed = false;

  constructor(options: RedisStoreOptions) {
    this.#options = options;
    this.#prefix = options.keyPrefix;
    const read = parseRedisUrl(options.url);
    if (!read.ok) throw new Error(`store.redisUrl: ${read.problem}`);
    this.#target = read.target;
    this.#redis = connect(this.#target, connectionOptions(options));
    this.#watch(this.#redis);
  }

  /** Waits until the first connection is ready, at most `timeoutMs`; false when it is not. */
  async waitUntilReady(timeoutMs: number): Promise<boolean> {
    if (this.#redis.status === 'ready') return true;
    return new Promise((resolve) => {
      const timer = setTimeout(() => done(false), timeoutMs);
      const done = (ready: boolean): void => {
        clearTimeout(timer);
        this.#redis.off('ready', onReady);
        resolve(ready);
      };
      const onReady = (): void => done(true);
      this.#redis.once('ready', onReady);
    });
  }

  get(key: string): Promise<string | null> {
    return this.#run(() => this.#redis.get(this.#key(key)));
  }

  async set(key: string, value: string, ttlMs?: number): Promise<void> {
    await this.#run(() =>
      ttlMs
        ? this.#redis.set(this.#key(key), value, 'PX', ttlMs)
        : this.#redis.set(this.#key(key), value),
    );
  }

  async del(key: string): Promise<void> {
    await this.#run(() => this.#redis.del(this.#key(key)));
  }

  async setIfAbsent(key: string, value: string, ttlMs: number): Promise<boolean> {
    const reply = await this.#run(() => this.#redis.set(this.#key(key), value, 'PX', ttlMs, 'NX'));
    return reply === 'OK';
  }

  async deleteIfEquals(key: string, value: string): Promise<boolean> {
    const reply = await this.#run(() =>
      this.#redis.eval(DELETE_IF_EQUALS, 1, this.#key(key), value),
    );
    return reply === 1;
  }

  async expireIfEquals(key: string, value: string, ttlMs: number): Promise<boolean> {
    const reply = await this.#run(() =>
      this.#redis.eval(EXPIRE_IF_EQUALS, 1, this.#key(key), value, String(ttlMs)),
    );
    return reply === 1;
  }

  async indexAdd(key: string, score: number, member: string): Promise<void> {
    await this.#run(() => this.#redis.zadd(this.#key(key), score, member));
  }

  async indexRemove(key: string, member: string): Promise<void> {
    await this.#run(() => this.#redis.zrem(this.#key(key), member));
  }

  indexRangeDesc(key: string, offset: number, limit: number): Promise<string[]> {
    if (limit <= 0) return Promise.resolve([]);
    return this.#run(() => this.#redis.zrevrange(this.#key(key), offset, offset + limit - 1));
  }

  indexRangeUpTo(key: string, maxScore: number, limit: number): Promise<string[]> {
    return this.#run(() =>
      this.#redis.zrangebyscore(this.#key(key), '-inf', maxScore, 'LIMIT', 0, limit),
    );
  }

  indexSize(key: string): Promise<number> {
    return this.#run(() => this.#redis.zcard(this.#key(key)));
  }

  getMany(keys: string[]): Promise<Array<string | null>> {
    if (keys.length === 0) return Promise.resolve([]);
    return this.#run(() => this.#redis.mget(keys.map((key) => this.#key(key))));
  }

  async streamAppend(key: string, data: string, maxLength: number): Promise<string> {
    const id = await this.#run(() =>
      this.#redis.xadd(this.#key(key), 'MAXLEN', '~', maxLength, '*', 'data', data),
    );
    return id ?? '0-0';
  }

  async streamRead(key: string, afterId: string, limit: number): Promise<StreamEvent[]> {
    const entries = await this.#run(() =>
      this.#redis.xrange(this.#key(key), `(${afterId}`, '+', 'COUNT', limit),
    );
    return entries.map(([id, fields]) => ({ id, data: fieldValue(fields, 'data') }));
  }

  async publish(channel: string, message: string): Promise<void> {
    await this.#run(() => this.#redis.publish(this.#key(channel), message));
  }

  async subscribe(
    channel: string,
    listener: (message: string) => void,
  ): Promise<() => Promise<void>> {
    const subscriber = this.#subscriberConnection();
    const name = this.#key(channel);
    let listeners = this.#listeners.get(name);
    const first = listeners === undefined;
    if (!listeners) this.#listeners.set(name, (listeners = new Set()));
    listeners.add(listener);
    if (first) {
      // Waited for at most a command timeout: while Redis is down, the subscription is made
      // when the connection is ready again (see #subscriberConnection), and a caller must
      // not wait for that.
      await waitAtMost(subscriber.subscribe(name), this.#options.commandTimeoutMs).catch(
        () => undefined,
      );
    }

    return async () => {
      listeners.delete(listener);
      if (listeners.size === 0) {
        this.#listeners.delete(name);
        await this.#run(() => subscriber.unsubscribe(name)).catch(() => undefined);
      }
    };
  }

  createRateLimiter = (settings: RateLimiterSettings): RateLimiterAbstract =>
    new RateLimiterRedis({
      ...settings,
      keyPrefix: this.#key(settings.keyPrefix),
      storeClient: this.#redis,
      // Fail at once while Redis is down, rather than wait on a reconnection.
      rejectIfRedisNotReady: true,
    });

  async ping(): Promise<void> {
    await this.#run(() => this.#redis.ping());
  }

  isUp(): boolean {
    return this.#redis.status === 'ready';
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    await Promise.all([quit(this.#redis), this.#subscriber ? quit(this.#subscriber) : undefined]);
  }

  #key(key: string): string {
    return this.#prefix + key;
  }

  async #run<T>(command: () => Promise<T>): Promise<T> {
    try {
      return await command();
    } catch (error) {
      throw new StoreUnavailableError(`Redis store: ${(error as Error).message}`, { cause: error });
    }
  }

  #subscriberConnection(): Redis {
    if (this.#subscriber) return this.#subscriber;
    const subscriber = connect(this.#target, {
      ...connectionOptions(this.#options),
      // A subscription must survive an outage, so this connection queues while offline.
      enableOfflineQueue: true,
      commandTimeout: undefined,
    });
    subscriber.on('error', () => undefined);
    // ioredis subscribes again only to channels it had subscribed; a subscription asked for
    // while Redis was down was dropped with its command, so every channel is asked again.
    subscriber.on('ready', () => {
      const channels = [...this.#listeners.keys()];
      if (channels.length > 0) subscriber.subscribe(...channels).catch(() => undefined);
    });
    subscriber.on('message', (channel: string, message: string) => {
      for (const listener of this.#listeners.get(channel) ?? []) listener(message);
    });
    this.#subscriber = subscriber;
    return subscriber;
  }

  #watch(redis: Redis): void {
    let up = false;
    const down = (error?: Error): void => {
      if (up && !this.#closed) this.#options.onStatus?.('down', error);
      up = false;
    };
    redis.on('ready', () => {
      up = true;
      this.#options.onStatus?.('up');
    });
    redis.on('error', (error: Error) => down(error));
    // A Redis that shuts down closes the connection without an error; waiting for the
    // first failed reconnection to say so would report the outage late.
    redis.on('close', () => down());
  }
}

/** A connection to the URL's Redis, or to the master its sentinels name. */
function connect(target: RedisTarget, options: RedisOptions): Redis {
  if (target.kind === 'direct') return new Redis(target.url, options);
  const { sentinels, name, db, username, password, sentinelPassword } = target;
  return new Redis({ ...options, sentinels, name, db, username, password, sentinelPassword });
}

function connectionOptions(options: RedisStoreOptions): RedisOptions {
  return {
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    commandTimeout: options.commandTimeoutMs,
    connectTimeout: Math.max(1000, options.commandTimeoutMs * 4),
    retryStrategy: (attempt: number) => Math.min(attempt * 200, 2000),
    // The gateway reads the ready state itself; a ready check would only delay it.
    enableReadyCheck: false,
  };
}

function fieldValue(fields: string[], name: string): string {
  const at = fields.indexOf(name);
  return at >= 0 ? (fields[at + 1] ?? '') : '';
}

/** Waits for a promise, but never longer than `ms`; its failure is ignored. */
async function waitAtMost(promise: Promise<unknown>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<void>((resolve) => (timer = setTimeout(resolve, ms)));
  await Promise.race([
    promise.then(
      () => undefined,
      () => undefined,
    ),
    timeout,
  ]);
  clearTimeout(timer);
}

async function quit(redis: Redis): Promise<void> {
  try {
    await redis.quit();
  } catch {
    redis.disconnect();
  }
}
