/** The face a client used, which decides where a rewritten Location points. */
export type ClientFace =
  | { kind: 'appliance'; applianceId: string; publicUrl: string | null }
  | { kind: 'sdk-port'; origin: string };

const TASK_PATH = /^\/rest\/tasks\/([^/?#]+)$/;

/**
 * Rewrites a Location from an appliance (absolute or relative, any host) onto the face the
 * client used, so that following it goes through the gateway. Only `/rest/...` paths are
 * rewritten; their host, whatever it was, is dropped.
 */
export function rewriteLocation(location: string, face: ClientFace): string {
  const path = appliancePath(location);
  if (path === null) return location;

  if (face.kind === 'sdk-port') return face.origin + path;
  const gatewayPath = `/appliances/${face.applianceId}${path}`;
  return face.publicUrl === null ? gatewayPath : joinUrl(face.publicUrl, gatewayPath);
}

/** The task id that a task URI or Location names, or null. */
export function taskIdOf(uri: string): string | null {
  const path = appliancePath(uri);
  if (path === null) return null;
  const match = TASK_PATH.exec(path.split('?')[0] ?? '');
  return match?.[1] ?? null;
}

/** The `/rest/...` path and query of a URI given relative or absolute, else null. */
function appliancePath(uri: string): string | null {
  let url: URL;
  try {
    url = new URL(uri, 'http://appliance.invalid');
  } catch {
    return null;
  }
  return url.pathname.startsWith('/rest/') ? url.pathname + url.search : null;
}

function joinUrl(base: string, path: string): string {
  return base.replace(/\/+$/, '') + path;
}
