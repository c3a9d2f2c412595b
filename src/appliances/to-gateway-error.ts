import { BulkheadFullError } from './bulkhead';
import { CircuitOpenError } from './circuit';
import { GatewayError, isGatewayError } from '../errors/gateway-error';
import { mapTransportFailure } from '../errors/map-transport-failure';

/** What the message of a transport error names. */
export interface FailureContext {
  applianceId: string;
  requestMs: number;
  connectMs: number;
  /** `GET /rest/server-hardware`, for details. */
  what: string;
  /** True when the request deadline passed, whatever error the HTTP client gave. */
  deadlinePassed?: boolean;
}

/** Turns anything a call to an appliance threw into a GatewayError with its stable code. */
export function toGatewayError(error: unknown, context: FailureContext): GatewayError {
  if (isGatewayError(error)) return error;
  const base = { applianceId: context.applianceId, details: context.what, cause: error };

  if (error instanceof CircuitOpenError) {
    return new GatewayError(
      'APPLIANCE_UNAVAILABLE',
      `Appliance ${context.applianceId} failed repeatedly; its circuit is open.`,
      { ...base, retryAfterSeconds: error.retryAfterMs / 1000 },
    );
  }
  if (error instanceof BulkheadFullError) {
    return new GatewayError(
      'APPLIANCE_BUSY',
      `Appliance ${context.applianceId} has too many requests in flight and waiting ` +
        '(appliances[].maxConcurrent and maxQueued).',
      { ...base, retryAfterSeconds: 1 },
    );
  }

  const failure = context.deadlinePassed
    ? mapTransportFailure({ code: 'GATEWAY_DEADLINE' })
    : mapTransportFailure(error);
  return new GatewayError(failure.code, describe(failure.code, failure.reason, context), {
    ...base,
    status: failure.status,
  });
}

function describe(code: string, reason: string, context: FailureContext): string {
  const id = context.applianceId;
  switch (code) {
    case 'APPLIANCE_TIMEOUT':
      return `Appliance ${id} did not answer within ${context.requestMs} ms (${reason}).`;
    case 'APPLIANCE_TLS_ERROR':
      return `TLS to appliance ${id} failed: ${reason}.`;
    case 'APPLIANCE_BAD_RESPONSE':
      return `Appliance ${id} sent something that is not an HTTP answer.`;
    default:
      return reason === 'connect timed out'
        ? `Appliance ${id} could not be reached: connect timed out after ${context.connectMs} ms.`
        : `Appliance ${id} could not be reached: ${reason}.`;
  }
}
