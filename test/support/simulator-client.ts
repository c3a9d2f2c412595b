import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { SimulatorHandle } from '../../src/simulator';

/** An answer of the simulator, parsed. */
export interface SimAnswer {
  status: number;
  headers: Headers;
  text: string;
  // Tests read arbitrary fields of OneView bodies.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  json: any;
}

/** Options of one call to the simulator's REST API. */
export interface CallOptions {
  method?: string;
  version?: number | string | null;
  token?: string;
  body?: unknown;
  headers?: Record<string, string>;
}

/** Calls the simulator with fetch; `version: null` sends no X-API-Version (default 800). */
export async function callSim(
  sim: SimulatorHandle,
  path: string,
  options: CallOptions = {},
): Promise<SimAnswer> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.version !== null) headers['X-API-Version'] = String(options.version ?? 800);
  if (options.token !== undefined) headers['Auth'] = options.token;
  let body: string | undefined;
  if (options.body !== undefined) {
    body = typeof options.body === 'string' ? options.body : JSON.stringify(options.body);
    headers['Content-Type'] ??= 'application/json';
  }
  const response = await fetch(`${sim.url}${path}`, {
    method: options.method ?? 'GET',
    headers,
    body,
  });
  const text = await response.text();
  let json: unknown = undefined;
  try {
    json = text === '' ? undefined : JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: response.status, headers: response.headers, text, json };
}

/** Logs in as the simulator's default user and returns the sessionID. */
export async function logIn(sim: SimulatorHandle, version = 800): Promise<string> {
  const answer = await callSim(sim, '/rest/login-sessions', {
    method: 'POST',
    version,
    body: { userName: 'Administrator', password: 'admin123', loginMsgAck: true },
  });
  if (answer.status !== 200) throw new Error(`login failed: ${answer.status} ${answer.text}`);
  return (answer.json as { sessionID: string }).sessionID;
}

/** Polls `check` until it returns a value (not undefined), at most `timeoutMs`. */
export async function waitFor<T>(
  check: () => Promise<T | undefined> | T | undefined,
  timeoutMs = 5000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** What a raw HTTP exchange ended with: an answer (possibly cut short) or a socket error. */
export interface RawOutcome {
  status?: number;
  headers?: IncomingHttpHeaders;
  body: Buffer;
  /** Set when the response ended abnormally (`aborted`) or the request failed (`ECONNRESET`...). */
  error?: string;
}

/** Sends one request with node:http(s), keeping wire details fetch hides. */
export function rawRequest(
  url: string,
  options: {
    method?: string;
    headers?: Record<string, string>;
    body?: string | Buffer;
    timeoutMs?: number;
  } = {},
): Promise<RawOutcome> {
  const send = url.startsWith('https:') ? httpsRequest : httpRequest;
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    const req = send(url, {
      method: options.method ?? 'GET',
      headers: options.headers,
      agent: false,
      rejectUnauthorized: false,
    });
    req.setTimeout(options.timeoutMs ?? 5000, () => req.destroy(new Error('TIMEOUT')));
    req.on('response', (res) => {
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () =>
        resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks) }),
      );
      res.on('aborted', () =>
        resolve({
          status: res.statusCode,
          headers: res.headers,
          body: Buffer.concat(chunks),
          error: 'aborted',
        }),
      );
      res.on('error', () =>
        resolve({
          status: res.statusCode,
          headers: res.headers,
          body: Buffer.concat(chunks),
          error: 'aborted',
        }),
      );
    });
    req.on('error', (error: NodeJS.ErrnoException) =>
      resolve({ body: Buffer.concat(chunks), error: error.code ?? error.message }),
    );
    req.end(options.body);
  });
}
