import { formatTimestamp, type Json, readText } from '../json';
import type { ResourceTable } from '../resource-table';
import { nextEpochEtag } from './table-handlers';

/** Points a server at its profile (or at none), updating its state and ETag. */
export function assignProfile(
  servers: ResourceTable,
  serverUri: Json | undefined,
  profileUri: Json,
): void {
  if (typeof serverUri !== 'string') return;
  const server = servers.get(serverUri.slice(serverUri.lastIndexOf('/') + 1));
  if (server === undefined) return;
  const now = Date.now();
  servers.set(server.id, {
    ...server.body,
    serverProfileUri: profileUri,
    state: profileUri === null ? 'NoProfileApplied' : 'ProfileApplied',
    modified: formatTimestamp(now),
    eTag: nextEpochEtag(readText(server.body['eTag']), now),
  });
}
