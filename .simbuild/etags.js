"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.answerNotModified = answerNotModified;
exports.requireCurrentEtag = requireCurrentEtag;
exports.checkOptionalEtag = checkOptionalEtag;
const etag_errors_1 = require("./etag-errors");
/** The 304 answer when `If-None-Match` names the current ETag (compared as sent, unquoted). */
function answerNotModified(ctx, eTag) {
    const sent = ctx.headers['if-none-match'];
    if (sent === undefined)
        return undefined;
    const matches = sent.split(',').some((candidate) => {
        const tag = candidate.trim();
        return tag === '*' || tag === eTag;
    });
    return matches ? { status: 304, headers: ['ETag', eTag] } : undefined;
}
/**
 * Enforces the appliance's update rule: the current ETag must come in `If-Match` or in the
 * body's `eTag` (`*` forces); a stale one is 412, none at all is 403. Compared byte for
 * byte: OneView ETags are unquoted, so a client that adds quotes gets a 412.
 */
function requireCurrentEtag(ctx, current, body, mismatch) {
    const header = ctx.headers['if-match'];
    const bodyTag = body?.['eTag'];
    const sent = header !== undefined ? header.trim() : typeof bodyTag === 'string' ? bodyTag : undefined;
    if (sent === undefined)
        throw (0, etag_errors_1.createEtagRequiredError)();
    if (sent !== '*' && sent !== current)
        throw (0, etag_errors_1.createEtagMismatchError)(mismatch, sent);
}
/** Checks `If-Match` when one was sent (DELETE); no ETag at all is accepted. */
function checkOptionalEtag(ctx, current, mismatch) {
    const header = ctx.headers['if-match'];
    if (header !== undefined)
        requireCurrentEtag(ctx, current, undefined, mismatch);
}
