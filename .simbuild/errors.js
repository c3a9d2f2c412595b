"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.SimulatorError = void 0;
exports.createErrorMessage = createErrorMessage;
exports.createError = createError;
/** Builds an ErrorMessage with all seven fields present. */
function createErrorMessage(parts) {
    return {
        errorCode: parts.errorCode,
        message: parts.message,
        details: parts.details ?? '',
        recommendedActions: parts.recommendedActions ?? [],
        nestedErrors: [],
        errorSource: parts.errorSource ?? null,
        data: {},
    };
}
/** An appliance error answer, thrown by handlers and rendered by the request pipeline. */
class SimulatorError extends Error {
    status;
    body;
    headers;
    /** The JSON body, rendered once. */
    json;
    constructor(status, body, headers = []) {
        super(body.message);
        this.status = status;
        this.body = body;
        this.headers = headers;
        this.json = JSON.stringify(body);
    }
}
exports.SimulatorError = SimulatorError;
/** Creates a throwable appliance error from its status and ErrorMessage parts. */
function createError(status, parts, headers) {
    return new SimulatorError(status, createErrorMessage(parts), headers);
}
