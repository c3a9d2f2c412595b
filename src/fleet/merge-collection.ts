import { GatewayError } from '../errors/gateway-error';
import type { ErrorEnvelope } from '../errors/error-message';
import type { ApplianceListing, ApplianceStatus, Member } from './listing';
import type { FleetQuery } from './parse-fleet-query';
import { sortMembers } from './sort-members';

/** A fleet collection ready to send. */
export interface MergedCollection {
  /** False when an appliance failed or was cut short: `X-Gateway-Complete`. */
  complete: boolean;
  body: Record<string, unknown>;
}

/**
 * Merges the appliances' listings into one collection, as one big appliance would answer:
 * members (annotated by `annotateMembers`) in the fleet's order, the client's sort re-applied, then `start` and
 * `count` on the merged list, `total` the fleet's total. Throws ALL_APPLIANCES_FAILED, with
 * one nested error per appliance, when no appliance answered.
 */
export function mergeCollection(
  listings: readonly ApplianceListing[],
  query: FleetQuery,
  path: string,
): MergedCollection {
  const answered = listings.flatMap((listing) => (listing.status === 'ok' ? [listing] : []));
  if (answered.length === 0) throw allFailed(listings);

  const merged = mergeMembers(answered, query);
  const page = pageOf(merged, query);
  const statuses = listings.map(statusOf);
  const first = answered[0];
  const body = {
    type: first?.type ?? null,
    uri: pageUri(path, query.start, query.count, query),
    category: first?.category ?? null,
    start: query.start,
    count: page.length,
    total: answered.reduce((sum, listing) => sum + listing.total, 0),
    members: page,
    nextPageUri: nextUri(path, query, merged.length),
    prevPageUri: prevUri(path, query),
    appliances: statuses,
    eTag: null,
    created: null,
    modified: null,
  };
  const complete = statuses.every((entry) => entry.status === 'ok' && !entry.truncated);
  return { complete, body };
}

/** The members in the fleet's order (already annotated by the fan-out), then sorted. */
function mergeMembers(
  answered: ReadonlyArray<Extract<ApplianceListing, { status: 'ok' }>>,
  query: FleetQuery,
): Member[] {
  const merged: Member[] = [];
  for (const listing of answered) {
    for (const member of listing.members) merged.push(member);
  }
  return query.sort.length > 0 ? sortMembers(merged, query.sort) : merged;
}

/** `start` and `count` on the merged list; `count=-1` is everything from `start`. */
export function pageOf<T>(merged: readonly T[], query: Pick<FleetQuery, 'start' | 'count'>): T[] {
  const end = query.count < 0 ? undefined : query.start + query.count;
  return merged.slice(query.start, end);
}

function statusOf(listing: ApplianceListing): ApplianceStatus {
  if (listing.status === 'ok') {
    const { id, total, truncated } = listing;
    return { id, status: 'ok', total, truncated };
  }
  return { id: listing.id, status: 'error', total: 0, truncated: false, error: listing.error };
}

function nextUri(path: string, query: FleetQuery, length: number): string | null {
  if (query.count <= 0 || query.start + query.count >= length) return null;
  return pageUri(path, query.start + query.count, query.count, query);
}

function prevUri(path: string, query: FleetQuery): string | null {
  if (query.start === 0) return null;
  const step = Math.max(query.count, 1);
  return pageUri(path, Math.max(0, query.start - step), query.count, query);
}

function pageUri(path: string, start: number, count: number, query: FleetQuery): string {
  return [`${path}?start=${start}`, `count=${count}`, ...query.forwarded].join('&');
}

function allFailed(listings: readonly ApplianceListing[]): GatewayError {
  const errors: ErrorEnvelope[] = listings.flatMap((listing) =>
    listing.status === 'error' ? [listing.error] : [],
  );
  return new GatewayError(
    'ALL_APPLIANCES_FAILED',
    `None of the ${listings.length} appliances answered the fleet listing.`,
    { nestedErrors: errors, data: { appliances: listings.map((listing) => listing.id) } },
  );
}
