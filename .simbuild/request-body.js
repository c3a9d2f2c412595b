"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.readJson = readJson;
exports.readJsonObject = readJsonObject;
const error_catalogue_1 = require("./error-catalogue");
const json_1 = require("./json");
// application/json and application/json-patch+json (oneview-python's PATCH type), any charset.
const JSON_TYPE = /^application\/(json|json-patch\+json)\s*(;|$)/i;
/**
 * Parses the body as JSON the way the appliance insists: a non-empty body must say it is
 * JSON (else 415) and be valid JSON (else 400). An empty body reads as undefined.
 */
function readJson(ctx) {
    if (ctx.body.length === 0)
        return undefined;
    const contentType = ctx.headers['content-type'] ?? '';
    if (!JSON_TYPE.test(contentType))
        throw (0, error_catalogue_1.createUnsupportedMediaTypeError)(contentType);
    try {
        return JSON.parse(ctx.body.toString('utf8'));
    }
    catch (error) {
        throw (0, error_catalogue_1.createInvalidJsonError)(error instanceof Error ? error.message : String(error));
    }
}
/** Parses a body that must be a JSON object; anything else is a 400. */
function readJsonObject(ctx) {
    const body = readJson(ctx);
    if (!(0, json_1.isJsonObject)(body)) {
        throw (0, error_catalogue_1.createInvalidJsonError)(`Expected a JSON object, got ${describeKind(body)}.`);
    }
    return body;
}
function describeKind(value) {
    if (value === undefined)
        return 'an empty body';
    if (value === null)
        return 'null';
    return Array.isArray(value) ? 'an array' : typeof value;
}
