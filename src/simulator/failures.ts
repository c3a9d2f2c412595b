import { STATUS_CODES, type IncomingMessage, type ServerResponse } from 'node:http';
import { createAuthorizationError } from './error-catalogue';
import { createErrorMessage } from './errors';
import type { Failure } from './fault-state';
import { buildHeaders, sendJson } from './headers';

/**
 * Answers a request with an injected failure, on the wire: an error body, an HTML page
 * from a front proxy, an empty body, half a body then a closed socket, a TCP reset, or
 * no answer at all (the socket stays open until the client or `close()` ends it).
 */
export function writeFailure(req: IncomingMessage, res: ServerResponse, failure: Failure): void {
  const { status } = failure;
  switch (failure.body) {
    case 'json':
      sendJson(res, status, describeError(status));
      return;
    case 'html':
      res.writeHead(status, buildHeaders(['Content-Type', 'text/html; charset=iso-8859-1']));
      res.end(describeHtml(status));
      return;
    case 'empty':
      res.writeHead(status, buildHeaders(['Content-Length', '0']));
      res.end();
      return;
    case 'truncated':
      writeTruncated(req, res, status);
      return;
    case 'reset':
      req.socket.resetAndDestroy();
      return;
    case 'hang':
      return;
  }
}

function writeTruncated(req: IncomingMessage, res: ServerResponse, status: number): void {
  const body = Buffer.from(describeError(status));
  const headers = [
    'Content-Type',
    'application/json;charset=UTF-8',
    'Content-Length',
    String(body.length),
  ];
  res.writeHead(status, buildHeaders(headers));
  res.write(body.subarray(0, Math.floor(body.length / 2)), () => req.socket.destroy());
}

function describeError(status: number): string {
  if (status === 401) return createAuthorizationError().json;
  const reason = STATUS_CODES[status] ?? 'Unknown';
  const errorCode = reason
    .toUpperCase()
    .replace(/[^A-Z]+/g, '_')
    .replace(/_$/, '');
  return JSON.stringify(
    createErrorMessage({
      errorCode,
      message: `The appliance could not complete the request (HTTP ${status} ${reason}).`,
      recommendedActions: ['Retry the request later.'],
    }),
  );
}

function describeHtml(status: number): string {
  const reason = STATUS_CODES[status] ?? 'Error';
  return (
    `<!DOCTYPE HTML PUBLIC "-//IETF//DTD HTML 2.0//EN">\n<html><head>\n<title>${status} ${reason}</title>\n` +
    `</head><body>\n<h1>${reason}</h1>\n<p>The server is temporarily unable to service your request.</p>\n` +
    `</body></html>\n`
  );
}
