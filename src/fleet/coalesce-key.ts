import { createHash } from 'node:crypto';

/** What makes two fleet reads identical: they would fan out to the same calls. */
export interface ReadIdentity {
  path: string;
  /** The query in canonical spelling (parameter order does not matter). */
  query: string;
  /** The appliances the client's scopes let it see: the client's scopes as they apply. */
  applianceIds: readonly string[];
  /** The client's X-API-Version, which shapes the members; empty when it sent none. */
  clientVersion: string;
}

/**
 * The key under which identical fleet reads share one fan-out: a hash of the path, the
 * query, the appliances reached and the version asked. Two clients whose scopes differ but
 * reach the same appliances see the same answer, so they share it too.
 */
export function coalesceKey(identity: ReadIdentity): string {
  const appliances = [...identity.applianceIds].sort().join(',');
  const text = [identity.path, identity.query, appliances, identity.clientVersion].join('\n');
  return createHash('sha256').update(text, 'utf8').digest('hex');
}
