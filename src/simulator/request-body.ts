import { createInvalidJsonError, createUnsupportedMediaTypeError } from './error-catalogue';
import { isJsonObject, type Json, type JsonObject } from './json';
import type { RequestContext } from './request-context';

// application/json and application/json-patch+json (oneview-python's PATCH type), any charset.
const JSON_TYPE = /^application\/(json|json-patch\+json)\s*(;|$)/i;

/**
 * Parses the body as JSON the way the appliance insists: a non-empty body must say it is
 * JSON (else 415) and be valid JSON (else 400). An empty body reads as undefined.
 */
export function readJson(ctx: RequestContext): Json | undefined {
  if (ctx.body.length === 0) return undefined;
  const contentType = ctx.headers['content-type'] ?? '';
  if (!JSON_TYPE.test(contentType)) throw createUnsupportedMediaTypeError(contentType);
  try {
    return JSON.parse(ctx.body.toString('utf8')) as Json;
  } catch (error) {
    throw createInvalidJsonError(error instanceof Error ? error.message : String(error));
  }
}

/** Parses a body that must be a JSON object; anything else is a 400. */
export function readJsonObject(ctx: RequestContext): JsonObject {
  const body = readJson(ctx);
  if (!isJsonObject(body)) {
    throw createInvalidJsonError(`Expected a JSON object, got ${describeKind(body)}.`);
  }
  return body;
}

function describeKind(value: Json | undefined): string {
  if (value === undefined) return 'an empty body';
  if (value === null) return 'null';
  return Array.isArray(value) ? 'an array' : typeof value;
}
