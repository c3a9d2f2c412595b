/** An appliance's accepted X-API-Version range, as its `/rest/version` gives it. */
export interface RangeOf {
  id: string;
  minimumVersion: number;
  currentVersion: number;
}

/** The fleet's `/rest/version`, and the appliances that keep it from being a real range. */
export interface FleetVersion {
  minimumVersion: number;
  currentVersion: number;
  /** Appliances whose range misses another appliance's range; empty when the fleet overlaps. */
  disjoint: string[];
}

/**
 * Intersects the appliances' ranges: the highest minimum and the lowest current. When that
 * is empty (minimum above current) the pair is still returned, as SPEC 3.3 asks, and
 * `disjoint` names every appliance whose range misses at least one other range, so that an
 * operator sees which appliances to upgrade. Null when no range is given.
 */
export function intersectVersions(ranges: readonly RangeOf[]): FleetVersion | null {
  if (ranges.length === 0) return null;
  const minimumVersion = Math.max(...ranges.map((range) => range.minimumVersion));
  const currentVersion = Math.min(...ranges.map((range) => range.currentVersion));
  const disjoint =
    minimumVersion <= currentVersion
      ? []
      : ranges
          .filter((range) => ranges.some((other) => !overlaps(range, other)))
          .map((range) => range.id);
  return { minimumVersion, currentVersion, disjoint };
}

function overlaps(a: RangeOf, b: RangeOf): boolean {
  return a.minimumVersion <= b.currentVersion && b.minimumVersion <= a.currentVersion;
}
