/** Tells whether a listen address is reachable only from this machine. */
export function isLoopbackHost(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host);
}

/**
 * SECURITY: the gateway holds credentials for a whole fleet. Without API keys it may only
 * listen on loopback, unless the operator says so explicitly (`auth.allowAnonymous`).
 * Returns what is wrong, or null.
 */
export function exposureProblem(
  auth: { mode?: unknown; allowAnonymous?: unknown },
  host: unknown,
): string | null {
  if (auth.mode !== 'none' || typeof host !== 'string') return null;
  if (isLoopbackHost(host) || auth.allowAnonymous === true) return null;
  return (
    `expected API keys on a non-loopback server.host ("${host}"); add auth.clients, or set ` +
    'auth.allowAnonymous: true to accept the risk'
  );
}
