import type { Appliance } from '../appliances/appliance';
import { callAppliance } from '../appliances/call-appliance';
import type { JsonAnswer } from '../appliances/call-appliance';
import { isInvalidVersionAnswer } from '../appliances/negotiate-version';
import type { ApplianceRegistry } from '../appliances/registry';
import { GatewayError } from '../errors/gateway-error';
import type { ErrorEnvelope } from '../errors/error-message';
import { normalizeApplianceError } from '../errors/normalize-appliance-error';

/** What a fleet read sends along: the request it serves and the version its client asked. */
export interface FleetRead {
  requestId: string;
  /** The client's X-API-Version, used where the appliance accepts it. */
  clientVersion: string | undefined;
  signal: AbortSignal;
  /** Milliseconds left before the read's deadline. */
  remainingMs(): number;
}

/** An appliance's answer to a fleet read: the JSON of a success, or the normalized error. */
export type ReadAnswer =
  | { ok: true; status: number; json: unknown }
  | { ok: false; status: number; envelope: ErrorEnvelope };

/**
 * GETs a path on one appliance with the gateway's session and a version it accepts,
 * through its bulkhead. Like the appliance face, it logs in again once after a 401 and
 * negotiates again once after a 412 that refuses the version; an HTTP error is an answer,
 * a transport failure a thrown GatewayError.
 */
export async function getFromAppliance(
  registry: ApplianceRegistry,
  appliance: Appliance,
  path: string,
  read: FleetRead,
): Promise<ReadAnswer> {
  if (!appliance.sessions) throw passthrough(appliance);
  let version = await registry.versionFor(appliance, read.clientVersion);
  let session = await registry.session(appliance);
  let renewed = false;
  let renegotiated = false;

  for (;;) {
    const answer = await send(appliance, path, read, version, session);
    if (answer.status !== 401) registry.sessions(appliance).confirm(session);
    if (answer.status === 401 && !renewed) {
      renewed = true;
      const fresh = await registry.sessions(appliance).renew(session);
      if (fresh !== null) {
        session = fresh;
        continue;
      }
    }
    if (answer.status < 400) return { ok: true, status: answer.status, json: answer.json };

    const envelope = normalizeApplianceError({
      status: answer.status,
      body: answer.text,
      incomplete: false,
      applianceId: appliance.id,
      requestId: read.requestId,
    });
    if (!renegotiated && isInvalidVersionAnswer(answer.status, envelope)) {
      renegotiated = true;
      await registry.forgetVersion(appliance);
      version = await registry.versionFor(appliance, read.clientVersion);
      continue;
    }
    return { ok: false, status: answer.status, envelope };
  }
}

function send(
  appliance: Appliance,
  path: string,
  read: FleetRead,
  version: number,
  session: string,
): Promise<JsonAnswer> {
  return appliance.bulkhead.run(() =>
    callAppliance(appliance, {
      method: 'GET',
      path,
      headers: {
        'x-api-version': String(version),
        auth: session,
        'x-request-id': read.requestId,
      },
      timeoutMs: Math.max(1, read.remainingMs()),
      signal: read.signal,
    }),
  );
}

/**
 * A passthrough appliance cannot join a fan-out: the gateway holds no session for it, and
 * a client's own `Auth` is valid on one appliance, never on the whole fleet.
 */
function passthrough(appliance: Appliance): GatewayError {
  return new GatewayError(
    'APPLIANCE_REQUIRED',
    `Appliance ${appliance.id} has no gateway credentials (passthrough mode), so the fleet ` +
      `face cannot read it; use /appliances/${appliance.id}/rest/... with your own session.`,
    { applianceId: appliance.id, details: 'appliances[].credentials' },
  );
}
