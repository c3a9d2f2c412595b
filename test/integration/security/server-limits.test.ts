import { ADMIN_KEY, startTestGateway } from '../../support/gateway-harness';
import type { TestGateway } from '../../support/gateway-harness';
import { sendRaw } from '../../support/raw-http';

describe('the listener limits', () => {
  let t: TestGateway;

  beforeAll(async () => {
    t = await startTestGateway({
      features: [],
      config: { server: { maxHeaderBytes: 8192, headersTimeoutMs: 1000, shutdownTimeoutMs: 2000 } },
    });
  });
  afterAll(() => t.close());

  it('answers headers over server.maxHeaderBytes with 431 in the envelope', async () => {
    const answer = await sendRaw(
      t.url,
      `GET /appliances HTTP/1.1\r\nHost: x\r\nX-API-Key: ${ADMIN_KEY}\r\n` +
        `X-Padding: ${'p'.repeat(16 * 1024)}\r\n\r\n`,
    );

    expect(answer.status).toBe(431);
    expect(JSON.parse(answer.body)).toMatchObject({
      errorCode: 'REQUEST_TOO_LARGE',
      httpStatus: 431,
      details: 'server.maxHeaderBytes',
      source: 'gateway',
    });
  });

  it('answers a request line that is not HTTP with 400 in the envelope', async () => {
    const answer = await sendRaw(t.url, 'HELLO THERE\r\n\r\n');

    expect(answer.status).toBe(400);
    expect(JSON.parse(answer.body)).toMatchObject({ errorCode: 'BAD_REQUEST', httpStatus: 400 });
  });

  it('closes on a client that does not finish its headers within server.headersTimeoutMs', async () => {
    const started = Date.now();
    const answer = await sendRaw(t.url, 'GET /healthz HTTP/1.1\r\nHost: x\r\n', 10_000);

    expect(answer.status).toBe(408);
    expect(JSON.parse(answer.body)).toMatchObject({ errorCode: 'BAD_REQUEST', httpStatus: 408 });
    // The timeout is checked once a second: the socket is not held for long past it.
    expect(Date.now() - started).toBeLessThan(4000);
  });

  it.each([
    ['a path that does not decode', 'GET', '/appliances/%zz', {}, undefined, 400],
    [
      'a charset body-parser cannot read',
      'POST',
      '/appliances/a/refresh',
      { 'content-type': 'application/json; charset=ebcdic' },
      '{}',
      415,
    ],
    [
      'a body that is not the gzip it claims',
      'POST',
      '/appliances/a/refresh',
      { 'content-type': 'application/json', 'content-encoding': 'gzip' },
      'notgzip',
      400,
    ],
  ])(
    'answers %s with a 4xx envelope, not INTERNAL_ERROR',
    async (_, method, path, headers, body, status) => {
      const response = await t.fetch(path, {
        method,
        headers: headers as Record<string, string>,
        ...(body === undefined ? {} : { body }),
      });
      expect(response.status).toBe(status);
      expect(await response.json()).toMatchObject({ errorCode: 'BAD_REQUEST', httpStatus: status });
      expect(t.log.lines.filter((line) => line.msg === 'internal error')).toEqual([]);
    },
  );

  it('answers CONNECT with 405 and opens no tunnel', async () => {
    const answer = await sendRaw(
      t.url,
      'CONNECT example.com:443 HTTP/1.1\r\nHost: example.com:443\r\n\r\n',
    );

    expect(answer.status).toBe(405);
    expect(JSON.parse(answer.body)).toMatchObject({ errorCode: 'BAD_REQUEST', details: 'method' });
  });

  it('sends no X-Powered-By on any face', async () => {
    const answers = await Promise.all(
      ['/healthz', '/appliances', '/rest/version', '/appliances/a/rest/enclosures', '/nope'].map(
        (path) => t.fetch(path),
      ),
    );
    expect(answers.map((answer) => answer.headers.get('x-powered-by'))).toEqual([
      null,
      null,
      null,
      null,
      null,
    ]);
  });
});
