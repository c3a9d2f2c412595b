import type { ServerResponse } from 'node:http';

// Headers observed on real appliances' answers (Apache in front of the Java web tier).
const COMMON_HEADERS = [
  'Server',
  'Apache',
  'Cache-Control',
  'no-cache',
  'Pragma',
  'no-cache',
  'Expires',
  'Thu, 01 Jan 1970 00:00:00 GMT',
  'Content-Language',
  'en-US',
  'X-Frame-Options',
  'DENY',
  'X-Content-Type-Options',
  'nosniff',
  'X-XSS-Protection',
  '1; mode=block',
];

// Appliances answer JSON chunked; a client that relies on Content-Length must cope.
const JSON_HEADERS = COMMON_HEADERS.concat([
  'Content-Type',
  'application/json;charset=UTF-8',
  'Transfer-Encoding',
  'chunked',
]);

/** Writes a whole JSON answer with the appliance's headers; `extra` is a flat name/value list. */
export function sendJson(
  res: ServerResponse,
  status: number,
  json: string,
  extra?: readonly string[],
): void {
  res.writeHead(status, extra && extra.length > 0 ? JSON_HEADERS.concat(extra) : JSON_HEADERS);
  res.end(json);
}

/** Writes an answer without a body (204, 304) with the appliance's headers. */
export function sendEmpty(res: ServerResponse, status: number, extra?: readonly string[]): void {
  res.writeHead(status, extra && extra.length > 0 ? COMMON_HEADERS.concat(extra) : COMMON_HEADERS);
  res.end();
}

/** Returns the appliance's common headers followed by `extra`, for streamed answers. */
export function buildHeaders(extra: readonly string[]): string[] {
  return COMMON_HEADERS.concat(extra);
}
