import type { IncomingMessage, ServerResponse } from 'node:http';
import { pipeline } from 'node:stream/promises';
import type { FaceDeps } from './request-context';
import type { Appliance } from '../appliances/appliance';
import { RequestDeadline } from '../appliances/request-deadline';
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
    const envelope = sendError(res, error, {
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
  try {
    await pipeline(outcome.body, res);
  } catch {
    // The client or the appliance went away mid-body; pipeline destroyed both ends.
  }
  return { status: outcome.status, errorCode: null };
}
