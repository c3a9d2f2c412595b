/**
 * The gateway's error codes: each with its HTTP status and the action a user should take.
 * Codes are part of the contract (SPEC section 7); add, never rename.
 */
export const ERROR_CATALOGUE = {
  BAD_REQUEST: {
    status: 400,
    action: 'Fix what the message names: the path, query, header, method or body.',
  },
  UNAUTHENTICATED: {
    status: 401,
    action: 'Send a valid API key as "Authorization: Bearer KEY" or "X-API-Key: KEY".',
  },
  FORBIDDEN: { status: 403, action: "Ask an operator to widen this client's scopes." },
  APPLIANCE_NOT_FOUND: { status: 404, action: 'List the configured appliances: GET /appliances.' },
  NOT_FOUND: { status: 404, action: 'Check the route; see README for the gateway routes.' },
  TASK_NOT_FOUND: { status: 404, action: 'Check the task id; list tasks with GET /tasks.' },
  RESOURCE_NOT_FOUND: {
    status: 404,
    action: 'Check the URI, or address the appliance directly: /appliances/{id}/rest/...',
  },
  AMBIGUOUS_RESOURCE: {
    status: 409,
    action: 'Address one appliance directly: /appliances/{id}/rest/...',
  },
  APPLIANCE_REQUIRED: {
    status: 400,
    action: 'Send writes that create resources to /appliances/{id}/rest/...',
  },
  API_VERSION_UNSUPPORTED: {
    status: 412,
    action: 'Send an X-API-Version inside the range in data, or omit it to let the gateway choose.',
  },
  REQUEST_TOO_LARGE: { status: 413, action: 'Send a smaller body.' },
  RATE_LIMITED: { status: 429, action: 'Wait for Retry-After seconds, then resend.' },
  APPLIANCE_INCOMPATIBLE: {
    status: 502,
    action:
      'Point the appliance entry at a OneView appliance, or change apiVersion.max or the pin.',
  },
  APPLIANCE_LOGIN_FAILED: {
    status: 502,
    action: "Check the appliance credentials in the gateway's config and secret store.",
  },
  APPLIANCE_UNREACHABLE: {
    status: 502,
    action: 'Check that the appliance is up and reachable from the gateway at its configured url.',
  },
  APPLIANCE_TLS_ERROR: {
    status: 502,
    action: "Trust the appliance's certificate with appliances[].tls.caFile, or fix its name.",
  },
  APPLIANCE_BAD_RESPONSE: {
    status: 502,
    action: 'Check what stands between the gateway and the appliance (a proxy, a load balancer).',
  },
  ALL_APPLIANCES_FAILED: { status: 502, action: 'See nestedErrors for each appliance.' },
  APPLIANCE_UNAVAILABLE: {
    status: 503,
    action: 'The appliance failed repeatedly; retry after Retry-After seconds.',
  },
  APPLIANCE_BUSY: {
    status: 503,
    action: 'Too many requests are waiting for this appliance; retry after Retry-After seconds.',
  },
  STORE_UNAVAILABLE: { status: 503, action: 'Check the Redis server named by store.redisUrl.' },
  APPLIANCE_TIMEOUT: {
    status: 504,
    action: "Check the appliance's load, or raise appliances[].timeouts.requestMs.",
  },
  INTERNAL_ERROR: {
    status: 500,
    action: 'Report the request id to the gateway operators; the log holds the details.',
  },
} as const satisfies Record<string, { status: number; action: string }>;

/** A stable gateway error code (SPEC section 7). */
export type GatewayErrorCode = keyof typeof ERROR_CATALOGUE;

/** Tells whether a string is one of the gateway's own error codes. */
export function isGatewayErrorCode(code: string): code is GatewayErrorCode {
  return Object.prototype.hasOwnProperty.call(ERROR_CATALOGUE, code);
}
