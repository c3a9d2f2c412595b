import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import type { ApplianceState } from './appliance-state';
import type { Session } from './sessions';

/** One request on its way through the appliance, as handlers see it. */
export interface RequestContext {
  appliance: ApplianceState;
  req: IncomingMessage;
  res: ServerResponse;
  method: string;
  /** Path without the query, e.g. `/rest/server-hardware/30373237-...`. */
  path: string;
  /** Raw query string without `?`, possibly empty. */
  query: string;
  /** Values of the route's `{id}` segments, decoded, in order. */
  params: readonly string[];
  /** The X-API-Version in effect (1 when absent). */
  version: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
  /** The caller's session on authenticated routes. */
  session: Session | undefined;
  now: number;
}

/** An answer: status, pre-rendered JSON (none for 204/304) and extra headers (flat list). */
export interface Reply {
  status: number;
  json?: string;
  headers?: readonly string[];
}

/** Handles a matched request; returns undefined when it wrote the answer itself (streams). */
export type Handler = (ctx: RequestContext) => Reply | undefined;

/** The first `{id}` of the route. */
export function readParam(ctx: RequestContext, index = 0): string {
  return ctx.params[index] ?? '';
}

/** A request header as one string (Node joins repeated custom headers with `, `). */
export function readHeader(ctx: Pick<RequestContext, 'headers'>, name: string): string | undefined {
  const value = ctx.headers[name];
  return Array.isArray(value) ? value.join(', ') : value;
}
