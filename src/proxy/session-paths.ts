/** OneView's session routes: login, token reuse, logout, and the session settings. */
const SESSION_COLLECTIONS = new Set(['login-sessions', 'sessions']);

/**
 * Tells whether an appliance path works on sessions themselves rather than resources. The
 * path is read as a servlet container would: percent-encoding decoded, `;parameters`
 * dropped and case ignored, so that `/rest/%6cogin-sessions;x` counts too.
 */
export function isSessionPath(path: string): boolean {
  const [, rest, collection] = path.split('?')[0]?.split('/').map(readSegment) ?? [];
  return rest === 'rest' && collection !== undefined && SESSION_COLLECTIONS.has(collection);
}

function readSegment(segment: string): string {
  const bare = segment.split(';')[0] ?? '';
  try {
    return decodeURIComponent(bare).toLowerCase();
  } catch {
    return bare.toLowerCase();
  }
}
