"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.readParam = readParam;
exports.readHeader = readHeader;
/** The first `{id}` of the route. */
function readParam(ctx, index = 0) {
    return ctx.params[index] ?? '';
}
/** A request header as one string (Node joins repeated custom headers with `, `). */
function readHeader(ctx, name) {
    const value = ctx.headers[name];
    return Array.isArray(value) ? value.join(', ') : value;
}
