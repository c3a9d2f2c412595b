import { decodeBody } from './decode-body';
import { RequestDeadline } from './request-deadline';
import { toGatewayError } from './to-gateway-error';
import type { Appliance } from './appliance';

/** An appliance's answer read whole: for the gateway's own small JSON calls. */
export interface JsonAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  /** The parsed body, or undefined when it is not JSON. */
  json: unknown;
}

/** A call the gateway makes on its own behalf (version, login, task polling, fan-out). */
export interface ApplianceCall {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  path: string;
  headers?: Record<string, string>;
  body?: string;
  /** Defaults to the appliance's timeouts.requestMs. */
  timeoutMs?: number;
  /** Ends the call early (a fan-out's own deadline). */
  signal?: AbortSignal;
}

const MAX_ANSWER_BYTES = 32 * 1024 * 1024;

/**
 * Calls an appliance and reads its whole answer, within a deadline. Transport failures
 * become GatewayErrors with their stable codes; HTTP errors are answers, not throws.
 */
export async function callAppliance(
  appliance: Appliance,
  call: ApplianceCall,
): Promise<JsonAnswer> {
  const timeoutMs = call.timeoutMs ?? appliance.config.timeouts.requestMs;
  const deadline = new RequestDeadline(timeoutMs);
  const stopOnSignal = (): void => deadline.clientGone();
  call.signal?.addEventListener('abort', stopOnSignal, { once: true });

  try {
    const response = await appliance.send({
      method: call.method,
      path: call.path,
      headers: { accept: 'application/json', ...call.headers },
      body: call.body ?? null,
      deadline,
    });
    const read = await response.read(MAX_ANSWER_BYTES);
    const text = decodeBody(read.buffer, response.headers['content-encoding']).toString('utf8');
    return { status: response.status, headers: response.headers, text, json: parseJson(text) };
  } catch (error) {
    throw toGatewayError(error, {
      applianceId: appliance.id,
      requestMs: timeoutMs,
      connectMs: appliance.config.timeouts.connectMs,
      what: `${call.method} ${call.path}`,
      deadlinePassed: deadline.reason === 'deadline',
    });
  } finally {
    deadline.clear();
    call.signal?.removeEventListener('abort', stopOnSignal);
  }
}

function parseJson(text: string): unknown {
  if (text === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
