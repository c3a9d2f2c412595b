import type { IncomingHttpHeaders, OutgoingHttpHeaders } from 'node:http';
import type { Readable } from 'node:stream';
import type { Dispatcher } from 'undici';
import { buildClientHeaders, buildUpstreamHeaders } from './header-rules';
import { rewriteLocation, taskIdOf } from './rewrite-location';
import type { ClientFace } from './rewrite-location';
import type { Appliance } from '../appliances/appliance';
import { isInvalidVersionAnswer } from '../appliances/negotiate-version';
import { decodeBody, discardBody, readBounded } from '../appliances/read-body';
import type { ApplianceRegistry } from '../appliances/registry';
import type { RequestDeadline } from '../appliances/request-deadline';
import { toGatewayError } from '../appliances/to-gateway-error';
import { BulkheadFullError } from '../appliances/bulkhead';
import { CircuitOpenError } from '../appliances/circuit';
import type { ErrorEnvelope } from '../errors/error-message';
import { mapTransportFailure } from '../errors/map-transport-failure';
import { normalizeApplianceError } from '../errors/normalize-appliance-error';

/** A client request on its way to one appliance. */
export interface ForwardRequest {
  appliance: Appliance;
  method: string;
  /** `/rest/...`, already checked. */
  path: string;
  /** `?...` or empty, unchanged. */
  search: string;
  headers: IncomingHttpHeaders;
  /** A Buffer when the body was kept (it can be replayed), a stream when it was too large. */
  body: Buffer | Readable | null;
  requestId: string;
  /** The gateway client that sent it, for the task feed's `startedBy`. */
  clientId?: string;
  deadline: RequestDeadline;
  trustProxy: boolean;
  face: ClientFace;
}

/** What to send back: a stream, a small body read whole, or a normalized error. */
export type ForwardOutcome =
  | { kind: 'stream'; status: number; headers: OutgoingHttpHeaders; body: Readable }
  | {
      kind: 'buffered';
      status: number;
      headers: OutgoingHttpHeaders;
      body: Buffer;
      taskUri: string | null;
    }
  | { kind: 'error'; status: number; headers: OutgoingHttpHeaders; envelope: ErrorEnvelope };

/** Hooks for what the forwarding learns (a task started, for the task feed). */
export interface ForwardHooks {
  onTask?: (request: ForwardRequest, taskUri: string, body: unknown) => void;
}

const ERROR_BODY_LIMIT = 256 * 1024;
const TASK_BODY_LIMIT = 1024 * 1024;
const IDEMPOTENT = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Forwards one request to its appliance with the version and session it needs. Replays
 * it once when the appliance refused the session (401) or the version (412), and retries
 * once on a transport failure where SPEC 8 allows; each only when the body was kept, and
 * all within the request's deadline. Error and 202 bodies are read; others stream.
 */
export async function forwardRequest(
  registry: ApplianceRegistry,
  request: ForwardRequest,
  hooks: ForwardHooks = {},
): Promise<ForwardOutcome> {
  const { appliance } = request;
  const clientVersion = headerText(request.headers['x-api-version']);
  const replayable = !isStream(request.body);
  let version = await registry.versionFor(appliance, clientVersion);
  let session = appliance.sessions ? await registry.session(appliance) : null;
  let renewedSession = false;
  let renegotiated = false;
  let retried = false;

  for (;;) {
    let response: Dispatcher.ResponseData;
    try {
      response = await send(request, version, session);
    } catch (error) {
      if (!retried && replayable && mayRetry(error, request)) {
        retried = true;
        continue;
      }
      throw failure(error, request);
    }

    const status = response.statusCode;
    if (session !== null && status !== 401) registry.sessions(appliance).confirm(session);
    if (status === 401 && session !== null && replayable && !renewedSession) {
      renewedSession = true;
      const renewed = await registry.sessions(appliance).renew(session);
      if (renewed !== null) {
        await discardBody(response.body);
        session = renewed;
        continue;
      }
    }
    if (status >= 400) {
      const envelope = await readError(response, request);
      if (
        status === 412 &&
        replayable &&
        !renegotiated &&
        isInvalidVersionAnswer(status, envelope)
      ) {
        renegotiated = true;
        await registry.forgetVersion(appliance);
        version = await registry.versionFor(appliance, clientVersion);
        continue;
      }
      return errorOutcome(response, envelope, request, version);
    }
    if (status === 202) return taskOutcome(response, request, version, hooks);
    return streamOutcome(response, request, version);
  }
}

function send(
  request: ForwardRequest,
  version: number,
  session: string | null,
): Promise<Dispatcher.ResponseData> {
  const headers = buildUpstreamHeaders(request.headers, {
    apiVersion: version,
    session,
    requestId: request.requestId,
    trustProxy: request.trustProxy,
  });
  return request.appliance.send({
    method: request.method,
    path: request.path + request.search,
    headers,
    body: request.body,
    signal: request.deadline.signal,
    // The deadline answers first, naming the setting; undici's coarse timer is a backstop.
    headersTimeout: request.deadline.remainingMs() + 1000,
  });
}

/** SPEC 8: once, on no answer at all, when nothing reached the appliance or it is a read. */
function mayRetry(error: unknown, request: ForwardRequest): boolean {
  if (error instanceof CircuitOpenError || error instanceof BulkheadFullError) return false;
  if (request.deadline.reason !== null || request.deadline.remainingMs() <= 0) return false;
  const transport = mapTransportFailure(error);
  if (transport.code === 'APPLIANCE_TLS_ERROR' || transport.code === 'APPLIANCE_TIMEOUT')
    return false;
  return transport.beforeRequestSent || IDEMPOTENT.has(request.method);
}

function failure(error: unknown, request: ForwardRequest): Error {
  return toGatewayError(error, {
    applianceId: request.appliance.id,
    requestMs: request.appliance.config.timeouts.requestMs,
    connectMs: request.appliance.config.timeouts.connectMs,
    what: `${request.method} ${request.path}`,
    deadlinePassed: request.deadline.reason === 'deadline',
  });
}

async function readError(
  response: Dispatcher.ResponseData,
  request: ForwardRequest,
): Promise<ErrorEnvelope> {
  const read = await readBounded(response.body, ERROR_BODY_LIMIT);
  const text = decodeBody(read.buffer, response.headers['content-encoding']).toString('utf8');
  return normalizeApplianceError({
    status: response.statusCode,
    body: text,
    incomplete: read.incomplete,
    applianceId: request.appliance.id,
    requestId: request.requestId,
  });
}

function errorOutcome(
  response: Dispatcher.ResponseData,
  envelope: ErrorEnvelope,
  request: ForwardRequest,
  version: number,
): ForwardOutcome {
  const headers: OutgoingHttpHeaders = {
    'x-request-id': request.requestId,
    'x-appliance-id': request.appliance.id,
    'x-api-version': String(version),
  };
  const retryAfter = response.headers['retry-after'];
  if (typeof retryAfter === 'string') headers['retry-after'] = retryAfter;
  return { kind: 'error', status: response.statusCode, headers, envelope };
}

async function taskOutcome(
  response: Dispatcher.ResponseData,
  request: ForwardRequest,
  version: number,
  hooks: ForwardHooks,
): Promise<ForwardOutcome> {
  const read = await readBounded(response.body, TASK_BODY_LIMIT);
  const parsed = parseJson(decodeBody(read.buffer, response.headers['content-encoding']));
  const taskUri = findTaskUri(headerText(response.headers.location), parsed);
  const taskId = taskUri === null ? null : taskIdOf(taskUri);
  if (taskUri !== null && taskId !== null) hooks.onTask?.(request, taskUri, parsed);

  const headers = clientHeaders(response, request, version);
  if (taskId !== null) headers['x-task-uri'] = `/tasks/${request.appliance.id}/${taskId}`;
  if (read.incomplete) delete headers['content-length'];
  return { kind: 'buffered', status: 202, headers, body: read.buffer, taskUri };
}

function streamOutcome(
  response: Dispatcher.ResponseData,
  request: ForwardRequest,
  version: number,
): ForwardOutcome {
  return {
    kind: 'stream',
    status: response.statusCode,
    headers: clientHeaders(response, request, version),
    body: response.body,
  };
}

function clientHeaders(
  response: Dispatcher.ResponseData,
  request: ForwardRequest,
  version: number,
): OutgoingHttpHeaders {
  const location = headerText(response.headers.location);
  return buildClientHeaders(response.headers, {
    requestId: request.requestId,
    applianceId: request.appliance.id,
    apiVersion: version,
    ...(location === undefined ? {} : { location: rewriteLocation(location, request.face) }),
  });
}

/** The task a 202 names: its Location, else the body's `uri` when it is a task URI. */
function findTaskUri(location: string | undefined, body: unknown): string | null {
  if (location !== undefined && taskIdOf(location) !== null) return location;
  const uri = (body as { uri?: unknown } | undefined)?.uri;
  return typeof uri === 'string' && taskIdOf(uri) !== null ? uri : null;
}

function parseJson(buffer: Buffer): unknown {
  try {
    return JSON.parse(buffer.toString('utf8')) as unknown;
  } catch {
    return undefined;
  }
}

function headerText(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

function isStream(body: Buffer | Readable | null): body is Readable {
  return body !== null && !Buffer.isBuffer(body);
}
