import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import type { RateLimiterAbstract } from 'rate-limiter-flexible';
import { ANONYMOUS } from './clients';
import type { Client } from './clients';
import type { GatewayConfig } from '../config/schema';
import { GatewayError } from '../errors/gateway-error';
import type { Logger } from '../observability/logger';
import type { RateLimiterFactory } from '../store/store';

/** How often the requests admitted here are added to the store's shared counters. */
const SHARE_INTERVAL_MS = 100;

/**
 * Per-client request rates (SPEC 10): `perClientPerSecond` on average, and up to `burst`
 * more within the time the rate takes to earn them back, counted by rate-limiter-flexible.
 *
 * Each request is admitted by this process alone, with no store round trip: the proxy
 * path stays free of I/O. What this process admitted is added to the counters in the store
 * every 100 ms, in one command per client; a client the store finds over its rate is then
 * refused here too until its window ends. Replicas sharing a store therefore enforce one
 * limit between them, and may let through at most 100 ms of traffic too many each.
 */
export class RateLimits {
  readonly #local: Limiters;
  readonly #shared: Limiters | null;
  /** Requests admitted here since the last share, by client. */
  readonly #unshared = new Map<string, number>();
  /** Clients the shared counters refused, until when (epoch ms). */
  readonly #refusedUntil = new Map<string, number>();
  readonly #log: Logger;
  #timer: NodeJS.Timeout | null = null;
  #sharing: Promise<void> | null = null;
  #storeFailing = false;

  constructor(
    settings: GatewayConfig['rateLimit'],
    store: { kind: 'redis' | 'memory'; createRateLimiter: RateLimiterFactory },
    log: Logger,
  ) {
    this.#log = log;
    this.#local = limiters(settings, (options) => new RateLimiterMemory(options));
    this.#shared = store.kind === 'redis' ? limiters(settings, store.createRateLimiter) : null;
  }

  /** Starts adding local counts to the shared ones (with a shared store). */
  start(): void {
    if (this.#shared === null || this.#timer !== null) return;
    this.#timer = setInterval(() => void this.share(), SHARE_INTERVAL_MS);
    this.#timer.unref();
  }

  async stop(): Promise<void> {
    if (this.#timer !== null) clearInterval(this.#timer);
    this.#timer = null;
    await this.share();
  }

  /**
   * Admits one request of the client known by `key`, or throws RATE_LIMITED with the seconds
   * to wait. Never waits on the store.
   */
  async admit(key: string): Promise<void> {
    const refusedUntil = this.#refusedUntil.get(key);
    if (refusedUntil !== undefined) {
      const waitMs = refusedUntil - Date.now();
      if (waitMs > 0) throw rateLimited(key, waitMs);
      this.#refusedUntil.delete(key);
    }

    const waitMs = await spend(this.#local, key, 1);
    if (waitMs !== null) throw rateLimited(key, waitMs);
    if (this.#shared !== null) this.#unshared.set(key, (this.#unshared.get(key) ?? 0) + 1);
  }

  /** Adds what this process admitted to the shared counters (also run by the timer). */
  share(): Promise<void> {
    this.#sharing ??= this.#shareOnce().finally(() => (this.#sharing = null));
    return this.#sharing;
  }

  async #shareOnce(): Promise<void> {
    const shared = this.#shared;
    if (shared === null || this.#unshared.size === 0) return;
    const now = Date.now();
    for (const [key, until] of this.#refusedUntil) {
      if (until <= now) this.#refusedUntil.delete(key);
    }

    const counts = [...this.#unshared];
    this.#unshared.clear();

    const failures = await Promise.all(
      counts.map(async ([key, count]) => {
        try {
          const waitMs = await spend(shared, key, count);
          if (waitMs !== null) this.#refusedUntil.set(key, Date.now() + waitMs);
          return false;
        } catch {
          return true;
        }
      }),
    );
    this.#noteStore(failures.some(Boolean));
  }

  /** Logs once when sharing stops working and once when it works again. */
  #noteStore(failing: boolean): void {
    if (failing === this.#storeFailing) return;
    this.#storeFailing = failing;
    if (failing) {
      this.#log.warn(
        'rate limits not shared: the store does not answer; each replica counts alone',
      );
    } else {
      this.#log.info('rate limits shared through the store again');
    }
  }
}

/** The rate's limiter and the burst's, as rate-limiter-flexible counts them. */
interface Limiters {
  rate: RateLimiterAbstract;
  burst: RateLimiterAbstract;
}

/**
 * The rate as whole points per window (rate-limiter-flexible counts integers), and the
 * burst as a second window the length of time the rate takes to earn it.
 */
function limiters(settings: GatewayConfig['rateLimit'], create: RateLimiterFactory): Limiters {
  const { perClientPerSecond: rate, burst } = settings;
  const windowSeconds = rate >= 1 ? 1 : Math.ceil(1 / rate);
  return {
    rate: create({
      keyPrefix: 'rate',
      points: Math.max(1, Math.floor(rate * windowSeconds)),
      duration: windowSeconds,
    }),
    burst: create({
      keyPrefix: 'burst',
      points: burst,
      duration: Math.max(1, Math.ceil(burst / rate)),
    }),
  };
}

/**
 * Spends `count` requests of a client: from its rate, and what the rate cannot hold from
 * its burst. Resolves null when they fit, else the milliseconds until they would; rejects
 * when the limiter's store does not answer.
 */
async function spend(limits: Limiters, key: string, count: number): Promise<number | null> {
  let overRate: RateLimiterRes;
  try {
    await limits.rate.consume(key, count);
    return null;
  } catch (error) {
    if (!(error instanceof RateLimiterRes)) throw error;
    overRate = error;
  }

  const over = Math.min(count, overRate.consumedPoints - limits.rate.points);
  try {
    await limits.burst.consume(key, over);
    return null;
  } catch (error) {
    if (!(error instanceof RateLimiterRes)) throw error;
    return Math.min(overRate.msBeforeNext, error.msBeforeNext);
  }
}

/**
 * Whose rate a request counts against: its client's; without keys (`auth.mode: none`),
 * the address it came from.
 */
export function rateKeyOf(client: Client, remoteAddress: string | undefined): string {
  return client === ANONYMOUS ? `anonymous@${remoteAddress ?? 'unknown'}` : client.id;
}

function rateLimited(key: string, waitMs: number): GatewayError {
  const seconds = Math.max(1, Math.ceil(waitMs / 1000));
  return new GatewayError(
    'RATE_LIMITED',
    `Client ${key} sent more requests than its rate allows; retry in ${seconds} s.`,
    { details: 'rateLimit.perClientPerSecond, rateLimit.burst', retryAfterSeconds: seconds },
  );
}
