import Redis from 'ioredis';
import { hashKey } from '../../../src/auth/clients';
import { ADMIN_KEY, startTestGateway } from '../../support/gateway-harness';
import type { TestGateway } from '../../support/gateway-harness';
import { recordSecret } from '../../support/secret-audit';
import { waitFor } from '../../support/simulator-client';
import { testRedisUrl, uniqueKeyPrefix } from '../../support/test-redis';

const OTHER_KEY = 'other-client-key-3d9e';
recordSecret(OTHER_KEY);

// One request a window of 10 s and a burst of 2: three requests, then refusals, however
// slow the machine is.
const TIGHT = { perClientPerSecond: 0.1, burst: 2 };

const clients = {
  mode: 'keys',
  clients: [
    { id: 'admin', keySha256: hashKey(ADMIN_KEY) },
    { id: 'other', keySha256: hashKey(OTHER_KEY) },
  ],
};

describe('per-client rate limits', () => {
  let t: TestGateway;

  beforeAll(async () => {
    t = await startTestGateway({ features: [], config: { auth: clients, rateLimit: TIGHT } });
  });
  afterAll(() => t.close());

  it('refuses a client past its rate and burst with 429 RATE_LIMITED and Retry-After, on every face but the probes', async () => {
    const allowed = [];
    for (let index = 0; index < 3; index += 1) {
      allowed.push((await t.fetch('/appliances/a/rest/enclosures')).status);
    }
    const refused = await t.fetch('/appliances/a/rest/enclosures');
    const registry = await t.fetch('/appliances');
    const probes = await Promise.all(
      ['/healthz', '/readyz', '/metrics'].map(async (path) => (await t.fetch(path)).status),
    );

    expect(allowed).toEqual([200, 200, 200]);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(await refused.json()).toEqual({
      errorCode: 'RATE_LIMITED',
      message: expect.stringContaining('Client admin sent more requests than its rate allows'),
      details: 'rateLimit.perClientPerSecond, rateLimit.burst',
      recommendedActions: ['Wait for Retry-After seconds, then resend.'],
      nestedErrors: [],
      errorSource: null,
      data: {},
      httpStatus: 429,
      source: 'gateway',
      applianceId: 'a',
      requestId: expect.any(String),
    });
    expect(registry.status).toBe(429);
    expect(probes).toEqual([200, 200, 200]);
  });

  it('counts each client alone', async () => {
    const other = await fetch(`${t.url}/appliances/a/rest/enclosures`, {
      headers: { 'x-api-key': OTHER_KEY },
    });
    expect(other.status).toBe(200);
  });
});

describe('rate limits shared by replicas on one Redis', () => {
  it('refuses a client on one replica once it spent its rate through the other', async () => {
    const keyPrefix = uniqueKeyPrefix('rate-replicas');
    const config = { auth: clients, rateLimit: TIGHT };
    const one = await startTestGateway({ features: [], keyPrefix, config });
    const two = await startTestGateway({
      features: [],
      keyPrefix,
      config,
      simulators: one.simulators,
    });
    const redis = new Redis(testRedisUrl());
    const sharedCount = async (): Promise<number> =>
      Number((await redis.get(`${keyPrefix}rate:admin`)) ?? 0);
    try {
      const throughOne = [];
      for (let index = 0; index < 3; index += 1) {
        throughOne.push((await one.fetch('/appliances/a/rest/enclosures')).status);
      }
      await waitFor(async () => ((await sharedCount()) === 3 ? true : undefined));

      // Replica two has seen none of them; alone it would admit three requests.
      const throughTwo: number[] = [];
      for (let index = 0; index < 3; index += 1) {
        const before = await sharedCount();
        const status = (await two.fetch('/appliances/a/rest/enclosures')).status;
        throughTwo.push(status);
        if (status === 200) {
          await waitFor(async () => ((await sharedCount()) > before ? true : undefined));
        }
      }

      expect(throughOne).toEqual([200, 200, 200]);
      // The first is admitted before its share reaches the store; the store's count refuses
      // the rest (the second may pass if it lands before the refusal does).
      expect(throughTwo[0]).toBe(200);
      expect(throughTwo[2]).toBe(429);
    } finally {
      redis.disconnect();
      await two.close();
      await one.close();
    }
  });
});
