import { ERROR_CATALOGUE } from './catalogue';
import type { GatewayErrorCode } from './catalogue';
import type { ErrorMessage } from './error-message';

/** What a GatewayError may carry beyond its code and message. */
export interface GatewayErrorOptions {
  /** Overrides the catalogue status (APPLIANCE_BAD_RESPONSE keeps the appliance's). */
  status?: number;
  details?: string;
  applianceId?: string;
  data?: Record<string, unknown>;
  nestedErrors?: ErrorMessage[];
  /** Seconds a client should wait before trying again; sent as Retry-After. */
  retryAfterSeconds?: number;
  cause?: unknown;
}

/** The one error class of the gateway: a stable code, a status, and what caused it. */
export class GatewayError extends Error {
  readonly errorCode: GatewayErrorCode;
  readonly status: number;
  readonly details: string;
  readonly applianceId: string | null;
  readonly data: Record<string, unknown>;
  readonly nestedErrors: ErrorMessage[];
  readonly retryAfterSeconds: number | null;

  constructor(code: GatewayErrorCode, message: string, options: GatewayErrorOptions = {}) {
    super(message, { cause: options.cause });
    this.name = 'GatewayError';
    this.errorCode = code;
    this.status = options.status ?? ERROR_CATALOGUE[code].status;
    this.details = options.details ?? '';
    this.applianceId = options.applianceId ?? null;
    this.data = options.data ?? {};
    this.nestedErrors = options.nestedErrors ?? [];
    this.retryAfterSeconds = options.retryAfterSeconds ?? null;
  }
}

/** Tells whether a value is a GatewayError. */
export function isGatewayError(value: unknown): value is GatewayError {
  return value instanceof GatewayError;
}
