import type { Appliance } from '../appliances/appliance';
import type { ApplianceRegistry } from '../appliances/registry';
import { GatewayError } from '../errors/gateway-error';
import { intersectVersions } from './intersect-versions';
import type { FleetVersion, RangeOf } from './intersect-versions';

/**
 * The fleet's `/rest/version` (SPEC 3.3): the intersection of the ranges of the appliances
 * that answer as OneView within `timeoutMs`. Versions come from the registry's cache, so
 * a warm fleet costs no appliance call. Throws ALL_APPLIANCES_FAILED when none answers.
 */
export async function readFleetVersion(
  registry: ApplianceRegistry,
  appliances: readonly Appliance[],
  timeoutMs: number,
): Promise<FleetVersion> {
  const ranges = await Promise.all(
    appliances.map((appliance) => rangeOf(registry, appliance, timeoutMs)),
  );
  const known = ranges.flatMap((range) => (range ? [range] : []));
  const version = intersectVersions(known);
  if (version === null) {
    throw new GatewayError(
      'ALL_APPLIANCES_FAILED',
      `None of the ${appliances.length} appliances gave a OneView version range.`,
      { data: { appliances: appliances.map((appliance) => appliance.id) } },
    );
  }
  return version;
}

async function rangeOf(
  registry: ApplianceRegistry,
  appliance: Appliance,
  timeoutMs: number,
): Promise<RangeOf | null> {
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<null>((resolve) => {
    timer = setTimeout(() => resolve(null), timeoutMs);
  });
  const resolved = registry
    .resolveVersion(appliance)
    .then(({ range }) => (range ? { id: appliance.id, ...range } : null))
    .catch(() => null);
  try {
    return await Promise.race([resolved, expired]);
  } finally {
    clearTimeout(timer);
  }
}
