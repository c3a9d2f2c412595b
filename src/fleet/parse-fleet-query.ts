import { GatewayError } from '../errors/gateway-error';
import { parseSort } from './sort-members';
import type { SortKey } from './sort-members';

/** A fleet collection request's query, split into what the merge and the appliances need. */
export interface FleetQuery {
  /** Index of the first merged member to return. */
  start: number;
  /** Merged members to return; -1 means all. */
  count: number;
  /** The sort to re-apply to the merged list; empty when none was asked. */
  sort: SortKey[];
  /**
   * The client's other parameters (`filter`, `query`, `sort`, `fields`, `view`...), raw and
   * in their order, for each appliance; `start` and `count` apply to the merge instead.
   */
  forwarded: string[];
  /** The whole query in one canonical spelling, for telling identical requests apart. */
  canonical: string;
}

/**
 * Parses a fleet collection query (without its `?`). Parameters reach the appliances
 * encoded as the client sent them; only `start`, `count` and `sort` are read here, and a
 * malformed one is BAD_REQUEST before any appliance is called.
 */
export function parseFleetQuery(search: string): FleetQuery {
  const query: FleetQuery = { start: 0, count: -1, sort: [], forwarded: [], canonical: '' };
  const segments = search.split('&').filter((segment) => segment !== '');
  for (const segment of segments) {
    const cut = segment.indexOf('=');
    const name = decode(cut < 0 ? segment : segment.slice(0, cut));
    const value = cut < 0 ? '' : decode(segment.slice(cut + 1));
    if (name === 'start') query.start = parseInteger(name, value, 0);
    else if (name === 'count') query.count = parseInteger(name, value, -1);
    else query.forwarded.push(segment);
    if (name === 'sort') query.sort = parseSort(value);
  }
  // Parameter order changes nothing on an appliance, so it must not split the cache.
  query.canonical = segments.slice().sort().join('&');
  return query;
}

/**
 * The query each appliance receives for the first page: the client's filters, and as many
 * members as the listing may keep (`fleet.maxMembersPerAppliance`). Asking for that many
 * rather than `count=-1` (all) bounds what one appliance answer can hold: an appliance that
 * serves everything in one page would otherwise send its whole collection, however large.
 */
export function applianceSearch(query: FleetQuery, maxMembers: number): string {
  return ['start=0', `count=${maxMembers}`, ...query.forwarded].join('&');
}

function parseInteger(name: string, value: string, min: number): number {
  const number = /^-?\d{1,9}$/.test(value) ? Number(value) : NaN;
  if (!(number >= min)) {
    throw new GatewayError('BAD_REQUEST', `${name} must be an integer >= ${min}, not "${value}".`, {
      details: name,
    });
  }
  return number;
}

function decode(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    throw new GatewayError('BAD_REQUEST', `Malformed percent-encoding in "${text}".`);
  }
}
