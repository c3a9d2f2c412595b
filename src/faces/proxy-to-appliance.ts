import type { IncomingMessage, ServerResponse } from 'node:http';
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
  /** How long the appliance took to answer with headers; null when it did not answer. */
  upstreamMs: number | null;
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
    }, deadline);
  } catch (error) {
    if (deadline.reason === 'client-gone') {
      res.destroy();
      return { status: 499, errorCode: null, upstreamMs: null };
    }
    // Forwarding failures arrive as GatewayErrors; a full queue and a deadline that ended the
    // wait for a slot are named here; anything else is the gateway's own fault.
    const failure =
      error instanceof BulkheadFullError || deadline.reason !== null
        ? gatewayFailure(error, call, deadline)
        : error;
    const envelope = sendError(res, failure, {
      requestId: call.requestId,
      applianceId: appliance.id,
    });
    deps.metrics.errors.inc({ code: envelope.errorCode, source: 'gateway' });
    if (envelope.errorCode === 'INTERNAL_ERROR') {
      deps.log.error({ err: error, reqId: call.requestId }, 'internal error');
    }
    return { status: envelope.httpStatus, errorCode: envelope.errorCode, upstreamMs: null };
  } finally {
    deadline.clear();
  }
}

/** A failure as the client sees it; a request whose deadline passed is a timeout. */
function gatewayFailure(error: unknown, call: ProxyCall, deadline: RequestDeadline): Error {
  return toGatewayError(error, {
    applianceId: call.appliance.id,
    requestMs: call.appliance.config.timeouts.requestMs,
    connectMs: call.appliance.config.timeouts.connectMs,
    what: `${call.req.method ?? 'GET'} ${call.path}`,
    deadlinePassed: deadline.reason === 'deadline',
  });
}

async function writeOutcome(
  deps: FaceDeps,
  res: ServerResponse,
  outcome: ForwardOutcome,
): Promise<ProxyResult> {
  const { status, upstreamMs } = outcome;
  if (outcome.kind === 'error') {
    const { envelope } = outcome;
    sendEnvelope(res, status, envelope, outcome.headers);
    deps.metrics.errors.inc({
      code: errorCodeLabel(envelope.errorCode, envelope.source),
      source: envelope.source,
    });
    return { status, errorCode: envelope.errorCode, upstreamMs };
  }

  if (outcome.kind === 'buffered') {
    if (outcome.complete) {
      res.writeHead(status, { ...outcome.headers, 'content-length': outcome.body.length });
      res.end(outcome.body);
    } else {
      // The appliance's headers (and Location) are true; its body was cut, and the client
      // must see it cut rather than complete.
      res.writeHead(status, outcome.headers);
      res.write(outcome.body, () => res.destroy());
    }
    return { status, errorCode: null, upstreamMs };
  }

  const whole = outcome.answer.takeWhole();
  if (whole !== null) {
    // One write instead of a chunked stream and its terminating chunk.
    const sized = whole.length > 0 && outcome.headers['content-length'] === undefined;
    res.writeHead(
      status,
      sized ? { ...outcome.headers, 'content-length': whole.length } : outcome.headers,
    );
    res.end(whole);
    return { status, errorCode: null, upstreamMs };
  }

  res.writeHead(status, outcome.headers);
  await outcome.answer.pipeTo(res);
  return { status, errorCode: null, upstreamMs };
}
