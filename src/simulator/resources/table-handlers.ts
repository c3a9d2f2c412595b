import { parseCollectionQuery } from '../collection-query';
import { renderCollection } from '../collections';
import { createResourceNotFoundError, createValidationError } from '../error-catalogue';
import { answerNotModified } from '../etags';
import { type JsonObject, printValue, readText } from '../json';
import { readParam, type Reply, type RequestContext } from '../request-context';
import type { ResourceTable, StoredResource } from '../resource-table';

/** `GET` on a collection: paging, filter and sort, members at the request's version. */
export function listTable(ctx: RequestContext, table: ResourceTable): Reply {
  const query = parseCollectionQuery(ctx.query);
  const json = renderCollection(
    {
      path: table.path,
      type: table.collectionTypeAt(ctx.version),
      category: table.category,
      items: table.list(),
      view: (item) => item.body,
      render: (item) => table.render(item, ctx.version),
    },
    query,
    ctx.appliance.options.pageSize,
  );
  return { status: 200, json };
}

/** The resource named by the route's `{id}`, or the 404 an appliance gives. */
export function findResource(
  ctx: RequestContext,
  table: ResourceTable,
  notFoundCode?: string,
): StoredResource {
  const stored = table.get(readParam(ctx));
  if (stored === undefined) throw createResourceNotFoundError(ctx.path, notFoundCode);
  return stored;
}

/** `GET` on one resource, with its ETag header and 304 on a matching `If-None-Match`. */
export function getTableItem(
  ctx: RequestContext,
  table: ResourceTable,
  notFoundCode?: string,
): Reply {
  const stored = findResource(ctx, table, notFoundCode);
  return answerNotModified(ctx, etagOf(stored)) ?? replyResource(ctx, table, stored, 200);
}

/** Answers with a resource and its `ETag` header. */
export function replyResource(
  ctx: RequestContext,
  table: ResourceTable,
  stored: StoredResource,
  status: number,
): Reply {
  return { status, json: table.render(stored, ctx.version), headers: ['ETag', etagOf(stored)] };
}

/** The resource's current ETag. */
export function etagOf(stored: StoredResource): string {
  return readText(stored.body['eTag']);
}

/**
 * Rejects a body whose `type` is not the one of the request's version, in the appliance's
 * words. A body without `type` is accepted (optional from API 1600, tolerated below).
 */
export function checkBodyType(ctx: RequestContext, table: ResourceTable, body: JsonObject): void {
  const type = body['type'];
  if (type === undefined || type === table.typeAt(ctx.version)) return;
  throw createValidationError(
    'INVALID_TYPE',
    `The "type" field content, "${printValue(type)}", included in this request is invalid.`,
    'type',
  );
}

/** Copies the writable fields of a request body over a stored body. */
export function pickWritable(body: JsonObject, writable: readonly string[]): JsonObject {
  const picked: JsonObject = {};
  for (const field of writable) {
    const value = body[field];
    if (value !== undefined) picked[field] = value;
  }
  return picked;
}

/** A new epoch-ms ETag that differs from the previous one even within the same millisecond. */
export function nextEpochEtag(previous: string, now: number): string {
  const last = Number(previous);
  return String(Number.isFinite(last) && last >= now ? last + 1 : now);
}
