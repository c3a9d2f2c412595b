import { ERROR_CATALOGUE } from './catalogue';
import { GatewayError, isGatewayError } from './gateway-error';
import type { ErrorEnvelope } from './error-message';

/** Where an error happened, as far as the envelope needs it. */
export interface ErrorContext {
  requestId: string | null;
  applianceId?: string | null;
}

/** An error ready to send: status, headers of its own, and the envelope. */
export interface RenderedError {
  status: number;
  headers: Record<string, string>;
  body: ErrorEnvelope;
}

/**
 * Renders any thrown value as the gateway's envelope. A value that is not a GatewayError
 * is a fault of the gateway: it becomes INTERNAL_ERROR and says only the request id.
 */
export function renderError(error: unknown, context: ErrorContext): RenderedError {
  const gatewayError = isGatewayError(error) ? error : internalError(context);
  const headers: Record<string, string> = {};
  const retryAfter = gatewayError.retryAfterSeconds;
  if (retryAfter !== null && Number.isFinite(retryAfter)) {
    headers['retry-after'] = String(Math.max(1, Math.ceil(retryAfter)));
  }

  return {
    status: gatewayError.status,
    headers,
    body: {
      errorCode: gatewayError.errorCode,
      message: gatewayError.message,
      details: gatewayError.details,
      recommendedActions: [ERROR_CATALOGUE[gatewayError.errorCode].action],
      nestedErrors: gatewayError.nestedErrors,
      errorSource: null,
      data: gatewayError.data,
      httpStatus: gatewayError.status,
      source: 'gateway',
      applianceId: gatewayError.applianceId ?? context.applianceId ?? null,
      requestId: context.requestId,
    },
  };
}

function internalError(context: ErrorContext): GatewayError {
  return new GatewayError(
    'INTERNAL_ERROR',
    `The gateway failed to handle request ${context.requestId ?? '(no id)'}.`,
  );
}
