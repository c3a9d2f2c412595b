import Redis from 'ioredis';
import { startRedisServer } from '../../support/redis-server';
import type { RedisServerHandle } from '../../support/redis-server';
import { startTestGateway } from '../../support/gateway-harness';
import type { TestGateway } from '../../support/gateway-harness';
import { waitFor } from '../../support/simulator-client';
import { uniqueKeyPrefix } from '../../support/test-redis';

/** A Redis command that waited for its timeout would take this long: no request may. */
const COMMAND_TIMEOUT_MS = 4000;

/**
 * The store goes away (C10). A private redis-server is stopped and started again, so that
 * other test files sharing the run's Redis never see the outage.
 */
describe('a store outage', () => {
  let redis: RedisServerHandle;
  let t: TestGateway;
  const keyPrefix = uniqueKeyPrefix('outage');

  beforeAll(async () => {
    redis = await startRedisServer();
    t = await startTestGateway({
      versions: [
        [120, 8600],
        [120, 3400],
        [120, 800],
      ],
      keyPrefix,
      // Without the task watcher, which would negotiate every appliance at start.
      features: [],
      config: {
        store: { redisUrl: redis.url, keyPrefix, commandTimeoutMs: COMMAND_TIMEOUT_MS },
      },
    });
  });
  afterAll(async () => {
    await t.close();
    await redis.stop();
  });

  it('keeps answering without waiting on Redis, says degraded, and uses Redis again once it is back', async () => {
    expect((await t.fetch('/appliances/a/rest/enclosures')).status).toBe(200);
    expect((await fetch(`${t.url}/readyz`)).status).toBe(200);

    await redis.pause();
    const started = Date.now();
    const warm = await Promise.all(
      Array.from({ length: 100 }, () => t.fetch('/appliances/a/rest/enclosures')),
    );
    // Appliance b was never asked: its version lookup meets the store down, and negotiates.
    const cold = await t.fetch('/appliances/b/rest/enclosures');
    const elapsed = Date.now() - started;
    const ready = await fetch(`${t.url}/readyz`);

    expect(warm.map((answer) => answer.status)).toEqual(Array(100).fill(200));
    expect(cold.status).toBe(200);
    expect(cold.headers.get('x-api-version')).toBe('3400');
    expect(elapsed).toBeLessThan(COMMAND_TIMEOUT_MS);
    expect(ready.status).toBe(503);
    expect(await ready.json()).toEqual({
      status: 'degraded',
      store: { kind: 'redis', status: 'down' },
      appliances: { a: 'online', b: 'online', c: 'unknown' },
    });

    await redis.restart();
    await waitFor(async () => (await fetch(`${t.url}/readyz`)).status === 200 || undefined, 10_000);
    // Appliance c is negotiated after the restart: its version lands in the new Redis.
    expect((await t.fetch('/appliances/c/rest/enclosures')).status).toBe(200);
    const direct = new Redis(redis.url);
    try {
      const stored = JSON.parse((await direct.get(`${keyPrefix}version:c`)) ?? 'null') as {
        range: unknown;
      } | null;
      expect(stored?.range).toEqual({ minimumVersion: 120, currentVersion: 800 });
    } finally {
      direct.disconnect();
    }
  });
});
