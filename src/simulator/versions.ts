import { createInvalidVersionError } from './error-catalogue';

/** A `type` name per first X-API-Version that uses it, in ascending order. */
export type TypeTable = ReadonlyArray<readonly [number, string]>;

/** Version the appliance assumes when a request carries no X-API-Version. */
export const DEFAULT_REQUEST_VERSION = 1;

/**
 * Reads X-API-Version as the appliance does: absent means 1; any non-integer, anything below
 * 1 or above currentVersion is the 412 invalid-version answer. `minimumVersion` is not a
 * global gate (the appliance's own text says "Only values 1 through N"); endpoints have
 * their own minimums instead.
 */
export function parseRequestedVersion(raw: string | undefined, currentVersion: number): number {
  if (raw === undefined) return DEFAULT_REQUEST_VERSION;
  const trimmed = raw.trim();
  const version = /^\d{1,9}$/.test(trimmed) ? Number(trimmed) : NaN;
  if (!(version >= 1 && version <= currentVersion)) {
    throw createInvalidVersionError(trimmed, currentVersion);
  }
  return version;
}

/** Picks the `type` name a resource has at an X-API-Version (the first row below it wins). */
export function selectTypeName(table: TypeTable, version: number): string {
  let name = table[0]?.[1] ?? '';
  for (const [since, candidate] of table) {
    if (version >= since) name = candidate;
  }
  return name;
}

/** The OneView release that introduced each X-API-Version (ONEVIEW.md version table). */
const RELEASES: TypeTable = [
  [1, '1.00'],
  [4, '1.05'],
  [101, '1.10'],
  [120, '1.20'],
  [200, '2.00'],
  [300, '3.00'],
  [500, '3.10'],
  [600, '4.00'],
  [800, '4.10'],
  [1000, '4.20'],
  [1200, '5.00'],
  [1600, '5.20'],
  [1800, '5.30'],
  [2000, '5.40'],
  [2200, '5.50'],
  [2400, '5.60'],
  [2600, '6.00'],
  [2800, '6.10'],
  [3000, '6.20'],
  [3200, '6.30'],
  [3400, '6.40'],
  [3600, '6.50'],
  [3800, '6.60'],
  [4000, '7.00'],
  [4200, '7.10'],
  [4400, '7.20'],
  [4600, '8.00'],
  [4800, '8.10'],
  [5000, '8.20'],
  [5200, '8.30'],
  [5400, '8.40'],
  [5600, '8.50'],
  [5800, '8.60'],
  [6000, '8.70'],
  [6200, '8.80'],
  [6400, '8.90'],
  [6600, '9.00'],
  [6800, '9.10'],
  [7000, '9.20'],
  [7200, '9.30'],
  [7400, '9.40'],
  [7600, '10.00'],
  [7800, '10.10'],
  [8000, '10.20'],
  [8200, '11.10'],
  [8400, '11.20'],
  [8600, '11.30'],
];

/** Names the release (`major`, `minor`) whose API the appliance's `currentVersion` is. */
export function describeRelease(currentVersion: number): { major: string; minor: string } {
  const [major = '1', minor = '00'] = selectTypeName(RELEASES, currentVersion).split('.');
  return { major, minor };
}
