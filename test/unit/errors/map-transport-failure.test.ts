import { createServer as createHttpServer } from 'node:http';
import type { Server as HttpServer, RequestListener } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { createServer as createTcpServer } from 'node:net';
import type { AddressInfo, Server as TcpServer } from 'node:net';
import { generate } from 'selfsigned';
import { Agent, request } from 'undici';
import { mapTransportFailure } from '../../../src/errors/map-transport-failure';
import type { TransportFailure } from '../../../src/errors/map-transport-failure';

const unreachable = (reason: string, beforeRequestSent: boolean): TransportFailure => ({
  code: 'APPLIANCE_UNREACHABLE',
  status: 502,
  reason,
  beforeRequestSent,
});
const tls = (reason: string): TransportFailure => ({
  code: 'APPLIANCE_TLS_ERROR',
  status: 502,
  reason,
  beforeRequestSent: true,
});
const timeout = (reason: string): TransportFailure => ({
  code: 'APPLIANCE_TIMEOUT',
  status: 504,
  reason,
  beforeRequestSent: false,
});
const badResponse: TransportFailure = {
  code: 'APPLIANCE_BAD_RESPONSE',
  status: 502,
  reason: 'not an HTTP answer',
  beforeRequestSent: false,
};
const unknown = unreachable('transport failure', false);

function coded(code: string, cause?: unknown): Error {
  return Object.assign(new Error(`failure ${code}`, { cause }), { code });
}

describe('mapping a transport failure', () => {
  it.each<[string, TransportFailure]>([
    ['ECONNREFUSED', unreachable('connection refused', true)],
    ['ENOTFOUND', unreachable('host name not found', true)],
    ['EAI_AGAIN', unreachable('host name lookup failed', true)],
    ['EHOSTUNREACH', unreachable('host unreachable', true)],
    ['ENETUNREACH', unreachable('network unreachable', true)],
    ['EADDRNOTAVAIL', unreachable('address not available', true)],
    ['ECONNRESET', unreachable('connection reset', false)],
    ['EPIPE', unreachable('connection closed while sending', false)],
    ['ECONNABORTED', unreachable('connection aborted', false)],
    ['UND_ERR_SOCKET', unreachable('connection closed by the appliance', false)],
    ['UND_ERR_CLOSED', unreachable('connection pool closed', true)],
    ['UND_ERR_CONNECT_TIMEOUT', unreachable('connect timed out', true)],
    ['ETIMEDOUT', unreachable('connection timed out', false)],
    ['UND_ERR_HEADERS_TIMEOUT', timeout('no response headers in time')],
    ['UND_ERR_BODY_TIMEOUT', timeout('response body stalled')],
    ['GATEWAY_DEADLINE', timeout('request deadline passed')],
    ['DEPTH_ZERO_SELF_SIGNED_CERT', tls('self-signed certificate')],
    ['SELF_SIGNED_CERT_IN_CHAIN', tls('self-signed certificate in chain')],
    ['UNABLE_TO_VERIFY_LEAF_SIGNATURE', tls('certificate not trusted')],
    ['UNABLE_TO_GET_ISSUER_CERT_LOCALLY', tls('certificate issuer not trusted')],
    ['UNABLE_TO_GET_ISSUER_CERT', tls('certificate issuer not found')],
    ['CERT_HAS_EXPIRED', tls('certificate expired')],
    ['CERT_NOT_YET_VALID', tls('certificate not yet valid')],
    ['CERT_REVOKED', tls('certificate revoked')],
    ['ERR_TLS_CERT_ALTNAME_INVALID', tls('certificate does not name the appliance host')],
    ['ERR_SSL_WRONG_VERSION_NUMBER', tls('TLS handshake failed (is the appliance url http?)')],
    ['EPROTO', tls('TLS handshake failed')],
  ])('maps the code %s to its failure', (code, expected) => {
    expect(mapTransportFailure(coded(code))).toEqual(expected);
  });

  it.each([
    'ERR_SSL_SSLV3_ALERT_HANDSHAKE_FAILURE',
    'ERR_SSL_TLSV1_ALERT_PROTOCOL_VERSION',
    'ERR_TLS_HANDSHAKE_TIMEOUT',
    'CERT_SIGNATURE_FAILURE',
    'CERT_CHAIN_TOO_LONG',
  ])('reads the unlisted TLS code %s as a failed handshake', (code) => {
    expect(mapTransportFailure(coded(code))).toEqual(tls('TLS handshake failed'));
  });

  it.each(['HPE_INVALID_CONSTANT', 'HPE_INVALID_STATUS', 'HPE_UNEXPECTED_CONTENT_LENGTH'])(
    'reads the HTTP parser code %s as a bad response',
    (code) => {
      expect(mapTransportFailure(coded(code))).toEqual(badResponse);
    },
  );

  it('tells a headers timeout from a reset, and lets only the reset be retried as a read', () => {
    const timedOut = mapTransportFailure(coded('UND_ERR_HEADERS_TIMEOUT'));
    const reset = mapTransportFailure(coded('ECONNRESET'));

    expect([timedOut.code, timedOut.status]).toEqual(['APPLIANCE_TIMEOUT', 504]);
    expect([reset.code, reset.status]).toEqual(['APPLIANCE_UNREACHABLE', 502]);
  });

  it.each<[string, unknown, TransportFailure]>([
    [
      'an undici socket error over a reset',
      { code: 'UND_ERR_SOCKET', cause: { code: 'ECONNRESET' } },
      unreachable('connection closed by the appliance', false),
    ],
    [
      'a fetch TypeError over a refused connection',
      new TypeError('fetch failed', { cause: coded('ECONNREFUSED') }),
      unreachable('connection refused', true),
    ],
    [
      'a fetch TypeError over a self-signed certificate',
      new TypeError('fetch failed', { cause: coded('DEPTH_ZERO_SELF_SIGNED_CERT') }),
      tls('self-signed certificate'),
    ],
    [
      'an unknown code over a known one',
      coded('ERR_STREAM_PREMATURE_CLOSE', coded('ECONNRESET')),
      unreachable('connection reset', false),
    ],
    [
      'an error without a code over a timeout, three levels deep',
      new Error('outer', { cause: new Error('middle', { cause: coded('UND_ERR_BODY_TIMEOUT') }) }),
      timeout('response body stalled'),
    ],
    [
      'a cause at the fifth level',
      { cause: { cause: { cause: { cause: { code: 'ECONNREFUSED' } } } } },
      unreachable('connection refused', true),
    ],
    [
      'a cause past the fifth level, which is not read',
      { cause: { cause: { cause: { cause: { cause: { code: 'ECONNREFUSED' } } } } } },
      unknown,
    ],
  ])('walks the cause chain of %s', (_what, error, expected) => {
    expect(mapTransportFailure(error)).toEqual(expected);
  });

  it.each<[string, unknown]>([
    ['an Error without a code', new Error('something broke')],
    ['an unknown code', coded('ESOMETHINGNEW')],
    ['a numeric code', { code: 20 }],
    ['a string', 'ECONNREFUSED'],
    ['null', null],
    ['undefined', undefined],
  ])('maps %s to an unknown transport failure, never to a retry before sending', (_what, error) => {
    expect(mapTransportFailure(error)).toEqual(unknown);
  });

  it('returns a fresh object each time, so that a caller cannot change the table', () => {
    const first = mapTransportFailure(coded('ECONNREFUSED'));
    first.beforeRequestSent = false;

    expect(mapTransportFailure(coded('ECONNREFUSED')).beforeRequestSent).toBe(true);
  });
});

describe('mapping real failures from undici on loopback', () => {
  const servers: Array<HttpServer | TcpServer> = [];

  afterAll(async () => {
    for (const server of servers) {
      if ('closeAllConnections' in server) server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });

  async function listen<T extends HttpServer | TcpServer>(server: T): Promise<string> {
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return `127.0.0.1:${(server.address() as AddressInfo).port}`;
  }

  async function failureOf(
    url: string,
    options: Parameters<typeof request>[1] = {},
  ): Promise<unknown> {
    try {
      const answer = await request(url, options);
      await answer.body.text();
    } catch (error) {
      return error;
    }
    throw new Error(`expected ${url} to fail`);
  }

  async function closedPort(): Promise<string> {
    const server = createTcpServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    await new Promise((resolve) => server.close(resolve));
    return `127.0.0.1:${port}`;
  }

  it('maps a server that does not speak HTTP to a bad response', async () => {
    const server = createTcpServer((socket) => {
      socket.end('NOT HTTP\r\n\r\n');
      socket.destroySoon();
    });
    const address = await listen(server);

    expect(mapTransportFailure(await failureOf(`http://${address}/rest/version`))).toEqual({
      code: 'APPLIANCE_BAD_RESPONSE',
      status: 502,
      reason: 'not an HTTP answer',
      beforeRequestSent: false,
    });
  });

  it('maps response headers over the limit to a bad response', async () => {
    const server = createHttpServer((_req, res) => {
      res.setHeader('x-big', 'y'.repeat(32 * 1024));
      res.end('{}');
    });
    const address = await listen(server);
    const dispatcher = new Agent({ maxHeaderSize: 1024 });

    expect(
      mapTransportFailure(await failureOf(`http://${address}/rest/version`, { dispatcher })),
    ).toMatchObject({ code: 'APPLIANCE_BAD_RESPONSE', beforeRequestSent: false });
    await dispatcher.close();
  });

  it('maps a refused connection to unreachable, before the request was sent', async () => {
    const error = await failureOf('http://127.0.0.1:1/rest/version');

    expect(mapTransportFailure(error)).toEqual(unreachable('connection refused', true));
  });

  it('maps a refused connection seen through fetch to unreachable, before sending', async () => {
    const error = await fetch(`http://${await closedPort()}/rest/version`).catch(
      (failure: unknown) => failure,
    );

    expect(error).toMatchObject({ name: 'TypeError', message: 'fetch failed' });
    expect(mapTransportFailure(error)).toEqual(unreachable('connection refused', true));
  });

  it('maps an unknown host name to unreachable, before the request was sent', async () => {
    const error = await failureOf('http://no-such-host.invalid/rest/version');

    expect(mapTransportFailure(error)).toEqual(unreachable('host name not found', true));
  });

  it('maps a server that never answers to a timeout', async () => {
    const address = await listen(createHttpServer(() => undefined));

    const error = await failureOf(`http://${address}/rest/version`, { headersTimeout: 50 });

    expect(mapTransportFailure(error)).toEqual(timeout('no response headers in time'));
  });

  it('maps a server that drops the connection to unreachable, after the request was sent', async () => {
    const dropping: RequestListener = (req) => req.socket.destroy();
    const address = await listen(createHttpServer(dropping));

    const error = await failureOf(`http://${address}/rest/server-profiles`, {
      method: 'POST',
      body: '{}',
    });

    expect(mapTransportFailure(error)).toEqual(
      unreachable('connection closed by the appliance', false),
    );
  });

  describe('over TLS', () => {
    let pems: { key: string; cert: string };
    let address: string;

    beforeAll(async () => {
      const generated = await generate([{ name: 'commonName', value: 'appliance.test' }], {
        keyType: 'ec',
        algorithm: 'sha256',
        extensions: [{ name: 'subjectAltName', altNames: [{ type: 2, value: 'appliance.test' }] }],
      });
      pems = { key: generated.private, cert: generated.cert };
      address = await listen(
        createHttpsServer({ key: pems.key, cert: pems.cert }, (_req, res) => res.end('{}')),
      );
    });

    async function tlsFailureOf(ca?: string): Promise<unknown> {
      const dispatcher = new Agent({ connect: { rejectUnauthorized: true, ca } });
      try {
        return await failureOf(`https://${address}/rest/version`, { dispatcher });
      } finally {
        await dispatcher.close();
      }
    }

    it('maps a self-signed certificate to a TLS error', async () => {
      expect(mapTransportFailure(await tlsFailureOf())).toEqual(tls('self-signed certificate'));
    });

    it('maps a trusted certificate for another name to a TLS error', async () => {
      expect(mapTransportFailure(await tlsFailureOf(pems.cert))).toEqual(
        tls('certificate does not name the appliance host'),
      );
    });

    it('maps an https url pointed at a plain HTTP port to a TLS error', async () => {
      const plain = await listen(createHttpServer((_req, res) => res.end('{}')));

      const error = await failureOf(`https://${plain}/rest/version`);

      expect(mapTransportFailure(error)).toEqual(
        tls('TLS handshake failed (is the appliance url http?)'),
      );
    });
  });
});
