import type { Appliance } from '../appliances/appliance';
import { otherProductOf } from '../appliances/negotiate-version';
import type { ApplianceRegistry } from '../appliances/registry';
import { GatewayError } from '../errors/gateway-error';
import { intersectVersions } from './intersect-versions';
import type { FleetVersion, RangeOf } from './intersect-versions';

/**
 * The fleet's `/rest/version` (SPEC 3.3): the intersection of the ranges of the reachable
 * OneView appliances, those that answer within `timeoutMs`. Versions come from the
 * registry's cache, so a warm fleet costs no appliance call; an appliance known to be
 * offline (its circuit open, or its version unreadable) is left out although its range is
 * cached, and so is another product answering in OneView's shape (a Global Dashboard),
 * whose range says nothing of what OneView clients may send. Throws ALL_APPLIANCES_FAILED
 * when no appliance is left.
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
  if (appliance.state === 'offline') return null;
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<null>((resolve) => {
    timer = setTimeout(() => resolve(null), timeoutMs);
  });
  const resolved = registry
    .resolveVersion(appliance)
    .then(({ range }) =>
      range && otherProductOf(range) === null ? { id: appliance.id, ...range } : null,
    )
    .catch(() => null);
  try {
    return await Promise.race([resolved, expired]);
  } finally {
    clearTimeout(timer);
  }
}
