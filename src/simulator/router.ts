import type { Handler } from './request-context';

/** One endpoint of the appliance. */
export interface Route {
  method: string;
  /** Path template; `{id}` matches one segment, e.g. `/rest/server-hardware/{id}/powerState`. */
  pattern: string;
  handle: Handler;
  /** Lowest X-API-Version serving it; default 3 (OneView 1.00), so a missing header is 404. */
  minVersion?: number;
  /** Needs a live session in `Auth`; default true. */
  auth?: boolean;
  /** Outside the versioned API: X-API-Version is not even read. */
  versionless?: boolean;
}

/** The route a request matched, with its `{id}` values; or the methods its path allows. */
export type RouteMatch =
  { route: Route; params: string[]; template: string } | { allow: string[]; template: string };

interface CompiledRoute {
  route: Route;
  segments: Array<string | null>;
}

/**
 * Matches paths segment by segment among the routes of the same length and prefix, so a
 * lookup compares a handful of candidates whatever the size of the table.
 */
export class Router {
  private readonly buckets = new Map<string, CompiledRoute[]>();

  constructor(routes: readonly Route[]) {
    for (const route of routes) {
      const segments = route.pattern
        .split('/')
        .slice(1)
        .map((part) => (part.startsWith('{') ? null : part));
      const key = bucketKey(segments);
      const bucket = this.buckets.get(key) ?? [];
      bucket.push({ route, segments });
      this.buckets.set(key, bucket);
    }
  }

  /** Finds the route for a method and path; undefined when no route has that path. */
  match(method: string, path: string): RouteMatch | undefined {
    const parts = path.split('/').slice(1);
    if (parts.length > 1 && parts[parts.length - 1] === '') parts.pop();
    const allow: string[] = [];
    let template = '';
    for (const candidate of this.buckets.get(bucketKey(parts)) ?? []) {
      const params = matchSegments(candidate.segments, parts);
      if (params === undefined) continue;
      template = candidate.route.pattern;
      if (candidate.route.method === method) return { route: candidate.route, params, template };
      allow.push(candidate.route.method);
    }
    return allow.length > 0 ? { allow, template } : undefined;
  }
}

function bucketKey(segments: ReadonlyArray<string | null>): string {
  return `${segments.length}/${segments[0] ?? ''}/${segments[1] ?? ''}`;
}

function matchSegments(
  segments: ReadonlyArray<string | null>,
  parts: string[],
): string[] | undefined {
  const params: string[] = [];
  for (let index = 0; index < segments.length; index += 1) {
    const expected = segments[index];
    const actual = parts[index] ?? '';
    if (expected === null) {
      if (actual === '') return undefined;
      params.push(decodeSegment(actual));
    } else if (expected !== actual) {
      return undefined;
    }
  }
  return params;
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
