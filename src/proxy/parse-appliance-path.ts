/** An appliance-face request target, checked and split. */
export type ApplianceTarget =
  { ok: true; applianceId: string; path: string; search: string } | { ok: false; reason: string };

const APPLIANCE_PREFIX = /^\/appliances\/([^/?#]+)(\/rest(?:\/[^?#]*)?)$/;

/**
 * Splits `/appliances/{id}/rest/...?query` into the appliance id, the appliance path and
 * the query (unchanged). A request line in absolute form is read by its path alone: its
 * host is never a target. Nothing may leave `/rest/`: dot segments, encoded separators,
 * backslashes and NUL bytes are refused.
 */
export function parseAppliancePath(rawTarget: string): ApplianceTarget {
  const target = originForm(rawTarget);
  if (target === null) return { ok: false, reason: 'the request target is not a path' };

  const queryAt = target.indexOf('?');
  const pathPart = queryAt === -1 ? target : target.slice(0, queryAt);
  const search = queryAt === -1 ? '' : target.slice(queryAt);

  const match = APPLIANCE_PREFIX.exec(pathPart);
  if (!match) return { ok: false, reason: 'expected /appliances/{id}/rest/{path}' };
  const [, applianceId = '', path = ''] = match;

  const unsafe = findUnsafeSegment(path);
  if (unsafe !== null) return { ok: false, reason: unsafe };
  return { ok: true, applianceId, path, search };
}

/** Tells whether a request target belongs to the appliance face, before any parsing. */
export function isApplianceFaceTarget(rawTarget: string): boolean {
  const target = originForm(rawTarget);
  return target !== null && /^\/appliances\/[^/?#]+\/rest(?:[/?#]|$)/.test(target);
}

const ABSOLUTE_FORM = /^https?:\/\/[^/?#]*/i;

/**
 * Reduces an absolute-form target (`https://host/rest/x`) to its origin form (`/rest/x`);
 * the host is dropped on purpose (SECURITY: it must never choose where the gateway connects).
 * The rest is kept as sent: a URL parser would resolve `..` and backslashes before the
 * checks below could refuse them, and would re-encode the query.
 */
export function originForm(rawTarget: string): string | null {
  if (rawTarget.startsWith('/')) return rawTarget;
  const authority = ABSOLUTE_FORM.exec(rawTarget);
  if (!authority) return null;
  const rest = rawTarget.slice(authority[0].length);
  if (rest === '' || rest.startsWith('?')) return `/${rest}`;
  return rest.startsWith('/') ? rest : null;
}

/** Returns why a path could escape its prefix, or null when it cannot. */
export function findUnsafeSegment(path: string): string | null {
  if (/%2f|%5c|\\/i.test(path)) return 'encoded or backslash path separators are not allowed';
  if (/%00|\0/.test(path)) return 'NUL bytes are not allowed in a path';

  if (/[\t\r\n]/.test(path)) return 'control characters are not allowed in a path';

  for (const segment of path.split('/')) {
    // Servlet containers read `..;param` as `..`, so the part before `;` is what counts.
    const decoded = decodeSegment(segment.split(';')[0] ?? '');
    if (decoded === null) return 'the path has an invalid percent-encoding';
    if (decoded === '.' || decoded === '..') return 'dot segments are not allowed in a path';
  }
  return null;
}

function decodeSegment(segment: string): string | null {
  try {
    return decodeURIComponent(segment);
  } catch {
    return null;
  }
}
