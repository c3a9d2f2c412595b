import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ApplianceState } from './appliance-state';
import {
  createAuthorizationError,
  createMethodNotAllowedError,
  createRouteNotFoundError,
} from './error-catalogue';
import { createError, SimulatorError } from './errors';
import { writeFailure } from './failures';
import { sendEmpty, sendJson } from './headers';
import { readBody } from './read-body';
import { readHeader, type Reply } from './request-context';
import type { Route, RouteMatch, Router } from './router';
import type { Session } from './sessions';
import type { TimerSet } from './timers';
import { DEFAULT_REQUEST_VERSION, parseRequestedVersion } from './versions';

/** What the request pipeline works with. */
export interface Pipeline {
  appliance: ApplianceState;
  router: Router;
  timers: TimerSet;
  /** Answers `/_sim/` requests (never counted, never delayed, never failed). */
  control(
    req: IncomingMessage,
    res: ServerResponse,
    path: string,
    query: string,
    body: Buffer,
  ): void;
}

interface Incoming {
  req: IncomingMessage;
  res: ServerResponse;
  method: string;
  path: string;
  query: string;
  match: RouteMatch | undefined;
  body: Buffer;
}

/**
 * Serves one request: count it, read its body, wait out the latency fault, inject a
 * failure if one is armed, then check version, route and session and run the handler.
 */
export function handleRequest(pipeline: Pipeline, req: IncomingMessage, res: ServerResponse): void {
  const url = toOriginForm(req.url ?? '/');
  const cut = url.indexOf('?');
  const path = cut < 0 ? url : url.slice(0, cut);
  const query = cut < 0 ? '' : url.slice(cut + 1);
  if (path.startsWith('/_sim/')) {
    readBody(req, (body) => pipeline.control(req, res, path, query, body));
    return;
  }
  const method = req.method ?? 'GET';
  const match = pipeline.router.match(method, path);
  const route = `${method} ${match?.template ?? '(unmatched)'}`;
  const { stats, faults } = pipeline.appliance;
  stats.count(route);
  readBody(req, (body) => {
    const { headers, rawHeaders } = req;
    stats.remember({ method, url, route, headers, rawHeaders, receivedMs: Date.now() }, body);
    const incoming = { req, res, method, path, query, match, body };
    if (faults.latencyMs > 0)
      pipeline.timers.delay(faults.latencyMs, () => answer(pipeline, incoming));
    else answer(pipeline, incoming);
  });
}

// Clients that pass an absolute `Location` straight to their HTTP library send absolute-form.
function toOriginForm(url: string): string {
  if (url.startsWith('/')) return url;
  const slash = url.indexOf('/', url.indexOf('//') + 2);
  return slash < 0 ? '/' : url.slice(slash);
}

function answer(pipeline: Pipeline, incoming: Incoming): void {
  const { req, res } = incoming;
  if (res.destroyed) return;
  const failure = pipeline.appliance.faults.takeFailure(incoming.method, incoming.path);
  if (failure) {
    writeFailure(req, res, failure);
    return;
  }
  try {
    const reply = dispatch(pipeline.appliance, incoming);
    if (reply === undefined) return;
    if (reply.json === undefined) sendEmpty(res, reply.status, reply.headers);
    else sendJson(res, reply.status, reply.json, reply.headers);
  } catch (error) {
    const failed = error instanceof SimulatorError ? error : describeCrash(error);
    sendJson(res, failed.status, failed.json, failed.headers);
  }
}

function dispatch(appliance: ApplianceState, incoming: Incoming): Reply | undefined {
  const { route, params, version } = resolveRoute(appliance, incoming);
  const now = Date.now();
  const session = authenticate(appliance, incoming.req, route, now);
  appliance.data.tasks.settle(now);
  const { req, res, method, path, query, body } = incoming;
  const headers = req.headers;
  const ctx = {
    appliance,
    req,
    res,
    method,
    path,
    query,
    params,
    version,
    headers,
    body,
    session,
    now,
  };
  return route.handle(ctx);
}

// The version is checked before the route exists, so a bad X-API-Version is a 412 anywhere.
function resolveRoute(
  appliance: ApplianceState,
  incoming: Incoming,
): { route: Route; params: string[]; version: number } {
  const { req, match, method, path } = incoming;
  const found = match !== undefined && 'route' in match ? match : undefined;
  if (found?.route.versionless) return { ...found, version: DEFAULT_REQUEST_VERSION };
  const raw = readHeader(req, 'x-api-version');
  const version = parseRequestedVersion(raw, appliance.versions.currentVersion);
  if (match === undefined) throw createRouteNotFoundError(path, version);
  if (found === undefined)
    throw createMethodNotAllowedError(method, 'allow' in match ? match.allow : []);
  if (version < (found.route.minVersion ?? 3)) throw createRouteNotFoundError(path, version);
  return { ...found, version };
}

function authenticate(
  appliance: ApplianceState,
  req: IncomingMessage,
  route: Route,
  now: number,
): Session | undefined {
  if (route.auth === false) return undefined;
  const session = appliance.sessions.use(readHeader(req, 'auth'), now);
  if (session === undefined) throw createAuthorizationError();
  return session;
}

function describeCrash(error: unknown): SimulatorError {
  return createError(500, {
    errorCode: 'INTERNAL_ERROR',
    message: 'An unexpected error occurred.',
    details: error instanceof Error ? error.message : String(error),
    recommendedActions: ['Retry the request.'],
  });
}
