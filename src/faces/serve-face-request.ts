import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ProxyResult } from './proxy-to-appliance';
import type { FaceDeps } from './request-context';
import { isGatewayError } from '../errors/gateway-error';
import { methodLabel } from '../observability/metrics';
import { chooseRequestId } from '../observability/request-id';
import { sendError } from '../server/send-error';

/** What a face's handler learns about a request as it goes, for its log line. */
export interface FaceRequest {
  readonly requestId: string;
  /** The gateway client, once known. */
  clientId: string | null;
  /** The appliance the request is for, once known. */
  applianceId: string | null;
}

/**
 * Runs one request of a face served outside express (the appliance face and the SDK
 * ports): the request id, the error envelope for anything the handler throws, and one
 * metric update and one request log line when it is answered.
 */
export async function serveFaceRequest(
  deps: FaceDeps,
  req: IncomingMessage,
  res: ServerResponse,
  route: string,
  handle: (request: FaceRequest) => Promise<ProxyResult>,
): Promise<void> {
  const started = performance.now();
  const request: FaceRequest = {
    requestId: chooseRequestId(req.headers['x-request-id']),
    clientId: null,
    applianceId: null,
  };
  let result: ProxyResult;

  try {
    result = await handle(request);
  } catch (error) {
    const { requestId, applianceId } = request;
    const envelope = sendError(res, error, { requestId, applianceId });
    deps.metrics.errors.inc({ code: envelope.errorCode, source: 'gateway' });
    if (!isGatewayError(error)) deps.log.error({ err: error, reqId: requestId }, 'internal error');
    result = { status: envelope.httpStatus, errorCode: envelope.errorCode, upstreamMs: null };
  }

  const seconds = (performance.now() - started) / 1000;
  const method = req.method ?? 'GET';
  const labels = { face: 'appliance', method: methodLabel(method) };
  deps.metrics.httpRequests.inc({ ...labels, status: String(result.status) });
  deps.metrics.httpDuration.observe(labels, seconds);
  // SECURITY: the request log has no redaction pass; these fields are all it may hold.
  deps.requestLog.info(
    {
      reqId: request.requestId,
      client: request.clientId,
      appliance: request.applianceId,
      method,
      route,
      status: result.status,
      errorCode: result.errorCode,
      durationMs: Math.round(seconds * 1e6) / 1e3,
      upstreamMs: result.upstreamMs,
    },
    'request',
  );
}
