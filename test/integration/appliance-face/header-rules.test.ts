import http from 'node:http';
import type { IncomingHttpHeaders } from 'node:http';
import { startTestGateway, ADMIN_KEY } from '../../support/gateway-harness';
import type { TestGateway } from '../../support/gateway-harness';

/** Sends one GET with exactly these headers (fetch would add and drop some of its own). */
function rawGet(
  gatewayUrl: string,
  path: string,
  headers: Record<string, string>,
): Promise<{ status: number; headers: IncomingHttpHeaders; body: Buffer }> {
  const { port } = new URL(gatewayUrl);
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, path, headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
      );
    });
    req.on('error', reject);
    req.end();
  });
}

describe('the header rules of the appliance face, seen on the wire (SPEC 3.1)', () => {
  let t: TestGateway;

  beforeAll(async () => {
    t = await startTestGateway({ versions: [[120, 8600]], features: [] });
    await t.fetch('/appliances/a/rest/enclosures');
  });
  afterAll(() => t.close());

  it('sends the appliance exactly the client headers the rules keep, and its own', async () => {
    const simulator = t.simulators[0]!;

    const answer = await rawGet(t.url, '/appliances/a/rest/enclosures?count=1', {
      authorization: `Bearer ${ADMIN_KEY}`,
      connection: 'keep-alive, x-hop',
      'x-hop': 'named by Connection',
      'keep-alive': 'timeout=5',
      te: 'trailers',
      'proxy-authorization': 'Basic eDp5',
      'x-forwarded-for': '203.0.113.9',
      'x-forwarded-host': 'evil.example',
      forwarded: 'for=203.0.113.9',
      auth: 'forged-session',
      'if-none-match': '5',
      accept: 'application/json;q=0.9',
      'accept-language': 'fr-CA',
      'x-api-version': '800',
      'x-request-id': 'rules-1',
      'x-custom': 'kept',
    });
    const seen = simulator.stats().recent.at(-1)!;

    expect(answer.status).toBe(200);
    expect(seen.url).toBe('/rest/enclosures?count=1');
    expect(seen.headers).toEqual({
      host: new URL(simulator.url).host,
      connection: 'keep-alive',
      'if-none-match': '5',
      accept: 'application/json;q=0.9',
      'accept-language': 'fr-CA',
      'x-custom': 'kept',
      'x-api-version': '800',
      auth: t.gateway.registry.get('a')!.sessions!.current(),
      'x-request-id': 'rules-1',
    });
  });

  it("answers with the appliance's headers, less hop-by-hop ones, plus the gateway's three", async () => {
    const answer = await rawGet(t.url, '/appliances/a/rest/enclosures?count=1', {
      'x-api-key': ADMIN_KEY,
      'x-request-id': 'rules-2',
      connection: 'close',
    });
    // Framing is the gateway's own towards this client: length or chunks, and the date.
    const {
      date,
      connection,
      'content-length': length,
      'transfer-encoding': chunked,
      ...headers
    } = answer.headers;

    expect(typeof date).toBe('string');
    expect(connection).toBe('close');
    expect(length === undefined ? chunked : Number(length)).toEqual(
      length === undefined ? 'chunked' : answer.body.length,
    );
    expect(headers).toEqual({
      server: 'Apache',
      'cache-control': 'no-cache',
      pragma: 'no-cache',
      expires: 'Thu, 01 Jan 1970 00:00:00 GMT',
      'content-language': 'en-US',
      'x-frame-options': 'DENY',
      'x-content-type-options': 'nosniff',
      'x-xss-protection': '1; mode=block',
      'content-type': 'application/json;charset=UTF-8',
      'x-request-id': 'rules-2',
      'x-appliance-id': 'a',
      'x-api-version': '8600',
    });
  });
});
