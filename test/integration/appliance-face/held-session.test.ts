import { ADMIN_KEY, startTestGateway } from '../../support/gateway-harness';
import type { TestGateway } from '../../support/gateway-harness';
import { sendRaw } from '../../support/raw-http';

describe("the gateway's own appliance session", () => {
  let t: TestGateway;

  beforeAll(async () => {
    t = await startTestGateway({ versions: [[120, 8600]], features: [] });
    const warm = await t.fetch('/appliances/a/rest/enclosures');
    expect(warm.status).toBe(200);
  });
  afterAll(() => t.close());

  it.each([
    ['PUT', '/rest/login-sessions', 'null'],
    ['DELETE', '/rest/login-sessions', undefined],
    ['POST', '/rest/login-sessions', '{"userName":"x","password":"y"}'],
    ['GET', '/rest/sessions', undefined],
    ['POST', '/rest/sessions/idle-timeout', '{"idleTimeout":60000}'],
  ])(
    'refuses %s %s on an appliance with credentials, and keeps the session',
    async (method, path, body) => {
      const held = t.gateway.registry.get('a')!.sessions!.current()!;
      const response = await t.fetch(`/appliances/a${path}`, {
        method,
        headers: { 'content-type': 'application/json' },
        ...(body === undefined ? {} : { body }),
      });
      const text = await response.text();

      expect(response.status).toBe(400);
      expect(JSON.parse(text)).toMatchObject({
        errorCode: 'BAD_REQUEST',
        source: 'gateway',
        applianceId: 'a',
        details: `${method} ${path}`,
      });
      expect(text).not.toContain(held);
      expect(t.simulators[0]!.stats().logouts).toBe(0);
      expect(t.gateway.registry.get('a')!.sessions!.current()).toBe(held);
    },
  );

  it.each([
    ['PUT', '/appliances/a/rest/%6cogin-sessions'],
    ['PUT', '/appliances/a/rest/login-sessions;jsessionid=x'],
    ['GET', '/appliances/a/rest/Sessions'],
  ])('refuses %s %s, however it is spelled', async (method, path) => {
    const before = t.simulators[0]!.stats().requests.total;
    const response = await t.fetch(path, { method });

    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ errorCode: 'BAD_REQUEST', source: 'gateway' });
    expect(t.simulators[0]!.stats().requests.total).toBe(before);
  });

  // Node's parser itself refuses a method HTTP does not define (BREW): 400, not 405.
  it.each([
    ['TRACE', 405],
    ['PROPFIND', 405],
    ['BREW', 400],
  ])('does not forward %s', async (method, status) => {
    const before = t.simulators[0]!.stats().requests.total;
    const answer = await sendRaw(
      t.url,
      `${method} /appliances/a/rest/enclosures HTTP/1.1\r\nHost: x\r\n` +
        `X-API-Key: ${ADMIN_KEY}\r\nConnection: close\r\n\r\n`,
    );

    expect(answer.status).toBe(status);
    expect(JSON.parse(answer.body)).toMatchObject({ errorCode: 'BAD_REQUEST', httpStatus: status });
    expect(t.simulators[0]!.stats().requests.total).toBe(before);
  });

  it('tells an unauthenticated caller nothing about which appliance ids exist', async () => {
    const known = await fetch(`${t.url}/appliances/a/rest/enclosures`);
    const unknown = await fetch(`${t.url}/appliances/zz/rest/enclosures`);

    expect([known.status, unknown.status]).toEqual([401, 401]);
    expect(await unknown.json()).toMatchObject({ errorCode: 'UNAUTHENTICATED' });
    expect(await known.json()).toMatchObject({ errorCode: 'UNAUTHENTICATED' });
  });

  it('still answers an unknown id to a client with a key', async () => {
    const response = await fetch(`${t.url}/appliances/zz/rest/enclosures`, {
      headers: { 'x-api-key': ADMIN_KEY },
    });
    expect(response.status).toBe(404);
  });
});

describe('the sessions of fleet appliances', () => {
  let fleet: TestGateway;

  beforeAll(async () => {
    fleet = await startTestGateway({
      versions: [
        [120, 8600],
        [120, 3400],
      ],
    });
  });
  afterAll(() => fleet.close());

  it.each([
    ['GET', '/rest/login-sessions'],
    ['GET', '/rest/sessions'],
    ['GET', '/rest/sessions/abc'],
    ['DELETE', '/rest/login-sessions/x'],
    ['GET', '/rest/%6cogin-sessions'],
  ])('are not reached by %s %s on the fleet face', async (method, path) => {
    const before = fleet.simulators.map((sim) => sim.stats().requests.total);
    const response = await fleet.fetch(path, { method });

    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ errorCode: 'BAD_REQUEST', source: 'gateway' });
    expect(fleet.simulators.map((sim) => sim.stats().requests.total)).toEqual(before);
  });
});

describe('a refused login', () => {
  it('is tried once for a burst of requests, answered from memory after, and again after a refresh', async () => {
    const t = await startTestGateway({
      versions: [[120, 8600]],
      features: [],
      simulator: { password: 'not-the-password-the-gateway-has' },
    });
    try {
      const sequential = [];
      for (let index = 0; index < 5; index += 1) {
        sequential.push((await t.fetch('/appliances/a/rest/enclosures')).status);
      }
      const concurrent = await Promise.all(
        Array.from(
          { length: 10 },
          async () => (await t.fetch('/appliances/a/rest/enclosures')).status,
        ),
      );
      expect([...sequential, ...concurrent]).toEqual(Array(15).fill(502));
      expect(t.simulators[0]!.stats().requests.byRoute['POST /rest/login-sessions']).toBe(1);

      const refreshed = await t.fetch('/appliances/a/refresh', { method: 'POST' });
      expect(refreshed.status).toBe(200);
      await t.fetch('/appliances/a/rest/enclosures');
      expect(t.simulators[0]!.stats().requests.byRoute['POST /rest/login-sessions']).toBe(2);
    } finally {
      await t.close();
    }
  });
});
