/**
 * OneView's ErrorMessage, as every appliance error body and every task error carries it,
 * plus the four fields the gateway adds (SPEC section 7).
 */
export interface ErrorMessage {
  errorCode: string;
  message: string;
  details: string;
  recommendedActions: string[];
  nestedErrors: ErrorMessage[];
  errorSource: string | null;
  data: Record<string, unknown>;
}

/** The body of every error response the gateway sends. */
export interface ErrorEnvelope extends ErrorMessage {
  httpStatus: number;
  source: 'gateway' | 'appliance';
  applianceId: string | null;
  requestId: string | null;
}
