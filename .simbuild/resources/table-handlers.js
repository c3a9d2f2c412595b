"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.listTable = listTable;
exports.findResource = findResource;
exports.getTableItem = getTableItem;
exports.replyResource = replyResource;
exports.etagOf = etagOf;
exports.checkBodyType = checkBodyType;
exports.pickWritable = pickWritable;
exports.nextEpochEtag = nextEpochEtag;
const collection_query_1 = require("../collection-query");
const collections_1 = require("../collections");
const error_catalogue_1 = require("../error-catalogue");
const etags_1 = require("../etags");
const json_1 = require("../json");
const request_context_1 = require("../request-context");
/** `GET` on a collection: paging, filter and sort, members at the request's version. */
function listTable(ctx, table) {
    const query = (0, collection_query_1.parseCollectionQuery)(ctx.query);
    const json = (0, collections_1.renderCollection)({
        path: table.path,
        type: table.collectionTypeAt(ctx.version),
        category: table.category,
        items: table.list(),
        view: (item) => item.body,
        render: (item) => table.render(item, ctx.version),
    }, query, ctx.appliance.options.pageSize);
    return { status: 200, json };
}
/** The resource named by the route's `{id}`, or the 404 an appliance gives. */
function findResource(ctx, table, notFoundCode) {
    const stored = table.get((0, request_context_1.readParam)(ctx));
    if (stored === undefined)
        throw (0, error_catalogue_1.createResourceNotFoundError)(ctx.path, notFoundCode);
    return stored;
}
/** `GET` on one resource, with its ETag header and 304 on a matching `If-None-Match`. */
function getTableItem(ctx, table, notFoundCode) {
    const stored = findResource(ctx, table, notFoundCode);
    return (0, etags_1.answerNotModified)(ctx, etagOf(stored)) ?? replyResource(ctx, table, stored, 200);
}
/** Answers with a resource and its `ETag` header. */
function replyResource(ctx, table, stored, status) {
    return { status, json: table.render(stored, ctx.version), headers: ['ETag', etagOf(stored)] };
}
/** The resource's current ETag. */
function etagOf(stored) {
    return (0, json_1.readText)(stored.body['eTag']);
}
/**
 * Rejects a body whose `type` is not the one of the request's version, in the appliance's
 * words. A body without `type` is accepted (optional from API 1600, tolerated below).
 */
function checkBodyType(ctx, table, body) {
    const type = body['type'];
    if (type === undefined || type === table.typeAt(ctx.version))
        return;
    throw (0, error_catalogue_1.createValidationError)('INVALID_TYPE', `The "type" field content, "${(0, json_1.printValue)(type)}", included in this request is invalid.`, 'type');
}
/** Copies the writable fields of a request body over a stored body. */
function pickWritable(body, writable) {
    const picked = {};
    for (const field of writable) {
        const value = body[field];
        if (value !== undefined)
            picked[field] = value;
    }
    return picked;
}
/** A new epoch-ms ETag that differs from the previous one even within the same millisecond. */
function nextEpochEtag(previous, now) {
    const last = Number(previous);
    return String(Number.isFinite(last) && last >= now ? last + 1 : now);
}
