import pLimit from 'p-limit';
import type { Appliance } from '../appliances/appliance';
import type { ApplianceRegistry } from '../appliances/registry';
import type { ErrorEnvelope } from '../errors/error-message';
import { isGatewayError } from '../errors/gateway-error';
import { renderError } from '../errors/render-error';
import { fetchListing } from './fetch-listing';
import { getFromAppliance } from './get-from-appliance';
import type { ApplianceListing } from './listing';
import { runWithDeadline } from './run-with-deadline';

/** What every part of one fan-out shares. */
export interface FanOutSettings {
  /** `fleet.concurrency`: appliances read at once. */
  concurrency: number;
  /** `fleet.timeoutMs`: each appliance's whole part. */
  timeoutMs: number;
  requestId: string;
  clientVersion: string | undefined;
}

/** Who answered a lookup of one URI: the owners, and the errors of those that could not say. */
export interface Lookup {
  owners: string[];
  failures: ErrorEnvelope[];
}

/**
 * Reads a collection from every given appliance, `concurrency` at a time, each within the
 * deadline; an appliance that fails gives an error listing and never fails the others.
 * Listings come back in the order of `appliances`, whichever answered first.
 */
export function listFleet(
  registry: ApplianceRegistry,
  appliances: readonly Appliance[],
  request: { collectionPath: string; search: string; maxMembers: number },
  settings: FanOutSettings,
): Promise<ApplianceListing[]> {
  const what = `GET ${request.collectionPath}`;
  return eachAppliance(appliances, settings.concurrency, (appliance) =>
    runWithDeadline(appliance, { ...settings, what }, (read) =>
      fetchListing(registry, appliance, request, read),
    ).catch((error: unknown): ApplianceListing => ({
      id: appliance.id,
      status: 'error',
      error: envelopeOf(error, appliance, settings.requestId),
    })),
  );
}

/**
 * Asks every given appliance for one URI: a success means "mine", a 404 "not here", and
 * anything else leaves the question open for that appliance (it is in `failures`).
 */
export async function locateOwners(
  registry: ApplianceRegistry,
  appliances: readonly Appliance[],
  path: string,
  settings: FanOutSettings,
): Promise<Lookup> {
  const what = `GET ${path}`;
  const answers = await eachAppliance(appliances, settings.concurrency, async (appliance) => {
    try {
      const answer = await runWithDeadline(appliance, { ...settings, what }, (read) =>
        getFromAppliance(registry, appliance, path, read),
      );
      if (answer.ok) return { owner: appliance.id };
      return answer.status === 404 ? {} : { failure: answer.envelope };
    } catch (error) {
      return { failure: envelopeOf(error, appliance, settings.requestId) };
    }
  });
  return {
    owners: answers.flatMap((answer) => (answer.owner ? [answer.owner] : [])),
    failures: answers.flatMap((answer) => (answer.failure ? [answer.failure] : [])),
  };
}

function eachAppliance<T>(
  appliances: readonly Appliance[],
  concurrency: number,
  task: (appliance: Appliance) => Promise<T>,
): Promise<T[]> {
  const limit = pLimit(concurrency);
  return Promise.all(appliances.map((appliance) => limit(() => task(appliance))));
}

function envelopeOf(error: unknown, appliance: Appliance, requestId: string): ErrorEnvelope {
  if (!isGatewayError(error)) {
    appliance.log.error({ err: error, reqId: requestId }, 'fleet read failed');
  }
  return renderError(error, { requestId, applianceId: appliance.id }).body;
}
