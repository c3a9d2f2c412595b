import { findUnsafeSegment } from '../proxy/parse-appliance-path';

const BASE = 'http://appliance.invalid';

/**
 * The path and query to ask for next, from an appliance's `nextPageUri`, or null when
 * there is no next page. SECURITY: the URI comes from a response body, so its scheme and
 * host are dropped: only a path of the same collection, on the same appliance, is
 * followed, and nothing that could leave `/rest/`.
 */
export function nextPagePath(nextPageUri: unknown, collectionPath: string): string | null {
  if (typeof nextPageUri !== 'string' || nextPageUri.trim() === '') return null;
  let url: URL;
  try {
    url = new URL(nextPageUri, BASE);
  } catch {
    return null;
  }
  if (url.pathname !== collectionPath) return null;
  if (findUnsafeSegment(url.pathname) !== null) return null;
  return url.pathname + url.search;
}
