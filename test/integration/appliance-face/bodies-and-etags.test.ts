import { createHash } from 'node:crypto';
import http from 'node:http';
import { startTestGateway, ADMIN_KEY, SIM_PASSWORD } from '../../support/gateway-harness';
import type { TestGateway } from '../../support/gateway-harness';

const sha256 = (body: Buffer | string): string => createHash('sha256').update(body).digest('hex');

describe('bodies reach the appliance byte for byte (the whole kind of C8)', () => {
  let t: TestGateway;
  let sessionID: string;

  beforeAll(async () => {
    t = await startTestGateway({
      versions: [
        [120, 8600],
        [120, 8600],
      ],
      passthrough: [1],
    });
    const login = await t.fetch('/appliances/b/rest/login-sessions', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ userName: 'Administrator', password: SIM_PASSWORD }),
    });
    sessionID = ((await login.json()) as { sessionID: string }).sessionID;
  });
  afterAll(() => t.close());

  const json2k = JSON.stringify({ name: 'x'.repeat(2000), nested: { a: [1, 2, { b: 'é' }] } });
  const big = Buffer.from(JSON.stringify({ blob: 'y'.repeat(300 * 1024) }));
  const cases: Array<[string, string, string, Buffer, string]> = [
    ['POST', '/rest/ethernet-networks', 'application/json', Buffer.from(` ${json2k}\n`), 'a'],
    ['PUT', '/rest/login-sessions', 'application/json', Buffer.from('null'), 'b'],
    ['DELETE', '/rest/ethernet-networks/none', 'application/json', Buffer.from('{}'), 'a'],
    [
      'PATCH',
      '/rest/server-hardware/none',
      'application/json-patch+json',
      Buffer.from('[{"op":"replace","path":"/uidState","value":"On"}]'),
      'a',
    ],
    ['PUT', '/rest/ethernet-networks/none', 'application/json', big, 'a'],
  ];

  it.each(cases)(
    '%s %s arrives unchanged with its Content-Length',
    async (method, path, type, body, id) => {
      const response = await t.fetch(`/appliances/${id}${path}`, {
        method,
        headers: { 'content-type': type, ...(id === 'b' ? { auth: sessionID } : {}) },
        body,
      });
      const text = await response.text();

      // The appliance may refuse the content; the gateway itself never does.
      if (response.status >= 400) expect(JSON.parse(text)).toMatchObject({ source: 'appliance' });
      const simulator = t.simulators[id === 'a' ? 0 : 1]!;
      const seen = simulator.stats().recent.at(-1)!;
      expect(seen.method).toBe(method);
      expect(seen.bodyLength).toBe(body.length);
      expect(seen.bodySha256).toBe(sha256(body));
      expect(seen.headers['content-length']).toBe(String(body.length));
      expect(seen.headers['content-type']).toBe(type);
    },
  );

  it('streams a chunked upload larger than the replay limit', async () => {
    const chunk = Buffer.alloc(256 * 1024, 'z');
    const total = Buffer.concat(Array(8).fill(chunk) as Buffer[]);
    const { port } = new URL(t.url);

    const status = await new Promise<number>((resolve, reject) => {
      const req = http.request(
        {
          port,
          host: '127.0.0.1',
          method: 'PUT',
          path: '/appliances/a/rest/ethernet-networks/none',
          headers: { 'x-api-key': ADMIN_KEY, 'content-type': 'application/json' },
        },
        (res) => {
          res.resume();
          res.on('end', () => resolve(res.statusCode ?? 0));
        },
      );
      req.on('error', reject);
      for (let i = 0; i < 8; i++) req.write(chunk);
      req.end();
    });

    expect(status).toBeGreaterThanOrEqual(200);
    const seen = t.simulators[0]!.stats().recent.at(-1)!;
    expect(seen.bodyLength).toBe(total.length);
    expect(seen.bodySha256).toBe(sha256(total));
  });
});

describe('ETags pass through untouched (the whole kind of C4)', () => {
  let t: TestGateway;

  beforeAll(async () => {
    t = await startTestGateway({ versions: [[120, 8600]] });
  });
  afterAll(() => t.close());

  async function firstMember(collection: string): Promise<{ uri: string; eTag: string }> {
    const list = await t.fetch(`/appliances/a/rest/${collection}?count=1`);
    const body = (await list.json()) as { members: Array<{ uri: string; eTag: string }> };
    return body.members[0]!;
  }

  it.each(['server-hardware', 'alerts'])(
    'returns the appliance 412 for a stale If-Match on %s, with its own errorCode, and does not retry',
    async (collection) => {
      const member = await firstMember(collection);
      const item = await t.fetch(`/appliances/a${member.uri}`);
      const etag = item.headers.get('etag')!;
      const resource = (await item.json()) as Record<string, unknown>;
      const update = (ifMatch: string, name: string): Promise<Response> =>
        t.fetch(`/appliances/a${member.uri}`, {
          method: 'PUT',
          headers: { 'content-type': 'application/json', 'if-match': ifMatch },
          body: JSON.stringify({ ...resource, eTag: undefined, description: name }),
        });

      expect((await update(etag, 'first')).status).toBeLessThan(300);
      const before = t.simulators[0]!.stats().requests.total;
      const stale = await update(etag, 'second');
      const body = (await stale.json()) as Record<string, unknown>;

      expect(stale.status).toBe(412);
      expect(body).toMatchObject({ source: 'appliance', httpStatus: 412, applianceId: 'a' });
      expect(body.errorCode).toBe(
        collection === 'alerts'
          ? 'AlertEtagPreconditionFailedException'
          : 'NOMATCHING_ETAG_MESSAGE',
      );
      expect(t.simulators[0]!.stats().requests.total - before).toBe(1);
      expect(t.simulators[0]!.stats().recent.at(-1)!.headers['if-match']).toBe(etag);
      expect((await update('*', 'forced')).status).toBeLessThan(300);
      expect(t.simulators[0]!.stats().recent.at(-1)!.headers['if-match']).toBe('*');
    },
  );

  it('answers 304 to If-None-Match with the current ETag', async () => {
    const member = await firstMember('server-hardware');
    const item = await t.fetch(`/appliances/a${member.uri}`);
    const etag = item.headers.get('etag')!;

    const again = await t.fetch(`/appliances/a${member.uri}`, {
      headers: { 'if-none-match': etag },
    });

    expect(again.status).toBe(304);
    expect(t.simulators[0]!.stats().recent.at(-1)!.headers['if-none-match']).toBe(etag);
  });
});
