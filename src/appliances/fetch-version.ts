import { callAppliance } from './call-appliance';
import type { Appliance } from './appliance';
import { GatewayError } from '../errors/gateway-error';
import { normalizeApplianceError } from '../errors/normalize-appliance-error';

/**
 * Asks an appliance for `/rest/version`, bare: no X-API-Version and no Auth, as the SDKs
 * do. A 4xx means whatever answered is not a OneView appliance (the body becomes
 * undefined, read as incompatible); a 5xx is a passing fault and is thrown.
 */
export async function fetchVersionBody(appliance: Appliance): Promise<unknown> {
  const answer = await callAppliance(appliance, {
    method: 'GET',
    path: '/rest/version',
    timeoutMs: Math.min(appliance.config.timeouts.requestMs, 15_000),
  });
  if (answer.status < 400) return answer.json;
  if (answer.status < 500) return undefined;

  throw new GatewayError(
    'APPLIANCE_BAD_RESPONSE',
    `Appliance ${appliance.id} answered ${answer.status} to GET /rest/version.`,
    {
      status: 502,
      applianceId: appliance.id,
      details: 'GET /rest/version',
      nestedErrors: [
        normalizeApplianceError({
          status: answer.status,
          body: answer.text,
          incomplete: false,
          applianceId: appliance.id,
          requestId: null,
        }),
      ],
    },
  );
}
