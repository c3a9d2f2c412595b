import { hashKey } from '../../../src/auth/clients';
import type { FeatureFactory } from '../../../src/server/feature';
import { startTestGateway } from '../../support/gateway-harness';
import type { TestGateway } from '../../support/gateway-harness';
import { startRedisServer } from '../../support/redis-server';
import type { RedisServerHandle } from '../../support/redis-server';
import { waitFor } from '../../support/simulator-client';
import { uniqueKeyPrefix } from '../../support/test-redis';

const READER_KEY = 'reader-key-for-dc1-only';

/** A route that fails the way a bug in the gateway would, through the real extension point. */
const faultyFeature: FeatureFactory = () => ({
  mount(app) {
    app.get('/faulty', () => {
      throw new Error('secret internal detail');
    });
  },
});

describe('the gateway face', () => {
  let t: TestGateway;

  beforeAll(async () => {
    t = await startTestGateway({
      versions: [
        [120, 8600],
        [120, 3400],
      ],
      ids: ['dc1-a', 'dc2-b'],
      features: [faultyFeature],
      config: {
        server: { host: '127.0.0.1', port: 0, bodyLimitBytes: 1024 },
        auth: {
          mode: 'keys',
          clients: [
            { id: 'admin', keySha256: hashKey('test-admin-key-0c81d4') },
            {
              id: 'reader',
              keySha256: hashKey(READER_KEY),
              scopes: { appliances: ['dc1-*'], methods: ['GET'] },
            },
          ],
        },
      },
    });
  });
  afterAll(() => t.close());

  const asReader = (path: string, init: RequestInit = {}): Promise<Response> =>
    fetch(t.url + path, { ...init, headers: { 'x-api-key': READER_KEY } });

  it('describes every appliance with its negotiated version, and never a credential', async () => {
    await t.fetch('/appliances/dc1-a/rest/enclosures');

    const response = await t.fetch('/appliances');
    const body = (await response.json()) as {
      members: Array<Record<string, unknown>>;
      total: number;
    };

    expect(response.status).toBe(200);
    expect(body.total).toBe(2);
    expect(body.members[0]).toEqual({
      id: 'dc1-a',
      url: t.simulators[0]!.url,
      labels: {},
      state: 'online',
      apiVersion: {
        minimumVersion: 120,
        currentVersion: 8600,
        negotiated: 8600,
        source: 'negotiated',
        fetchedAt: expect.any(String),
      },
      circuit: 'closed',
      session: 'active',
      mode: 'gateway-session',
      inflight: 0,
      queued: 0,
      lastError: null,
    });
    expect(JSON.stringify(body)).not.toMatch(/password|sim-password|sessionID/i);
  });

  it('forgets the version and session on refresh and negotiates again', async () => {
    const simulator = t.simulators[1]!;
    await t.fetch('/appliances/dc2-b/rest/enclosures');
    const before = simulator.stats();

    const response = await t.fetch('/appliances/dc2-b/refresh', { method: 'POST' });

    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ id: 'dc2-b', apiVersion: { negotiated: 3400 } });
    expect(simulator.stats().versionRequests).toBe(before.versionRequests + 1);
    expect(simulator.stats().logouts).toBe(before.logouts + 1);
  });

  it('shows a scoped client only its appliances, and forbids it what its scopes exclude', async () => {
    const list = (await (await asReader('/appliances')).json()) as {
      members: Array<{ id: string }>;
    };
    const hidden = await asReader('/appliances/dc2-b');
    const otherAppliance = await asReader('/appliances/dc2-b/rest/enclosures');
    const write = await fetch(`${t.url}/appliances/dc1-a/rest/ethernet-networks`, {
      method: 'POST',
      headers: { 'x-api-key': READER_KEY, 'content-type': 'application/json' },
      body: '{}',
    });

    expect(list.members.map((m) => m.id)).toEqual(['dc1-a']);
    expect(hidden.status).toBe(404);
    expect(await hidden.json()).toMatchObject({ errorCode: 'APPLIANCE_NOT_FOUND' });
    expect(otherAppliance.status).toBe(403);
    expect(await otherAppliance.json()).toMatchObject({
      errorCode: 'FORBIDDEN',
      source: 'gateway',
    });
    expect(write.status).toBe(403);
    expect(await write.json()).toMatchObject({
      errorCode: 'FORBIDDEN',
      message: 'Client reader may not send POST requests.',
    });
  });

  it('answers NOT_FOUND in the envelope for a route nobody serves', async () => {
    const response = await t.fetch('/nowhere', { headers: { 'x-request-id': 'nf-1' } });

    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({
      errorCode: 'NOT_FOUND',
      httpStatus: 404,
      source: 'gateway',
      requestId: 'nf-1',
    });
  });

  it('answers REQUEST_TOO_LARGE for a body over server.bodyLimitBytes', async () => {
    const response = await t.fetch('/appliances/dc1-a/refresh', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ padding: 'x'.repeat(4096) }),
    });

    expect(response.status).toBe(413);
    expect(await response.json()).toMatchObject({
      errorCode: 'REQUEST_TOO_LARGE',
      httpStatus: 413,
    });
  });

  it('answers INTERNAL_ERROR with only the request id, and logs the stack', async () => {
    const response = await t.fetch('/faulty', { headers: { 'x-request-id': 'boom-1' } });
    const body = (await response.json()) as Record<string, unknown>;

    expect(response.status).toBe(500);
    expect(body).toEqual({
      errorCode: 'INTERNAL_ERROR',
      message: 'The gateway failed to handle request boom-1.',
      details: '',
      recommendedActions: [
        'Report the request id to the gateway operators; the log holds the details.',
      ],
      nestedErrors: [],
      errorSource: null,
      data: {},
      httpStatus: 500,
      source: 'gateway',
      applianceId: null,
      requestId: 'boom-1',
    });
    const logged = t.log.lines.find((line) => line.msg === 'internal error');
    expect(logged).toMatchObject({ level: 'error', err: { message: 'secret internal detail' } });
    expect((logged?.err as { stack?: string }).stack).toContain('gateway-face.test.ts');
  });

  it('answers health and readiness without a key', async () => {
    const health = await fetch(`${t.url}/healthz`);
    const ready = await fetch(`${t.url}/readyz`);

    expect(await health.json()).toEqual({ status: 'ok' });
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({
      status: 'ready',
      store: { kind: 'redis', status: 'up' },
      appliances: { 'dc1-a': 'online', 'dc2-b': 'online' },
    });
  });
});

describe('readiness while Redis is down', () => {
  let redis: RedisServerHandle;
  let t: TestGateway;

  beforeAll(async () => {
    // A Redis of its own, which this test stops and starts again.
    redis = await startRedisServer();
    t = await startTestGateway({
      features: [],
      config: { store: { redisUrl: redis.url, keyPrefix: uniqueKeyPrefix('readyz') } },
    });
  });
  afterAll(async () => {
    await t?.close();
    await redis?.stop();
  });

  const readiness = async (): Promise<{ status: number; body: unknown }> => {
    const response = await fetch(`${t.url}/readyz`);
    return { status: response.status, body: await response.json() };
  };

  it('says degraded with 503 while the proxy path keeps serving, and ready again after', async () => {
    expect((await t.fetch('/appliances/a/rest/enclosures')).status).toBe(200);

    await redis.pause();
    const down = await waitFor(async () => {
      const answer = await readiness();
      return answer.status === 503 ? answer : undefined;
    });
    const proxied = await t.fetch('/appliances/a/rest/enclosures');

    expect(down.body).toEqual({
      status: 'degraded',
      store: { kind: 'redis', status: 'down' },
      appliances: { a: 'online' },
    });
    expect(proxied.status).toBe(200);
    expect(
      t.log.lines.filter((line) => line.msg === 'store unavailable; serving from process memory'),
    ).toHaveLength(1);

    await redis.restart();
    const up = await waitFor(async () => {
      const answer = await readiness();
      return answer.status === 200 ? answer : undefined;
    }, 10_000);

    expect(up.body).toEqual({
      status: 'ready',
      store: { kind: 'redis', status: 'up' },
      appliances: { a: 'online' },
    });
    expect(t.log.lines.filter((line) => line.msg === 'store connected')).toHaveLength(2);
  });
});
