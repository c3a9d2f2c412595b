import { createHash } from 'node:crypto';
import type { ApplianceConfig } from '../config/schema';

/** What a new configuration does to the appliances, by id, in the new config's order. */
export interface ApplianceChanges {
  added: string[];
  removed: string[];
  changed: string[];
}

/**
 * Everything an Appliance object is built from, as one comparable string: its entry, its
 * password (as a digest, so that the fingerprint never holds the secret) and the settings
 * every appliance shares (`shared`: the circuit settings, the highest API version).
 */
export function fingerprintAppliance(
  entry: ApplianceConfig,
  password: string | undefined,
  shared: unknown,
): string {
  const digest =
    password === undefined ? null : createHash('sha256').update(password, 'utf8').digest('hex');
  return stableJson({ entry, password: digest, shared });
}

/** Compares the fingerprints of the running appliances with those of a new configuration. */
export function planApplianceChanges(
  current: ReadonlyMap<string, string>,
  next: ReadonlyMap<string, string>,
): ApplianceChanges {
  const changes: ApplianceChanges = { added: [], removed: [], changed: [] };
  for (const [id, fingerprint] of next) {
    const before = current.get(id);
    if (before === undefined) changes.added.push(id);
    else if (before !== fingerprint) changes.changed.push(id);
  }
  for (const id of current.keys()) {
    if (!next.has(id)) changes.removed.push(id);
  }
  return changes;
}

/** JSON with object keys sorted, so that the order labels were written in does not count. */
function stableJson(value: unknown): string {
  return JSON.stringify(value, (_key, item: unknown) => {
    if (typeof item !== 'object' || item === null || Array.isArray(item)) return item;
    const entries = Object.entries(item as Record<string, unknown>);
    return Object.fromEntries(entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  });
}
