import { isSessionPath } from './session-paths';
import { GatewayError } from '../errors/gateway-error';

/** What decides whether a request may go to its appliance. */
export interface Forwardable {
  appliance: { id: string; sessions: unknown };
  method: string;
  path: string;
}

/**
 * The methods of the OneView REST API. SECURITY: others are not forwarded: TRACE would
 * echo the gateway's session back, CONNECT would open a tunnel.
 */
const FORWARDED_METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);

/**
 * Throws BAD_REQUEST for a request the gateway does not forward: a method OneView does not
 * have, or a session route of an appliance whose session is the gateway's.
 */
export function refuseUnforwardable(request: Forwardable): void {
  if (!FORWARDED_METHODS.has(request.method)) throw unforwardedMethod(request);
  if (request.appliance.sessions !== null && isSessionPath(request.path)) {
    throw heldSession(request);
  }
}

function unforwardedMethod(request: Forwardable): GatewayError {
  return new GatewayError(
    'BAD_REQUEST',
    `${request.method} is not forwarded; OneView answers GET, HEAD, POST, PUT, PATCH, ` +
      'DELETE and OPTIONS.',
    { applianceId: request.appliance.id, details: 'method', status: 405 },
  );
}

/**
 * SECURITY: an appliance with credentials is reached with the gateway's own session, so a
 * client must not read it back (`PUT /rest/login-sessions` answers the session id), end
 * it, or change it; OneView's session routes are the gateway's alone there.
 */
function heldSession(request: Forwardable): GatewayError {
  return new GatewayError(
    'BAD_REQUEST',
    `The gateway holds the session of appliance ${request.appliance.id}; ` +
      `${request.method} ${request.path} is not forwarded.`,
    { applianceId: request.appliance.id, details: `${request.method} ${request.path}` },
  );
}
