import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Readable } from 'node:stream';
import type { FaceDeps } from './request-context';
import type { Appliance } from '../appliances/appliance';
import { BulkheadFullError } from '../appliances/bulkhead';
import { RequestDeadline } from '../appliances/request-deadline';
import { toGatewayError } from '../appliances/to-gateway-error';
import { forwardRequest } from '../proxy/forward-request';
import type { ForwardOutcome } from '../proxy/forward-request';
import type { ClientFace } from '../proxy/rewrite-location';
import { readRequestBody } from '../server/read-request-body';
import { sendEnvelope, sendError } from '../server/send-error';
import { errorCodeLabel } from '../observability/error-code-label';

/** One request bound for one appliance, as a face hands it over. */
export interface ProxyCall {
  req: IncomingMessage;
  res: ServerResponse;
  appliance: Appliance;
  path: string;
  search: string;
  requestId: string;
  /** The gateway client that sent it, when known. */
  clientId?: string;
  face: ClientFace;
}

/** How a proxied request ended, for the request log. */
export interface ProxyResult {
  status: number;
  errorCode: string | null;
}

/**
 * Proxies one request to its appliance and writes the answer: the bulkhead first, then the
 * forwarding, then the answer streamed, or the error envelope. The client hanging up
 * cancels the upstream request.
 */
export async function proxyToAppliance(deps: FaceDeps, call: ProxyCall): Promise<ProxyResult> {
  const { req, res, appliance } = call;
  const deadline = new RequestDeadline(appliance.config.timeouts.requestMs);
  res.once('close', () => {
    if (!res.writableFinished) deadline.clientGone();
  });

  try {
    const body = await readRequestBody(req);
    return await appliance.bulkhead.run(async () => {
      const outcome = await forwardRequest(
        deps.registry,
        {
          appliance,
          method: req.method ?? 'GET',
          path: call.path,
          search: call.search,
          headers: req.headers,
          body,
          requestId: call.requestId,
          clientId: call.clientId,
          deadline,
          trustProxy: deps.config.server.trustProxy,
          face: call.face,
        },
        deps.hooks,
      );
      deadline.clear();
      return writeOutcome(deps, res, outcome);
    });
  } catch (error) {
    if (deadline.reason === 'client-gone') {
      res.destroy();
      return { status: 499, errorCode: null };
    }
    const failure = error instanceof BulkheadFullError ? busy(appliance, call) : error;
    const envelope = sendError(res, failure, {
      requestId: call.requestId,
      applianceId: appliance.id,
    });
    deps.metrics.errors.inc({ code: envelope.errorCode, source: 'gateway' });
    if (envelope.errorCode === 'INTERNAL_ERROR') {
      deps.log.error({ err: error, reqId: call.requestId }, 'internal error');
    }
    return { status: envelope.httpStatus, errorCode: envelope.errorCode };
  } finally {
    deadline.clear();
  }
}

function busy(appliance: Appliance, call: ProxyCall): Error {
  return toGatewayError(new BulkheadFullError(), {
    applianceId: appliance.id,
    requestMs: appliance.config.timeouts.requestMs,
    connectMs: appliance.config.timeouts.connectMs,
    what: `${call.req.method ?? 'GET'} ${call.path}`,
  });
}

async function writeOutcome(
  deps: FaceDeps,
  res: ServerResponse,
  outcome: ForwardOutcome,
): Promise<ProxyResult> {
  if (outcome.kind === 'error') {
    const { envelope } = outcome;
    sendEnvelope(res, outcome.status, envelope, outcome.headers);
    deps.metrics.errors.inc({
      code: errorCodeLabel(envelope.errorCode, envelope.source),
      source: envelope.source,
    });
    return { status: outcome.status, errorCode: envelope.errorCode };
  }

  if (outcome.kind === 'buffered') {
    res.writeHead(outcome.status, { ...outcome.headers, 'content-length': outcome.body.length });
    res.end(outcome.body);
    return { status: outcome.status, errorCode: null };
  }

  res.writeHead(outcome.status, outcome.headers);
  await streamBody(outcome.body, res);
  return { status: outcome.status, errorCode: null };
}

/**
 * Streams an appliance's body to the client with backpressure, and settles once the answer
 * is done. Either side going away mid-body destroys the other, as stream.pipeline would.
 * NOTE: not stream.pipeline: it creates an AbortController for every call and aborts it
 * at the end, and the DOMException that abort builds cost about 5% of the gateway's CPU
 * under load (bench/README.md, profile).
 */
function streamBody(body: Readable, res: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    // Kept after settling: an error emitted later must not become an uncaught exception.
    body.on('error', () => {
      res.destroy();
      resolve();
    });
    // 'close' follows 'finish' on a complete answer, and comes alone when the client left.
    res.once('close', () => {
      if (!body.readableEnded) body.destroy();
      resolve();
    });
    body.pipe(res);
  });
}
