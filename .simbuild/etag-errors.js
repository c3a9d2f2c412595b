"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.ALERT_ETAG_MISMATCH = exports.GENERIC_ETAG_MISMATCH = void 0;
exports.createEtagMismatchError = createEtagMismatchError;
exports.createEtagRequiredError = createEtagRequiredError;
const errors_1 = require("./errors");
/** The mismatch answer of most resources. */
exports.GENERIC_ETAG_MISMATCH = {
    errorCode: 'NOMATCHING_ETAG_MESSAGE',
    message: 'The ETag provided does not match the current ETag of the resource.',
};
/** The mismatch answer of alerts, as appliances word it. */
exports.ALERT_ETAG_MISMATCH = {
    errorCode: 'AlertEtagPreconditionFailedException',
    message: 'The provided Etag does not match the current Etag of the alert. Provide a valid Etag for the alert.',
};
/** 412 for an `If-Match` or body `eTag` that is not the resource's current one. */
function createEtagMismatchError(mismatch, sent) {
    return (0, errors_1.createError)(412, {
        errorCode: mismatch.errorCode,
        message: mismatch.message,
        details: `The ETag ${sent} is not the current ETag of the resource.`,
        recommendedActions: ['Get the resource again, then resend the request with its current ETag.'],
    });
}
/** 403 for an update carrying neither `If-Match` nor a body `eTag` (errorCode inferred). */
function createEtagRequiredError() {
    return (0, errors_1.createError)(403, {
        errorCode: 'MISSING_ETAG_MESSAGE',
        message: 'The If-Match header and ETag is required for this request.',
        details: 'Send the current ETag in the If-Match header or in the eTag attribute of the body.',
        recommendedActions: ['Get the resource, then resend the request with its ETag.'],
    });
}
