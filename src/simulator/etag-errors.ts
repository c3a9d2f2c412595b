import { createError, type SimulatorError } from './errors';

/** The 412 errorCode and message an update with a stale ETag gets. */
export interface EtagMismatch {
  errorCode: string;
  message: string;
}

/** The mismatch answer of most resources. */
export const GENERIC_ETAG_MISMATCH: EtagMismatch = {
  errorCode: 'NOMATCHING_ETAG_MESSAGE',
  message: 'The ETag provided does not match the current ETag of the resource.',
};

/** The mismatch answer of alerts, as appliances word it. */
export const ALERT_ETAG_MISMATCH: EtagMismatch = {
  errorCode: 'AlertEtagPreconditionFailedException',
  message:
    'The provided Etag does not match the current Etag of the alert. Provide a valid Etag for the alert.',
};

/** 412 for an `If-Match` or body `eTag` that is not the resource's current one. */
export function createEtagMismatchError(mismatch: EtagMismatch, sent: string): SimulatorError {
  return createError(412, {
    errorCode: mismatch.errorCode,
    message: mismatch.message,
    details: `The ETag ${sent} is not the current ETag of the resource.`,
    recommendedActions: ['Get the resource again, then resend the request with its current ETag.'],
  });
}

/** 403 for an update carrying neither `If-Match` nor a body `eTag` (errorCode inferred). */
export function createEtagRequiredError(): SimulatorError {
  return createError(403, {
    errorCode: 'MISSING_ETAG_MESSAGE',
    message: 'The If-Match header and ETag is required for this request.',
    details: 'Send the current ETag in the If-Match header or in the eTag attribute of the body.',
    recommendedActions: ['Get the resource, then resend the request with its ETag.'],
  });
}
