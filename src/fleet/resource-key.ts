/**
 * The URI that names a resource for the ownership index: `/rest/{collection}/{id}` of a
 * path or URI (relative or absolute), so that `/rest/server-hardware/X/powerState` is
 * owned by whoever owns `/rest/server-hardware/X`. Null for anything that names no
 * resource inside a collection.
 */
export function resourceKey(uri: string): string | null {
  let pathname: string;
  try {
    pathname = new URL(uri, 'http://appliance.invalid').pathname;
  } catch {
    return null;
  }
  const match = /^\/rest\/([^/]+)\/([^/]+)/.exec(pathname);
  return match ? `/rest/${match[1]}/${match[2]}` : null;
}
