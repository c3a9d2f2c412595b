"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.Router = void 0;
/**
 * Matches paths segment by segment among the routes of the same length and prefix, so a
 * lookup compares a handful of candidates whatever the size of the table.
 */
class Router {
    buckets = new Map();
    constructor(routes) {
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
    match(method, path) {
        const parts = path.split('/').slice(1);
        if (parts.length > 1 && parts[parts.length - 1] === '')
            parts.pop();
        const allow = [];
        let template = '';
        for (const candidate of this.buckets.get(bucketKey(parts)) ?? []) {
            const params = matchSegments(candidate.segments, parts);
            if (params === undefined)
                continue;
            template = candidate.route.pattern;
            if (candidate.route.method === method)
                return { route: candidate.route, params, template };
            allow.push(candidate.route.method);
        }
        return allow.length > 0 ? { allow, template } : undefined;
    }
}
exports.Router = Router;
function bucketKey(segments) {
    return `${segments.length}/${segments[0] ?? ''}/${segments[1] ?? ''}`;
}
function matchSegments(segments, parts) {
    const params = [];
    for (let index = 0; index < segments.length; index += 1) {
        const expected = segments[index];
        const actual = parts[index] ?? '';
        if (expected === null) {
            if (actual === '')
                return undefined;
            params.push(decodeSegment(actual));
        }
        else if (expected !== actual) {
            return undefined;
        }
    }
    return params;
}
function decodeSegment(segment) {
    try {
        return decodeURIComponent(segment);
    }
    catch {
        return segment;
    }
}
