import type { GatewayErrorCode } from './catalogue';

/** What a transport failure means to a client. */
export interface TransportFailure {
  code: GatewayErrorCode;
  status: number;
  /** A short reason for the message: "connection refused", "certificate not trusted". */
  reason: string;
  /** True when no byte of the request can have reached the appliance. */
  beforeRequestSent: boolean;
}

interface Rule {
  code: GatewayErrorCode;
  status: number;
  reason: string;
  beforeRequestSent: boolean;
}

const unreachable = (reason: string, beforeRequestSent: boolean): Rule => ({
  code: 'APPLIANCE_UNREACHABLE',
  status: 502,
  reason,
  beforeRequestSent,
});
const tls = (reason: string): Rule => ({
  code: 'APPLIANCE_TLS_ERROR',
  status: 502,
  reason,
  beforeRequestSent: true,
});
const timeout = (reason: string, beforeRequestSent = false): Rule => ({
  code: 'APPLIANCE_TIMEOUT',
  status: 504,
  reason,
  beforeRequestSent,
});

const BAD_RESPONSE: Rule = {
  code: 'APPLIANCE_BAD_RESPONSE',
  status: 502,
  reason: 'not an HTTP answer',
  beforeRequestSent: false,
};

/** Node, undici and OpenSSL error codes, each with what it means for the client. */
const RULES: Record<string, Rule> = {
  ECONNREFUSED: unreachable('connection refused', true),
  ENOTFOUND: unreachable('host name not found', true),
  EAI_AGAIN: unreachable('host name lookup failed', true),
  EHOSTUNREACH: unreachable('host unreachable', true),
  ENETUNREACH: unreachable('network unreachable', true),
  EADDRNOTAVAIL: unreachable('address not available', true),
  ECONNRESET: unreachable('connection reset', false),
  EPIPE: unreachable('connection closed while sending', false),
  ECONNABORTED: unreachable('connection aborted', false),
  UND_ERR_SOCKET: unreachable('connection closed by the appliance', false),
  UND_ERR_CLOSED: unreachable('connection pool closed', true),
  // Also raised for a request already on the wire when its pool is destroyed.
  UND_ERR_DESTROYED: unreachable('connection pool closed', false),
  // A connect that does not finish is a route or firewall problem, not a slow appliance.
  UND_ERR_CONNECT_TIMEOUT: unreachable('connect timed out', true),
  // The kernel also raises it on an established socket, so the request may have gone out.
  ETIMEDOUT: unreachable('connection timed out', false),
  UND_ERR_HEADERS_TIMEOUT: timeout('no response headers in time'),
  UND_ERR_BODY_TIMEOUT: timeout('response body stalled'),
  GATEWAY_DEADLINE: timeout('request deadline passed'),
  DEPTH_ZERO_SELF_SIGNED_CERT: tls('self-signed certificate'),
  SELF_SIGNED_CERT_IN_CHAIN: tls('self-signed certificate in chain'),
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: tls('certificate not trusted'),
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: tls('certificate issuer not trusted'),
  UNABLE_TO_GET_ISSUER_CERT: tls('certificate issuer not found'),
  CERT_HAS_EXPIRED: tls('certificate expired'),
  CERT_NOT_YET_VALID: tls('certificate not yet valid'),
  CERT_REVOKED: tls('certificate revoked'),
  ERR_TLS_CERT_ALTNAME_INVALID: tls('certificate does not name the appliance host'),
  ERR_SSL_WRONG_VERSION_NUMBER: tls('TLS handshake failed (is the appliance url http?)'),
  EPROTO: tls('TLS handshake failed'),
  UND_ERR_HEADERS_OVERFLOW: { ...BAD_RESPONSE, reason: 'response headers too large' },
  UND_ERR_RES_CONTENT_LENGTH_MISMATCH: { ...BAD_RESPONSE, reason: 'body length mismatch' },
  // undici's HTTPParserError carries no code (it looks the name up by number), only its name.
  HTTPParserError: BAD_RESPONSE,
};

const UNKNOWN: Rule = unreachable('transport failure', false);

/**
 * Maps a transport failure (no HTTP answer at all) to a gateway code and status. Walks the
 * error's cause chain, since undici and fetch wrap the socket error that names the fault.
 */
export function mapTransportFailure(error: unknown): TransportFailure {
  for (const code of errorCodes(error)) {
    const rule = RULES[code] ?? ruleByFamily(code);
    if (rule) return { ...rule };
  }
  return { ...UNKNOWN };
}

function ruleByFamily(code: string): Rule | undefined {
  if (code.startsWith('HPE_')) return BAD_RESPONSE;
  if (code.startsWith('ERR_SSL_') || code.startsWith('ERR_TLS_') || code.includes('CERT')) {
    return tls('TLS handshake failed');
  }
  return undefined;
}

function errorCodes(error: unknown): string[] {
  const codes: string[] = [];
  let current: unknown = error;

  for (let depth = 0; depth < 5 && typeof current === 'object' && current !== null; depth++) {
    const { code, name } = current as { code?: unknown; name?: unknown };
    if (typeof code === 'string') codes.push(code);
    if (name === 'HTTPParserError') codes.push(name);
    current = (current as { cause?: unknown }).cause;
  }
  return codes;
}
