import type { Appliance } from '../appliances/appliance';
import type { ApplianceRegistry } from '../appliances/registry';
import { GatewayError } from '../errors/gateway-error';
import { getFromAppliance } from './get-from-appliance';
import type { FleetRead } from './get-from-appliance';
import { annotateMembers } from './listing';
import type { ApplianceListing, Member } from './listing';
import { nextPagePath } from './next-page-path';

/** What one appliance's listing is read with. */
export interface ListingRequest {
  /** `/rest/server-hardware`. */
  collectionPath: string;
  /** The first page's query, without `?`. */
  search: string;
  /** `fleet.maxMembersPerAppliance`: members kept beyond it are dropped, and said so. */
  maxMembers: number;
}

/** The pages read so far from one appliance. */
interface Collected {
  members: Member[];
  total: number;
  type: string | null;
  category: string | null;
  /** Why reading stopped early, if it did. */
  capped: boolean;
}

/**
 * Reads one appliance's whole collection, following its `nextPageUri` (as a path on the
 * same appliance only) until there is none, it repeats or points at itself, a page comes
 * back empty, or `maxMembers` is reached. A listing that holds fewer members than the
 * appliance's `total` is marked truncated, however reading stopped: a short list is never
 * presented as complete. HTTP errors become an error listing; transport failures throw.
 */
export async function fetchListing(
  registry: ApplianceRegistry,
  appliance: Appliance,
  request: ListingRequest,
  read: FleetRead,
): Promise<ApplianceListing> {
  const collected: Collected = { members: [], total: 0, type: null, category: null, capped: false };
  const seen = new Set<string>();
  let path: string | null = `${request.collectionPath}?${request.search}`;

  while (path !== null) {
    seen.add(path);
    const answer = await getFromAppliance(registry, appliance, path, read);
    if (!answer.ok) return { id: appliance.id, status: 'error', error: answer.envelope };
    const page = readPage(appliance, answer.json, path);
    annotateMembers(page.members, appliance.id);
    const added = addPage(collected, page, request.maxMembers);

    const next = nextPagePath(page.nextPageUri, request.collectionPath);
    const full = collected.members.length >= request.maxMembers;
    path = full || added === 0 || next === null || seen.has(next) ? null : next;
  }

  const { members, type, category } = collected;
  const total = Math.max(collected.total, members.length);
  const truncated = collected.capped || members.length < total;
  return { id: appliance.id, status: 'ok', members, total, truncated, type, category };
}

/** Appends a page's members up to the cap; returns how many the page held. */
function addPage(collected: Collected, page: Page, maxMembers: number): number {
  const room = maxMembers - collected.members.length;
  for (const member of page.members.slice(0, room)) collected.members.push(member);
  if (page.members.length > room) collected.capped = true;
  collected.total = typeof page.total === 'number' ? page.total : collected.members.length;
  collected.type ??= typeof page.type === 'string' ? page.type : null;
  collected.category ??= typeof page.category === 'string' ? page.category : null;
  return page.members.length;
}

interface Page {
  members: Member[];
  total: unknown;
  type: unknown;
  category: unknown;
  nextPageUri: unknown;
}

function readPage(appliance: Appliance, json: unknown, path: string): Page {
  const body = json as Partial<Record<keyof Page, unknown>> | null | undefined;
  if (typeof body !== 'object' || body === null || !Array.isArray(body.members)) {
    throw new GatewayError(
      'APPLIANCE_BAD_RESPONSE',
      `Appliance ${appliance.id} answered a collection read without a members array.`,
      { applianceId: appliance.id, details: `GET ${path}` },
    );
  }
  const members = (body.members as unknown[]).filter(
    (member): member is Member => typeof member === 'object' && member !== null,
  );
  return { ...body, members } as Page;
}
