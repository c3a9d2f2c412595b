import type { IncomingHttpHeaders, OutgoingHttpHeaders } from 'node:http';
import type { Readable } from 'node:stream';
import { buildClientHeaders, buildUpstreamHeaders } from './header-rules';
import { rewriteLocation, taskIdOf } from './rewrite-location';
import { refuseUnforwardable } from './refuse-unforwardable';
import type { ClientFace } from './rewrite-location';
import type { Appliance } from '../appliances/appliance';
import { isInvalidVersionAnswer } from '../appliances/negotiate-version';
import { decodeBody } from '../appliances/decode-body';
import type { ApplianceRegistry } from '../appliances/registry';
import type { RequestDeadline } from '../appliances/request-deadline';
import { toGatewayError } from '../appliances/to-gateway-error';
import type { UpstreamAnswer } from '../appliances/upstream-answer';
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

/**
 * What to send back: an answer to stream, a small body read whole, or a normalized error;
 * with the time the appliance took to answer with headers.
 */
export type ForwardOutcome = {
  status: number;
  headers: OutgoingHttpHeaders;
  upstreamMs: number;
} & (
  | { kind: 'stream'; answer: UpstreamAnswer }
  | {
      kind: 'buffered';
      body: Buffer;
      /** False when the appliance stopped mid-body or the body passed the read limit. */
      complete: boolean;
      taskUri: string | null;
    }
  | { kind: 'error'; envelope: ErrorEnvelope }
);

/** Hooks for what the forwarding learns (a task started, for the task feed). */
export interface ForwardHooks {
  onTask?: (request: ForwardRequest, taskUri: string, body: unknown) => void;
}

const ERROR_BODY_LIMIT = 256 * 1024;
const TASK_BODY_LIMIT = 1024 * 1024;
const IDEMPOTENT = new Set(['GET', 'HEAD', 'OPTIONS']);
const BODY_HEADERS = ['content-length', 'content-type', 'content-encoding', 'etag'];

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
  const { appliance, deadline } = request;
  refuseUnforwardable(request);
  const clientVersion = headerText(request.headers['x-api-version']);
  const replayable = !isStream(request.body);
  const within = <T>(pending: Promise<T> | T): Promise<T> =>
    deadline.race(Promise.resolve(pending)).catch((error: unknown) => {
      throw failure(error, request);
    });
  let chosen = await within(registry.chooseVersion(appliance, clientVersion));
  let session = appliance.sessions ? await within(registry.session(appliance)) : null;
  let renewedSession = false;
  let renegotiated = false;
  let retried = false;

  for (;;) {
    let response: UpstreamAnswer;
    try {
      response = await send(request, chosen.version, session);
    } catch (error) {
      if (!retried && replayable && mayRetry(error, request)) {
        retried = true;
        continue;
      }
      throw failure(error, request);
    }

    const status = response.status;
    if (session !== null && status !== 401) registry.sessions(appliance).confirm(session);
    if (status === 401 && session !== null && replayable && !renewedSession) {
      renewedSession = true;
      const renewed = await within(registry.sessions(appliance).renew(session)).catch(
        async (error: unknown) => {
          await response.discard();
          throw error;
        },
      );
      if (renewed !== null) {
        await response.discard();
        session = renewed;
        continue;
      }
    }
    // A HEAD answer has no body to read: its status and headers go back as they are.
    if (status >= 400 && request.method !== 'HEAD') {
      const envelope = await readError(response, request);
      if (
        status === 412 &&
        replayable &&
        !renegotiated &&
        isInvalidVersionAnswer(status, envelope)
      ) {
        renegotiated = true;
        await within(registry.forgetVersion(appliance, chosen.entry));
        chosen = await within(registry.chooseVersion(appliance, clientVersion));
        continue;
      }
      return errorOutcome(response, envelope, request, chosen.version);
    }
    if (status === 202) return taskOutcome(response, request, chosen.version, hooks);
    return streamOutcome(response, request, chosen.version);
  }
}

function send(
  request: ForwardRequest,
  version: number,
  session: string | null,
): Promise<UpstreamAnswer> {
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
    deadline: request.deadline,
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
  response: UpstreamAnswer,
  request: ForwardRequest,
): Promise<ErrorEnvelope> {
  const read = await response.read(ERROR_BODY_LIMIT);
  const text = decodeBody(read.buffer, response.headers['content-encoding']).toString('utf8');
  return normalizeApplianceError({
    status: response.status,
    body: text,
    incomplete: read.incomplete,
    applianceId: request.appliance.id,
    requestId: request.requestId,
  });
}

function errorOutcome(
  response: UpstreamAnswer,
  envelope: ErrorEnvelope,
  request: ForwardRequest,
  version: number,
): ForwardOutcome {
  // The appliance's headers stay (Allow, Retry-After, Content-Language...); those that
  // described its body do not describe the envelope.
  const headers = clientHeaders(response, request, version);
  for (const name of BODY_HEADERS) delete headers[name];
  return {
    kind: 'error',
    status: response.status,
    headers,
    envelope,
    upstreamMs: response.upstreamMs,
  };
}

async function taskOutcome(
  response: UpstreamAnswer,
  request: ForwardRequest,
  version: number,
  hooks: ForwardHooks,
): Promise<ForwardOutcome> {
  const read = await response.read(TASK_BODY_LIMIT);
  const parsed = parseJson(decodeBody(read.buffer, response.headers['content-encoding']));
  const taskUri = findTaskUri(headerText(response.headers.location), parsed);
  const taskId = taskUri === null ? null : taskIdOf(taskUri);
  if (taskUri !== null && taskId !== null) hooks.onTask?.(request, taskUri, parsed);

  const headers = clientHeaders(response, request, version);
  if (taskId !== null) headers['x-task-uri'] = `/tasks/${request.appliance.id}/${taskId}`;
  return {
    kind: 'buffered',
    status: 202,
    headers,
    body: read.buffer,
    complete: !read.incomplete,
    taskUri,
    upstreamMs: response.upstreamMs,
  };
}

function streamOutcome(
  response: UpstreamAnswer,
  request: ForwardRequest,
  version: number,
): ForwardOutcome {
  return {
    kind: 'stream',
    status: response.status,
    headers: clientHeaders(response, request, version),
    answer: response,
    upstreamMs: response.upstreamMs,
  };
}

function clientHeaders(
  response: UpstreamAnswer,
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
