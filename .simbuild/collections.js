"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.renderCollection = renderCollection;
/**
 * Renders one page: `total` counts every match, `count` the members returned, at most
 * `pageSize` whatever `count` asked. Page URIs carry the request's other parameters;
 * `nextPageUri` is null on the last page. Members are spliced in as pre-rendered JSON.
 */
function renderCollection(source, query, pageSize) {
    const matches = selectMatches(source, query);
    const limit = query.count < 0 ? pageSize : Math.min(query.count, pageSize);
    const page = matches.slice(query.start, query.start + limit);
    const countText = String(query.count);
    const uriAt = (start) => buildPageUri(source.path, start, countText, query);
    const end = query.start + page.length;
    const next = limit > 0 && end < matches.length ? uriAt(end) : null;
    const prev = query.start > 0 ? uriAt(Math.max(0, query.start - Math.max(limit, 1))) : null;
    const head = {
        type: source.type,
        uri: uriAt(query.start),
        category: source.category,
        start: query.start,
        count: page.length,
        total: matches.length,
    };
    const tail = { nextPageUri: next, prevPageUri: prev, created: null, modified: null, eTag: null };
    const members = page.map((item) => source.render(item)).join(',');
    return `${JSON.stringify(head).slice(0, -1)},"members":[${members}],${JSON.stringify(tail).slice(1)}`;
}
function selectMatches(source, query) {
    const { filters, comparator } = query;
    let matches = filters.length === 0
        ? source.items.slice()
        : source.items.filter((item) => {
            const view = source.view(item);
            return filters.every((filter) => filter(view));
        });
    if (comparator)
        matches = matches.sort((a, b) => comparator(source.view(a), source.view(b)));
    return matches;
}
function buildPageUri(path, start, count, query) {
    const rest = query.carried.length > 0 ? `&${query.carried.join('&')}` : '';
    return `${path}?start=${start}&count=${count}${rest}`;
}
