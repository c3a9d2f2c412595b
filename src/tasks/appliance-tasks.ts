import type { Appliance } from '../appliances/appliance';
import { callAppliance } from '../appliances/call-appliance';
import type { JsonAnswer } from '../appliances/call-appliance';
import type { ApplianceRegistry } from '../appliances/registry';

/** Longest the watcher waits for one appliance answer: a slow appliance skips a round. */
const TASK_CALL_TIMEOUT_MS = 15_000;

/**
 * GETs a `/rest/tasks...` path of an appliance with the gateway's own version and session,
 * logging in again once when the appliance has dropped the session. Only appliances with
 * credentials can be asked: passthrough ones lend the gateway no session.
 */
export async function getTaskResource(
  registry: ApplianceRegistry,
  appliance: Appliance,
  path: string,
  headers: Record<string, string> = {},
  maxTimeoutMs = TASK_CALL_TIMEOUT_MS,
): Promise<JsonAnswer> {
  const version = await registry.versionFor(appliance, undefined);
  const timeoutMs = Math.min(maxTimeoutMs, appliance.config.timeouts.requestMs);
  const call = (session: string): Promise<JsonAnswer> =>
    callAppliance(appliance, {
      method: 'GET',
      path,
      headers: { ...headers, 'x-api-version': String(version), auth: session },
      timeoutMs,
    });

  const session = await registry.session(appliance);
  const answer = await call(session);
  if (answer.status !== 401) {
    registry.sessions(appliance).confirm(session);
    return answer;
  }
  const renewed = await registry.sessions(appliance).renew(session);
  return renewed === null ? answer : call(renewed);
}

/** Tells whether the gateway can call an appliance's task API on its own. */
export function canWatch(appliance: Appliance): boolean {
  return appliance.sessions !== null;
}

/** The ETag of an answer, from its header or its body. */
export function answerETag(answer: JsonAnswer): string | null {
  const header = answer.headers.etag;
  if (typeof header === 'string') return header;
  const body = answer.json as { eTag?: unknown } | undefined;
  return typeof body?.eTag === 'string' ? body.eTag : null;
}
