import type { ServerResponse, OutgoingHttpHeaders } from 'node:http';
import type { ErrorEnvelope } from '../errors/error-message';
import { renderError } from '../errors/render-error';
import type { ErrorContext } from '../errors/render-error';

/** Sends an error envelope as JSON, or ends the connection when the answer already began. */
export function sendEnvelope(
  res: ServerResponse,
  status: number,
  envelope: ErrorEnvelope,
  headers: OutgoingHttpHeaders = {},
): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  const body = JSON.stringify(envelope);
  res.writeHead(status, {
    ...headers,
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(body),
    'cache-control': 'no-store',
    ...(envelope.requestId ? { 'x-request-id': envelope.requestId } : {}),
  });
  res.end(body);
}

/** Renders any thrown value as the envelope and sends it; returns the envelope sent. */
export function sendError(
  res: ServerResponse,
  error: unknown,
  context: ErrorContext,
  headers: OutgoingHttpHeaders = {},
): ErrorEnvelope {
  const rendered = renderError(error, context);
  sendEnvelope(res, rendered.status, rendered.body, { ...headers, ...rendered.headers });
  return rendered.body;
}
