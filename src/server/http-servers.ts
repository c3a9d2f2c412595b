import http from 'node:http';
import https from 'node:https';
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import type { GatewayConfig } from '../config/schema';
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
  };
  if (certificate === undefined) return http.createServer(options, listener);
  return https.createServer({ ...options, ...certificate, minVersion: 'TLSv1.2' }, listener);
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
