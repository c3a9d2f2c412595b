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
  /** The `uri` of every member kept, so that a page served twice adds nothing. */
  uris: Set<string>;
  total: number;
  type: string | null;
  category: string | null;
  /** Why reading stopped early, if it did. */
  capped: boolean;
}

/**
 * Reads one appliance's whole collection, following its `nextPageUri` (as a path on the
 * same appliance only) until there is none, it repeats a page already read or points at
 * its own page (OneView's last page may name its own `uri`, spelled differently from the
 * request), a page brings no member not already read, or `maxMembers` is reached. A
 * listing that holds fewer members than the appliance's `total` is marked truncated,
 * however reading stopped: a short list is never presented as complete. HTTP errors become
 * an error listing; transport failures throw.
 */
export async function fetchListing(
  registry: ApplianceRegistry,
  appliance: Appliance,
  request: ListingRequest,
  read: FleetRead,
): Promise<ApplianceListing> {
  const collected: Collected = {
    members: [],
    uris: new Set(),
    total: 0,
    type: null,
    category: null,
    capped: false,
  };
  const seen = new Set<string>();
  let path: string | null = `${request.collectionPath}?${request.search}`;

  while (path !== null) {
    seen.add(path);
    const answer = await getFromAppliance(registry, appliance, path, read);
    if (!answer.ok) return { id: appliance.id, status: 'error', error: answer.envelope };
    const page = readPage(appliance, answer.json, path);
    const own = nextPagePath(page.uri, request.collectionPath);
    if (own !== null) seen.add(own);
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

/** Appends a page's members not read before, up to the cap; returns how many were new. */
function addPage(collected: Collected, page: Page, maxMembers: number): number {
  let added = 0;
  for (const member of page.members) {
    const uri = typeof member.uri === 'string' ? member.uri : null;
    if (uri !== null && collected.uris.has(uri)) continue;
    if (collected.members.length >= maxMembers) {
      collected.capped = true;
      break;
    }
    if (uri !== null) collected.uris.add(uri);
    collected.members.push(member);
    added += 1;
  }
  collected.total = typeof page.total === 'number' ? page.total : collected.members.length;
  collected.type ??= typeof page.type === 'string' ? page.type : null;
  collected.category ??= typeof page.category === 'string' ? page.category : null;
  return added;
}

interface Page {
  uri: unknown;
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
