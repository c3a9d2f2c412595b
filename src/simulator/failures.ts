import { STATUS_CODES, type IncomingMessage, type ServerResponse } from 'node:http';
import { Socket } from 'node:net';
import { TLSSocket } from 'node:tls';
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
      resetConnection(req.socket);
      return;
    case 'hang':
      return;
  }
}

type TlsOverTcp = TLSSocket & { _parent?: unknown };

/**
 * Sends a TCP RST. Over HTTPS the request's socket is a TLSSocket, whose resetAndDestroy
 * throws ERR_INVALID_HANDLE_TYPE, so the reset goes to the TCP socket underneath it.
 */
function resetConnection(socket: Socket): void {
  // NOTE: `_parent` is how Node's TLS server links a TLSSocket to its TCP socket; there is
  // no public accessor. Should it vanish, a plain destroy still ends the connection.
  const tcp = socket instanceof TLSSocket ? (socket as TlsOverTcp)._parent : socket;
  if (tcp instanceof Socket) tcp.resetAndDestroy();
  else socket.destroy();
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
