import type { IncomingHttpHeaders, OutgoingHttpHeaders } from 'node:http';

/**
 * Hop-by-hop headers (RFC 9110 section 7.6.1): they describe one connection, so a proxy
 * never forwards them. `proxy-authorization` and `proxy-authenticate` belong to the hop
 * too (RFC 9110 sections 11.7.1 and 11.7.2). `expect` is answered by Node itself.
 */
const HOP_BY_HOP = new Set([
  'connection',
  'proxy-connection',
  'keep-alive',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
  'proxy-authorization',
  'proxy-authenticate',
  'expect',
]);

/** SECURITY: the client's credential for the gateway is never shown to an appliance. */
const GATEWAY_CREDENTIALS = new Set(['authorization', 'x-api-key']);

/** What the gateway sets on a request towards an appliance. */
export interface UpstreamHeaderValues {
  apiVersion: number;
  /** The gateway's session; null in passthrough mode, where the client's `Auth` is kept. */
  session: string | null;
  requestId: string;
  trustProxy: boolean;
}

/**
 * Request headers towards an appliance (SPEC 3.1): the client's, byte for byte, less
 * hop-by-hop headers, the gateway credential, `Host` (the HTTP client sets the
 * appliance's) and `X-Forwarded-*` unless a trusted proxy sent them; plus the version,
 * the session and the request id.
 */
export function buildUpstreamHeaders(
  client: IncomingHttpHeaders,
  values: UpstreamHeaderValues,
): Record<string, string | string[]> {
  const dropped = namedInConnection(client.connection);
  const headers: Record<string, string | string[]> = {};

  for (const name in client) {
    const value = client[name];
    if (value === undefined || HOP_BY_HOP.has(name) || dropped?.has(name)) continue;
    if (GATEWAY_CREDENTIALS.has(name) || name === 'host' || name === 'x-api-version') continue;
    if (name === 'auth' && values.session !== null) continue;
    if (name === 'x-request-id') continue;
    if (!values.trustProxy && (name.startsWith('x-forwarded-') || name === 'forwarded')) continue;
    headers[name] = value;
  }

  headers['x-api-version'] = String(values.apiVersion);
  if (values.session !== null) headers.auth = values.session;
  headers['x-request-id'] = values.requestId;
  return headers;
}

/** What the gateway adds to every answer from an appliance. */
export interface ClientHeaderValues {
  requestId: string;
  applianceId: string;
  apiVersion: number;
  /** The rewritten Location, when the appliance sent one. */
  location?: string;
  taskUri?: string;
}

/**
 * Response headers towards the client: the appliance's, less hop-by-hop headers, plus
 * `X-Request-Id`, `X-Appliance-Id` and the `X-API-Version` used.
 */
export function buildClientHeaders(
  upstream: Record<string, string | string[] | undefined>,
  values: ClientHeaderValues,
): OutgoingHttpHeaders {
  const dropped = namedInConnection(upstream.connection);
  const headers: OutgoingHttpHeaders = {};

  for (const name in upstream) {
    const value = upstream[name];
    if (value === undefined || HOP_BY_HOP.has(name) || dropped?.has(name)) continue;
    headers[name] = value;
  }

  if (values.location !== undefined) headers.location = values.location;
  if (values.taskUri !== undefined) headers['x-task-uri'] = values.taskUri;
  headers['x-request-id'] = values.requestId;
  headers['x-appliance-id'] = values.applianceId;
  headers['x-api-version'] = String(values.apiVersion);
  return headers;
}

/** Headers that a `Connection` header names are hop-by-hop for that message. */
function namedInConnection(value: string | string[] | undefined): Set<string> | null {
  if (value === undefined) return null;
  const text = Array.isArray(value) ? value.join(',') : value;
  const names = text
    .split(',')
    .map((name) => name.trim().toLowerCase())
    .filter((name) => name !== '' && name !== 'close' && name !== 'keep-alive');
  return names.length === 0 ? null : new Set(names);
}
