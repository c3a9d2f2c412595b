import http, { STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import https from 'node:https';
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import type { GatewayConfig } from '../config/schema';
import { GatewayError } from '../errors/gateway-error';
import { renderError } from '../errors/render-error';
import type { Certificate } from './self-signed-certificate';

/**
 * An HTTP or HTTPS server with the limits of `server.*`: header size and time, request
 * time and keep-alive time, so that slow clients cannot hold sockets forever. HTTPS with
 * `certificate`, TLS 1.2 and later.
 */
export function createServer(
  config: GatewayConfig,
  listener: http.RequestListener,
  certificate?: Certificate,
): Server {
  const options: http.ServerOptions = {
    maxHeaderSize: config.server.maxHeaderBytes,
    headersTimeout: config.server.headersTimeoutMs,
    requestTimeout: config.server.requestTimeoutMs,
    keepAliveTimeout: config.server.keepAliveTimeoutMs,
    // Node checks the two timeouts above on this interval (30 s by default), which would
    // let a slow client hold its socket that much longer than configured.
    connectionsCheckingInterval: Math.min(1000, config.server.headersTimeoutMs),
  };
  const server =
    certificate === undefined
      ? http.createServer(options, listener)
      : https.createServer({ ...options, ...certificate, minVersion: 'TLSv1.2' }, listener);
  server.on('clientError', answerClientError);
  // CONNECT would ask for a tunnel; the gateway opens none.
  server.on('connect', (_req: http.IncomingMessage, socket: Duplex) =>
    answerClientError(Object.assign(new Error('CONNECT'), { code: 'GATEWAY_CONNECT' }), socket),
  );
  return server;
}

/**
 * Answers what Node refuses before any handler runs (headers over `server.maxHeaderBytes`,
 * a request that is not HTTP, a client too slow to send it) in the error envelope, as
 * Node's documentation suggests for `clientError`, then closes the connection.
 */
function answerClientError(error: Error & { code?: string }, socket: Duplex): void {
  if (!socket.writable || error.code === 'ECONNRESET') {
    socket.destroy();
    return;
  }
  const refusal = describeClientError(error.code);
  const body = JSON.stringify(renderError(refusal, { requestId: null }).body);
  socket.end(
    `HTTP/1.1 ${refusal.status} ${STATUS_CODES[refusal.status] ?? ''}\r\n` +
      'Content-Type: application/json; charset=utf-8\r\n' +
      `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
}

function describeClientError(code: string | undefined): GatewayError {
  if (code === 'HPE_HEADER_OVERFLOW') {
    return new GatewayError('REQUEST_TOO_LARGE', 'The request headers are too large.', {
      status: 431,
      details: 'server.maxHeaderBytes',
    });
  }
  if (code === 'ERR_HTTP_REQUEST_TIMEOUT') {
    return new GatewayError('BAD_REQUEST', 'The request did not arrive in time.', {
      status: 408,
      details: 'server.headersTimeoutMs, server.requestTimeoutMs',
    });
  }
  if (code === 'GATEWAY_CONNECT') {
    return new GatewayError('BAD_REQUEST', 'CONNECT is not served: the gateway opens no tunnel.', {
      status: 405,
      details: 'method',
    });
  }
  return new GatewayError('BAD_REQUEST', 'The request is not valid HTTP.');
}

/** The certificate of `server.tls`, when one is configured. */
export function configuredCertificate(config: GatewayConfig): Certificate | undefined {
  const { certFile, keyFile } = config.server.tls;
  if (!certFile || !keyFile) return undefined;
  return { cert: readFileSync(certFile, 'utf8'), key: readFileSync(keyFile, 'utf8') };
}

/** Listens on host and port; resolves with the port (the one picked, for port 0). */
export function listen(server: Server, host: string, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

/** How often, while draining, connections whose last answer has ended are closed. */
const DRAIN_IDLE_CHECK_MS = 50;

/** Stops accepting, lets in-flight requests finish, and cuts what is left at the timeout. */
export async function drain(server: Server, timeoutMs: number): Promise<void> {
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  server.closeIdleConnections();
  // A keep-alive connection whose request ends during the drain would otherwise stay open
  // until the client drops it or keepAliveTimeoutMs passes, holding the exit back; Node
  // closes idle connections only once, when close() is called.
  const idle = setInterval(() => server.closeIdleConnections(), DRAIN_IDLE_CHECK_MS);
  const timer = setTimeout(() => server.closeAllConnections(), timeoutMs);
  await closed;
  clearInterval(idle);
  clearTimeout(timer);
}

/** A host as it is written in a URL the gateway prints. */
export function hostForUrl(host: string): string {
  if (host === '0.0.0.0' || host === '::') return '127.0.0.1';
  return host.includes(':') ? `[${host}]` : host;
}
