import { ConfigError } from '../config/config-error';
import type { GatewayConfig } from '../config/schema';

/** Tells whether a listen address is reachable only from this machine. */
export function isLoopbackHost(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host);
}

/**
 * SECURITY: the gateway holds credentials for a whole fleet. Without API keys it may only
 * listen on loopback, unless the operator says so explicitly (`auth.allowAnonymous`).
 */
export function checkExposure(config: GatewayConfig): void {
  const { auth, server } = config;
  if (auth.mode === 'none' && !isLoopbackHost(server.host) && !auth.allowAnonymous) {
    throw new ConfigError([
      `auth.mode: received "none" with server.host "${server.host}": expected API keys on a ` +
        'non-loopback host; add auth.clients, or set auth.allowAnonymous: true to accept the risk',
    ]);
  }
}
