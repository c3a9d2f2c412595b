import net from 'node:net';
import { startTestGateway, ADMIN_KEY } from '../../support/gateway-harness';
import type { TestGateway } from '../../support/gateway-harness';

describe('the appliance face routes each request to its appliance', () => {
  let t: TestGateway;

  beforeAll(async () => {
    t = await startTestGateway({
      versions: [
        [120, 800],
        [120, 3400],
        [120, 8600],
      ],
    });
  });
  afterAll(() => t.close());

  it.each([
    ['a', 0, '800'],
    ['b', 1, '3400'],
    ['c', 2, '8600'],
  ])(
    'answers appliance %s from its own simulator at the version it supports',
    async (id, index, version) => {
      const simulator = t.simulators[index]!;
      const before = simulator.stats().requests.byRoute['GET /rest/enclosures'] ?? 0;

      const response = await t.fetch(`/appliances/${id}/rest/enclosures?count=1`);
      const body = (await response.json()) as { members: unknown[]; type: string };

      expect(response.status).toBe(200);
      expect(response.headers.get('x-appliance-id')).toBe(id);
      expect(response.headers.get('x-api-version')).toBe(version);
      expect(response.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
      expect(body.members).toHaveLength(1);
      expect(simulator.stats().requests.byRoute['GET /rest/enclosures']).toBe(before + 1);
      const last = simulator.stats().recent.at(-1)!;
      expect(last.url).toBe('/rest/enclosures?count=1');
      expect(last.headers['x-api-version']).toBe(version);
    },
  );

  it('passes the answer body through byte for byte', async () => {
    const direct = await fetch(
      `${t.simulators[2]!.url}/rest/server-hardware?count=3&sort=name:desc`,
      {
        headers: { 'x-api-version': '8600', auth: await loginDirect(t.simulators[2]!.url) },
      },
    );
    const viaGateway = await t.fetch('/appliances/c/rest/server-hardware?count=3&sort=name:desc');

    expect(viaGateway.status).toBe(200);
    expect(await viaGateway.text()).toBe(await direct.text());
  });

  it('keeps a client X-Request-Id that is safe to echo, and replaces one that is not', async () => {
    const kept = await t.fetch('/appliances/a/rest/enclosures', {
      headers: { 'x-request-id': 'abc.123_x-y' },
    });
    const replaced = await t.fetch('/appliances/a/rest/enclosures', {
      headers: { 'x-request-id': 'bad id!' },
    });

    expect(kept.headers.get('x-request-id')).toBe('abc.123_x-y');
    expect(t.simulators[0]!.stats().recent.at(-2)!.headers['x-request-id']).toBe('abc.123_x-y');
    expect(replaced.headers.get('x-request-id')).not.toBe('bad id!');
  });

  it('answers 404 APPLIANCE_NOT_FOUND for an unknown id, in the envelope', async () => {
    const response = await t.fetch('/appliances/nope/rest/enclosures', {
      headers: { 'x-request-id': 'r-1' },
    });

    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({
      errorCode: 'APPLIANCE_NOT_FOUND',
      message: 'No appliance has the id "nope".',
      details: '',
      recommendedActions: ['List the configured appliances: GET /appliances.'],
      nestedErrors: [],
      errorSource: null,
      data: {},
      httpStatus: 404,
      source: 'gateway',
      applianceId: 'nope',
      requestId: 'r-1',
    });
  });

  it.each([
    '/appliances/a/rest/../_sim/stats',
    '/appliances/a/rest/%2e%2e/_sim/stats',
    '/appliances/a/rest/server-hardware%2F..%2F..%2F_sim%2Fstats',
    '/appliances/a/rest/x%5c..%5c_sim',
  ])('refuses %s with 400 BAD_REQUEST and never calls the appliance', async (path) => {
    const before = t.simulators[0]!.stats().requests.total;

    const status = await rawRequest(t.url, `GET ${path} HTTP/1.1`);

    expect(status.statusLine).toContain('400');
    expect(JSON.parse(status.body)).toMatchObject({ errorCode: 'BAD_REQUEST', source: 'gateway' });
    expect(t.simulators[0]!.stats().requests.total).toBe(before);
  });

  it('serves an absolute-form request line by its path alone, never by its host', async () => {
    const before = t.simulators[1]!.stats().requests.byRoute['GET /rest/enclosures'] ?? 0;

    const answer = await rawRequest(
      t.url,
      'GET http://169.254.169.254:80/appliances/b/rest/enclosures HTTP/1.1',
      { 'X-API-Key': ADMIN_KEY },
    );

    expect(answer.statusLine).toContain('200');
    expect(t.simulators[1]!.stats().requests.byRoute['GET /rest/enclosures']).toBe(before + 1);
  });

  it('needs an API key, and says so in the envelope', async () => {
    const response = await fetch(`${t.url}/appliances/a/rest/enclosures`);

    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ errorCode: 'UNAUTHENTICATED', httpStatus: 401 });
  });

  it('strips the gateway credential, Host and X-Forwarded-* before the appliance', async () => {
    await t.fetch('/appliances/a/rest/enclosures', {
      headers: {
        'x-forwarded-host': 'evil.example',
        'x-forwarded-for': '6.6.6.6',
        authorization: 'Bearer x',
      },
    });

    const seen = t.simulators[0]!.stats().recent.at(-1)!.headers;
    expect(seen['x-api-key']).toBeUndefined();
    expect(seen.authorization).toBeUndefined();
    expect(seen['x-forwarded-host']).toBeUndefined();
    expect(seen['x-forwarded-for']).toBeUndefined();
    expect(seen.host).toBe(new URL(t.simulators[0]!.url).host);
    expect(typeof seen.auth).toBe('string');
  });
});

async function loginDirect(url: string): Promise<string> {
  const response = await fetch(`${url}/rest/login-sessions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-api-version': '8600' },
    body: JSON.stringify({ userName: 'Administrator', password: 'sim-password-7f3a' }),
  });
  return ((await response.json()) as { sessionID: string }).sessionID;
}

/** Sends a raw request line, so that paths reach the gateway exactly as written. */
function rawRequest(
  base: string,
  requestLine: string,
  headers: Record<string, string> = {},
): Promise<{ statusLine: string; body: string }> {
  const { hostname, port } = new URL(base);
  return new Promise((resolve, reject) => {
    const socket = net.connect(Number(port), hostname);
    let data = '';
    socket.on('data', (chunk) => (data += chunk.toString('utf8')));
    socket.on('end', () => {
      const [head = '', body = ''] = data.split('\r\n\r\n');
      resolve({ statusLine: head.split('\r\n')[0] ?? '', body });
    });
    socket.on('error', reject);
    const extra = Object.entries({ 'X-API-Key': ADMIN_KEY, ...headers })
      .map(([name, value]) => `${name}: ${value}\r\n`)
      .join('');
    socket.write(`${requestLine}\r\nHost: ${hostname}\r\n${extra}Connection: close\r\n\r\n`);
  });
}
