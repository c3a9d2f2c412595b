import type { IncomingMessage } from 'node:http';
import { GatewayError } from '../errors/gateway-error';

/**
 * Reads a small JSON body for a route the gateway answers itself, at most `limitBytes`:
 * a larger body is REQUEST_TOO_LARGE as soon as it passes the limit, a body that is not
 * JSON is BAD_REQUEST. Nothing is kept past the limit.
 */
export async function readJsonBody(req: IncomingMessage, limitBytes: number): Promise<unknown> {
  const announced = Number(req.headers['content-length'] ?? 0);
  if (announced > limitBytes) throw tooLarge(limitBytes);

  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limitBytes) throw tooLarge(limitBytes);
    chunks.push(chunk as Buffer);
  }

  const text = Buffer.concat(chunks).toString('utf8');
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new GatewayError('BAD_REQUEST', 'The body is not valid JSON.');
  }
}

function tooLarge(limitBytes: number): GatewayError {
  return new GatewayError('REQUEST_TOO_LARGE', `The body is larger than ${limitBytes} bytes.`, {
    details: 'server.bodyLimitBytes',
  });
}
