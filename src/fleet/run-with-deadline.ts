import type { Appliance } from '../appliances/appliance';
import { GatewayError } from '../errors/gateway-error';
import type { FleetRead } from './get-from-appliance';

/** What bounds one appliance's part of a fan-out. */
export interface DeadlineSettings {
  /** `fleet.timeoutMs`: the appliance's whole part, every page included. */
  timeoutMs: number;
  requestId: string;
  clientVersion: string | undefined;
  /** `GET /rest/server-hardware`, for the timeout's details. */
  what: string;
}

/**
 * Runs one appliance's part of a fan-out within `fleet.timeoutMs`. At the deadline the
 * appliance's calls are aborted and the part fails with APPLIANCE_TIMEOUT, whatever step
 * it was in (negotiating, logging in, reading a page), so one hanging appliance costs the
 * fan-out its deadline and no more.
 */
export async function runWithDeadline<T>(
  appliance: Appliance,
  settings: DeadlineSettings,
  work: (read: FleetRead) => Promise<T>,
): Promise<T> {
  const controller = new AbortController();
  const endsAt = Date.now() + settings.timeoutMs;
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      reject(timedOut(appliance, settings));
      controller.abort();
    }, settings.timeoutMs);
  });
  const running = work({
    requestId: settings.requestId,
    clientVersion: settings.clientVersion,
    signal: controller.signal,
    remainingMs: () => endsAt - Date.now(),
  });
  // The losing side of the race settles later; its outcome is no longer anyone's concern.
  running.catch(() => undefined);
  expired.catch(() => undefined);

  try {
    return await Promise.race([running, expired]);
  } finally {
    clearTimeout(timer);
  }
}

function timedOut(appliance: Appliance, settings: DeadlineSettings): GatewayError {
  return new GatewayError(
    'APPLIANCE_TIMEOUT',
    `Appliance ${appliance.id} did not answer within ${settings.timeoutMs} ms ` +
      '(fleet.timeoutMs).',
    { applianceId: appliance.id, details: settings.what },
  );
}
