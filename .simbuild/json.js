"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.isJsonObject = isJsonObject;
exports.formatTimestamp = formatTimestamp;
exports.readText = readText;
exports.printValue = printValue;
/** Tells whether a parsed JSON value is an object (not an array, not null). */
function isJsonObject(value) {
    return typeof value === 'object' && value !== null && !Array.isArray(value);
}
/** Formats epoch milliseconds the way OneView writes timestamps: `2015-09-10T20:12:50.006Z`. */
function formatTimestamp(ms) {
    return new Date(ms).toISOString();
}
/** A field as text: strings as they are, other scalars printed, null/absent/objects empty. */
function readText(value) {
    if (value === null || value === undefined || typeof value === 'object')
        return '';
    return String(value);
}
/** A value as an error message quotes it: strings bare, anything else as JSON. */
function printValue(value) {
    return typeof value === 'string' ? value : (JSON.stringify(value) ?? 'undefined');
}
